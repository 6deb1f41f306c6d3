"""The principle registry: for each principle of the advice, the signals it reads and its judge.

A new principle is an id and default weight in ``tutor.principles``, an entry here, and its
text (name, one message per reason, a better line, what is at stake in a hint) in every
catalogue of ``tutor.locale``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from tutor.feedback.closing import Closing, JudgedTurn, SignalRules
from tutor.feedback.types import Verdict
from tutor.principles import DEFAULT_WEIGHTS, Principle
from tutor.signals.types import SIGNALS, Signal

#: Seconds after the farewell ends that a learner should stay on the line before hanging up.
GRACE = 1.0
#: A closing shorter than this many words, said in one turn, is "one breath".
ONE_BREATH_WORDS = 12


class Reason(StrEnum):
    """Why a judge gave its verdict; each names one message in the catalogues."""

    MET = "met"
    PARTLY = "partly"
    MISSED = "missed"
    SOON = "soon"  # last_word: hung up too soon after the farewell
    NO_BYE = "no_bye"  # last_word: never said goodbye
    OPEN = "open"  # last_word: the call did not end
    SILENT = "silent"  # last_word: they hung up on the learner's silence
    LATE = "late"  # next_steps: only after the goodbye
    FACTS = "facts"  # next_steps: part of the arrangement left out


class Judgement(NamedTuple):  # a tuple: made seven times per closing judged, and cheaper
    """A judge's verdict, the turns that show it, and why (``facts`` fills the message)."""

    verdict: Verdict
    evidence: list[JudgedTurn]
    reason: Reason
    facts: str = ""


Judge = Callable[[Closing], Judgement]


@dataclass(frozen=True, slots=True)
class PrincipleSpec:
    """One principle: its id, default weight, the signals it reads and how it is judged."""

    id: Principle
    judge: Judge
    reasons: tuple[Reason, ...]  # every reason ``judge`` may give
    follows: tuple[Signal, ...] = ()  # found in a line, the line follows the principle
    breaks: tuple[Signal, ...] = ()  # found in a line, the line breaks it

    @property
    def weight(self) -> int:
        """The weight a scenario gives it unless its rubric says otherwise."""
        return DEFAULT_WEIGHTS[self.id]


_VERDICT_REASONS = (Reason.MET, Reason.PARTLY, Reason.MISSED)


def _generic(principle: Principle) -> Judge:
    def judge(closing: Closing) -> Judgement:
        """Met by a calm turn that follows it; partly when only rushed or also broken."""
        calm: list[JudgedTurn] = []
        hurried: list[JudgedTurn] = []
        broken: list[JudgedTurn] = []
        for t in closing.closing:  # one pass: four principles are judged this way
            if principle in t.met:
                (hurried if t.rushed else calm).append(t)
            if principle in t.broke:
                broken.append(t)
        if calm and not broken:
            return Judgement("met", calm, Reason.MET)
        if calm or hurried:
            return Judgement("partly", calm + hurried + broken, Reason.PARTLY)
        return Judgement("missed", broken, Reason.MISSED)
    return judge


def _person_first(closing: Closing) -> Judgement:
    """Missed by any push for your own agenda or brush-off in the close (a later kind line
    does not undo it); partly when their question was met with "not sure" and no promise."""
    broken = [t for t in closing.closing if "person_first" in t.broke]
    shown = [t for t in closing.closing if "person_first" in t.met]
    if broken:
        return Judgement("missed", broken, Reason.MISSED)
    unanswered = [t for t in closing.closing if closing.leaves_question_open(t)]
    if unanswered:
        return Judgement("partly", unanswered, Reason.PARTLY)
    return Judgement("met", shown, Reason.MET)


def _pace(closing: Closing) -> Judgement:
    """The end decides: a rushed final turn misses the pace whatever came before it."""
    spoken = [t for t in closing.closing if not closing.after_farewell(t)]
    rushed = [t for t in spoken if t.rushed]
    if closing.closing and closing.closing[-1].rushed:
        return Judgement("missed", closing.closing[-1:], Reason.MISSED)
    if not spoken:
        return Judgement("missed", [], Reason.MISSED)
    if len(rushed) == len(spoken):
        return Judgement("missed", rushed, Reason.MISSED)
    if rushed:
        return Judgement("partly", rushed, Reason.PARTLY)
    if len(spoken) == 1:  # and calm: a rushed one is all that was spoken, judged above
        words = spoken[0].words
        if words < ONE_BREATH_WORDS:
            return Judgement("missed", spoken, Reason.MISSED)
        if closing.before:
            # One short turn against a chatty call is still a sprint to the exit.
            average = sum(t.words for t in closing.before) / len(closing.before)
            if words < average * 0.5:
                return Judgement("partly", spoken, Reason.PARTLY)
    return Judgement("met", [t for t in spoken if "pace" in t.met] or spoken, Reason.MET)


