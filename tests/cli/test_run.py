"""``tutor run SCENARIO --script FILE``: a whole call played headless from a file of actions."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.support.paths import REFERENCE
from tests.support.processes import RunTutor
from tutor.scenario.model import PRINCIPLES

CALM = """\
# the whole call, closed the way the post asks
choose 1
choose 1
choose 1
choose 1
choose 1
choose 1
"""
RUSHED_AND_GONE = """\
choose 1
choose 1
choose 1
choose 2
hang up
"""


@pytest.fixture
def script(tmp_path: Path) -> Path:
    return tmp_path / "script.txt"


def run_script(
    run_tutor: RunTutor, script: Path, text: str, *args: str
) -> subprocess.CompletedProcess[str]:
    script.write_text(text, "utf-8")
    return run_tutor("run", REFERENCE, "--script", script, *args)


def test_a_calm_closing_prints_the_transcript_and_the_other_party_hangs_up_first(
    run_tutor: RunTutor, script: Path
) -> None:
    result = run_script(run_tutor, script, CALM)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.match(r"^\s*0:00\.5  Maria Lopez  Hello, Maria speaking\.$", lines[0])
    assert "Maria Lopez  Goodbye, Alex, see you on Tuesday!" in result.stdout
    assert "Maria Lopez hung up first; you stayed on the line to the end." in result.stdout
    assert "Passed with 100/100." in result.stdout


def test_a_rushed_closing_where_the_learner_hangs_up_first_says_so(
    run_tutor: RunTutor, script: Path
) -> None:
    result = run_script(run_tutor, script, RUSHED_AND_GONE)
    assert result.returncode == 0, result.stderr
    assert "Uh-huh. Thanks. Bye. (rushed)" in result.stdout
    assert "You hung up first, before Maria Lopez could say goodbye." in result.stdout
    assert "Goodbye, Alex" not in result.stdout
    assert "Not passed" in result.stdout


def test_the_json_report_holds_the_call_and_its_evaluation(
    run_tutor: RunTutor, script: Path
) -> None:
    result = run_script(run_tutor, script, CALM, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["scenario"] == "recruiter-call-en"
    assert report["lang"] == "en"
    assert report["hung_up_first"] == "other"
    assert report["farewell_heard"] is True
    transcript = report["transcript"]
    assert {t["speaker"] for t in transcript} == {"learner", "other"}
    assert transcript[0] == {**transcript[0], "speaker": "other", "at": 0.5, "name": "Maria Lopez"}
    times = [t["at"] for t in transcript]
    assert times == sorted(times)
    evaluation = report["evaluation"]
    assert [p["principle"] for p in evaluation["principles"]] == list(PRINCIPLES)
    assert evaluation["passed"] is True


def test_the_json_report_of_a_rushed_call_records_the_learner_hanging_up_first(
    run_tutor: RunTutor, script: Path
) -> None:
    report = json.loads(run_script(run_tutor, script, RUSHED_AND_GONE, "--json").stdout)
    assert report["hung_up_first"] == "learner"
    assert report["farewell_heard"] is False
    assert report["evaluation"]["passed"] is False


def test_an_action_that_does_not_fit_names_the_script_line_and_the_step(
    run_tutor: RunTutor, script: Path
) -> None:
    result = run_script(run_tutor, script, "choose 1\n\n# the pitch has two choices\nchoose 7\n")
    assert result.returncode == 1
    assert f"tutor: {script}:4: step 'pitch' has choices 1-2; there is no choice 7" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert "The call is still open at step 'pitch'." in result.stdout


def test_typing_where_only_choices_are_offered_names_the_line_and_step(
    run_tutor: RunTutor, script: Path
) -> None:
    result = run_script(run_tutor, script, "say Hello Maria!\n")
    assert result.returncode == 1
    assert f"{script}:1: step 'hello' takes a numbered choice" in result.stderr


def test_an_unreadable_script_line_is_named_with_the_actions_allowed(
    run_tutor: RunTutor, script: Path
) -> None:
    result = run_script(run_tutor, script, "choose 1\nsing loudly\n")
    assert result.returncode == 1
    assert f"{script}:2: cannot read 'sing loudly'" in result.stderr
    assert "choose N, say TEXT, wait SECONDS, hang up" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("line", ["choose two", "wait soon", "say"])
def test_an_action_with_a_bad_argument_is_unreadable(
    run_tutor: RunTutor, script: Path, line: str
) -> None:
    result = run_script(run_tutor, script, line + "\n")
    assert result.returncode == 1
    assert f"{script}:1: cannot read {line!r}" in result.stderr


def test_a_script_that_leaves_the_call_open_exits_1_and_says_where(
    run_tutor: RunTutor, script: Path
) -> None:
    result = run_script(run_tutor, script, "choose 1\n")
    assert result.returncode == 1
    assert "the script ended at step 'pitch' with the call still open" in result.stderr
    assert "hang up" in result.stderr


def test_a_missing_script_file_is_reported(run_tutor: RunTutor, tmp_path: Path) -> None:
    result = run_tutor("run", REFERENCE, "--script", tmp_path / "none.txt")
    assert result.returncode == 1
    assert "cannot read script" in result.stderr


def test_a_script_can_come_from_stdin(run_tutor: RunTutor) -> None:
    result = run_tutor("run", REFERENCE, "--script", "-", input=CALM)
    assert result.returncode == 0
    assert "hung up first" in result.stdout


def test_an_unknown_scenario_id_lists_the_known_ids(run_tutor: RunTutor, script: Path) -> None:
    script.write_text(CALM, "utf-8")
    result = run_tutor("run", "recruiter-call", "--script", script)
    assert result.returncode == 1
    assert "no scenario with id 'recruiter-call';" in result.stderr
    assert "known ids: " in result.stderr and "sales-call-ru" in result.stderr


def test_an_id_without_its_language_suggests_each_language(run_tutor: RunTutor) -> None:
    result = run_tutor("run", "recruiter-call", "--path", "best")
    assert result.returncode == 1
    assert "did you mean 'recruiter-call-en' or 'recruiter-call-ru'?" in result.stderr


def test_a_misspelt_id_suggests_the_nearest(run_tutor: RunTutor) -> None:
    result = run_tutor("play", "recuiter-call-ru", "--plain")
    assert result.returncode == 1
    assert "did you mean 'recruiter-call-ru'?" in result.stderr


def test_an_id_like_none_of_them_gets_no_guess(run_tutor: RunTutor) -> None:
    result = run_tutor("run", "zzz", "--path", "best")
    assert result.returncode == 1
    assert "did you mean" not in result.stderr and "known ids: " in result.stderr


def test_a_scenario_can_be_given_by_its_path(
    run_tutor: RunTutor, script: Path, tmp_path: Path, reference_text: str
) -> None:
    path = tmp_path / "my-call.yaml"
    path.write_text(reference_text.replace("id: recruiter-call-en", "id: my-call"), "utf-8")
    script.write_text(CALM, "utf-8")
    result = run_tutor("run", path, "--script", script, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["scenario"] == "my-call"


def test_a_broken_scenario_file_reports_its_problems(
    run_tutor: RunTutor, script: Path, tmp_path: Path, reference_text: str
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(reference_text.replace("lang: en", "lang: de"), "utf-8")
    script.write_text(CALM, "utf-8")
    result = run_tutor("run", path, "--script", script)
    assert result.returncode == 1
    assert f"{path}:5:7: 'de' is not one of ru, en" in result.stderr


def trainer_folder(tmp_path: Path, reference_text: str) -> Path:
    folder = tmp_path / "trainer"
    folder.mkdir()
    (folder / "hr.yaml").write_text(
        reference_text.replace("id: recruiter-call-en", "id: trainer-call-en"), "utf-8"
    )
    return folder


def test_scenarios_option_adds_a_trainers_folder(
    run_tutor: RunTutor, script: Path, tmp_path: Path, reference_text: str
) -> None:
    folder = trainer_folder(tmp_path, reference_text)
    script.write_text(CALM, "utf-8")
    result = run_tutor("--scenarios", folder, "run", "trainer-call-en", "--script", script)
    assert result.returncode == 0, result.stderr
    assert "hung up first" in result.stdout


def test_tutor_scenarios_variable_adds_a_trainers_folder(
    run_tutor: RunTutor, script: Path, tmp_path: Path, reference_text: str
) -> None:
    folder = trainer_folder(tmp_path, reference_text)
    script.write_text(CALM, "utf-8")
    result = run_tutor("run", "trainer-call-en", "--script", script,
                       env={"TUTOR_SCENARIOS": str(folder)})
    assert result.returncode == 0, result.stderr


def test_a_scenarios_option_naming_no_folder_is_an_error(
    run_tutor: RunTutor, script: Path, tmp_path: Path
) -> None:
    script.write_text(CALM, "utf-8")
    result = run_tutor("--scenarios", tmp_path / "nope", "run", "recruiter-call-en",
                       "--script", script)
    assert result.returncode == 2  # a usage error, like any other bad option
    assert "--scenarios" in result.stderr and "nope: no such folder" in result.stderr


# --- --path: a trainer's check of a new call ------------------------------------------------

def test_path_best_plays_the_annotated_best_moves_to_a_pass(run_tutor: RunTutor) -> None:
    result = run_tutor("run", "sales-no-en", "--path", "best", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["hung_up_first"] == "other"
    assert report["evaluation"]["passed"] is True


def test_path_rushed_hangs_up_before_the_farewell(run_tutor: RunTutor) -> None:
    result = run_tutor("run", "sales-no-ru", "--path", "rushed", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["hung_up_first"] == "learner"
    assert report["farewell_heard"] is False
    assert report["evaluation"]["passed"] is False


def test_path_best_names_a_step_that_offers_no_clean_move(
    run_tutor: RunTutor, tmp_path: Path, reference_text: str
) -> None:
    # Every choice of the first step now breaks something, and it has no typed line.
    text = reference_text.replace(
        "        follows: [person_first]\n", "        breaks: [person_first]\n", 1)
    path = tmp_path / "no-clean-move.yaml"
    path.write_text(text, "utf-8")
    result = run_tutor("run", path, "--path", "best")
    assert result.returncode == 1
    assert "step 'hello' has no choice without 'breaks'" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_needs_a_script_or_a_path(run_tutor: RunTutor) -> None:
    result = run_tutor("run", "recruiter-call-en")
    assert result.returncode == 2
    assert "one of the arguments --script --path is required" in result.stderr


def test_path_rushed_that_passes_fails_the_check(
    run_tutor: RunTutor, tmp_path: Path, reference_text: str
) -> None:
    # With a pass mark of 0 even the rushed path passes: the annotations no longer teach.
    path = tmp_path / "too-easy.yaml"
    path.write_text(reference_text.replace("pass_mark: 80", "pass_mark: 0"), "utf-8")
    result = run_tutor("run", path, "--path", "rushed")
    assert result.returncode == 1
    assert "the rushed path passes" in result.stderr


def test_path_best_that_fails_fails_the_check(
    run_tutor: RunTutor, tmp_path: Path, reference_text: str
) -> None:
    path = tmp_path / "too-hard.yaml"
    # The closing must now confirm a fact that no line of the call ever says.
    path.write_text(reference_text.replace(
        'pattern: "tuesday|14th"', 'pattern: "wednesday"').replace("pass_mark: 80",
                                                                 "pass_mark: 100"), "utf-8")
    result = run_tutor("run", path, "--path", "best", "--json")
    report = json.loads(result.stdout)
    assert report["evaluation"]["passed"] is False
    assert result.returncode == 1
    assert "the best path does not pass" in result.stderr


def test_a_non_finite_wait_is_refused_with_its_line(run_tutor: RunTutor, tmp_path: Path) -> None:
    script = tmp_path / "wait.txt"
    script.write_text("wait inf\n", "utf-8")
    result = run_tutor("run", REFERENCE, "--script", script)
    assert result.returncode == 1
    assert "wait.txt:1: cannot wait inf seconds" in result.stderr
    assert "Traceback" not in result.stderr
