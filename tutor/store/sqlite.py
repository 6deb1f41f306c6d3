"""Every attempt in one SQLite file (stdlib ``sqlite3``): add, read, export, import, clear.

The file is opened in WAL mode with ``synchronous=NORMAL``: a committed attempt survives the
process being killed at any moment (what the tests check); a power cut may lose the attempts
committed since the last checkpoint, but never leaves a damaged file. Each attempt is written in one
``BEGIN IMMEDIATE`` transaction, so concurrent writers queue on ``busy_timeout`` instead of
failing half-way. The schema's version is ``PRAGMA user_version``; :data:`MIGRATIONS` brings
any older file forward one step at a time, each step in its own transaction.

A file SQLite calls damaged or not a database is moved aside (``NAME.corrupt-<UTC time>``,
with its ``-wal``/``-shm`` beside it) and a new store starts; the move is reported in
:attr:`AttemptStore.notices`, never done silently. The shape of an attempt is in
:mod:`tutor.store.record`.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from tutor.progress import (
    TREND,
    CallProgress,
    PrincipleProgress,
    Progress,
    VerdictRow,
    VerdictTally,
    principle_progress,
)
from tutor.store.errors import (
    ImportProblem,
    InvalidAttempt,
    StoreError,
    StoreMovedAside,
    StoreUnavailable,
    StoreWriteError,
)
from tutor.store.legacy import import_scores
from tutor.store.places import aside_name, legacy_scores_path, store_path
from tutor.store.record import FIELDS, PRINCIPLE_FIELDS, Attempt, normalized

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

_COLUMNS = ("id", "scenario_id", "file_hash", "lang", "started_at", "ended_at", "front_end",
            "hung_up_by", "total", "pass_mark", "passed", "hints_used", "seed",
            "participant", "workshop")
_INSERT_ATTEMPT = (
    f"INSERT OR IGNORE INTO attempt ({', '.join(_COLUMNS)}, transcript, extra) "
    f"VALUES ({', '.join('?' * (len(_COLUMNS) + 2))})"
)
_INSERT_VERDICT = "INSERT INTO verdict VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
_COUNT_VERDICT = ("INSERT INTO verdict_tally VALUES (?, ?, ?, ?, 1) ON CONFLICT "
                  "(principle, verdict, points, max) DO UPDATE SET times = times + 1")
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


class AttemptStore:
    """One open attempt store. Safe to share between threads (calls take turns)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, notices: list[str]) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.Lock()
        #: Things the learner should be told once (a damaged file moved aside, old scores
        #: imported), in the order they happened.
        self.notices = notices

    # -- life cycle -------------------------------------------------------------------
    def close(self) -> None:
        """Close the file; the store cannot be used after this."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> AttemptStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self, what: str) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction; any SQLite failure becomes a
        :class:`StoreWriteError` and leaves the store as it was."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise StoreWriteError(f"{self.path}: could not {what} ({exc}); nothing was "
                                      "changed. Check the disk has room and the file can be "
                                      "written.") from None

    @contextlib.contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """Reads that all see the file as it was at one moment."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN")
                try:
                    yield conn
                finally:
                    conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: could not read the attempt store ({exc})") \
                    from None

    def _read(self, *queries: tuple[str, tuple[Any, ...]]) -> list[list[Any]]:
        """The rows of each query, all from one snapshot."""
        with self._snapshot() as conn:
            return [conn.execute(sql, params).fetchall() for sql, params in queries]

    # -- writing ----------------------------------------------------------------------
    @staticmethod
    def _insert(conn: sqlite3.Connection, attempt: Attempt) -> bool:
        """Insert a normalized attempt; False when one with its id is there already."""
        extra = {k: v for k, v in attempt.items() if k not in FIELDS}
        passed = attempt["passed"]
        cur = conn.execute(_INSERT_ATTEMPT, (
            *(attempt[c] for c in _COLUMNS[:10]),
            None if passed is None else int(passed),
            *(attempt[c] for c in _COLUMNS[11:]),
            json.dumps(attempt["transcript"], ensure_ascii=False),
            json.dumps(extra, ensure_ascii=False),
        ))
        if cur.rowcount == 0:
            return False
        seq = cur.lastrowid
        conn.executemany(_INSERT_VERDICT, [
            (seq, n, p["id"], p["verdict"], p["points"], p["max"], attempt["ended_at"],
             json.dumps({k: v for k, v in p.items() if k not in PRINCIPLE_FIELDS},
                        ensure_ascii=False))
            for n, p in enumerate(attempt["principles"])
        ])
        conn.executemany(_COUNT_VERDICT, [(p["id"], p["verdict"], p["points"], p["max"])
                                          for p in attempt["principles"]])
        return True

    def add(self, attempt: Attempt) -> str:
        """Record one attempt (see :mod:`tutor.store.record`) and return its id.

        Adding an attempt whose id is already stored changes nothing. Raises
        :class:`InvalidAttempt` for a wrong shape and :class:`StoreWriteError` when the file
        cannot be written; the store stays usable after either.
        """
        clean = normalized(attempt)
        with self._transaction("record the attempt") as conn:
            self._insert(conn, clean)
        return str(clean["id"])

    def import_jsonl(self, file: TextIO, name: str | None = None) -> tuple[int, int]:
        """Add the attempts of a JSON Lines file (one attempt per line, as
        :meth:`export_jsonl` writes); return (added, skipped as already there).

        Every line is checked first: if any is wrong, :class:`ImportProblem` lists them as
        ``file:line:column`` and nothing is added.
        """
        name = name or getattr(file, "name", "<input>")
        attempts: list[Attempt] = []
        problems: list[str] = []
        for n, line in enumerate(file, 1):
            if not line.strip():
                continue
            try:
                attempts.append(normalized(json.loads(line.rstrip("\r\n"))))
            except json.JSONDecodeError as exc:
                problems.append(f"{name}:{n}:{exc.colno}: not valid JSON ({exc.msg})")
            except InvalidAttempt as exc:
                problems.append(f"{name}:{n}:1: {exc}")
        if problems:
            more = len(problems) - 10
            raise ImportProblem("\n".join(problems[:10]) + (f"\n... and {more} more" if
                                                            more > 0 else "")
                                + "\nnothing was imported; fix these lines and try again")
        return self._add_checked(attempts)

    def add_many(self, attempts: list[Attempt]) -> tuple[int, int]:
        """Add ``attempts`` in one transaction: all or none. Return (added, skipped as
        already there); raises like :meth:`add`."""
        return self._add_checked([normalized(a) for a in attempts])

    def _add_checked(self, clean: list[Attempt]) -> tuple[int, int]:
        added = 0
        with self._transaction("import the attempts") as conn:
            for attempt in clean:
                added += self._insert(conn, attempt)
        return added, len(clean) - added

    def clear(self) -> int:
        """Delete every attempt; return how many there were."""
        with self._transaction("clear the attempts") as conn:
            (count,) = conn.execute("SELECT count(*) FROM attempt").fetchone()
            conn.execute("DELETE FROM verdict_tally")
            conn.execute("DELETE FROM verdict")
            conn.execute("DELETE FROM attempt")
        return int(count)

    # -- reading ----------------------------------------------------------------------
    def count(self) -> int:
        """How many attempts are stored."""
        return int(self._read(("SELECT count(*) FROM attempt", ()))[0][0][0])

    def best_scores(self) -> dict[str, int]:
        """The best total per scenario id, over every attempt."""
        (rows,) = self._read(("SELECT scenario_id, max(total) FROM attempt "
                              "GROUP BY scenario_id", ()))
        return dict(rows)

    def attempts(self, scenario: str | None = None, limit: int | None = None,
                 *, oldest_first: bool = False, after: str | None = None) -> list[Attempt]:
        """Whole attempts, newest first (or oldest first), optionally of one scenario.

        ``after`` (an attempt's id) starts the list just past that attempt in the same
        order: the next page of a list shown a page at a time, which stays right when an
        attempt is added meanwhile. An id that is not stored gives no attempts.
        """
        conditions: list[str] = []
        params: tuple[Any, ...] = ()
        order = "ASC" if oldest_first else "DESC"
        if scenario is not None:
            conditions.append("scenario_id = ?")
            params += (scenario,)
        if after is not None:
            # Row values follow the list's own order; ``seq`` breaks ties of ``ended_at``.
            conditions.append(f"(ended_at, seq) {'>' if oldest_first else '<'} "
                              "(SELECT ended_at, seq FROM attempt WHERE id = ?)")
            params += (after,)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        tail = f"FROM attempt {where} ORDER BY ended_at {order}, seq {order}"
        if limit is not None:
            tail += " LIMIT ?"
            params += (limit,)
        rows, verdict_rows = self._read(
            (f"SELECT seq, {', '.join(_COLUMNS)}, transcript, extra {tail}", params),
            ("SELECT attempt, principle, verdict, points, max, extra FROM verdict "
             f"WHERE attempt IN (SELECT seq {tail}) ORDER BY attempt, position", params))
        verdicts: dict[int, list[dict[str, Any]]] = {}
        for seq, principle, verdict, points, top, extra in verdict_rows:
            verdicts.setdefault(seq, []).append(
                {"id": principle, "verdict": verdict, "points": points, "max": top}
                | json.loads(extra))
        result = []
        for seq, *values, transcript, extra in rows:
            attempt = dict(zip(_COLUMNS, values, strict=True))
            if attempt["passed"] is not None:
                attempt["passed"] = bool(attempt["passed"])
            attempt["transcript"] = json.loads(transcript)
            attempt["principles"] = verdicts.get(seq, [])
            result.append({f: attempt[f] for f in FIELDS} | json.loads(extra))
        return result

    def export_jsonl(self, file: TextIO, scenario: str | None = None) -> int:
        """Write every attempt (or one scenario's), oldest first, one JSON object a line;
        return how many. :meth:`import_jsonl` reads it back."""
        attempts = self.attempts(scenario, oldest_first=True)
        for attempt in attempts:
            file.write(json.dumps(attempt, ensure_ascii=False, sort_keys=True) + "\n")
        return len(attempts)

    def stats(self) -> Progress:
        """Progress per principle and per call, over every attempt (see :mod:`tutor.progress`).

        Read from the running tallies and covering indexes: 10,000 attempts cost a scan of
        one small index and a few lookups.
        """
        with self._snapshot() as conn:
            calls = conn.execute(_CALLS).fetchall()
            principles = self._principles(conn)
        return Progress(attempts=sum(c[1] for c in calls), principles=principles,
                        calls=tuple(CallProgress(*c) for c in calls))

    def principles(self) -> tuple[PrincipleProgress, ...]:
        """The per-principle part of :meth:`stats` alone (what the app's progress screen
        shows), without the scan of every attempt that the per-call part needs."""
        with self._snapshot() as conn:
            return self._principles(conn)

    @staticmethod
    def _principles(conn: sqlite3.Connection) -> tuple[PrincipleProgress, ...]:
        recent_sql = ("SELECT principle, verdict, points, max, ended_at FROM verdict "
                      "WHERE principle = ? AND verdict != 'n/a' "
                      "ORDER BY ended_at {0}, attempt {0} LIMIT ?")
        tallies = [VerdictTally._make(r) for r in conn.execute(
            "SELECT principle, verdict, points, max, times FROM verdict_tally")]
        principles = {t.principle for t in tallies if t.verdict != "n/a"}
        recent = {p: [VerdictRow._make(r) for r in conn.execute(
            recent_sql.format("DESC"), (p, TREND))][::-1] for p in principles}
        first = {p: VerdictRow._make(conn.execute(
            recent_sql.format("ASC"), (p, 1)).fetchone()) for p in principles}
        return principle_progress(tallies, recent, first)


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Set the connection up and bring the schema to :data:`SCHEMA_VERSION`."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreUnavailable(f"{path}: this attempt store was written by a newer tutor "
                               f"(schema {version}; this one knows {SCHEMA_VERSION}); update "
                               "tutor to read it")
    while version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while this one waited for the lock.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                for statement in MIGRATIONS[version]:
                    conn.execute(statement)
                version += 1
                conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        _prepare(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def open_store(path: Path | None = None, *, legacy_scores: Path | None = None) -> AttemptStore:
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
    store = AttemptStore(path, conn, notices)
    if legacy_scores is not None:
        notices.extend(import_scores(store, legacy_scores))
    return store
