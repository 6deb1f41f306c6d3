"""Every attempt in one SQLite file (stdlib ``sqlite3``): add, read, export, import, clear.

The file is opened in WAL mode with ``synchronous=NORMAL``: a committed attempt survives the
process being killed at any moment (what the tests check); a power cut may lose the attempts
committed since the last checkpoint, but never leaves a damaged file. Each attempt is written in one
``BEGIN IMMEDIATE`` transaction, so concurrent writers queue on ``busy_timeout`` instead of
failing half-way. The schema's version is ``PRAGMA user_version``; :data:`MIGRATIONS` brings
any older file forward one step at a time, each step in its own transaction.

A file SQLite calls damaged or not a database is moved aside (``NAME.corrupt-<UTC time>``,
with its ``-wal``/``-shm`` beside it) and a new store starts; the move is reported in
:attr:`AttemptStore.notices`, never done silently. What the store does with attempts is in
:mod:`tutor.store.base`, the same for every backend; the shape of an attempt is in
:mod:`tutor.store.record`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from pathlib import Path
from typing import Any, cast

from tutor.store.base import COLUMNS, AttemptStore, Connection, migrate
from tutor.store.errors import StoreMovedAside, StoreUnavailable
from tutor.store.legacy import import_scores
from tutor.store.places import aside_name, legacy_scores_path, store_path

#: How long a writer waits for another one to finish before giving up, in milliseconds.
BUSY_TIMEOUT_MS = 10_000

#: Step ``i`` takes a file from schema version ``i`` to ``i + 1``. Append, never edit.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE attempt (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            scenario_id TEXT NOT NULL,
            file_hash TEXT NOT NULL,
            lang TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT NOT NULL,
            front_end TEXT NOT NULL,
            hung_up_by TEXT,
            total INTEGER NOT NULL,
            pass_mark INTEGER,
            passed INTEGER,
            hints_used INTEGER NOT NULL,
            seed INTEGER,
            participant TEXT NOT NULL,
            workshop TEXT NOT NULL,
            transcript TEXT NOT NULL,
            extra TEXT NOT NULL
        )""",
        # Covering: per-call stats read only this index, never the wide rows.
        "CREATE INDEX attempt_by_scenario ON attempt (scenario_id, ended_at, total)",
        "CREATE INDEX attempt_by_end ON attempt (ended_at)",
        # NUMERIC keeps whole points whole and half points as they are.
        """CREATE TABLE verdict (
            attempt INTEGER NOT NULL REFERENCES attempt (seq) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            principle TEXT NOT NULL,
            verdict TEXT NOT NULL,
            points NUMERIC NOT NULL,
            max NUMERIC NOT NULL,
            ended_at TEXT NOT NULL,
            extra TEXT NOT NULL,
            PRIMARY KEY (attempt, position)
        ) WITHOUT ROWID""",
        # The attempt's end is copied here (it never changes) so that this covering index
        # gives a principle's first and latest verdicts with no join and no sort. Each
        # attempt touches a leaf per principle in every such index, the main cost of
        # recording it, so there is one, and counts go to the small table below.
        "CREATE INDEX verdict_by_principle ON verdict (principle, ended_at, verdict, points, "
        "max)",
        # How often each principle got each verdict and score: kept as attempts are added,
        # so the counts of 10,000 attempts are a few rows to read.
        """CREATE TABLE verdict_tally (
            principle TEXT NOT NULL,
            verdict TEXT NOT NULL,
            points NUMERIC NOT NULL,
            max NUMERIC NOT NULL,
            times INTEGER NOT NULL,
            PRIMARY KEY (principle, verdict, points, max)
        ) WITHOUT ROWID""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

# Per call: attempts and best, joined to the last attempt (SQLite gives the other columns of
# the row where max() was found).
_CALLS = """
    SELECT g.scenario_id, g.attempts, g.best, l.total, l.ended_at
    FROM (SELECT scenario_id, count(*) AS attempts, max(total) AS best
          FROM attempt GROUP BY scenario_id) AS g
    JOIN (SELECT scenario_id, total, max(ended_at) AS ended_at
          FROM attempt GROUP BY scenario_id) AS l USING (scenario_id)
    ORDER BY g.scenario_id
