"""The attempt store on a real SQLite file: what goes in comes back, and damage is reported."""

from __future__ import annotations

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
    StoreUnavailable,
    StoreWriteError,
    open_store,
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "attempts.sqlite3"


def test_the_file_is_created_in_wal_mode_at_the_current_schema(db: Path) -> None:
    open_store(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


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
