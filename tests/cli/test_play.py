"""``tutor play --plain`` as a user runs it: the call by numbers or typed lines."""

from __future__ import annotations

import subprocess

from tests.support.paths import REFERENCE
from tests.support.processes import RunTutor


def play(run_tutor: RunTutor, *lines: str) -> subprocess.CompletedProcess[str]:
    return run_tutor("play", REFERENCE, "--plain", input="".join(f"{x}\n" for x in lines))


def test_play_plain_introduces_the_call_and_offers_numbered_choices(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "/quit")
    out = result.stdout
    assert out.startswith("The recruiter's call\nYou are: Alex, a recruiter")
    assert "Maria Lopez: Hello, Maria speaking." in out
    assert "  1. Hi Maria, it's Alex from Brightpath Logistics." in out


def test_play_plain_quit_leaves_the_call_with_exit_1(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "/quit")
    assert result.returncode == 1
    assert result.stdout.rstrip().endswith("Left the call.")


def test_play_plain_end_of_input_leaves_the_call_unfinished_with_exit_1(
    run_tutor: RunTutor,
) -> None:
    result = play(run_tutor, "1")
    assert result.returncode == 1
    assert "Input ended; the call is left unfinished." in result.stdout
    assert "Traceback" not in result.stderr


def test_play_plain_a_whole_calm_call_by_numbers_ends_with_the_other_party_hanging_up(
    run_tutor: RunTutor,
) -> None:
    result = play(run_tutor, "1", "1", "1", "1", "1", "1", "", "")
    assert result.returncode == 0, result.stdout
    assert "Maria Lopez: Goodbye, Alex, see you on Tuesday!" in result.stdout
    assert "Maria Lopez hung up first; you stayed on the line to the end.\n" in result.stdout


def test_play_plain_ends_with_the_debrief(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "1", "1", "1", "1", "1", "1", "", "")
    debrief = result.stdout.split("you stayed on the line to the end.", 1)[1]
    assert "Passed with 100/100." in debrief
    assert "[met] Let them hang up first (20/20 points)" in debrief


def test_play_plain_shows_the_next_lines_and_options_before_asking(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "1", "/quit")
    after_first = result.stdout.split("> ", 2)[1]
    # The other side's pause passes on its own: no Enter needed to hear the question.
    assert "Maria Lopez: Sure, I have a few minutes. What's the role?" in after_first
    assert "  2. It's an analyst job. Good money. Interested?" in after_first


def test_play_plain_a_number_always_answers_the_options_shown(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "1", "2", "/quit")
    answered = result.stdout.split("> ", 3)[2]
    assert "> ! " not in result.stdout
    assert "Maria Lopez: That actually sounds interesting." in answered


def test_play_plain_wait_lets_time_pass(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "1", "/wait 2", "/quit")
    assert "> ! " not in result.stdout
    assert result.stdout.count("  1. We're growing our analytics team") == 2


def test_play_plain_a_typed_line_is_routed_by_what_it_says(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "1", "1", "1", "1",
                  "Is there anything else you would like to know?", "", "/quit")
    assert "Maria Lopez: No, I think that's everything." in result.stdout


def test_play_plain_hangup_ends_the_call_with_the_learner_first(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "1", "1", "1", "2", "/hangup")
    assert result.returncode == 0
    assert "You hung up first, before Maria Lopez could say goodbye.\n" in result.stdout
    assert "[missed] Let them hang up first" in result.stdout


def test_play_plain_explains_an_action_that_does_not_fit(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "9", "/bogus", "/wait soon", "/quit")
    # In the learner's words: no step ids, which belong to the scenario's author.
    assert "! There is no line 9 here: pick one of the numbered lines." in result.stdout
    assert "'hello'" not in result.stdout
    assert "No such command: /bogus." in result.stdout
    assert "! /wait takes a number of seconds" in result.stdout


def test_play_plain_a_typed_line_at_a_numbered_step_is_told_without_step_ids(
    run_tutor: RunTutor,
) -> None:
    result = play(run_tutor, "1", "1", "1", "sounds good", "/quit")
    assert "! Pick one of the numbered lines here; this turn takes no typed line." in result.stdout
    assert "'agreed'" not in result.stdout


def test_play_plain_a_huge_number_is_no_such_line(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "9" * 5000, "/quit")
    assert "! There is no line with that number" in result.stdout
    assert "Traceback" not in result.stderr


def test_play_plain_speaks_the_language_of_the_call(run_tutor: RunTutor) -> None:
    result = run_tutor("play", "recruiter-call-ru", "--plain", input="/quit\n")
    assert "Ваша цель: " in result.stdout
    assert "Your goal" not in result.stdout


def test_the_app_without_a_terminal_says_how_to_play_instead(run_tutor: RunTutor) -> None:
    result = run_tutor("play", "recruiter-call-en", input="")
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr
    assert "tutor play recruiter-call-en --plain" in result.stderr
    assert result.stdout == ""


def test_play_plain_hint_says_what_is_at_stake_and_is_counted(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "1", "1", "1", "/hint", "/hint", "1", "2", "1", "", "")
    assert "  At stake here: " in result.stdout
    assert result.stdout.rstrip().endswith("Hints asked for: 1")