"""
_INSERT_ATTEMPT = (f"INSERT OR IGNORE INTO attempt ({', '.join(COLUMNS)}, transcript, extra) "
                   f"VALUES ({', '.join('?' * (len(COLUMNS) + 2))})")
_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
_KINDS = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a FIFO (named pipe)",
          stat.S_ISCHR: "a character device", stat.S_ISBLK: "a block device",
          stat.S_ISSOCK: "a socket"}


def _damaged(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _DAMAGED


def _check_place(path: Path) -> None:
    """Refuse what SQLite must not be pointed at: a FIFO would block the open for ever."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(f"{path.parent}: cannot make the folder for the attempt "
                                   f"store ({exc.strerror}); set TUTOR_DATA_DIR to a folder "
                                   "you can write to") from None
        return
    except OSError as exc:
        raise StoreUnavailable(f"{path}: cannot read the attempt store ({exc.strerror})") from None
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS.items() if test(mode)), "not a regular file")
        raise StoreUnavailable(f"{path}: is {kind}, not an attempt store; remove it or set "
                               "TUTOR_DATA_DIR to another folder")


def _move_aside(path: Path) -> Path:
    """Rename ``path`` and its WAL files to a ``.corrupt-<time>`` name, keeping them paired."""
    target = aside_name(path, "corrupt")
    # Another process may have moved it already: then there is nothing left to move.
    with contextlib.suppress(FileNotFoundError):
        os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.replace(f"{path}{suffix}", f"{target}{suffix}")
    return target


class SQLiteStore(AttemptStore):
    """An attempt store in one SQLite file."""

    BEGIN_WRITE = "BEGIN IMMEDIATE"
    CALLS = _CALLS
    ERRORS = (sqlite3.Error,)

    def __init__(self, path: Path, conn: sqlite3.Connection, notices: list[str]) -> None:
        super().__init__(str(path), notices)
        self.path = path
        self._conn = conn

    def _connection(self) -> sqlite3.Connection:
        return self._conn

    def _close(self) -> None:
        self._conn.close()

    def _insert_attempt(self, conn: Connection, row: tuple[Any, ...]) -> int | None:
        cur = cast(sqlite3.Connection, conn).execute(_INSERT_ATTEMPT, row)
        return cur.lastrowid if cur.rowcount else None

    def _write_failed(self, what: str, exc: Exception) -> str:
        return (f"{self.path}: could not {what} ({exc}); nothing was changed. Check the disk "
                "has room and the file can be written.")

    def _read_failed(self, exc: Exception) -> str:
        return f"{self.path}: could not read the attempt store ({exc})"


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Set the connection up and bring the schema to the latest version."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn, str(path), MIGRATIONS, begin=("BEGIN IMMEDIATE",),
            version=lambda c: int(c.execute("PRAGMA user_version").fetchone()[0]),
            set_version=lambda c, n: c.execute(f"PRAGMA user_version = {n}"))


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        _prepare(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def open_store(path: Path | None = None, *, legacy_scores: Path | None = None) -> SQLiteStore:
    """Open (creating if needed) the attempt store at ``path``, by default the user's.

    A damaged file is moved aside and a new store started (said in ``notices``). The old
    best-scores file (``legacy_scores``; for the default store, the one the app used to
    write) is imported once, its messages also in ``notices``. Raises
    :class:`StoreUnavailable` when no store can be opened there.
    """
    if path is None:
        path = store_path()
        if legacy_scores is None:
            legacy_scores = legacy_scores_path()
    _check_place(path)
    notices: list[str] = []
    try:
        try:
            conn = _connect(path)
        except sqlite3.DatabaseError as exc:
            if not _damaged(exc):
                raise
            moved = _move_aside(path)
            notices.append(str(StoreMovedAside(path, moved, str(exc))))
            conn = _connect(path)
    except sqlite3.Error as exc:
        raise StoreUnavailable(f"{path}: cannot open the attempt store ({exc}); check that "
                               "the file and its folder can be written") from None
    store = SQLiteStore(path, conn, notices)
    if legacy_scores is not None:
        notices.extend(import_scores(store, legacy_scores))
    return store
