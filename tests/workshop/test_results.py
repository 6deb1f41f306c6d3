"""The workshop's results store: attempts tagged with workshop and participant, standings."""

from __future__ import annotations

import itertools
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tutor.store import open_store
from tutor.workshop.results import Standing, attempts, recorded_since, standings

_clock = itertools.count()


def attempt(scenario: str, total: int, verdicts: dict[str, tuple[float, int]], *,
            participant: str = "", workshop: str = "w") -> dict[str, Any]:
    """An attempt in the store's shape (``Attempt.to_store``); each one ends a second after
    the one made before it, so the store gives them back in the order they were made."""
    ended = datetime(2026, 11, 27, 10, tzinfo=UTC) + timedelta(seconds=next(_clock))
    return {"scenario_id": scenario, "lang": "en", "started_at": ended.isoformat(),
            "ended_at": ended.isoformat(), "front_end": "web", "hung_up_by": "other",
            "total": total, "pass_mark": 80, "passed": total >= 80,
            "participant": participant, "workshop": workshop,
            "principles": [{"id": p, "verdict": "met" if points == top else "missed",
                            "points": points, "max": top}
                           for p, (points, top) in verdicts.items()]}


def add(db: Path, *kept: dict[str, Any]) -> None:
    """Add attempts to the store at ``db`` as a participant's app does, one store each."""
    with open_store(db) as store:
        for one in kept:
            store.add(one)


def test_an_attempt_keeps_its_workshop_and_participant(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    add(db, attempt("a", 70, {"thanks": (10, 10)}, workshop="w1", participant="Ada"))
    [kept] = attempts(db)
    assert (kept["workshop"], kept["participant"], kept["total"]) == ("w1", "Ada", 70)


def test_standings_count_calls_and_give_last_best_and_weakest(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    for total, pace in ((60, 0.0), (90, 15.0), (75, 5.0)):
        add(db, attempt("a", total, {"pace": (pace, 15), "thanks": (10, 10)},
                        participant="Ada"))
    add(db, attempt("b", 40, {"pace": (15, 15), "thanks": (0, 10)}, participant="Bob"))
    assert standings(db) == [Standing("Ada", 3, 75, 90, "pace"),
                             Standing("Bob", 1, 40, 40, "thanks")]


def test_a_store_not_made_yet_has_no_standings(tmp_path: Path) -> None:
    assert standings(tmp_path / "none.sqlite3") == []
    assert recorded_since(tmp_path / "none.sqlite3", set()) == []
    assert not (tmp_path / "none.sqlite3").exists()


def test_thirty_apps_finishing_at_once_all_land(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    open_store(db).close()
    threads = [threading.Thread(target=add, args=(db, attempt("a", n, {}, participant=f"p{n}")))
               for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a["total"] for a in attempts(db)) == list(range(30))


def test_the_log_reads_only_what_came_after(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    seen: set[str] = set()
    add(db, attempt("a", 10, {}, participant="Ada"))
    [first] = recorded_since(db, seen)
    add(db, attempt("b", 20, {}, participant="Bob"))
    [second] = recorded_since(db, seen)
    assert (first.participant, second.participant, second.scenario_id, second.total) == (
        "Ada", "Bob", "b", 20)
    assert recorded_since(db, seen) == []
