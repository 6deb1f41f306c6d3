"""Hints, when the learner asks: what is at stake at this turn, without giving the line.

What is at stake comes from the trainer's annotations: the principles that the step's
numbered lines follow or break, less those the learner has already followed earlier in the
call. A step with no annotated lines (a typed-only turn) falls back on the principles the
scenario weighs that are still open. Plain Python: every front end shows the same hint.
"""

from __future__ import annotations

from tutor.dialogue import Call
from tutor.scenario.model import PRINCIPLES, Principle
from tutor.signals.types import Lang

#: Each principle as something to do now, short enough for one line of the call screen.
STAKES: dict[Lang, dict[Principle, str]] = {
    "en": {
        "pace": "take your time: no rushed lines",
        "last_word": "let them say goodbye first, and hang up after them",
        "warmth": "a warm word, not a brush-off",
        "offer_help": "offer further help before the goodbye",
        "person_first": "show it is about them, not your checklist",
        "next_steps": "confirm what happens next: day, time, who does what",
        "thanks": "thank them for their time",
    },
    "ru": {
        "pace": "не торопитесь: без скороговорки",
        "last_word": "дайте собеседнику попрощаться первым и кладите трубку после него",
        "warmth": "тёплое слово, а не отписка",
        "offer_help": "до прощания предложите помочь ещё чем-нибудь",
        "person_first": "покажите, что важен человек, а не галочка в плане",
        "next_steps": "проговорите, что дальше: день, время, кто что делает",
        "thanks": "поблагодарите за уделённое время",
    },
}
HEADING: dict[Lang, str] = {"en": "At stake here", "ru": "Сейчас важно"}
NOTHING: dict[Lang, str] = {
    "en": "Nothing in particular at stake here: answer as you naturally would.",
    "ru": "Здесь ничего особенного: отвечайте так, как ответили бы сами.",
}


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
        return NOTHING[lang]
    return f"{HEADING[lang]}: " + "; ".join(STAKES[lang][p] for p in stakes) + "."
