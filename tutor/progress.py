"""Progress over past attempts, per principle and per call. Pure: rows in, summaries out.

A principle's verdicts count only where it applied ("n/a" is left out). Its points are
compared as a percentage of what it could earn in that call, since calls weigh principles
differently: ``first``, ``latest`` and ``best`` are such percentages, and ``trend`` holds
the last :data:`TREND` of them, oldest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, NamedTuple

from tutor.principles import PRINCIPLES

#: How many of the latest verdicts make a principle's trend.
TREND = 5

_SHARE = {"met": 100, "partly": 50}  # for a principle weighted 0, where points say nothing


class VerdictTally(NamedTuple):
    """How many times one principle got one verdict with the same points out of the same
    maximum (what ``best`` and the counts need, without a row per attempt)."""

    principle: str
    verdict: str
    points: float
    max: float
    times: int


class VerdictRow(NamedTuple):
    """One principle's verdict in one attempt."""

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


def local_time(when: str) -> str:
    """A stored UTC time as the learner's local date and minute."""
    from datetime import datetime  # the app's start-up imports this module, not datetime

    return datetime.fromisoformat(when).astimezone().strftime("%Y-%m-%d %H:%M")


def share(row: VerdictRow | VerdictTally) -> int:
    """The verdict's points as a percentage of what the principle could earn."""
    if row.max > 0:
        return round(100 * row.points / row.max)
    return _SHARE.get(row.verdict, 0)


def _principle_order(principle: str) -> tuple[int, str]:
    """The advice's own order first; principles this version does not know after, by id."""
    known = principle in PRINCIPLES
    return (PRINCIPLES.index(principle) if known else len(PRINCIPLES), principle)


def principle_progress(tallies: Iterable[VerdictTally],
                       recent: Mapping[str, Sequence[VerdictRow]],
                       first: Mapping[str, VerdictRow]) -> tuple[PrincipleProgress, ...]:
    """Per principle, from its tallies, its latest :data:`TREND` verdicts (oldest first) and
    its first one. "n/a" tallies are left out; a principle with none other is not shown."""
    counts: dict[str, dict[str, int]] = {}
    best: dict[str, int] = {}
    for tally in tallies:
        if tally.verdict == "n/a":
            continue
        seen = counts.setdefault(tally.principle, {"met": 0, "partly": 0, "missed": 0})
        seen[tally.verdict] = seen.get(tally.verdict, 0) + tally.times
        best[tally.principle] = max(best.get(tally.principle, 0), share(tally))
    result = []
    for principle in sorted(counts, key=_principle_order):
        seen = counts[principle]
        trend = tuple(share(row) for row in recent[principle][-TREND:])
        result.append(PrincipleProgress(
            principle=principle, attempts=sum(seen.values()), met=seen["met"],
            partly=seen["partly"], missed=seen["missed"], first=share(first[principle]),
            latest=trend[-1], best=best[principle], trend=trend,
        ))
    return tuple(result)
