"""Attempt stores for tests on both backends: a SQLite file, and a fresh database on the real
PostgreSQL server that ``TUTOR_TEST_POSTGRES`` names.

``TUTOR_TEST_POSTGRES`` is a libpq URL (``postgresql://USER:PASSWORD@HOST:PORT/DATABASE``) of a
role that may create databases; each test gets a database of its own, dropped after it, so
tests never see each other's attempts. Without it the PostgreSQL cases are skipped, except
under ``TUTOR_CI=1`` (set by ``.ci/run``), where they fail: CI cannot pass without PostgreSQL.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

POSTGRES_ENV = "TUTOR_TEST_POSTGRES"
CI_ENV = "TUTOR_CI"
#: The backends every store test runs on, as pytest shows them in test ids.
BACKENDS = ("sqlite", "postgres")

#: A new place for a store each call: a file path, or a fresh database's URL.
NewStore = Callable[[], "str | Path"]


def postgres_server() -> str:
    """The URL of the PostgreSQL server to test on; skips (or in CI fails) the test without
    one."""
    url = os.environ.get(POSTGRES_ENV, "")
    if url:
        return url
    if os.environ.get(CI_ENV) == "1":
        pytest.fail(f"{POSTGRES_ENV} is not set but {CI_ENV}=1: CI runs the store tests on a "
                    "real PostgreSQL (.ci/run starts one and sets it)")
    pytest.skip(f"no PostgreSQL to test on: set {POSTGRES_ENV} to a libpq URL of a role that "
                "may create databases (.ci/run does)")


@contextlib.contextmanager
def fresh_database() -> Iterator[str]:
    """A new, empty database on the test server for as long as the block runs; its URL."""
    import psycopg
    from psycopg import sql

    server = postgres_server()
    name = f"tutor_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            # FORCE: a connection a failed test left open must not keep the database.
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                          .format(sql.Identifier(name)))


@contextlib.contextmanager
def new_stores(backend: str, folder: Path) -> Iterator[NewStore]:
    """Make fresh places for stores of ``backend`` in the block: files in ``folder``, or
    databases dropped when it ends."""
    with contextlib.ExitStack() as stack:
        made = iter(range(1, 1000))

        def new() -> str | Path:
            if backend == "postgres":
                return stack.enter_context(fresh_database())
            return folder / f"store-{next(made)}" / "attempts.sqlite3"

        yield new
