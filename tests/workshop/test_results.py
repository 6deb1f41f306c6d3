"""The workshop's results store: attempts tagged with workshop and participant, standings."""

from __future__ import annotations

import itertools
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.stores import fresh_database
from tests.workshop.helpers import cmdline, start_workshop
from tutor.store import open_store
from tutor.workshop.probe import Participant
from tutor.workshop.results import Standing, attempts, recorded_since, standings

_clock = itertools.count()


@pytest.fixture
def db(store_at: str | Path) -> str | Path:
    """The workshop's store: a file, then a PostgreSQL database."""
    return store_at


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


def add(db: str | Path, *kept: dict[str, Any]) -> None:
    """Add attempts to the store at ``db`` as a participant's app does, one store each."""
    with open_store(db) as store:
        for one in kept:
            store.add(one)


def test_an_attempt_keeps_its_workshop_and_participant(db: str | Path) -> None:
    add(db, attempt("a", 70, {"thanks": (10, 10)}, workshop="w1", participant="Ada"))
    [kept] = attempts(db)
    assert (kept["workshop"], kept["participant"], kept["total"]) == ("w1", "Ada", 70)


def test_standings_count_calls_and_give_last_best_and_weakest(db: str | Path) -> None:
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


def test_thirty_apps_finishing_at_once_all_land(db: str | Path) -> None:
    open_store(db).close()
    threads = [threading.Thread(target=add, args=(db, attempt("a", n, {}, participant=f"p{n}")))
               for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a["total"] for a in attempts(db)) == list(range(30))


def test_the_log_reads_only_what_came_after(db: str | Path) -> None:
    seen: set[str] = set()
    add(db, attempt("a", 10, {}, participant="Ada"))
    [first] = recorded_since(db, seen)
    add(db, attempt("b", 20, {}, participant="Bob"))
    [second] = recorded_since(db, seen)
    assert (first.participant, second.participant, second.scenario_id, second.total) == (
        "Ada", "Bob", "b", 20)
    assert recorded_since(db, seen) == []


async def test_two_servers_gather_their_participants_in_one_postgresql_database(
        tmp_path: Path) -> None:
    with fresh_database() as url:
        # As the README says: the password goes by PGPASSWORD, never on a command line.
        parts = urlsplit(url)
        bare = url.replace(f":{parts.password}@", "@", 1) if parts.password else url
        env = {"PGPASSWORD": parts.password or ""}
        servers = []
        for name in ("one", "two"):
            (tmp_path / name).mkdir()
            servers.append(start_workshop(tmp_path / name, "--db", bare, env=env))
        one, two = servers
        try:
            async with Participant(one.join_url) as ada, Participant(two.join_url) as bob:
                await ada.join("Ada")
                await bob.join("Bob")
                # The URL reaches the app through its environment (the results below show
                # it arrived), never through a command line anyone can read in ps.
                processes = [*one.app_pids(), one.starter_pid() or one.process.pid]
                assert all(bare not in " ".join(cmdline(pid)) for pid in processes)
                await ada.play("minimal")
                await bob.play("minimal")
                one.wait_for_line("Ada: minimal-call")
                two.wait_for_line("Bob: minimal-call")
        finally:
            one.stop()
            two.stop()
        assert [(s.participant, s.calls) for s in standings(url)] == [("Ada", 1), ("Bob", 1)]
