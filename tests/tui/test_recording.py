"""Calls finished in any front end are recorded, and the library shows their best score."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from textual.widgets import OptionList

from tests.support.tui import open_library

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO / "tests" / "fixtures" / "reference-call.yaml"  # id: recruiter-call-en


async def test_the_library_shows_a_best_score_earned_in_plain_mode(tmp_path: Path) -> None:
    env = {**os.environ, "TUTOR_CONFIG_DIR": str(tmp_path), "PYTHONPATH": str(REPO)}
    env.pop("TUTOR_SCENARIOS", None)
    played = subprocess.run([sys.executable, "-m", "tutor", "play", str(REFERENCE), "--plain"],
                            input="1\n" * 6 + "\n\n", capture_output=True, text=True,
                            encoding="utf-8", env=env, cwd=REPO, timeout=60)
    assert "Passed with 100/100." in played.stdout, played.stderr
    async with open_library(tmp_path) as (_, library):
        scenarios = library.query_one("#scenarios", OptionList)
        rows = {c.id: str(scenarios.get_option_at_index(i).prompt)
                for i, c in enumerate(library.shown)}
        assert "best 100" in rows["recruiter-call-en"]
