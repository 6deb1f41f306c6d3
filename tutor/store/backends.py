"""Which backend holds a store: a file is SQLite, a ``postgresql://`` URL is PostgreSQL.

PostgreSQL's module (and psycopg with it) is imported only when a URL is opened: the app's
start-up and every store in a file do without it.
"""

from __future__ import annotations

from pathlib import Path

from tutor.store import sqlite
from tutor.store.base import AttemptStore
from tutor.store.errors import StoreUnavailable
from tutor.store.places import is_database_url, shown_url

POSTGRES_EXTRA_MISSING = ("a PostgreSQL store needs its optional extra; install it with: "
                          "pip install 'tutor[postgres]'")


def open_store(where: str | Path | None = None, *,
               legacy_scores: Path | None = None) -> AttemptStore:
    """Open (creating if needed) the attempt store at ``where``: a file (by default the
    user's own, see :func:`tutor.store.sqlite.open_store`) or a PostgreSQL URL (see
    :func:`tutor.store.postgres.open_postgres`). Raises :class:`StoreUnavailable` when no
    store can be opened there, with a one-line message that never shows a password."""
    if where is None or not is_database_url(where):
        return sqlite.open_store(None if where is None else Path(where),
                                 legacy_scores=legacy_scores)
    url = str(where)
    try:
        from tutor.store.postgres import open_postgres  # psycopg only for a URL
    except ImportError as exc:
        if exc.name is None or exc.name.partition(".")[0] != "psycopg":
            raise
        raise StoreUnavailable(f"{shown_url(url)}: {POSTGRES_EXTRA_MISSING}") from None
    return open_postgres(url)
