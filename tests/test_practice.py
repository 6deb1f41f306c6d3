"""tutor.practice: a drill starts at the close, after a recap, with its lines in a seeded order."""

from __future__ import annotations

import pytest

from tutor.dialogue import Call
from tutor.practice import (
    CLOSING,
    Practice,
    PracticeError,
    first_closing_step,
    orders,
    prepare,
    recap,
)
from tutor.scenario.sources import find
from tutor.signals import Analyzer

RECRUITER_RU = find("recruiter-call-ru", [])


def test_closing_means_the_first_closing_step_reached() -> None:
    assert first_closing_step(RECRUITER_RU) == "agreed"
    assert prepare(RECRUITER_RU, Practice(CLOSING)).start == "agreed"


def test_a_step_id_starts_there() -> None:
    assert prepare(RECRUITER_RU, Practice("questions")).start == "questions"


def test_an_unknown_step_names_the_steps_there_are() -> None:
    with pytest.raises(PracticeError, match=r"no step 'goodbye'.*hello, pitch"):
        prepare(RECRUITER_RU, Practice("goodbye"))


def test_the_same_seed_gives_the_same_order() -> None:
    assert orders(RECRUITER_RU, 7) == orders(RECRUITER_RU, 7)


def test_different_seeds_give_different_orders() -> None:
    assert len({tuple(orders(RECRUITER_RU, seed)["agreed"]) for seed in range(20)}) > 1


def test_without_a_seed_the_lines_keep_their_authored_order() -> None:
    assert prepare(RECRUITER_RU, Practice()) is RECRUITER_RU
    assert orders(RECRUITER_RU, None)["agreed"] == (1, 2, 3)


def test_a_choice_number_means_the_line_shown_at_that_place() -> None:
    played = prepare(RECRUITER_RU, Practice(CLOSING, seed=3))
    shown = orders(RECRUITER_RU, 3)["agreed"]
    call = Call(played, Analyzer())
    call.listen()
    said = call.choose(1)
    authored = RECRUITER_RU.steps["agreed"].choices[shown[0] - 1].text
    assert [t.text for t in said if t.speaker == "learner"] == [authored]


def test_the_recap_says_who_is_on_the_line_and_what_came_before() -> None:
    summary = recap(RECRUITER_RU, "agreed")
    assert summary.other.startswith(RECRUITER_RU.other.name)
    assert summary.summary == RECRUITER_RU.summary
    # The last line of the opening, as the best path says it, is what was agreed.
    assert summary.last_said is not None and "четверг" in summary.last_said
