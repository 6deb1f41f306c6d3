"""What to practise next: the learner's weakest principle, and the call whose close tests it most.

**The weakest principle** comes from each principle's latest verdicts where it applied
(``PrincipleProgress.trend``: up to :data:`tutor.progress.TREND` of them, oldest first, each the
percentage of the principle's points that attempt earned)::

    weakness = sum(w[i] * (100 - share[i])) / sum(w[i]),   w[i] = 2 ** -age[i]

where ``age`` is 0 for the newest verdict, 1 for the one before, and so on. A miss in the
latest attempt therefore weighs twice a miss one attempt earlier and four times one two
attempts earlier: an old habit the learner has since fixed fades quickly, a fresh slip shows
at once. The principle with the highest weakness (0-100) is the weakest; a tie goes to the
one the advice lists first. A principle never judged has no weakness.

**The call that tests it most** is read from the calls' own annotations: every line offered
in a closing step (``closing: true``) whose note ``follows`` or ``breaks`` the principle is
one chance, at the close, to get it right or wrong. A call in the learner's language (when
one is given) comes before any other; among those, the call with the most such lines wins,
then the one played fewest times, then the first listed. Plain Python: no Textual, no terminal I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from tutor.principles import PRINCIPLES
from tutor.progress import Progress
from tutor.scenario.sources import Listed

if TYPE_CHECKING:
    # Only a type here: the library's first frame imports this module, and the model brings
    # the pattern engine and the analyzer's types with it.
    from tutor.scenario.model import Scenario

#: How much less each older verdict weighs than the one after it.
DECAY = 0.5


def weakness(trend: Sequence[int]) -> float:
    """How weak a principle is (0: always fully met lately, 100: always missed) from its
    latest shares, oldest first; recent verdicts weigh more (see the module's formula)."""
    if not trend:
        raise ValueError("a principle with no verdicts has no weakness")
    weights = [DECAY ** age for age in range(len(trend))][::-1]
    return sum(w * (100 - share) for w, share in zip(weights, trend, strict=True)) / sum(weights)


def closing_tests(scenario: Scenario) -> dict[str, int]:
    """Per principle, how many lines offered in the call's closing steps follow or break it."""
    counts: dict[str, int] = {}
    for step in scenario.steps.values():
        if not step.closing:
            continue
        for choice in step.choices:
            for principle in {*choice.note.follows, *choice.note.breaks}:
                counts[principle] = counts.get(principle, 0) + 1
    return counts


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The weakest principle and, when some call's close tests it, that call."""

    principle: str
    weakness: float  # 0-100, see the module's formula
    scenario_id: str | None
    title: str | None
    lang: str | None
    tests: int  # closing lines of that call that follow or break the principle

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form whose keys do not change between runs."""
        return asdict(self) | {"weakness": round(self.weakness, 1)}


def _order(principle: str) -> int:
    return PRINCIPLES.index(principle) if principle in PRINCIPLES else len(PRINCIPLES)


def weakest(progress: Progress) -> tuple[str, float] | None:
    """The weakest principle of the record and its weakness; None before any verdict."""
    judged = [(p.principle, weakness(p.trend)) for p in progress.principles if p.trend]
    if not judged:
        return None
    return min(judged, key=lambda item: (-item[1], _order(item[0])))


def suggest(progress: Progress, scenarios: Sequence[Listed],
            tests: Mapping[str, Mapping[str, int]], lang: str | None = None
            ) -> Suggestion | None:
    """What to practise next among ``scenarios`` (in listing order), or None when nothing
    has been judged yet. ``tests`` is ``closing_tests`` per scenario id."""
    found = weakest(progress)
    if found is None:
        return None
    principle, weak = found
    played = {c.scenario_id: c.attempts for c in progress.calls}
    ranked = [(s.lang == lang, tests.get(s.id, {}).get(principle, 0), -played.get(s.id, 0),
               -n, s) for n, s in enumerate(scenarios)]
    ranked = [r for r in ranked if r[1] > 0]
    if not ranked:
        return Suggestion(principle, weak, None, None, None, 0)
    best = max(ranked, key=lambda r: r[:4])
    scenario = best[4]
    return Suggestion(principle, weak, scenario.id, scenario.title, scenario.lang, best[1])
