"""Scenario cards: what a listing shows of a file (id, title, language...), cached between runs.

Validating every file at each start would cost tens of milliseconds, so each file's card is
cached by path, size and modification time under ``$XDG_CACHE_HOME/tutor``. A changed file is
validated again; a damaged or unwritable cache is simply ignored.
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple compiles every string
# annotation, which costs more than the rest of this module at every start
# (tutor/tui/startup.py).

import contextlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from tutor import __version__
from tutor.storage import cache_dir, read_state, write_atomic


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


def _stamp(path: str) -> list[int]:
    stat = os.stat(path)
    return [stat.st_mtime_ns, stat.st_size]


def _read_cache() -> dict[str, object]:
    try:
        data = json.loads(read_state(cache_file()))
    except (OSError, ValueError):  # also a FIFO in its place (see read_state)
        return {}
    if not isinstance(data, dict) or data.get("version") != __version__:
        return {}
    cards = data.get("cards")
    return cards if isinstance(cards, dict) else {}


def _write_cache(cards: dict[str, object]) -> None:
    with contextlib.suppress(OSError):  # a read-only home just means no cache
        write_atomic(cache_file(), json.dumps({"version": __version__, "cards": cards}))


def _card_of(path: Path) -> Card:
    # Imported here, not above: when every card is fresh, `tutor list` and the library screen
    # never pay for YAML and the validator (the loader sits below this module; no cycle).
    from tutor.scenario.loader import check_file

    scenario, problems = check_file(path)
    if scenario is None:
        return Card(str(path), "", "", "", "", "", "", "", "", "", (), len(problems))
    return Card(str(path), scenario.id, scenario.title, scenario.lang, scenario.kind,
                scenario.difficulty, scenario.summary, scenario.learner.role,
                scenario.learner.goal, f"{scenario.other.name}, {scenario.other.role}",
                scenario.tags, 0)


def _cached_card(fields: object, path: str) -> Card | None:
    """The card a cache entry holds, or None when its shape is not a card's.

    The cache is JSON anyone can edit (or another version wrote): a number as a title would
    crash the listing's search much later, so every field's type is checked here.
    """
    if not isinstance(fields, list) or len(fields) != len(Card._fields):
        return None
    _, *texts, tags, problems = fields
    if not all(isinstance(text, str) for text in texts) or not isinstance(tags, list) or \
            not all(isinstance(tag, str) for tag in tags) or type(problems) is not int:
        return None
    return Card._make([path, *texts, tuple(tags), problems])  # where the file is now, not then


def read_cards(files: Sequence[Path]) -> list[Card]:
    """A card for each of ``files`` that can be read, validating only changed files."""
    cached = _read_cache()
    cards: list[Card] = []
    fresh: dict[str, object] = {}
    changed = False
    for file in files:
        path = str(file)
        try:
            stamp = _stamp(path)
        except OSError:
            continue
        key = os.path.abspath(path)  # the cache is shared by every working directory
        entry = cached.get(key)
        card = None
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == stamp:
            card = _cached_card(entry[1], path)
        if card is None:
            card = _card_of(file)
            changed = True
        fresh[key] = [stamp, list(card)]
        cards.append(card)
    if changed:
        # Cards of other folders stay (trainers switch between them); cards of files that
        # are gone are dropped here, the only time the cache is written.
        kept = {k: v for k, v in cached.items() if k not in fresh and os.path.exists(k)}
        _write_cache({**kept, **fresh})
    return cards
