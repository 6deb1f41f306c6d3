"""``tutor.session``: a finished call becomes an ``Attempt``, and every front end records one."""

from __future__ import annotations

import hashlib
import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import pytest
from conftest import REFERENCE, RunTutor

from tutor.dialogue import Call
from tutor.feedback import evaluate
from tutor.play.paths import play
from tutor.scenario.loader import load_scenario
from tutor.scores import load_scores
from tutor.session import Attempt, BestScoresStore, finish, record
from tutor.signals import Analyzer

CALM = "choose 1\n" * 6
RUSHED = "choose 1\nchoose 1\nchoose 1\nchoose 2\nhang up\n"
CALM_BY_NUMBERS = "1\n" * 6 + "\n\n"


def played(path: Literal["best", "rushed"]) -> Call:
    call = Call(load_scenario(REFERENCE), Analyzer())
    return play(call, path)


@pytest.fixture(scope="module")
def calm_call() -> Call:
    return played("best")


def scores_in(config: Path) -> dict[str, int]:
    return load_scores(config / "scores.json")


# --- the record ---------------------------------------------------------------------------

def test_an_attempt_names_the_scenario_and_the_hash_of_its_file(calm_call: Call) -> None:
    attempt = finish(calm_call, evaluate(calm_call), front_end="run")
    assert attempt.scenario_id == calm_call.scenario.id
    assert attempt.scenario_hash == hashlib.sha256(REFERENCE.read_bytes()).hexdigest()
    assert attempt.lang == "en"


def test_an_attempt_keeps_the_transcript_with_its_timings(calm_call: Call) -> None:
    attempt = finish(calm_call, evaluate(calm_call), front_end="run")
    assert [t.text for t in attempt.transcript] == [t.text for t in calm_call.transcript]
    first = attempt.transcript[0]
    assert (first.speaker, first.at, first.duration) == (
        "other", calm_call.transcript[0].at, calm_call.transcript[0].duration)


def test_an_attempt_keeps_who_hung_up_and_each_principles_verdict(calm_call: Call) -> None:
    evaluation = evaluate(calm_call)
    attempt = finish(calm_call, evaluation, front_end="tui", hints_used=2)
    assert attempt.hung_up_first == "other"
    assert (attempt.total, attempt.pass_mark, attempt.passed) == (
        evaluation.total, evaluation.pass_mark, True)
    assert [(p.principle, p.verdict) for p in attempt.principles] == [
        (r.principle, r.verdict) for r in evaluation.principles]
    assert (attempt.front_end, attempt.hints_used, attempt.participant) == ("tui", 2, "")


def test_the_start_time_is_utc_iso(calm_call: Call) -> None:
    started = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    attempt = finish(calm_call, evaluate(calm_call), front_end="plain", started_at=started)
    assert attempt.started_at == "2026-03-01T09:30:00+00:00"


def test_a_call_still_open_cannot_be_finished() -> None:
    call = Call(load_scenario(REFERENCE), Analyzer())
    with pytest.raises(ValueError, match="has not ended"):
        finish(call, evaluate(call), front_end="run")


def test_an_attempt_survives_a_round_trip_through_json(calm_call: Call) -> None:
    attempt = finish(calm_call, evaluate(calm_call), front_end="run", participant="p7")
    assert Attempt.from_dict(json.loads(json.dumps(attempt.to_dict()))) == attempt


def test_a_practice_attempt_keeps_its_seed_and_start(calm_call: Call) -> None:
    attempt = finish(calm_call, evaluate(calm_call), front_end="plain", seed=42,
                     from_step="agreed", hints_used=2)
    again = Attempt.from_dict(json.loads(json.dumps(attempt.to_dict())))
    assert (again.seed, again.from_step, again.hints_used) == (42, "agreed", 2)


def test_a_dict_that_is_not_an_attempt_is_refused(calm_call: Call) -> None:
    data = finish(calm_call, evaluate(calm_call), front_end="run").to_dict()
    with pytest.raises(ValueError, match="front end"):
        Attempt.from_dict({**data, "front_end": "fax"})
    del data["total"]
    with pytest.raises(ValueError, match="not an attempt"):
        Attempt.from_dict(data)


def test_the_best_score_store_keeps_only_a_better_total(tmp_path: Path) -> None:
    store = BestScoresStore(tmp_path / "scores.json")
    calm, rushed = played("best"), played("rushed")
    record(finish(calm, evaluate(calm), front_end="run"), store)
    record(finish(rushed, evaluate(rushed), front_end="run"), store)
    assert store.best_scores() == {calm.scenario.id: evaluate(calm).total}


# --- every front end records -------------------------------------------------------------

def run_script(run_tutor: RunTutor, tmp_path: Path, text: str,
               *args: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "script.txt"
    script.write_text(text, "utf-8")
    return run_tutor("run", REFERENCE, "--script", script, *args,
                     env={"TUTOR_CONFIG_DIR": str(tmp_path / "cfg")})


def test_run_records_the_score_of_a_finished_call(run_tutor: RunTutor, tmp_path: Path) -> None:
    result = run_script(run_tutor, tmp_path, CALM)
    assert result.returncode == 0, result.stderr
    assert scores_in(tmp_path / "cfg") == {"recruiter-call-en": 100}


def test_run_with_no_record_records_nothing(run_tutor: RunTutor, tmp_path: Path) -> None:
    result = run_script(run_tutor, tmp_path, CALM, "--no-record")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "cfg").exists()


def test_run_does_not_record_a_call_left_open(run_tutor: RunTutor, tmp_path: Path) -> None:
    result = run_script(run_tutor, tmp_path, "choose 1\n")
    assert result.returncode == 1
    assert not (tmp_path / "cfg").exists()


def test_a_trainers_path_check_is_not_recorded(run_tutor: RunTutor, tmp_path: Path) -> None:
    result = run_tutor("run", REFERENCE, "--path", "best",
                       env={"TUTOR_CONFIG_DIR": str(tmp_path / "cfg")})
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "cfg").exists()


def test_run_says_so_when_the_result_cannot_be_saved(run_tutor: RunTutor,
                                                     tmp_path: Path) -> None:
    (tmp_path / "cfg").write_text("a file where the folder should be", "utf-8")
    result = run_script(run_tutor, tmp_path, CALM)
    assert result.returncode == 0
    assert "tutor: the result was not recorded:" in result.stderr
    assert "Traceback" not in result.stderr


def test_play_plain_records_the_score_of_a_finished_call(run_tutor: RunTutor,
                                                         tmp_path: Path) -> None:
    result = run_tutor("play", REFERENCE, "--plain", input=CALM_BY_NUMBERS,
                       env={"TUTOR_CONFIG_DIR": str(tmp_path / "cfg")})
    assert result.returncode == 0, result.stderr
    assert scores_in(tmp_path / "cfg") == {"recruiter-call-en": 100}


def test_play_plain_left_unfinished_records_nothing(run_tutor: RunTutor,
                                                    tmp_path: Path) -> None:
    result = run_tutor("play", REFERENCE, "--plain", input="1\n/quit\n",
                       env={"TUTOR_CONFIG_DIR": str(tmp_path / "cfg")})
    assert result.returncode == 1
    assert not (tmp_path / "cfg").exists()
