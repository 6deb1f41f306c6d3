"""A missed arrangement's "Better" is a line to say, naming what to confirm."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.paths import REFERENCE
from tutor.dialogue import Call
from tutor.feedback import evaluate
from tutor.play.paths import play
from tutor.scenario.loader import check_text
from tutor.scenario.sources import scenario_dirs
from tutor.signals import build_detector


def test_a_missed_arrangement_gets_a_line_that_confirms_its_facts() -> None:
    # Without the call's own better lines, the generic one is built from its facts.
    text = re.sub(r"(?m)^\s*better: .*\n", "", REFERENCE.read_text("utf-8"))
    scenario, problems = check_text(text, Path("reference-call.yaml"))
    assert scenario is not None, [p.format() for p in problems]
    call = play(Call(scenario, build_detector(scenario_dirs())), "rushed")
    [steps] = [p for p in evaluate(call).principles if p.principle == "next_steps"]
    labels = [fact.label for fact in scenario.rubric.facts]
    assert steps.better is not None
    assert steps.better.startswith("Before we hang up, let me just confirm ")
    assert all(label in steps.better for label in labels)
    assert "say out loud" not in steps.better
