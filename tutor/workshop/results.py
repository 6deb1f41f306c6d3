"""What the trainer reads from the workshop's store while it runs and after it.

The store is the ordinary attempt store (:mod:`tutor.store`): one SQLite file in WAL mode, or
a PostgreSQL database that several workshop servers share (named by a ``postgresql://`` URL).
Every participant's app adds its attempts through ``tutor.session.record`` with the
participant and workshop set, and readers such as the dashboard never block those writers.
This module only turns the store's attempts (the shape of :mod:`tutor.store.record`) into
the trainer's rows. Plain Python.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from tutor.feedback.principles import name_key
from tutor.locale import catalogue
from tutor.principles import Principle
from tutor.store import AttemptStore, is_database_url, open_store


@dataclass(frozen=True, slots=True)
class Standing:
    """One participant's row on the trainer's dashboard."""

    participant: str
    calls: int
    last: int
    best: int
    weakest: str  # a principle id; "" while nothing has been scored


@dataclass(frozen=True, slots=True)
class Recorded:
    """One attempt as the log of a server without its table shows it."""

    id: str
    participant: str
    scenario_id: str
    total: int


def principle_title(principle: str) -> str:
    """A principle's name as the debrief shows it in English; an id this tutor does not know
    (from a newer one's store) stays as it is, and "" stays ""."""
    return catalogue("en").get(name_key(cast(Principle, principle)), principle)


def open_for_writing(where: str | Path) -> AttemptStore:
    """Open the store at ``where``, making it (and a file's folder) if it is not there yet.
    Raises ``tutor.store.StoreError`` or ``OSError``."""
    if not is_database_url(where):
        Path(where).parent.mkdir(parents=True, exist_ok=True)
    return open_store(where)


def create(where: str | Path) -> None:
    """Make the store if it is not there yet; the server does it at start so that a store it
    cannot write fails before anyone joins. Raises ``tutor.store.StoreError`` or ``OSError``."""
    open_for_writing(where).close()


@contextlib.contextmanager
def _reading(where: str | Path) -> Iterator[AttemptStore | None]:
    # Reading must not make a store file where there is none (a mistyped report path); a
    # database is there already, whether or not it has the store's tables yet.
    if not is_database_url(where):
        path = Path(where)
        if not path.is_file() or path.stat().st_size == 0:
            yield None
            return
    with open_store(where) as store:
        yield store


def attempts(where: str | Path) -> list[dict[str, Any]]:
    """Every attempt in the store at ``where`` (the store's shape), oldest first."""
    with _reading(where) as store:
        return [] if store is None else store.attempts(oldest_first=True)


def _weakest(history: list[dict[str, Any]]) -> str:
    """The principle with the lowest share of the points it could earn (n/a never counts)."""
    earned: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for attempt in history:
        for verdict in attempt["principles"]:
            if verdict["verdict"] != "n/a" and verdict["max"]:
                earned[verdict["id"]][0] += verdict["points"]
                earned[verdict["id"]][1] += verdict["max"]
    return min(earned, key=lambda p: (earned[p][0] / earned[p][1], p), default="")


def standings(where: str | Path) -> list[Standing]:
    """Every participant's calls, last and best score and weakest principle, by name."""
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for attempt in attempts(where):
        by_name[attempt["participant"]].append(attempt)
    return [Standing(name, len(history), history[-1]["total"],
                     max(a["total"] for a in history), _weakest(history))
            for name, history in sorted(by_name.items())]


def recorded_since(where: str | Path, seen: set[str]) -> list[Recorded]:
    """Attempts whose id is not in ``seen``, oldest first; their ids are added to it."""
    new = [Recorded(a["id"], a["participant"], a["scenario_id"], a["total"])
           for a in attempts(where) if a["id"] not in seen]
    seen.update(r.id for r in new)
    return new
