"""Calls that share an id.

The library keeps one call per id (a later folder's file wins), so two files with one id hide
each other silently. ``validate`` and ``lint`` both report them from here: two files of the
trainer's with one id are an error; a trainer's file reusing a bundled id is a warning, since
replacing a bundled call can be meant.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tutor.scenario.sources import bundled_dir, catalog, scenario_dirs


@dataclass(frozen=True, slots=True)
class Clash:
    """File ``path`` has the id that ``other`` has too."""

    path: Path
    id: str
    other: Path
    overrides: bool  # ``path`` is a trainer's file and ``other`` the bundled call it replaces

    @property
    def severity(self) -> Literal["error", "warning"]:
        """``warning`` for a bundled call replaced, ``error`` for a plain duplicate."""
        return "warning" if self.overrides else "error"

    @property
    def message(self) -> str:
        """What is wrong, naming the other file."""
        if self.overrides:
            return f"overrides the bundled call {self.id!r} ({self.other})"
        return f"duplicate id {self.id!r}: also in {self.other}"

    @property
    def hint(self) -> str:
        """How to fix it."""
        if self.overrides:
            return "give this call its own id unless it is meant to replace the bundled one"
        return "every call needs its own id; rename one of them"


def clashes(checked: Iterable[tuple[Path, str]], extra_dirs: Sequence[Path] = ()) -> list[Clash]:
    """Each clash of a checked ``(file, id)`` with another file among every folder loaded.

    A bundled file is never blamed for a trainer's file that replaces it.
    """
    checked = list(checked)
    bundled = bundled_dir().resolve()
    owners: dict[str, list[Path]] = {}
    seen: set[Path] = set()
    loaded = [(Path(c.path), c.id) for c in catalog(scenario_dirs(extra_dirs)) if c.valid]
    for path, sid in [*loaded, *checked]:
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            owners.setdefault(sid, []).append(real)
    found: list[Clash] = []
    for path, sid in checked:
        me = path.resolve()
        mine_bundled = bundled in me.parents
        for other in owners.get(sid, []):
            other_bundled = bundled in other.parents
            if other == me or (mine_bundled and not other_bundled):
                continue
            found.append(Clash(path, sid, other, overrides=other_bundled and not mine_bundled))
    return found
