"""tutor.hints: what is at stake at a turn, from the annotations, never the line itself."""

from __future__ import annotations

from tutor.dialogue import Call
from tutor.hints import MAX_STAKES, at_stake, hint_text
from tutor.practice import CLOSING, Practice, prepare
from tutor.scenario.sources import find
from tutor.signals import Analyzer

RECRUITER_EN = find("recruiter-call-en", [])


def at_close() -> Call:
    call = Call(prepare(RECRUITER_EN, Practice(CLOSING)), Analyzer())
    call.listen()
    return call


def test_the_stakes_are_first_what_the_clean_lines_follow() -> None:
    call = at_close()
    clean = {p for c in call.step.choices if not c.note.breaks for p in c.note.follows}
    stakes = at_stake(call)
    assert clean and set(stakes[:len(clean)]) == clean
    annotated = {p for c in call.step.choices for p in (*c.note.follows, *c.note.breaks)}
    assert set(stakes) <= annotated and len(stakes) <= MAX_STAKES


def test_a_principle_already_followed_is_no_longer_at_stake() -> None:
    call = at_close()
    followed: set[str] = set()
    while call.step.id != "questions":  # the last turn, after two best lines
        best = max(call.step.choices, key=lambda c: (not c.note.breaks, len(c.note.follows)))
        followed |= set(best.note.follows)
        call.choose(call.step.choices.index(best) + 1)
        call.listen()
    touched = {p for c in call.step.choices for p in (*c.note.follows, *c.note.breaks)}
    assert touched & followed and touched - followed  # the call is written so: a fair test
    assert set(at_stake(call)) == touched - followed  # one or two left, within MAX_STAKES


def test_the_hint_never_contains_a_line_to_say() -> None:
    call = at_close()
    text = hint_text(call, "en")
    assert text.startswith("At stake here: ")
    assert not any(c.text in text for c in call.step.choices)


def test_the_hint_speaks_russian_for_a_russian_learner() -> None:
    assert hint_text(at_close(), "ru").startswith("Сейчас важно: ")
