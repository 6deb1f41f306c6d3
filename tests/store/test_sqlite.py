"""The attempt store on a real SQLite file: what goes in comes back, and damage is reported."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import tutor.store.sqlite as store_sqlite
from tests.store.attempts import make_attempt
from tests.support.paths import REPO
from tests.support.processes import tutor_env
from tutor.store import (
    SCHEMA_VERSION,
    ImportProblem,
    StoreUnavailable,
    StoreWriteError,
    open_store,
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "attempts.sqlite3"


def test_an_attempt_comes_back_as_it_went_in(db: Path) -> None:
    attempt = make_attempt(id="a" * 32, extra_note={"kept": True})
    with open_store(db) as store:
        assert store.add(attempt) == "a" * 32
        (back,) = store.attempts()
    expected = attempt | {"started_at": back["started_at"], "ended_at": back["ended_at"]}
    assert back == expected
    assert back["principles"][1]["points"] == 7.5 and back["principles"][0]["points"] == 20


def test_the_file_is_created_in_wal_mode_at_the_current_schema(db: Path) -> None:
    open_store(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_best_scores_are_the_highest_total_per_call(db: Path) -> None:
    with open_store(db) as store:
        for sid, total in [("a", 40), ("a", 90), ("a", 60), ("b", 10)]:
            store.add(make_attempt(scenario_id=sid, total=total))
        assert store.best_scores() == {"a": 90, "b": 10}


def test_attempts_are_newest_first_and_filtered_by_call_and_limit(db: Path) -> None:
    with open_store(db) as store:
        ids = [store.add(make_attempt(scenario_id=sid)) for sid in "abab"]
        assert [a["id"] for a in store.attempts()] == ids[::-1]
        assert [a["id"] for a in store.attempts("a")] == [ids[2], ids[0]]
        assert [a["id"] for a in store.attempts(limit=1)] == [ids[3]]
        assert [a["principles"] for a in store.attempts("b", limit=1)] == [
            make_attempt()["principles"]]


def test_the_next_page_starts_just_past_the_attempt_it_is_given(db: Path) -> None:
    with open_store(db) as store:
        ids = [store.add(make_attempt(scenario_id=sid)) for sid in "ababab"]
        newest = ids[::-1]
        assert [a["id"] for a in store.attempts(limit=2, after=newest[1])] == newest[2:4]
        assert [a["id"] for a in store.attempts(after=ids[1], oldest_first=True)] == ids[2:]
        assert [a["id"] for a in store.attempts("a", after=ids[4])] == [ids[2], ids[0]]


def test_a_page_is_not_shifted_by_an_attempt_added_meanwhile(db: Path) -> None:
    with open_store(db) as store:
        ids = [store.add(make_attempt()) for _ in range(4)]
        first = store.attempts(limit=2)
        store.add(make_attempt())  # newer than all of them
        following = store.attempts(limit=2, after=first[-1]["id"])
        assert [a["id"] for a in first + following] == ids[::-1]


def test_a_page_after_an_attempt_not_stored_is_empty(db: Path) -> None:
    with open_store(db) as store:
        store.add(make_attempt())
        assert store.attempts(after="no-such-attempt") == []


def test_the_principles_alone_are_the_principles_of_the_stats(db: Path) -> None:
    with open_store(db) as store:
        for verdict, points in [("met", 20), ("missed", 0), ("partly", 10)]:
            store.add(make_attempt(principles=[
                {"id": "pace", "verdict": verdict, "points": points, "max": 20},
                {"id": "thanks", "verdict": "met", "points": 15, "max": 15}]))
        assert store.principles() == store.stats().principles
        assert [p.principle for p in store.principles()] == ["pace", "thanks"]


def test_stats_follow_the_time_attempts_ended_not_the_order_they_were_added(db: Path) -> None:
    def pace(verdict: str, points: int) -> list[dict[str, object]]:
        return [{"id": "pace", "verdict": verdict, "points": points, "max": 20}]

    with open_store(db) as store:
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


def test_adding_the_same_attempt_twice_keeps_one(db: Path) -> None:
    attempt = make_attempt()
    with open_store(db) as store:
        first = store.add(attempt)
        attempt["id"] = first
        store.add(attempt)
        assert store.count() == 1


def test_export_then_import_elsewhere_copies_every_attempt_once(tmp_path: Path) -> None:
    with open_store(tmp_path / "one.sqlite3") as one:
        for sid in "abc":
            one.add(make_attempt(scenario_id=sid))
        exported = io.StringIO()
        assert one.export_jsonl(exported) == 3
        originals = one.attempts()
    with open_store(tmp_path / "two.sqlite3") as two:
        two.add(make_attempt(scenario_id="d"))
        assert two.import_jsonl(io.StringIO(exported.getvalue())) == (3, 0)
        assert two.import_jsonl(io.StringIO(exported.getvalue())) == (0, 3)
        assert [a for a in two.attempts() if a["scenario_id"] != "d"] == originals


def test_imported_attempts_count_in_stats_once(tmp_path: Path) -> None:
    with open_store(tmp_path / "one.sqlite3") as one:
        one.add(make_attempt())
        one.add(make_attempt(scenario_id="b"))
        exported = io.StringIO()
        one.export_jsonl(exported)
        expected = one.stats()
    with open_store(tmp_path / "two.sqlite3") as two:
        two.import_jsonl(io.StringIO(exported.getvalue()))
        two.import_jsonl(io.StringIO(exported.getvalue()))
        assert two.stats() == expected


def test_an_import_with_a_bad_line_names_it_and_adds_nothing(db: Path) -> None:
    good = json.dumps(make_attempt())
    text = f"{good}\n{{\"scenario_id\": \n{json.dumps(make_attempt(total=300))}\n"
    with open_store(db) as store:
        with pytest.raises(ImportProblem) as problem:
            store.import_jsonl(io.StringIO(text), "moved.jsonl")
        assert store.count() == 0
    said = str(problem.value)
    assert "moved.jsonl:2:17: not valid JSON" in said
    assert "moved.jsonl:3:1: total must be a whole number from 0 to 100" in said


def test_clear_deletes_every_attempt_and_says_how_many(db: Path) -> None:
    with open_store(db) as store:
        store.add(make_attempt())
        store.add(make_attempt())
        assert store.clear() == 2
        assert (store.count(), store.attempts(), store.best_scores()) == (0, [], {})
        assert (store.stats().principles, store.stats().calls) == ((), ())


def test_a_file_at_schema_version_0_is_migrated_forward(db: Path) -> None:
    db.parent.mkdir()
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE unrelated (x)")  # a real database, but never a store
    conn.commit()
    conn.close()
    with open_store(db) as store:
        store.add(make_attempt())
        assert store.count() == 1
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"attempt", "verdict", "unrelated"} <= tables


def test_each_migration_step_is_applied_once_in_order(db: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    steps = (*store_sqlite.MIGRATIONS,
             ("ALTER TABLE attempt ADD COLUMN rating INTEGER",),
             ("CREATE INDEX attempt_by_rating ON attempt (rating)",))
    open_store(db).close()  # at the shipped version
    monkeypatch.setattr(store_sqlite, "MIGRATIONS", steps)
    monkeypatch.setattr(store_sqlite, "SCHEMA_VERSION", len(steps))
    open_store(db).close()
    open_store(db).close()  # already current: nothing applied twice
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(steps)
    assert "rating" in [r[1] for r in conn.execute("PRAGMA table_info(attempt)")]


def test_a_file_from_a_newer_tutor_is_refused_untouched(db: Path) -> None:
    open_store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreUnavailable, match="written by a newer tutor"):
        open_store(db)
    assert db.exists() and not list(db.parent.glob("*.corrupt-*"))


def test_a_file_that_is_not_a_database_is_moved_aside_with_a_message(db: Path) -> None:
    db.parent.mkdir()
    db.write_bytes(b"these bytes were never a database" * 200)
    with open_store(db) as store:
        (notice,) = store.notices
        store.add(make_attempt())
        assert store.count() == 1
    (moved,) = db.parent.glob("attempts.sqlite3.corrupt-*")
    assert moved.read_bytes() == b"these bytes were never a database" * 200
    assert "damaged" in notice and moved.name in notice


def test_a_store_damaged_inside_is_moved_aside(db: Path) -> None:
    with open_store(db) as store:
        store.add(make_attempt())
    with db.open("r+b") as raw:  # wreck the schema page, keep the header
        raw.seek(100)
        raw.write(b"\xff" * 3000)
    with open_store(db) as store:
        assert store.count() == 0 and len(store.notices) == 1
    assert len(list(db.parent.glob("attempts.sqlite3.corrupt-*"))) == 1


def test_a_fifo_in_place_of_the_store_is_refused(db: Path) -> None:
    db.parent.mkdir()
    os.mkfifo(db)
    with pytest.raises(StoreUnavailable, match="FIFO"):
        open_store(db)


def test_a_folder_in_place_of_the_store_is_refused(db: Path) -> None:
    db.mkdir(parents=True)
    with pytest.raises(StoreUnavailable, match="is a folder"):
        open_store(db)


def test_a_write_that_cannot_happen_is_reported_and_the_store_keeps_working(
        db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_sqlite, "BUSY_TIMEOUT_MS", 50)
    store = open_store(db)
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another writer that never finishes
    with pytest.raises(StoreWriteError, match="could not record the attempt"):
        store.add(make_attempt())
    blocker.execute("ROLLBACK")
    store.add(make_attempt())
    assert store.count() == 1
    store.close()


def test_a_data_folder_that_cannot_be_made_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", "utf-8")
    with pytest.raises(StoreUnavailable, match="cannot make the folder"):
        open_store(blocker / "data" / "attempts.sqlite3")


def test_the_store_never_imports_textual(tmp_path: Path) -> None:
    code = ("import sys, tutor.store, tutor.progress, tutor.commands.progress\n"
            "print(any(m.split('.')[0] == 'textual' for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO, env=tutor_env(), timeout=60)
    assert result.stdout == "False\n", result.stderr
