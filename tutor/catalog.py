"""A fast index of scenario files for listing: id, title, language... without a full load.

Validating every file at each start would cost tens of milliseconds, so each file's card is
cached by path, size and modification time under ``$XDG_CACHE_HOME/tutor``. A changed file is
validated again; a damaged or unwritable cache is simply ignored. This module avoids importing
the loader when every card is fresh, which keeps ``tutor list`` and the library screen quick.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple, Protocol, TypeVar

from tutor import __version__
from tutor.storage import cache_dir, write_atomic

SUFFIXES = (".yaml", ".yml")


class Card(NamedTuple):
    """What a listing shows of one scenario file."""

    path: str
    id: str
    title: str
    lang: str
    kind: str
    difficulty: str
    summary: str
    role: str  # the learner's
    goal: str
    other: str  # "name, role" of the other party
    tags: tuple[str, ...]
    problems: int  # 0 for a sound file; then the other fields are empty

    @property
    def valid(self) -> bool:
        """True when the file loaded without problems."""
        return self.problems == 0


def cache_file() -> Path:
    """Where the cards are kept between runs."""
    return cache_dir() / "catalog.json"


def files_in(dirs: Sequence[Path]) -> list[Path]:
    """Scenario files below ``dirs``, in a stable order (the loader's order too)."""
    found: list[Path] = []
    for folder in dirs:
        if folder.is_dir():
            found.extend(sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES
                                and not p.name.startswith(".") and p.is_file()))
    return found


def _stamp(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_mtime_ns, stat.st_size]


def _read_cache() -> dict[str, object]:
    try:
        data = json.loads(cache_file().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != __version__:
        return {}
    cards = data.get("cards")
    return cards if isinstance(cards, dict) else {}


def _write_cache(cards: dict[str, object]) -> None:
    with contextlib.suppress(OSError):  # a read-only home just means no cache
        write_atomic(cache_file(), json.dumps({"version": __version__, "cards": cards}))


def _card_of(path: Path) -> Card:
    from tutor.scenario.loader import check_file

    scenario, problems = check_file(path)
    if scenario is None:
        return Card(str(path), "", "", "", "", "", "", "", "", "", (), len(problems))
    return Card(str(path), scenario.id, scenario.title, scenario.lang, scenario.kind,
                scenario.difficulty, scenario.summary, scenario.learner.role,
                scenario.learner.goal, f"{scenario.other.name}, {scenario.other.role}",
                scenario.tags, 0)


def catalog(dirs: Sequence[Path]) -> list[Card]:
    """A card for every scenario file below ``dirs``, validating only changed files."""
    cached = _read_cache()
    cards: list[Card] = []
    fresh: dict[str, object] = {}
    changed = False
    for path in files_in(dirs):
        key = str(path.resolve())
        try:
            stamp = _stamp(path)
        except OSError:
            continue
        entry = cached.get(key)
        card = None
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == stamp:
            try:
                card = Card(*entry[1])._replace(path=str(path))
                card = card._replace(tags=tuple(card.tags))
            except TypeError:
                card = None  # written by another version of the card: read the file again
        if card is None:
            card = _card_of(path)
            changed = True
        fresh[key] = [stamp, list(card)]
        cards.append(card)
    if changed:
        # Cards of other folders stay (trainers switch between them); cards of files that
        # are gone are dropped here, the only time the cache is written.
        kept = {k: v for k, v in cached.items() if k not in fresh and os.path.exists(k)}
        _write_cache({**kept, **fresh})
    return cards


class Listed(Protocol):
    """What a listing orders by: a card or a whole scenario."""

    @property
    def id(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @property
    def title(self) -> str: ...


ListedT = TypeVar("ListedT", bound=Listed)


def one_per_id(items: Iterable[ListedT]) -> list[ListedT]:
    """One item per id (a later folder's file wins), sorted by language, then title."""
    by_id = {item.id: item for item in items}
    return sorted(by_id.values(), key=lambda i: (i.lang, i.title.casefold(), i.id))


def listing(cards: Sequence[Card]) -> list[Card]:
    """Valid cards, one per id, sorted for display."""
    return one_per_id(card for card in cards if card.valid)
