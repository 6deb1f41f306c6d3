"""Where scenarios are found: the bundled calls, trainers' folders, and single files."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from tutor.scenario.model import Scenario
    from tutor.scenario.problems import Problem

ENV_VAR = "TUTOR_SCENARIOS"


def bundled_dir() -> Path:
    """The folder of bundled scenarios, in an installed wheel or in a source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "_bundled_scenarios"
    return installed if installed.is_dir() else here.parent / "scenarios"


def scenario_dirs(extra: Sequence[Path] = ()) -> list[Path]:
    """Bundled folder first, then ``$TUTOR_SCENARIOS`` folders, then ``extra``."""
    dirs = [bundled_dir()]
    dirs += [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    dirs += list(extra)
    return dirs


class Entry(NamedTuple):
    """One file found: its scenario when it loads, otherwise its problems."""

    path: Path
    scenario: Scenario | None
    problems: tuple[Problem, ...]


class UnknownScenario(LookupError):
    """No scenario has that id and no file has that path."""


class Library:
    """Every scenario file in a set of folders; later folders override earlier ids."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> Library:
        """Load the bundled scenarios plus trainers' folders."""
        from tutor.catalog import files_in
        from tutor.scenario.loader import check_file

        entries = []
        for path in files_in(scenario_dirs(extra)):
            scenario, problems = check_file(path)
            entries.append(Entry(path, scenario, tuple(problems)))
        return cls(entries)

    @property
    def scenarios(self) -> list[Scenario]:
        """The valid scenarios, one per id (a trainer's file wins over a bundled one)."""
        from tutor.catalog import one_per_id

        return one_per_id(e.scenario for e in self.entries if e.scenario is not None)

    @property
    def broken(self) -> list[Entry]:
        """Files that did not load."""
        return [e for e in self.entries if e.scenario is None]

    def find(self, ref: str) -> Scenario:
        """A scenario by id, or by the path of a file; raises ScenarioError for a bad file."""
        scenarios = self.scenarios
        for scenario in scenarios:
            if scenario.id == ref:
                return scenario
        return _by_path(ref, [s.id for s in scenarios])


def find_scenario(ref: str, extra: Sequence[Path] = ()) -> Scenario:
    """Like ``Library.find``, but reads only the one file (ids come from the catalog)."""
    from tutor.catalog import catalog, listing
    from tutor.scenario.loader import load_scenario

    cards = listing(catalog(scenario_dirs(extra)))
    for card in cards:
        if card.id == ref:
            return load_scenario(Path(card.path))
    return _by_path(ref, [c.id for c in cards])


def _by_path(ref: str, known_ids: list[str]) -> Scenario:
    path = Path(ref)
    if path.suffix in (".yaml", ".yml") or os.sep in ref or path.is_file():
        if not path.is_file():
            raise UnknownScenario(f"no such file: {ref}")
        from tutor.scenario.loader import load_scenario

        return load_scenario(path)
    ids = ", ".join(known_ids) or "none"
    raise UnknownScenario(f"no scenario with id {ref!r}; {_suggest_id(ref, known_ids)}"
                          f"known ids: {ids}")


def _suggest_id(ref: str, known_ids: list[str]) -> str:
    from tutor.suggest import did_you_mean  # only on this error: every start reads this module

    # Most often the language is missing: "sales-call" for sales-call-en and sales-call-ru.
    variants = [i for i in known_ids if i.startswith(ref + "-")]
    if variants:
        return "did you mean " + " or ".join(repr(i) for i in variants[:3]) + "? "
    return did_you_mean(ref, known_ids)
