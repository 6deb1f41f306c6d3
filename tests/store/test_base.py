"""What every attempt store does, run on SQLite and on a real PostgreSQL (``new_store``):
what goes in comes back, ids keep imports free of duplicates, stats follow the attempts."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.store.attempts import make_attempt
from tests.support.stores import NewStore
from tutor.store import ImportProblem, open_store


def test_an_attempt_comes_back_as_it_went_in(store_at: str | Path) -> None:
    attempt = make_attempt(id="a" * 32, extra_note={"kept": True})
    with open_store(store_at) as store:
        assert store.add(attempt) == "a" * 32
        (back,) = store.attempts()
    expected = attempt | {"started_at": back["started_at"], "ended_at": back["ended_at"]}
    assert back == expected
    assert back["principles"][1]["points"] == 7.5 and back["principles"][0]["points"] == 20


def test_best_scores_are_the_highest_total_per_call(store_at: str | Path) -> None:
    with open_store(store_at) as store:
        for sid, total in [("a", 40), ("a", 90), ("a", 60), ("b", 10)]:
            store.add(make_attempt(scenario_id=sid, total=total))
        assert store.best_scores() == {"a": 90, "b": 10}


def test_attempts_are_newest_first_and_filtered_by_call_and_limit(store_at: str | Path) -> None:
    with open_store(store_at) as store:
        ids = [store.add(make_attempt(scenario_id=sid)) for sid in "abab"]
        assert [a["id"] for a in store.attempts()] == ids[::-1]
        assert [a["id"] for a in store.attempts("a")] == [ids[2], ids[0]]
        assert [a["id"] for a in store.attempts(limit=1)] == [ids[3]]
        assert [a["principles"] for a in store.attempts("b", limit=1)] == [
            make_attempt()["principles"]]


def test_the_next_page_starts_just_past_the_attempt_it_is_given(store_at: str | Path) -> None:
    with open_store(store_at) as store:
        ids = [store.add(make_attempt(scenario_id=sid)) for sid in "ababab"]
        newest = ids[::-1]
        assert [a["id"] for a in store.attempts(limit=2, after=newest[1])] == newest[2:4]
        assert [a["id"] for a in store.attempts(after=ids[1], oldest_first=True)] == ids[2:]
        assert [a["id"] for a in store.attempts("a", after=ids[4])] == [ids[2], ids[0]]


def test_a_page_is_not_shifted_by_an_attempt_added_meanwhile(store_at: str | Path) -> None:
    with open_store(store_at) as store:
        ids = [store.add(make_attempt()) for _ in range(4)]
        first = store.attempts(limit=2)
        store.add(make_attempt())  # newer than all of them
        following = store.attempts(limit=2, after=first[-1]["id"])
        assert [a["id"] for a in first + following] == ids[::-1]


def test_a_page_after_an_attempt_not_stored_is_empty(store_at: str | Path) -> None:
    with open_store(store_at) as store:
        store.add(make_attempt())
        assert store.attempts(after="no-such-attempt") == []


def test_the_principles_alone_are_the_principles_of_the_stats(store_at: str | Path) -> None:
    with open_store(store_at) as store:
        for verdict, points in [("met", 20), ("missed", 0), ("partly", 10)]:
            store.add(make_attempt(principles=[
                {"id": "pace", "verdict": verdict, "points": points, "max": 20},
                {"id": "thanks", "verdict": "met", "points": 15, "max": 15}]))
        assert store.principles() == store.stats().principles
        assert [p.principle for p in store.principles()] == ["pace", "thanks"]


def test_stats_follow_the_time_attempts_ended_not_the_order_they_were_added(
        store_at: str | Path) -> None:
    def pace(verdict: str, points: int) -> list[dict[str, object]]:
        return [{"id": "pace", "verdict": verdict, "points": points, "max": 20}]

    with open_store(store_at) as store:
        store.add(make_attempt(total=90, ended_at="2026-03-05T10:00:00Z",
                               principles=pace("met", 20)))
        store.add(make_attempt(total=30, ended_at="2026-03-01T10:00:00Z",  # imported later
                               principles=pace("missed", 0)))
        store.add(make_attempt(scenario_id="b", total=50, ended_at="2026-03-03T10:00:00Z",
                               principles=pace("partly", 10)))
        stats = store.stats()
    (p,) = stats.principles
    assert (p.first, p.latest, p.best, p.trend) == (0, 100, 100, (0, 50, 100))
    b, a = stats.calls  # in id order
    assert (a.scenario_id, a.attempts, a.best, a.last) == ("sales-call", 2, 90, 90)
    assert (b.scenario_id, b.attempts, b.best, b.last) == ("b", 1, 50, 50)
    assert stats.attempts == 3


def test_adding_the_same_attempt_twice_keeps_one(store_at: str | Path) -> None:
    attempt = make_attempt()
    with open_store(store_at) as store:
        first = store.add(attempt)
        attempt["id"] = first
        store.add(attempt)
        assert store.count() == 1


def test_export_then_import_elsewhere_copies_every_attempt_once(new_store: NewStore) -> None:
    with open_store(new_store()) as one:
        for sid in "abc":
            one.add(make_attempt(scenario_id=sid))
        exported = io.StringIO()
        assert one.export_jsonl(exported) == 3
        originals = one.attempts()
    with open_store(new_store()) as two:
        two.add(make_attempt(scenario_id="d"))
        assert two.import_jsonl(io.StringIO(exported.getvalue())) == (3, 0)
        assert two.import_jsonl(io.StringIO(exported.getvalue())) == (0, 3)
        assert [a for a in two.attempts() if a["scenario_id"] != "d"] == originals


def test_imported_attempts_count_in_stats_once(new_store: NewStore) -> None:
    with open_store(new_store()) as one:
        one.add(make_attempt())
        one.add(make_attempt(scenario_id="b"))
        exported = io.StringIO()
        one.export_jsonl(exported)
        expected = one.stats()
    with open_store(new_store()) as two:
        two.import_jsonl(io.StringIO(exported.getvalue()))
        two.import_jsonl(io.StringIO(exported.getvalue()))
        assert two.stats() == expected


def test_an_import_with_a_bad_line_names_it_and_adds_nothing(store_at: str | Path) -> None:
    good = json.dumps(make_attempt())
    text = f"{good}\n{{\"scenario_id\": \n{json.dumps(make_attempt(total=300))}\n"
    with open_store(store_at) as store:
        with pytest.raises(ImportProblem) as problem:
            store.import_jsonl(io.StringIO(text), "moved.jsonl")
        assert store.count() == 0
    said = str(problem.value)
    assert "moved.jsonl:2:17: not valid JSON" in said
    assert "moved.jsonl:3:1: total must be a whole number from 0 to 100" in said


def test_clear_deletes_every_attempt_and_says_how_many(store_at: str | Path) -> None:
    with open_store(store_at) as store:
        store.add(make_attempt())
        store.add(make_attempt())
        assert store.clear() == 2
        assert (store.count(), store.attempts(), store.best_scores()) == (0, [], {})
        assert (store.stats().principles, store.stats().calls) == ((), ())
