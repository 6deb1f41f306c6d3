"""The attempt store on a real PostgreSQL server: its schema, its migrations, and what a
trainer is told when the server cannot be used. What every store does is in test_base.py."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

import tutor.store.postgres as store_postgres
from tests.store.attempts import make_attempt
from tests.support.paths import REPO
from tests.support.processes import tutor_env
from tests.support.stores import fresh_database
from tutor.store import SCHEMA_VERSION, StoreUnavailable, open_store


@pytest.fixture
def url() -> Iterator[str]:
    """A fresh database on the test server (skipped without one, failed in CI)."""
    with fresh_database() as made:
        yield made


def _query(url: str, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(sql).fetchall()


def test_a_new_database_gets_the_tables_at_the_current_schema_version(url: str) -> None:
    open_store(url).close()
    assert _query(url, "SELECT version FROM tutor_schema") == [(SCHEMA_VERSION,)]
    assert store_postgres.SCHEMA_VERSION == SCHEMA_VERSION


def test_the_tables_and_columns_are_those_of_the_sqlite_store(url: str, tmp_path: Path) -> None:
    open_store(url).close()
    open_store(tmp_path / "a.sqlite3").close()
    lite = sqlite3.connect(tmp_path / "a.sqlite3")
    tables = [r[0] for r in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        columns = [r[1] for r in lite.execute(f"PRAGMA table_info({table})")]
        assert [r[0] for r in _query(url, (
            "SELECT column_name FROM information_schema.columns "
            f"WHERE table_name = '{table}' ORDER BY ordinal_position"))] == columns, table
    assert sorted(tables) == ["attempt", "verdict", "verdict_tally"]


def test_each_migration_step_is_applied_once_in_order(url: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    steps = (*store_postgres.MIGRATIONS,
             ("ALTER TABLE attempt ADD COLUMN rating integer",),
             ("CREATE INDEX attempt_by_rating ON attempt (rating)",))
    open_store(url).close()  # at the shipped version
    monkeypatch.setattr(store_postgres, "MIGRATIONS", steps)
    open_store(url).close()
    open_store(url).close()  # already current: nothing applied twice
    assert _query(url, "SELECT version FROM tutor_schema") == [(len(steps),)]
    assert _query(url, "SELECT 1 FROM information_schema.columns "
                       "WHERE table_name = 'attempt' AND column_name = 'rating'") == [(1,)]


def test_a_database_from_a_newer_tutor_is_refused_untouched(url: str) -> None:
    with open_store(url) as store:
        store.add(make_attempt())
    _query(url, f"UPDATE tutor_schema SET version = {SCHEMA_VERSION + 1} RETURNING version")
    with pytest.raises(StoreUnavailable, match="written by a newer tutor"):
        open_store(url)
    assert _query(url, "SELECT count(*) FROM attempt") == [(1,)]


def test_servers_started_together_set_a_new_database_up_once(url: str) -> None:
    failures: list[BaseException] = []

    def start() -> None:
        try:
            open_store(url).close()
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=start) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert _query(url, "SELECT version FROM tutor_schema") == [(SCHEMA_VERSION,)]


def test_an_attempt_after_the_connection_was_cut_is_kept_on_a_new_one(url: str) -> None:
    with open_store(url) as store:
        store.add(make_attempt())
        _query(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        store.add(make_attempt())
        assert store.count() == 2


def test_an_unreachable_server_is_one_line_naming_it_never_the_password() -> None:
    # Port 1 on this machine: nothing listens, so the connection is refused at once.
    with pytest.raises(StoreUnavailable) as refused:
        open_store("postgresql://trainer:s3cret-pw@127.0.0.1:1/workshop?sslmode=disable")
    said = str(refused.value)
    assert "\n" not in said and "s3cret-pw" not in said
    assert said.startswith("postgresql://trainer@127.0.0.1:1/workshop: cannot connect")
    assert "check that the server is running" in said


def test_a_wrong_password_is_said_without_showing_it(url: str) -> None:
    wrong = url.replace(":tutor_test@", ":not-the-password@", 1)
    if wrong == url:
        pytest.skip("the test server's URL has no password to get wrong")
    with pytest.raises(StoreUnavailable) as refused:
        open_store(wrong)
    said = str(refused.value)
    assert "password authentication failed" in said
    assert "not-the-password" not in said and "\n" not in said


def test_without_the_extra_a_url_says_how_to_get_it() -> None:
    code = ("import sys\n"
            "sys.modules['psycopg'] = None  # as if tutor[postgres] were not installed\n"
            "from tutor.store import StoreUnavailable, open_store\n"
            "try:\n"
            "    open_store('postgresql://trainer:pw@db.example/workshop')\n"
            "except StoreUnavailable as exc:\n"
            "    print(exc)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO, env=tutor_env(), timeout=60)
    assert result.stdout == ("postgresql://trainer@db.example/workshop: a PostgreSQL store "
                             "needs its optional extra; install it with: pip install "
                             "'tutor[postgres]'\n"), result.stderr


def test_only_a_database_url_loads_psycopg(tmp_path: Path) -> None:
    code = ("import sys\n"
            "import tutor.cli, tutor.store, tutor.workshop.results, tutor.workshop.command\n"
            f"tutor.store.open_store({str(tmp_path / 'a.sqlite3')!r}).close()\n"
            "print('psycopg' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO, env=tutor_env(), timeout=60)
    assert result.stdout == "False\n", result.stderr
