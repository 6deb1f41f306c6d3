"""What every attempt store does, whatever database holds it: add, read, export, import, clear.

:class:`AttemptStore` keeps the logic once: an attempt's row and verdict rows, the running
verdict tallies, de-duplication by id, the snapshot that ``stats`` reads, and the retry of a
write that the database gave up on. A backend (:mod:`tutor.store.sqlite`,
:mod:`tutor.store.postgres`) brings its connection, the statements that differ between SQL
dialects, and the wording of its failures. SQL is written with ``?`` placeholders; a backend
whose driver wants another style translates them in its connection.
"""

from __future__ import annotations

import contextlib
import json
import threading
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, ClassVar, Protocol, TextIO, TypeVar

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
    StoreUnavailable,
    StoreWriteError,
)
from tutor.store.record import FIELDS, PRINCIPLE_FIELDS, Attempt, normalized

_T = TypeVar("_T")

#: The attempt's own columns, in the order the ``attempt`` table has them after ``seq``.
COLUMNS = ("id", "scenario_id", "file_hash", "lang", "started_at", "ended_at", "front_end",
           "hung_up_by", "total", "pass_mark", "passed", "hints_used", "seed",
           "participant", "workshop")
_INSERT_VERDICT = "INSERT INTO verdict VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
# Both dialects name the proposed row ``excluded`` and accept the table's name before a column.
_COUNT_VERDICTS = ("INSERT INTO verdict_tally VALUES (?, ?, ?, ?, ?) ON CONFLICT "
                   "(principle, verdict, points, max) "
                   "DO UPDATE SET times = verdict_tally.times + excluded.times")
_RECENT = ("SELECT principle, verdict, points, max, ended_at FROM verdict "
           "WHERE principle = ? AND verdict != 'n/a' "
           "ORDER BY ended_at {0}, attempt {0} LIMIT ?")


class Cursor(Protocol):
    """The part of a DB-API cursor the store reads."""

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """The part of a DB-API connection the store uses (``?`` placeholders)."""

    def execute(self, sql: str, params: Sequence[Any] = (), /) -> Cursor: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> object: ...


def attempt_row(attempt: Attempt) -> tuple[Any, ...]:
    """A normalized attempt as the values of :data:`COLUMNS`, then transcript and extra."""
    extra = {k: v for k, v in attempt.items() if k not in FIELDS}
    passed = attempt["passed"]
    return (*(attempt[c] for c in COLUMNS[:10]),
            None if passed is None else int(passed),
            *(attempt[c] for c in COLUMNS[11:]),
            json.dumps(attempt["transcript"], ensure_ascii=False),
            json.dumps(extra, ensure_ascii=False))


def _tally(attempts: Iterable[Attempt]) -> list[tuple[Any, ...]]:
    """How many times each (principle, verdict, points, max) was given, in key order: every
    writer updates the tally rows in the same order, so two cannot wait on each other."""
    counts = Counter((p["id"], p["verdict"], p["points"], p["max"])
                     for attempt in attempts for p in attempt["principles"])
    return [(*key, times) for key, times in sorted(counts.items(), key=lambda kv: kv[0])]


