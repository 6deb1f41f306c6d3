"""Load scenario files: text in, a validated ``Scenario`` or every problem found out.

The stages, each in its own module: ``tutor.safe_yaml`` (bytes to a safe YAML node tree), ``schema``
(types, required and unknown keys), ``graph`` (how the steps link up), then ``build`` (the
model). Finding files is ``tutor.scenario.sources``' job, not this module's.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from tutor.safe_text import clip
from tutor.safe_yaml import FileKind, compose, read_text
from tutor.scenario.build import build
from tutor.scenario.graph import check_steps
from tutor.scenario.model import DEFAULT_WEIGHTS, Scenario
from tutor.scenario.problems import Collector, Problem, ScenarioError
from tutor.scenario.schema import SCENARIO
from tutor.scenario.spec import Fields

#: How refusals of the safe YAML reader name a scenario file.
SCENARIO_FILE = FileKind(name="scenario files",
                         start="start from the example in docs/scenario-format.md",
                         top="a mapping of keys (id:, title:, ...)")


def load_scenario(path: Path) -> Scenario:
    """Load and validate one file; raise ScenarioError listing every problem."""
    scenario, problems = check_file(path)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario


def check_file(path: Path) -> tuple[Scenario | None, list[Problem]]:
    """Validate one file: the scenario when it is sound, and every problem found."""
    out = Collector(path)
    text = read_text(path, out, SCENARIO_FILE)
    if text is None:
        return None, out.problems
    return _check(text, out)


def check_text(text: str, path: Path) -> tuple[Scenario | None, list[Problem]]:
    """Validate scenario ``text``; ``path`` names it in problems and becomes its source."""
    return _check(text, Collector(path))


def _check(text: str, out: Collector) -> tuple[Scenario | None, list[Problem]]:
    root = compose(text, out, SCENARIO_FILE)
    if root is None:
        return None, out.problems
    raw = SCENARIO.convert(root, out.node)
    if raw is not None and check_steps(raw, out):
        _check_rubric(raw.get("rubric"), {step["id"] for step in raw["steps"]}, out)
    if raw is None or out.problems:
        out.problems.sort(key=lambda p: (p.line, p.column))
        return None, out.problems
    return build(raw, out.path), []


def _check_rubric(rubric: Fields | None, steps: set[str], out: Collector) -> None:
    if not rubric:
        return
    weights = rubric.get("weights")
    # Weights not written keep their defaults, so only zeroing all seven leaves no points.
    if weights is not None and not any({**DEFAULT_WEIGHTS, **weights}.values()):
        out.node(rubric.value_nodes["weights"], "every weight is 0",
                 "give at least one principle some points")
    seen: dict[str, yaml.Node] = {}
    for fact in rubric.get("facts", []):
        if fact and "id" in fact:
            if fact["id"] in seen:
                out.node(fact.value_nodes["id"], f"duplicate fact id {clip(fact['id'])!r}",
                         "fact ids must be unique")
            seen[fact["id"]] = fact.value_nodes["id"]
        if fact and fact.get("step") is not None and fact["step"] not in steps:
            out.node(fact.value_nodes["step"], f"fact step {fact['step']!r} is not a step of "
                     "this call", "name the id of the step that brings the fact up")
