"""The workshop's results: every finished attempt, tagged with the workshop and participant.

A stand-in with a small interface until the attempt store of the progress issue
(``tutor.store``) is merged: the lead then makes :func:`record_attempt` and
:func:`standings` call ``tutor.store.open_store(path)`` and its stats, and drops the SQL
below. Until then it is the same kind of file: one SQLite database in WAL mode (readers,
like the trainer's dashboard, never block the apps writing), each attempt written in one
``BEGIN IMMEDIATE`` transaction so that thirty apps finishing at once queue on
``busy_timeout`` instead of failing. Plain Python (stdlib ``sqlite3``).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tutor.session import Attempt

#: How long a writer waits for another to finish, in milliseconds.
BUSY_TIMEOUT_MS = 10_000

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS attempt (
        seq INTEGER PRIMARY KEY,
        workshop TEXT NOT NULL,
        participant TEXT NOT NULL,
        scenario_id TEXT NOT NULL,
        total INTEGER NOT NULL,
        pass_mark INTEGER NOT NULL,
        recorded_at TEXT NOT NULL,
        data TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS verdict (
        attempt INTEGER NOT NULL REFERENCES attempt (seq),
        principle TEXT NOT NULL,
        verdict TEXT NOT NULL,
        points REAL NOT NULL,
        max REAL NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS attempt_by_participant ON attempt (participant, seq)",
)

# Per participant: attempts, best, and the total of the latest attempt.
_STANDINGS = """
    SELECT participant, COUNT(*), MAX(total),
           (SELECT total FROM attempt AS last WHERE last.participant = a.participant
            ORDER BY seq DESC LIMIT 1)
    FROM attempt AS a GROUP BY participant ORDER BY participant
"""
# Per participant and principle: the share of the points it could earn (n/a never counts).
_WEAKEST = """
    SELECT a.participant, v.principle, SUM(v.points) / SUM(v.max) AS share
    FROM verdict AS v JOIN attempt AS a ON a.seq = v.attempt
    WHERE v.max > 0 AND v.verdict != 'n/a'
    GROUP BY a.participant, v.principle
    ORDER BY a.participant, share, v.principle
"""


@dataclass(frozen=True, slots=True)
class Standing:
    """One participant's row on the trainer's dashboard."""

    participant: str
    calls: int
    last: int
    best: int
    weakest: str  # a principle id; "" while nothing has been scored


@dataclass(frozen=True, slots=True)
class Recorded:
    """One attempt as the dashboard's log shows it."""

    seq: int
    participant: str
    scenario_id: str
    total: int


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: transactions are begun explicitly, as BEGIN IMMEDIATE.
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    return db


@contextlib.contextmanager
def _open(path: Path) -> Iterator[sqlite3.Connection]:
    db = _connect(path)
    try:
        yield db
    finally:
        db.close()


def create(path: Path) -> None:
    """Make the store (and its folder) if it is not there yet; the server does it at start so
    that a path it cannot write fails before anyone joins."""
    with _open(path) as db:
        db.execute("BEGIN IMMEDIATE")
        for statement in _SCHEMA:
            db.execute(statement)
        db.execute("COMMIT")


def record_attempt(path: Path, attempt: dict[str, Any], *, workshop: str,
                   participant: str) -> None:
    """Add one attempt (the dict of ``tutor.session.Attempt.to_dict``) to the store at
    ``path``, tagged with ``workshop`` and ``participant``. Raises ``sqlite3.Error`` or
    ``OSError`` when it cannot be written; nothing is half-written."""
    data = {**attempt, "workshop": workshop, "participant": participant}
    with _open(path) as db:
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _SCHEMA:
                db.execute(statement)
            seq = db.execute(
                "INSERT INTO attempt (workshop, participant, scenario_id, total, pass_mark, "
                "recorded_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (workshop, participant, str(data["scenario_id"]), int(data["total"]),
                 int(data["pass_mark"]), datetime.now(UTC).isoformat(timespec="seconds"),
                 json.dumps(data, ensure_ascii=False))).lastrowid
            db.executemany(
                "INSERT INTO verdict VALUES (?, ?, ?, ?, ?)",
                [(seq, p["principle"], p["verdict"], p["points"], p["max_points"])
                 for p in data["principles"]])
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def _exists(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def standings(path: Path) -> list[Standing]:
    """Every participant's calls, last and best score and weakest principle, by name."""
    if not _exists(path):
        return []
    with _open(path) as db:
        rows = db.execute(_STANDINGS).fetchall()
        weakest: dict[str, str] = {}
        for participant, principle, _share in db.execute(_WEAKEST):
            weakest.setdefault(participant, principle)  # rows come lowest share first
    return [Standing(name, calls, last, best, weakest.get(name, ""))
            for name, calls, best, last in rows]


def recorded_since(path: Path, seq: int) -> list[Recorded]:
    """Attempts added after ``seq``, oldest first (for the log of a server without a table)."""
    if not _exists(path):
        return []
    with _open(path) as db:
        rows = db.execute("SELECT seq, participant, scenario_id, total FROM attempt "
                          "WHERE seq > ? ORDER BY seq", (seq,)).fetchall()
    return [Recorded(*row) for row in rows]


def attempts(path: Path) -> list[dict[str, Any]]:
    """Every attempt as it was recorded (with its workshop and participant), oldest first."""
    if not _exists(path):
        return []
    with _open(path) as db:
        return [json.loads(text) for (text,) in db.execute("SELECT data FROM attempt ORDER BY seq")]


class WorkshopResults:
    """The workshop's store seen through ``tutor.session.AttemptStore``: what the app's
    ``record(attempt, store)`` writes to in a workshop session."""

    def __init__(self, path: Path, workshop: str, participant: str) -> None:
        self.path = path
        self.workshop = workshop
        self.participant = participant

    def add(self, attempt: Attempt) -> None:
        """Keep the attempt under this seat's participant name."""
        try:
            record_attempt(self.path, attempt.to_dict(), workshop=self.workshop,
                           participant=self.participant)
        except sqlite3.Error as exc:  # the front ends report an OSError: say it as one
            raise OSError(f"{self.path}: {exc}") from exc

    def best_scores(self) -> dict[str, int]:
        """The best total per call of this participant."""
        best: dict[str, int] = {}
        for data in attempts(self.path):
            if data.get("participant") == self.participant:
                sid, total = str(data["scenario_id"]), int(data["total"])
                best[sid] = max(total, best.get(sid, total))
        return best
