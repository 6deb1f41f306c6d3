"""The workshop's results store: attempts tagged with workshop and participant, standings."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from tutor.workshop.results import Standing, attempts, record_attempt, recorded_since, standings


def attempt(scenario: str, total: int, verdicts: dict[str, tuple[float, int]]) -> dict[str, Any]:
    """An attempt dict of the shape ``Attempt.to_dict`` gives."""
    return {"scenario_id": scenario, "scenario_hash": "", "lang": "en",
            "started_at": "2026-11-27T10:00:00+00:00", "front_end": "web", "transcript": [],
            "hung_up_first": "other", "total": total, "pass_mark": 80, "hints_used": 0,
            "participant": "",
            "principles": [{"principle": p, "verdict": "met" if points == top else "missed",
                            "points": points, "max_points": top}
                           for p, (points, top) in verdicts.items()]}


def test_an_attempt_keeps_its_workshop_and_participant(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    record_attempt(db, attempt("a", 70, {"thanks": (10, 10)}), workshop="w1", participant="Ada")
    [kept] = attempts(db)
    assert (kept["workshop"], kept["participant"], kept["total"]) == ("w1", "Ada", 70)


def test_standings_count_calls_and_give_last_best_and_weakest(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    for total, pace in ((60, 0.0), (90, 15.0), (75, 5.0)):
        record_attempt(db, attempt("a", total, {"pace": (pace, 15), "thanks": (10, 10)}),
                       workshop="w", participant="Ada")
    record_attempt(db, attempt("b", 40, {"pace": (15, 15), "thanks": (0, 10)}), workshop="w",
                   participant="Bob")
    assert standings(db) == [Standing("Ada", 3, 75, 90, "pace"),
                             Standing("Bob", 1, 40, 40, "thanks")]


def test_a_store_not_made_yet_has_no_standings(tmp_path: Path) -> None:
    assert standings(tmp_path / "none.sqlite3") == []
    assert recorded_since(tmp_path / "none.sqlite3", 0) == []


def test_thirty_apps_finishing_at_once_all_land(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    threads = [threading.Thread(target=record_attempt, args=(db, attempt("a", n, {})),
                                kwargs={"workshop": "w", "participant": f"p{n}"})
               for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a["total"] for a in attempts(db)) == list(range(30))


def test_the_log_reads_only_what_came_after(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    record_attempt(db, attempt("a", 10, {}), workshop="w", participant="Ada")
    record_attempt(db, attempt("b", 20, {}), workshop="w", participant="Bob")
    [second] = recorded_since(db, 1)
    assert (second.participant, second.scenario_id, second.total) == ("Bob", "b", 20)