class AttemptStore(ABC):
    """One open attempt store. Safe to share between threads (calls take turns)."""

    #: Starts a transaction that writes (taking the write lock at once where that matters).
    BEGIN_WRITE: ClassVar[str] = "BEGIN"
    #: Starts a transaction whose reads all see one moment.
    BEGIN_READ: ClassVar[str] = "BEGIN"
    #: Per call: scenario id, attempts, best total, then the last attempt's total and end.
    CALLS: ClassVar[str]
    #: The driver's error class(es): the ones turned into :class:`StoreError`.
    ERRORS: ClassVar[tuple[type[Exception], ...]]
    #: How many times a write is tried when the database gave up on it for a reason that
    #: goes away (a deadlock with another writer, a lost connection).
    WRITE_TRIES: ClassVar[int] = 1

    def __init__(self, where: str, notices: list[str]) -> None:
        self.where = where  # what messages name: a file, or a URL without its password
        self._lock = threading.Lock()
        #: Things the learner should be told once (a damaged file moved aside, old scores
        #: imported), in the order they happened.
        self.notices = notices

    # -- what a backend brings --------------------------------------------------------
    @abstractmethod
    def _connection(self) -> Connection:
        """The open connection (a backend may open a new one when the old one was lost)."""

    @abstractmethod
    def _insert_attempt(self, conn: Connection, row: tuple[Any, ...]) -> int | None:
        """Insert an :func:`attempt_row`; its ``seq``, or None when its id is there already."""

    @abstractmethod
    def _close(self) -> None:
        """Close the connection."""

    def _retry(self, exc: Exception) -> bool:
        """Whether a write that failed with ``exc`` may be tried again from the start."""
        return False

    @abstractmethod
    def _write_failed(self, what: str, exc: Exception) -> str:
        """The message for a write that could not happen."""

    @abstractmethod
    def _read_failed(self, exc: Exception) -> str:
        """The message for a read that could not happen."""

    # -- life cycle -------------------------------------------------------------------
    def close(self) -> None:
        """Close the store; it cannot be used after this."""
        with self._lock:
            self._close()

    def __enter__(self) -> AttemptStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write(self, what: str, work: Callable[[Connection], _T]) -> _T:
        """``work`` in one write transaction; any database failure becomes a
        :class:`StoreWriteError` and leaves the store as it was."""
        with self._lock:
            for tries_left in reversed(range(self.WRITE_TRIES)):
                conn: Connection | None = None
                try:
                    conn = self._connection()
                    conn.execute(self.BEGIN_WRITE)
                    try:
                        result = work(conn)
                    except BaseException:
                        with contextlib.suppress(*self.ERRORS):
                            conn.execute("ROLLBACK")
                        raise
                    conn.execute("COMMIT")
                    return result
                except self.ERRORS as exc:
                    if conn is not None:
                        with contextlib.suppress(*self.ERRORS):
                            conn.execute("ROLLBACK")
                    if not (tries_left and self._retry(exc)):
                        raise StoreWriteError(self._write_failed(what, exc)) from None
        raise AssertionError("unreachable: the last try returns or raises")

    @contextlib.contextmanager
    def _snapshot(self) -> Iterator[Connection]:
        """Reads that all see the store as it was at one moment."""
        with self._lock:
            try:
                conn = self._connection()
                conn.execute(self.BEGIN_READ)
                try:
                    yield conn
                finally:
                    conn.execute("COMMIT")
            except self.ERRORS as exc:
                raise StoreError(self._read_failed(exc)) from None

    def _read(self, *queries: tuple[str, tuple[Any, ...]]) -> list[list[Any]]:
        """The rows of each query, all from one snapshot."""
        with self._snapshot() as conn:
            return [conn.execute(sql, params).fetchall() for sql, params in queries]

    # -- writing ----------------------------------------------------------------------
    def _insert(self, conn: Connection, attempts: list[Attempt]) -> int:
        """Insert normalized attempts and count their verdicts; return how many were new
        (one whose id is stored already is left out, tallies included)."""
        added = []
        for attempt in attempts:
            seq = self._insert_attempt(conn, attempt_row(attempt))
            if seq is None:
                continue
            added.append(attempt)
            conn.executemany(_INSERT_VERDICT, [
                (seq, n, p["id"], p["verdict"], p["points"], p["max"], attempt["ended_at"],
                 json.dumps({k: v for k, v in p.items() if k not in PRINCIPLE_FIELDS},
                            ensure_ascii=False))
                for n, p in enumerate(attempt["principles"])
            ])
        conn.executemany(_COUNT_VERDICTS, _tally(added))
        return len(added)

    def add(self, attempt: Attempt) -> str:
        """Record one attempt (see :mod:`tutor.store.record`) and return its id.

        Adding an attempt whose id is already stored changes nothing. Raises
        :class:`InvalidAttempt` for a wrong shape and :class:`StoreWriteError` when the store
        cannot be written; the store stays usable after either.
        """
        clean = normalized(attempt)
        self._write("record the attempt", lambda conn: self._insert(conn, [clean]))
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
        added = self._write("import the attempts", lambda conn: self._insert(conn, clean))
        return added, len(clean) - added

    def clear(self) -> int:
        """Delete every attempt; return how many there were."""
        def delete(conn: Connection) -> int:
            (count,) = conn.execute("SELECT count(*) FROM attempt").fetchone()
            conn.execute("DELETE FROM verdict_tally")
            conn.execute("DELETE FROM verdict")
            conn.execute("DELETE FROM attempt")
            return int(count)

        return self._write("clear the attempts", delete)

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
            (f"SELECT seq, {', '.join(COLUMNS)}, transcript, extra {tail}", params),
            ("SELECT attempt, principle, verdict, points, max, extra FROM verdict "
             f"WHERE attempt IN (SELECT seq {tail}) ORDER BY attempt, position", params))
        verdicts: dict[int, list[dict[str, Any]]] = {}
        for seq, principle, verdict, points, top, extra in verdict_rows:
            verdicts.setdefault(seq, []).append(
                {"id": principle, "verdict": verdict, "points": points, "max": top}
                | json.loads(extra))
        result = []
        for seq, *values, transcript, extra in rows:
            attempt = dict(zip(COLUMNS, values, strict=True))
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
            calls = conn.execute(self.CALLS).fetchall()
            principles = self._principles(conn)
        return Progress(attempts=sum(c[1] for c in calls), principles=principles,
                        calls=tuple(CallProgress(*c) for c in calls))

    def principles(self) -> tuple[PrincipleProgress, ...]:
        """The per-principle part of :meth:`stats` alone (what the app's progress screen
        shows), without the scan of every attempt that the per-call part needs."""
        with self._snapshot() as conn:
            return self._principles(conn)

    @staticmethod
    def _principles(conn: Connection) -> tuple[PrincipleProgress, ...]:
        tallies = [VerdictTally._make(r) for r in conn.execute(
            "SELECT principle, verdict, points, max, times FROM verdict_tally")]
        principles = {t.principle for t in tallies if t.verdict != "n/a"}
        recent = {p: [VerdictRow._make(r) for r in conn.execute(
            _RECENT.format("DESC"), (p, TREND))][::-1] for p in principles}
        first = {p: VerdictRow._make(conn.execute(
            _RECENT.format("ASC"), (p, 1)).fetchone()) for p in principles}
        return principle_progress(tallies, recent, first)


def migrate(conn: Connection, where: str, migrations: Sequence[Sequence[str]], *,
            begin: Sequence[str], version: Callable[[Connection], int],
            set_version: Callable[[Connection, int], object], end: Sequence[str] = ()) -> None:
    """Bring a store's schema forward to ``len(migrations)``: step ``i`` takes it from version
    ``i`` to ``i + 1``, each step in its own transaction opened by the ``begin`` statements,
    which keep other migrating processes out until the transaction and then the ``end``
    statements are done. Raises :class:`StoreUnavailable` for a store written by a newer
    tutor."""
    latest = len(migrations)
    current = version(conn)
    while current < latest:
        try:
            for statement in begin:
                conn.execute(statement)
            # Another process may have migrated while this one waited for the lock.
            current = version(conn)
            if current < latest:
                for statement in migrations[current]:
                    conn.execute(statement)
                current += 1
                set_version(conn, current)
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):
                conn.execute("ROLLBACK")
            raise
        finally:
            for statement in end:
                with contextlib.suppress(Exception):
                    conn.execute(statement)
    if current > latest:
        raise StoreUnavailable(f"{where}: this attempt store was written by a newer tutor "
                               f"(schema {current}; this one knows {latest}); update tutor to "
                               "read it")
