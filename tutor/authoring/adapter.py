"""The one place the authoring tools reach into core APIs that are still moving.

Finding files, loading them, building the analyzer and playing scripts are being reshaped
elsewhere (sources, the play package, ``build_detector``); every other authoring module
imports them from here, so a move means editing only this file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tutor.play.paths import PathError, pick
from tutor.play.script import Action, ScriptError, parse_script, play_script
from tutor.scenario.loader import check_file
from tutor.scenario.model import Scenario
from tutor.scenario.sources import (
    UnknownScenario,
    bundled_dir,
    catalog,
    expand,
    files_in,
    scenario_dirs,
)
from tutor.scenario.sources import find as find_scenario
from tutor.signals import build_detector
from tutor.signals.types import SignalDetector

__all__ = [
    "Action",
    "PathError",
    "ScriptError",
    "UnknownScenario",
    "bundled_dir",
    "check_file",
    "detector",
    "files_in",
    "find_call",
    "ids_in",
    "library_dirs",
    "parse_script",
    "pick",
    "play_script",
    "scenario_files",
]

#: Folders replaced by the scenario files below them.
scenario_files = expand


def library_dirs(extra: Sequence[Path] = ()) -> list[Path]:
    """Every folder calls are loaded from: bundled first, then trainers' folders."""
    return scenario_dirs(extra)


def detector(extra: Sequence[Path] = ()) -> SignalDetector:
    """The line analyzer the app would use with these trainers' folders."""
    return build_detector(scenario_dirs(extra))


def ids_in(dirs: Sequence[Path]) -> list[tuple[Path, str]]:
    """(file, id) for every sound call below ``dirs`` (from the catalog's cached cards)."""
    return [(Path(c.path), c.id) for c in catalog(dirs) if c.valid]


def find_call(ref: str, extra: Sequence[Path] = ()) -> Scenario:
    """A call by id or file path; raises UnknownScenario, or ScenarioError for a bad file."""
    return find_scenario(ref, extra)
