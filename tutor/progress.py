"""Progress over past attempts, per principle and per call. Pure: rows in, summaries out.

A principle's verdicts count only where it applied ("n/a" is left out). Its points are
compared as a percentage of what it could earn in that call, since calls weigh principles
differently: ``first``, ``latest`` and ``best`` are such percentages, and ``trend`` holds
the last :data:`TREND` of them, oldest first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, NamedTuple

from tutor.scenario.model import PRINCIPLES

#: How many of the latest verdicts make a principle's trend.
TREND = 5

_SHARE = {"met": 100, "partly": 50}  # for a principle weighted 0, where points say nothing


class AttemptRow(NamedTuple):
    """What progress needs of one attempt; rows come oldest first."""

    scenario_id: str
    total: int
    ended_at: str


class VerdictRow(NamedTuple):
    """One principle's verdict in one attempt; rows come oldest first."""

    principle: str
    verdict: str
    points: float
    max: float
    ended_at: str


@dataclass(frozen=True, slots=True)
class PrincipleProgress:
    """How one principle went over every attempt where it applied."""

    principle: str
    attempts: int
    met: int
    partly: int
    missed: int
    first: int  # percent of the principle's points, 0-100
    latest: int
    best: int
    trend: tuple[int, ...]  # the last TREND percentages, oldest first


@dataclass(frozen=True, slots=True)
class CallProgress:
    """How one call went: its attempts, best and last total, and when it was last played."""

    scenario_id: str
    attempts: int
    best: int
    last: int
    last_at: str  # UTC ISO 8601


@dataclass(frozen=True, slots=True)
class Progress:
    """Everything ``tutor stats`` shows."""

    attempts: int
    principles: tuple[PrincipleProgress, ...]
    calls: tuple[CallProgress, ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form whose keys and order do not change between runs."""
        return {
            "attempts": self.attempts,
            "principles": [asdict(p) | {"trend": list(p.trend)} for p in self.principles],
            "calls": [asdict(c) for c in self.calls],
        }


def share(row: VerdictRow) -> int:
    """The verdict's points as a percentage of what the principle could earn."""
    if row.max > 0:
        return round(100 * row.points / row.max)
    return _SHARE.get(row.verdict, 0)


def _principle_order(principle: str) -> tuple[int, str]:
    """The advice's own order first; principles this version does not know after, by id."""
    known = principle in PRINCIPLES
    return (PRINCIPLES.index(principle) if known else len(PRINCIPLES), principle)


def principle_progress(verdicts: Iterable[VerdictRow]) -> tuple[PrincipleProgress, ...]:
    """Per principle, from its verdicts oldest first."""
    shares: dict[str, list[int]] = {}
    counts: dict[str, dict[str, int]] = {}
    for row in verdicts:
        if row.verdict == "n/a":
            continue
        shares.setdefault(row.principle, []).append(share(row))
        tally = counts.setdefault(row.principle, {"met": 0, "partly": 0, "missed": 0})
        tally[row.verdict] = tally.get(row.verdict, 0) + 1
    return tuple(
        PrincipleProgress(
            principle=p, attempts=len(shares[p]), met=counts[p]["met"],
            partly=counts[p]["partly"], missed=counts[p]["missed"], first=shares[p][0],
            latest=shares[p][-1], best=max(shares[p]), trend=tuple(shares[p][-TREND:]),
        )
        for p in sorted(shares, key=_principle_order)
    )


def call_progress(attempts: Iterable[AttemptRow]) -> tuple[CallProgress, ...]:
    """Per call, from its attempts oldest first; calls in id order."""
    calls: dict[str, CallProgress] = {}
    for row in attempts:
        seen = calls.get(row.scenario_id)
        calls[row.scenario_id] = CallProgress(
            scenario_id=row.scenario_id,
            attempts=seen.attempts + 1 if seen else 1,
            best=max(seen.best, row.total) if seen else row.total,
            last=row.total,
            last_at=row.ended_at,
        )
    return tuple(calls[k] for k in sorted(calls))


def progress(attempts: Iterable[AttemptRow], verdicts: Iterable[VerdictRow]) -> Progress:
    """Progress per principle and per call (both inputs oldest first)."""
    calls = call_progress(attempts)
    return Progress(attempts=sum(c.attempts for c in calls),
                    principles=principle_progress(verdicts), calls=calls)
