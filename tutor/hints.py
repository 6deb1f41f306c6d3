"""Hints, when the learner asks: what is at stake at this turn, without giving the line.

What is at stake comes from the trainer's annotations: the principles that the step's
numbered lines follow or break, less those the learner has already followed earlier in the
call. A step with no annotated lines (a typed-only turn) falls back on the principles the
scenario weighs that are still open. Plain Python: every front end shows the same hint.
"""

from __future__ import annotations

from tutor.dialogue import Call
from tutor.feedback.principles import stake_key
from tutor.locale import Lang, text
from tutor.scenario.model import PRINCIPLES, Principle


def followed_so_far(call: Call) -> set[Principle]:
    """Principles the learner's chosen lines have followed so far in this call."""
    return {p for turn in call.transcript if turn.speaker == "learner" and turn.note
            for p in turn.note.follows}


#: More than this many things at once is a list to read, not a hint.
MAX_STAKES = 3


def at_stake(call: Call) -> tuple[Principle, ...]:
    """The principles this turn puts at stake, most telling first, at most ``MAX_STAKES``.

    First what the step's clean lines (no ``breaks``) follow, then what its other lines
    break; each group in the registry's order. Principles already followed drop out, unless
    nothing else is left.
    """
    step = call.step
    good = {p for c in step.choices if not c.note.breaks for p in c.note.follows}
    bad = {p for c in step.choices for p in (*c.note.follows, *c.note.breaks)} - good
    if not good and not bad and step.closing:
        good = {p for p, weight in call.scenario.rubric.weights.items() if weight}
    ordered = [p for p in PRINCIPLES if p in good] + [p for p in PRINCIPLES if p in bad]
    done = followed_so_far(call)
    open_ = [p for p in ordered if p not in done]
    return tuple((open_ or ordered)[:MAX_STAKES])


def hint_text(call: Call, lang: Lang) -> str:
    """One line saying what is at stake now, in ``lang``; never the line to say."""
    stakes = at_stake(call)
    if not stakes:
        return text(lang, "feedback.stakes_none")
    return text(lang, "feedback.stakes",
                items="; ".join(text(lang, stake_key(p)) for p in stakes))