def _last_word(closing: Closing) -> Judgement:
    call = closing.call
    ending = call.ending
    goodbyes = [t for t in closing.closing if t.says_goodbye]
    if ending is None:
        return Judgement("partly", [], Reason.OPEN)
    if ending.silence:  # they hung up, but on dead air: nobody said goodbye
        return Judgement("missed", closing.closing[-1:], Reason.SILENT)
    if not ending.farewell_heard:
        return Judgement("missed", closing.closing[-1:], Reason.MISSED)
    if not goodbyes:
        return Judgement("partly", [], Reason.NO_BYE)
    if ending.hung_up_first == "learner":
        farewell = next(t for t in call.transcript if t.kind == "farewell")
        if ending.at - (farewell.at + farewell.duration) < GRACE:
            return Judgement("partly", goodbyes, Reason.SOON)
    return Judgement("met", goodbyes, Reason.MET)


_generic_warmth = _generic("warmth")


def _warmth(closing: Closing) -> Judgement:
    """As the generic judge, but a last turn that thanks calmly is a little warmth: partly."""
    generic = _generic_warmth(closing)
    if generic.verdict != "missed":
        return generic
    calm_thanks = [t for t in closing.closing[-1:] if t.turn.analysis is not None
                   and t.turn.analysis.has("thanks") and not t.rushed
                   and "person_first" not in t.broke]
    if calm_thanks:
        return Judgement("partly", calm_thanks, Reason.PARTLY)
    return generic


_generic_next_steps = _generic("next_steps")


def _next_steps(closing: Closing) -> Judgement:
    generic = _generic_next_steps(closing)
    verdict, evidence, reason = generic.verdict, generic.evidence, generic.reason
    facts = closing.facts
    missing = closing.missing_facts
    if facts and not missing and verdict == "missed":
        # Every agreed detail was said out loud: that is a concrete arrangement even where
        # no cue of the analyzer fired.
        said = {i for fact in facts for i in fact.evidence}
        broken = [t for t in closing.closing if "next_steps" in t.broke]
        verdict, reason = ("partly", Reason.PARTLY) if broken else ("met", Reason.MET)
        evidence = [t for t in closing.closing if t.index in said] + broken
    first_bye = next((t.index for t in closing.closing if t.says_goodbye), None)
    if verdict == "met" and first_bye is not None and all(
        t.index > first_bye or (t.index == first_bye and _says_bye_first(t))
        for t in evidence
    ):
        return Judgement("partly", evidence, Reason.LATE)
    if facts and missing:
        if len(missing) == len(facts) and verdict != "met":
            return Judgement("missed", evidence, Reason.MISSED)
        return Judgement("partly", evidence, Reason.FACTS, ", ".join(missing))
    if not facts and verdict == "missed" and not evidence:
        return Judgement("missed", [], Reason.MISSED)
    return Judgement(verdict, evidence, reason)


def _says_bye_first(judged: JudgedTurn) -> bool:
    """In a line holding both, the goodbye comes before the arrangement."""
    analysis = judged.turn.analysis
    if analysis is None:
        return False
    first: dict[str, int] = {}
    for span in analysis.spans:
        first[span.signal] = min(span.start, first.get(span.signal, span.start))
    return first.get("goodbye", -1) < first.get("next_steps", -1)


def name_key(principle: Principle) -> str:
    """The catalogue key of a principle's name."""
    return f"feedback.name.{principle}"


def stake_key(principle: Principle) -> str:
    """The catalogue key of a principle said as something to do now (a hint, not the line)."""
    return f"feedback.stake.{principle}"


def reason_key(principle: Principle, reason: Reason) -> str:
    """The catalogue key of the message for one reason of one principle."""
    return f"feedback.reason.{principle}.{reason.value}"


def better_key(principle: Principle) -> str:
    """The catalogue key of a principle's model better line."""
    return f"feedback.better.{principle}"


def verdict_key(verdict: Verdict) -> str:
    """The catalogue key of a verdict's word."""
    return f"feedback.verdict.{verdict}"


#: Every principle, in report order (the order of ``tutor.principles.PRINCIPLES``).
REGISTRY: tuple[PrincipleSpec, ...] = (
    PrincipleSpec("pace", _pace, _VERDICT_REASONS, breaks=("rushed", "brush_off")),
    PrincipleSpec("last_word", _last_word,
                  (Reason.MET, Reason.SOON, Reason.NO_BYE, Reason.MISSED, Reason.OPEN,
                   Reason.SILENT)),
    PrincipleSpec("warmth", _warmth, _VERDICT_REASONS, follows=("warmth",)),
    PrincipleSpec("offer_help", _generic("offer_help"), _VERDICT_REASONS,
                  follows=("offer_help",)),
    PrincipleSpec("person_first", _person_first, _VERDICT_REASONS, breaks=("self_interest",)),
    PrincipleSpec("next_steps", _next_steps, (*_VERDICT_REASONS, Reason.LATE, Reason.FACTS),
                  follows=("next_steps",)),
    PrincipleSpec("thanks", _generic("thanks"), _VERDICT_REASONS, follows=("thanks",)),
)
#: What each signal means for a single line, gathered from every principle of the registry.
RULES = SignalRules(
    follows={s: tuple(p.id for p in REGISTRY if s in p.follows) for s in SIGNALS},
    breaks={s: tuple(p.id for p in REGISTRY if s in p.breaks) for s in SIGNALS},
)
