"""The replayed transcript's marks and the better lines of the debrief."""

from __future__ import annotations

from dataclasses import replace

from tests.feedback.test_typed_closings import played, scenario
from tutor.dialogue import Call
from tutor.feedback import evaluate
from tutor.feedback.evaluator import address_name, register_of
from tutor.locale import text
from tutor.play.paths import play
from tutor.scenario.model import Scenario
from tutor.signals.analyzer import default_analyzer


def test_opening_turns_are_not_scored_and_carry_no_marks() -> None:
    call, evaluation = played("recruiter-call-en", "say k great, thx, bye")
    for note in evaluation.turns:
        if not call.transcript[note.index].closing:
            assert (note.scored, note.met, note.broke) == (False, (), ())


def test_a_mark_never_disagrees_with_the_verdict() -> None:
    for scenario_id, line in (("recruiter-call-en", "say k great, thx, bye"),
                              ("recruiter-call-ru", "say ага, спасибо, пока")):
        _, evaluation = played(scenario_id, line)
        verdicts = {r.principle: r.verdict for r in evaluation.principles}
        for note in evaluation.turns:
            assert all(verdicts[p] == "met" for p in note.met)
            assert all(verdicts[p] in ("partly", "missed") for p in note.broke)


def test_thanks_in_a_mumble_is_not_marked_as_thanks() -> None:
    _, evaluation = played("recruiter-call-ru", "say ага, спасибо, пока")
    assert evaluation.result("thanks").verdict == "partly"
    assert not any("thanks" in note.met for note in evaluation.turns)


def test_the_register_is_read_from_the_learners_lines() -> None:
    assert register_of(scenario("friend-call-ru")) == "informal"
    assert register_of(scenario("recruiter-call-ru")) == "formal"
    assert register_of(scenario("friend-call-en")) == "informal"
    assert register_of(scenario("sales-call-en")) == "formal"


def without_authored_lines(s: Scenario) -> Scenario:
    """The scenario with every authored better line taken out, so generic lines show."""
    return replace(s, steps={
        k: replace(v, typed=replace(v.typed, better=None) if v.typed else None,
                   choices=tuple(replace(c, note=replace(c.note, better=None))
                                 for c in v.choices))
        for k, v in s.steps.items()})


def test_a_scenario_register_overrides_the_one_read_from_its_lines() -> None:
    formal = replace(without_authored_lines(scenario("friend-call-ru")), register="formal")
    call = Call(formal, default_analyzer())
    call.hang_up()
    better = {r.principle: r.better for r in evaluate(call).principles}
    assert better["thanks"] == text("ru", "feedback.better.thanks.formal")


def test_generic_wishes_follow_the_time_of_day() -> None:
    base = replace(without_authored_lines(scenario("recruiter-call-en")), register="formal")
    for time in ("morning", "evening"):
        call = Call(replace(base, time_of_day=time), default_analyzer())
        call.hang_up()
        warmth = evaluate(call).result("warmth").better
        assert warmth == text("en", f"feedback.better.warmth.formal.{time}")


def test_the_scenarios_own_better_line_wins_over_a_generic_one() -> None:
    _, evaluation = played("friend-call-ru", "say Ага.", "say Ну давай.")
    authored = {s.typed.better for s in scenario("friend-call-ru").steps.values()
                if s.typed is not None and s.typed.better}
    assert authored & {r.better for r in evaluation.principles}


def test_names_in_feedback_are_how_one_addresses_the_person() -> None:
    assert address_name(scenario("sales-call-en")) == "Valerie"
    assert address_name(scenario("sales-call-ru")) == "Валентина Петровна"


def test_the_best_path_of_every_call_still_scores_well() -> None:
    call = Call(scenario("recruiter-last-question-ru"), default_analyzer())
    play(call, "best")
    assert evaluate(call).total >= 90
