"""Defaults of the scenario format: declared once in the model, stated by the schema and docs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.paths import REPO
from tutor.scenario.loader import check_text
from tutor.scenario.model import Farewell, Rubric
from tutor.scenario.schema import SCENARIO
from tutor.scenario.spec import Key, ListOf, Record, Spec

GUIDE = REPO / "docs" / "scenario-format.md"


def key_at(path: str) -> Key:
    """The key at a path like ``steps[].other[].pause`` in the format."""
    spec: Spec = SCENARIO
    key = None
    for part in path.split("."):
        name, lists = part.rstrip("[]"), part.count("[]")
        assert isinstance(spec, Record), f"{path}: {name} is not in a record"
        key = spec.keys[name]
        spec = key.spec
        for _ in range(lists):
            assert isinstance(spec, ListOf), f"{path}: {name} is not a list"
            spec = spec.item
    assert key is not None
    return key


def documented_defaults() -> list[tuple[str, Any]]:
    """(key path, value) for each row of the guide's defaults table with a literal value."""
    text = GUIDE.read_text("utf-8")
    table = text[text.index("| key | default |"):].split("\n\n", 1)[0]
    rows = []
    for keys, value in re.findall(r"^\| (.+?) \| `([^`]+)` \|$", table, re.MULTILINE):
        rows += [(key, yaml.safe_load(value)) for key in re.findall(r"`([^`]+)`", keys)]
    return rows


def test_the_guide_states_defaults_in_a_table() -> None:
    assert len(documented_defaults()) >= 10


@pytest.mark.parametrize(("path", "value"), documented_defaults(), ids=lambda v: str(v))
def test_each_default_in_the_guide_is_the_formats(path: str, value: Any) -> None:
    assert key_at(path).default == value


def test_keys_left_out_take_the_models_defaults(minimal_scenario: str) -> None:
    scenario, problems = check_text(minimal_scenario, Path("minimal.yaml"))
    assert problems == [] and scenario is not None
    assert "pause" not in minimal_scenario and "pass_mark" not in minimal_scenario
    assert scenario.farewell == Farewell(scenario.farewell.text)
    assert scenario.rubric.pass_mark == Rubric(weights={}).pass_mark
