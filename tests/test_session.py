"""``tutor.session``: a finished call becomes an ``Attempt``, and every front end records one."""

from __future__ import annotations

import hashlib
import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import pytest

from tests.support.paths import REFERENCE
from tests.support.processes import RunTutor
from tutor.dialogue import Call
from tutor.feedback import evaluate
from tutor.play.paths import play
from tutor.scenario.loader import load_scenario
from tutor.session import Attempt, finish, record
from tutor.signals import Analyzer
from tutor.store import open_store

CALM = "choose 1\n" * 6
RUSHED = "choose 1\nchoose 1\nchoose 1\nchoose 2\nhang up\n"
CALM_BY_NUMBERS = "1\n" * 6 + "\n\n"


def played(path: Literal["best", "rushed"]) -> Call:
    call = Call(load_scenario(REFERENCE), Analyzer())
    return play(call, path)


@pytest.fixture(scope="module")
def calm_call() -> Call:
    return played("best")


def recorded(data: Path) -> list[dict[str, Any]]:
    """The attempts kept in the store of the data folder ``data``, newest first."""
    with open_store(data / "attempts.sqlite3") as store:
        return store.attempts()


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


def test_every_attempt_is_kept_and_the_best_score_is_the_best_of_them(tmp_path: Path) -> None:
    calm, rushed = played("best"), played("rushed")
    with open_store(tmp_path / "attempts.sqlite3") as store:
        record(finish(calm, evaluate(calm), front_end="run"), store)
        record(finish(rushed, evaluate(rushed), front_end="plain"), store)
        assert [a["front_end"] for a in store.attempts()] == ["plain", "run"]
        assert store.best_scores() == {calm.scenario.id: evaluate(calm).total}


def test_a_stored_attempt_keeps_what_its_debrief_showed(calm_call: Call,
                                                         tmp_path: Path) -> None:
    evaluation = evaluate(calm_call)
    with open_store(tmp_path / "attempts.sqlite3") as store:
        record(finish(calm_call, evaluation, front_end="run"), store)
        (kept,) = store.attempts()
    assert kept["summary"] == evaluation.summary
    assert kept["other_name"] == calm_call.scenario.other.name
    assert [(p["id"], p["verdict"], p["message"], p["better"]) for p in kept["principles"]] == \
        [(r.principle, r.verdict, r.message, r.better) for r in evaluation.principles]
    marks = {n.index: (list(n.met), list(n.broke)) for n in evaluation.turns}
    assert {i: (t["met"], t["broke"]) for i, t in enumerate(kept["transcript"])
            if t["met"] or t["broke"]} == {i: m for i, m in marks.items() if m[0] or m[1]}


def test_record_without_a_store_keeps_the_attempt_in_the_learners_own(
        calm_call: Call, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "mine"))
    record(finish(calm_call, evaluate(calm_call), front_end="run"))
    assert [a["scenario_id"] for a in recorded(tmp_path / "mine")] == [calm_call.scenario.id]


# --- every front end records -------------------------------------------------------------

def run_script(run_tutor: RunTutor, tmp_path: Path, text: str,
               *args: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "script.txt"
    script.write_text(text, "utf-8")
    return run_tutor("run", REFERENCE, "--script", script, *args,
                     env={"TUTOR_DATA_DIR": str(tmp_path / "data")})


def test_run_records_the_score_of_a_finished_call(run_tutor: RunTutor, tmp_path: Path) -> None:
    result = run_script(run_tutor, tmp_path, CALM)
    assert result.returncode == 0, result.stderr
    (attempt,) = recorded(tmp_path / "data")
    assert (attempt["scenario_id"], attempt["total"], attempt["front_end"]) == (
        "recruiter-call-en", 100, "run")
    assert {p["verdict"] for p in attempt["principles"]} == {"met"}


def test_run_with_no_record_records_nothing(run_tutor: RunTutor, tmp_path: Path) -> None:
    result = run_script(run_tutor, tmp_path, CALM, "--no-record")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "data").exists()


def test_run_does_not_record_a_call_left_open(run_tutor: RunTutor, tmp_path: Path) -> None:
    result = run_script(run_tutor, tmp_path, "choose 1\n")
    assert result.returncode == 1
    assert not (tmp_path / "data").exists()


def test_a_trainers_path_check_is_not_recorded(run_tutor: RunTutor, tmp_path: Path) -> None:
    result = run_tutor("run", REFERENCE, "--path", "best",
                       env={"TUTOR_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "data").exists()


def test_run_says_so_when_the_result_cannot_be_saved(run_tutor: RunTutor,
                                                     tmp_path: Path) -> None:
    (tmp_path / "data").write_text("a file where the folder should be", "utf-8")
    result = run_script(run_tutor, tmp_path, CALM)
    assert result.returncode == 0
    assert "tutor: the result was not recorded:" in result.stderr
    assert "Traceback" not in result.stderr


def test_play_plain_records_the_score_of_a_finished_call(run_tutor: RunTutor,
                                                         tmp_path: Path) -> None:
    result = run_tutor("play", REFERENCE, "--plain", input=CALM_BY_NUMBERS,
                       env={"TUTOR_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode == 0, result.stderr
    (attempt,) = recorded(tmp_path / "data")
    assert (attempt["scenario_id"], attempt["total"], attempt["front_end"]) == (
        "recruiter-call-en", 100, "plain")


def test_play_plain_left_unfinished_records_nothing(run_tutor: RunTutor,
                                                    tmp_path: Path) -> None:
    result = run_tutor("play", REFERENCE, "--plain", input="1\n/quit\n",
                       env={"TUTOR_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode == 1
    assert not (tmp_path / "data").exists()
