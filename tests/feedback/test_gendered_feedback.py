"""Debriefs and reports speak of each person in the word forms of their gender.

Russian agrees the past tense and «первым/первой» with who did it: the other party by
``other.gender``, the learner by ``learner.gender`` (or their own setting); with the gender
unknown the texts take a neutral construction rather than a «положил(а)».
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tutor.dialogue import Call, Phase
from tutor.feedback import evaluate
from tutor.locale.grammar import Gender
from tutor.play.paths import pick, play
from tutor.report import ending_text, evaluation_text
from tutor.scenario import sources
from tutor.scenario.model import Scenario
from tutor.scenario.sources import scenario_dirs
from tutor.signals import build_detector

RU = sources.find("recruiter-call-ru")  # the other party is Дмитрий Ковалёв


def as_people(other: Gender | None, learner: Gender | None, name: str = "Дмитрий") -> Scenario:
    return replace(RU, other=replace(RU.other, name=name, gender=other),
                   learner=replace(RU.learner, gender=learner))


def best(scenario: Scenario) -> Call:
    return play(Call(scenario, build_detector(scenario_dirs())), "best")


def hang_up_after_goodbye(scenario: Scenario) -> Call:
    """The best path, but the learner hangs up as soon as the other side said goodbye."""
    call = Call(scenario, build_detector(scenario_dirs()))
    call.listen()
    while call.phase is Phase.LEARNER_TURN:
        move = pick(call.step, "best", "ru")
        if move.choice is not None:
            call.choose(move.choice)
        else:
            call.say(move.text or "")
        call.listen()
    while call.phase is not Phase.AFTER_FAREWELL:
        call.wait(0.1)
    call.hang_up()
    return call


def rushed(scenario: Scenario) -> Call:
    return play(Call(scenario, build_detector(scenario_dirs())), "rushed")


def test_a_woman_who_hangs_up_first_is_named_in_the_feminine() -> None:
    ending = ending_text(best(as_people("female", None, "Валентина Петровна")))
    assert ending == "Валентина Петровна положила трубку первой, а вы оставались на линии до конца."


def test_a_man_who_hangs_up_first_is_named_in_the_masculine() -> None:
    ending = ending_text(best(as_people("male", None)))
    assert ending == "Дмитрий положил трубку первым, а вы оставались на линии до конца."


def test_an_other_party_of_unknown_gender_gets_a_neutral_sentence() -> None:
    ending = ending_text(best(as_people(None, None, "Саша")))
    assert ending == "Трубку положили на том конце, а вы оставались на линии до конца."


@pytest.mark.parametrize(("learner", "words"), [
    ("female", "Вы положили трубку первой"),
    ("male", "Вы положили трубку первым"),
    (None, "Вы положили трубку раньше собеседника"),
])
def test_a_learner_who_hangs_up_first_is_addressed_in_their_gender(
        learner: Gender | None, words: str) -> None:
    call = hang_up_after_goodbye(as_people("female", learner, "Мама"))
    assert ending_text(call) == f"{words}, но уже после того, как Мама попрощалась."


@pytest.mark.parametrize(("other", "words"), [
    ("female", "чем собеседница успела попрощаться"),
    ("male", "чем собеседник успел попрощаться"),
    (None, "чем с вами успели попрощаться"),
])
def test_the_debrief_of_a_cut_off_goodbye_agrees_with_the_other_party(
        other: Gender | None, words: str) -> None:
    evaluation = evaluate(rushed(as_people(other, "female")))
    assert words in evaluation.result("last_word").message


@pytest.mark.parametrize(("other", "words"), [
    ("female", "поблагодарили собеседницу"),
    ("male", "поблагодарили собеседника"),
])
def test_the_debrief_of_thanks_agrees_with_the_other_party(other: Gender, words: str) -> None:
    evaluation = evaluate(best(as_people(other, None)))
    assert words in evaluation.result("thanks").message


def test_no_russian_text_falls_back_on_a_bracketed_ending() -> None:
    # «положил(а)», «попрощался(ась)»: what gendered texts looked like before.
    for other in ("male", "female", None):
        for learner in ("male", "female", None):
            for call in (best(as_people(other, learner)), rushed(as_people(other, learner))):
                shown = ending_text(call) + evaluation_text(evaluate(call))
                assert "(а)" not in shown and "(ась)" not in shown


def test_the_learners_setting_fills_a_scenario_that_does_not_say() -> None:
    unsaid = as_people("female", None)
    assert unsaid.for_learner("female").learner.gender == "female"
    said = as_people("female", "male")
    assert said.for_learner("female").learner.gender == "male"  # the scenario wins
    assert unsaid.for_learner(None).learner.gender is None
