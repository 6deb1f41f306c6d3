"""A finished call becomes a record: one ``Attempt``, saved the same way by every front end.

``finish`` turns a played call (and its evaluation) into an ``Attempt``: plain, frozen data
that says what happened and how it was judged, with nothing that points back into the
engine. ``record`` saves it through an ``AttemptStore``: by default the learner's own SQLite
store of every attempt (``tutor.store``), in the store's JSON-ready shape
(``Attempt.to_store``), which keeps enough to show the debrief again later (each
principle's why and better line, each turn's marks). Plain Python: no Textual, no terminal
I/O.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal, Protocol, get_args

from tutor.dialogue import Call
from tutor.feedback.types import Evaluation, TurnNote
from tutor.report import ending_text
from tutor.store import open_store

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
    met: tuple[str, ...] = ()  # principles this (learner) line followed, as the debrief marks
    broke: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PrincipleRecord:
    """The verdict on one principle, and the points it earned."""

    principle: str
    verdict: str
    points: float
    max_points: int
    message: str = ""  # why, in the call's language
    better: str | None = None  # a better line, in the call's language


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
    workshop: str = ""  # which workshop it was played in; empty when local
    ended_at: str = ""  # UTC, ISO 8601; "" when unknown (then the start stands for it)
    summary: str = ""  # the debrief's one sentence, in the call's language
    ending: str = ""  # how the call ended, one sentence in the call's language
    other_name: str = ""  # who the learner spoke to, as the transcript names them
    seed: int | None = None  # the seed of the choices' order (tutor.practice); None: authored
    from_step: str = ""  # the step a drill started at; empty for a whole call
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
                transcript=tuple(_turn(t) for t in data["transcript"]),
                hung_up_first=str(data["hung_up_first"]),
                total=int(data["total"]),
                pass_mark=int(data["pass_mark"]),
                principles=tuple(PrincipleRecord(**p) for p in data["principles"]),
                hints_used=int(data.get("hints_used", 0)),
                participant=str(data.get("participant", "")),
                workshop=str(data.get("workshop", "")),
                ended_at=str(data.get("ended_at", "")),
                summary=str(data.get("summary", "")),
                ending=str(data.get("ending", "")),
                other_name=str(data.get("other_name", "")),
                seed=None if data.get("seed") is None else int(data["seed"]),
                from_step=str(data.get("from_step", "")),
                hung_up_on_silence=bool(data.get("hung_up_on_silence", False)),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not an attempt: {exc}") from exc

    def to_store(self) -> dict[str, Any]:
        """The attempt in the store's shape (see ``tutor.store.record``)."""
        return {
            "scenario_id": self.scenario_id,
            "file_hash": self.scenario_hash,
            "lang": self.lang,
            "started_at": self.started_at,
            "ended_at": self.ended_at or self.started_at,
            "front_end": self.front_end,
            "transcript": [asdict(t) | {"met": list(t.met), "broke": list(t.broke)}
                           for t in self.transcript],
            "hung_up_by": self.hung_up_first,
            "total": self.total,
            "pass_mark": self.pass_mark,
            "passed": self.passed,
            "principles": [{"id": p.principle, "verdict": p.verdict, "points": p.points,
                            "max": p.max_points, "message": p.message, "better": p.better}
                           for p in self.principles],
            "hints_used": self.hints_used,
            "participant": self.participant,
            "workshop": self.workshop,
            "summary": self.summary,
            "ending": self.ending,
            "other_name": self.other_name,
            "hung_up_on_silence": self.hung_up_on_silence,  # an extra key the store keeps
        }


def _turn(data: dict[str, Any]) -> TurnRecord:
    marks = {k: tuple(data.get(k, ())) for k in ("met", "broke")}
    return TurnRecord(**{**data, **marks})


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
           participant: str = "", seed: int | None = None, from_step: str = "") -> Attempt:
    """The record of a call that has ended.

    ``started_at`` defaults to now less the call's own clock, which is the real start for a
    call played at normal speed. ``seed`` and ``from_step`` say how a practice attempt was
    played (``tutor.practice``). Raises ``ValueError`` if the call has not ended.
    """
    ending = call.ending
    if ending is None:
        raise ValueError(f"the call of {call.scenario.id} has not ended; nothing to record")
    ended_at = datetime.now(UTC)
    if started_at is None:
        started_at = ended_at - timedelta(seconds=call.now)
    notes = {n.index: n for n in evaluation.turns}
    return Attempt(
        scenario_id=call.scenario.id,
        scenario_hash=file_hash(call.scenario.source),
        lang=call.scenario.lang,
        started_at=started_at.astimezone(UTC).isoformat(timespec="seconds"),
        front_end=front_end,
        transcript=tuple(
            TurnRecord(t.speaker, t.text, round(t.at, 3), round(t.duration, 3), t.step, t.kind,
                       t.pace, *_marks(notes.get(n)))
            for n, t in enumerate(call.transcript)),
        hung_up_first=ending.hung_up_first,
        total=evaluation.total,
        pass_mark=evaluation.pass_mark,
        principles=tuple(PrincipleRecord(r.principle, r.verdict, round(r.points, 1), r.max_points,
                                         r.message, r.better)
                         for r in evaluation.principles),
        hints_used=hints_used,
        participant=participant,
        ended_at=ended_at.isoformat(timespec="seconds"),
        summary=evaluation.summary,
        ending=ending_text(call),
        other_name=call.scenario.other.name,
        seed=seed,
        from_step=from_step,
        hung_up_on_silence=ending.silence,
    )


def _marks(note: TurnNote | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return ((), ()) if note is None else (tuple(note.met), tuple(note.broke))


class AttemptStore(Protocol):
    """Where attempts are kept (``tutor.store.AttemptStore`` is the learner's own)."""

    def add(self, attempt: dict[str, Any]) -> str:
        """Keep one attempt given in the store's shape; return its id. Raises
        ``tutor.store.StoreError`` when it cannot be kept."""


def record(attempt: Attempt, store: AttemptStore | None = None) -> list[str]:
    """Save ``attempt`` in ``store``, by default the learner's own attempt store.

    Returns what the default store had to tell the learner once (a damaged file moved
    aside, old best scores imported); with a ``store`` given, that store's owner shows
    its notices. Raises ``tutor.store.StoreError`` when the attempt cannot be kept.
    """
    if store is not None:
        store.add(attempt.to_store())
        return []
    with open_store() as own:
        own.add(attempt.to_store())
        return list(own.notices)
