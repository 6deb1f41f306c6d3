"""A finished call becomes a record: one ``Attempt``, saved the same way by every front end.

``finish`` turns a played call (and its evaluation) into an ``Attempt``: plain, frozen data
that says what happened and how it was judged, with nothing that points back into the
engine. ``record`` saves it through an ``AttemptStore``. Today the only store keeps the best
total per scenario (``tutor.scores``); a store of every attempt can take its place without
any front end changing. Plain Python: no Textual, no terminal I/O.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal, Protocol, get_args

from tutor.dialogue import Call
from tutor.feedback.types import Evaluation
from tutor.scores import load_scores, record_score

FrontEnd = Literal["tui", "plain", "run", "web"]
FRONT_ENDS: tuple[FrontEnd, ...] = get_args(FrontEnd)


@dataclass(frozen=True, slots=True)
class TurnRecord:
    """One line of the transcript, with when it was said and for how long (call seconds)."""

    speaker: str
    text: str
    at: float
    duration: float
    step: str
    kind: str
    pace: str


@dataclass(frozen=True, slots=True)
class PrincipleRecord:
    """The verdict on one principle, and the points it earned."""

    principle: str
    verdict: str
    points: float
    max_points: int


@dataclass(frozen=True, slots=True)
class Attempt:
    """One finished call: what was said, how it ended, and how it was judged."""

    scenario_id: str
    scenario_hash: str  # sha256 of the scenario file's bytes; "" when there was no file
    lang: str
    started_at: str  # UTC, ISO 8601
    front_end: FrontEnd
    transcript: tuple[TurnRecord, ...]
    hung_up_first: str  # "learner" or "other"
    total: int
    pass_mark: int
    principles: tuple[PrincipleRecord, ...]
    hints_used: int = 0
    participant: str = ""  # who played, in a workshop; empty when local
    hung_up_on_silence: bool = False  # the other party gave up on the learner's silence

    @property
    def passed(self) -> bool:
        """True when the total reaches the pass mark."""
        return self.total >= self.pass_mark

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form; ``from_dict`` reads it back."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attempt:
        """Read an attempt written by ``to_dict``; a wrong shape raises ``ValueError``."""
        try:
            front_end = data["front_end"]
            if front_end not in FRONT_ENDS:
                raise ValueError(f"unknown front end {front_end!r}")
            return cls(
                scenario_id=str(data["scenario_id"]),
                scenario_hash=str(data["scenario_hash"]),
                lang=str(data["lang"]),
                started_at=str(data["started_at"]),
                front_end=front_end,
                transcript=tuple(TurnRecord(**t) for t in data["transcript"]),
                hung_up_first=str(data["hung_up_first"]),
                total=int(data["total"]),
                pass_mark=int(data["pass_mark"]),
                principles=tuple(PrincipleRecord(**p) for p in data["principles"]),
                hints_used=int(data.get("hints_used", 0)),
                participant=str(data.get("participant", "")),
                hung_up_on_silence=bool(data.get("hung_up_on_silence", False)),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not an attempt: {exc}") from exc


def file_hash(path: Path | None) -> str:
    """The sha256 of a file's bytes, or "" when there is no file or it cannot be read."""
    if path is None:
        return ""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def finish(call: Call, evaluation: Evaluation, *, front_end: FrontEnd,
           started_at: datetime | None = None, hints_used: int = 0,
           participant: str = "") -> Attempt:
    """The record of a call that has ended.

    ``started_at`` defaults to now less the call's own clock, which is the real start for a
    call played at normal speed. Raises ``ValueError`` if the call has not ended.
    """
    ending = call.ending
    if ending is None:
        raise ValueError(f"the call of {call.scenario.id} has not ended; nothing to record")
    if started_at is None:
        started_at = datetime.now(UTC) - timedelta(seconds=call.now)
    return Attempt(
        scenario_id=call.scenario.id,
        scenario_hash=file_hash(call.scenario.source),
        lang=call.scenario.lang,
        started_at=started_at.astimezone(UTC).isoformat(timespec="seconds"),
        front_end=front_end,
        transcript=tuple(
            TurnRecord(t.speaker, t.text, round(t.at, 3), round(t.duration, 3), t.step, t.kind,
                       t.pace)
            for t in call.transcript),
        hung_up_first=ending.hung_up_first,
        total=evaluation.total,
        pass_mark=evaluation.pass_mark,
        principles=tuple(PrincipleRecord(r.principle, r.verdict, round(r.points, 1), r.max_points)
                         for r in evaluation.principles),
        hints_used=hints_used,
        participant=participant,
        hung_up_on_silence=ending.silence,
    )


class AttemptStore(Protocol):
    """Where attempts are kept. ``add`` may raise ``OSError``; the front end reports it."""

    def add(self, attempt: Attempt) -> None:
        """Keep one attempt."""

    def best_scores(self) -> dict[str, int]:
        """The best total per scenario id."""


class BestScoresStore:
    """The best-score file of ``tutor.scores``: of each attempt it keeps only a better total."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path  # None: the user's own file

    def add(self, attempt: Attempt) -> None:
        """Keep the attempt's total if it beats the best so far."""
        record_score(attempt.scenario_id, attempt.total, self.path)

    def best_scores(self) -> dict[str, int]:
        """The best total per scenario id (none when the file is missing or damaged)."""
        return load_scores(self.path)


def record(attempt: Attempt, store: AttemptStore | None = None) -> None:
    """Save ``attempt`` (in the user's best-score file unless another store is given)."""
    (store if store is not None else BestScoresStore()).add(attempt)
