"""The debrief of a call that leaves a principle out (weight 0) shows it as not scored."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Static

from tests.support.tui import build_app, dentist, play


async def test_a_principle_weighted_0_is_shown_as_not_scored(tmp_path: Path) -> None:
    base = dentist()
    weights = {**base.rubric.weights, "offer_help": 0}
    scenario = replace(base, rubric=replace(base.rubric, weights=weights))
    app = build_app(tmp_path, scenario=scenario, speed=1000.0)
    async with app.run_test(size=(100, 30)) as pilot:
        debrief = await play(pilot, app, "calm")
        assert debrief.evaluation.result("offer_help").verdict == "n/a"
        verdicts = [str(s.render()) for s in debrief.query(".principle > .verdict").results(Static)]
        assert any("not scored" in line for line in verdicts), verdicts
