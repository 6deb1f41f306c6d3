"""Transcript tests: record a play with its verdicts, replay them all, see what changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.paths import REPO
from tests.support.processes import RunTutor
from tutor.authoring import transcripts
from tutor.dialogue import Call
from tutor.scenario.loader import check_file
from tutor.scenario.sources import scenario_dirs
from tutor.signals import build_detector

BUNDLED = sorted((REPO / "scenarios").rglob("*.yaml"))
RECRUITER = REPO / "scenarios/en/recruiter-call.yaml"


def _copy_recruiter(folder: Path) -> Path:
    """A copy of recruiter-call-en and its transcripts in ``folder``."""
    shutil.copy(RECRUITER, folder / "recruiter-call.yaml")
    shutil.copytree(transcripts.folder_for(RECRUITER), folder / "recruiter-call.transcripts")
    return folder / "recruiter-call.yaml"


def test_the_bundled_transcripts_all_pass(run_tutor: RunTutor) -> None:
    result = run_tutor("test", "scenarios/")
    assert result.returncode == 0, result.stdout
    count = len(list((REPO / "scenarios").rglob("*.transcript")))
    assert result.stdout.splitlines()[-1] == f"{count} passed, 0 failed"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_bundled_call_has_best_rushed_and_typed_transcripts(path: Path) -> None:
    folder = transcripts.folder_for(path)
    for kind in transcripts.KINDS:
        assert (folder / f"{kind}{transcripts.SUFFIX}").is_file(), f"{path.name}: no {kind}"
    typed = transcripts.read(folder / f"typed{transcripts.SUFFIX}")
    assert any(line.startswith("say ") for line in typed.script.splitlines())


def test_transcripts_are_not_taken_for_calls(run_tutor: RunTutor) -> None:
    result = run_tutor("validate", "scenarios/")
    assert result.returncode == 0
    assert f"{len(BUNDLED)} files OK" in result.stderr


def test_changing_one_breaks_fails_naming_the_transcript_and_principle(
        run_tutor: RunTutor, tmp_path: Path) -> None:
    call = _copy_recruiter(tmp_path)
    text = call.read_text("utf-8")
    old = "breaks: [pace, next_steps, warmth, last_word, offer_help]"
    assert old in text
    call.write_text(text.replace(old, old[:-1] + ", thanks]"), "utf-8")
    result = run_tutor("test", tmp_path)
    assert result.returncode == 1
    rushed = tmp_path / "recruiter-call.transcripts" / "rushed.transcript"
    [line] = [x for x in result.stdout.splitlines() if x.startswith("FAIL")]
    assert line.startswith(f"FAIL    {rushed}: ")
    assert "thanks: partly -> missed" in line
    assert result.stdout.splitlines()[-1] == "2 passed, 1 failed"


def test_update_rewrites_the_expectations(run_tutor: RunTutor, tmp_path: Path) -> None:
    call = _copy_recruiter(tmp_path)
    text = call.read_text("utf-8").replace("breaks: [thanks, warmth]", "breaks: [warmth]")
    call.write_text(text.replace("follows: [thanks, warmth, pace]", "breaks: [thanks]"), "utf-8")
    assert run_tutor("test", tmp_path).returncode == 1
    updated = run_tutor("test", "--update", tmp_path)
    assert updated.returncode == 0
    assert "updated " in updated.stdout and "thanks: met -> missed" in updated.stdout
    assert run_tutor("test", tmp_path).returncode == 0


def test_record_saves_a_script_beside_its_call(run_tutor: RunTutor, tmp_path: Path) -> None:
    call = _copy_recruiter(tmp_path)
    script = tmp_path / "polite.txt"
    script.write_text("choose 1\nchoose 2\nchoose 1\nchoose 1\nchoose 2\nchoose 3\n", "utf-8")
    result = run_tutor("record", call, "--script", script)
    assert result.returncode == 0, result.stderr
    saved = tmp_path / "recruiter-call.transcripts" / "polite.transcript"
    assert result.stdout.startswith(f"wrote {saved}: score 100, passed, other hung up first")
    recorded = transcripts.read(saved)
    assert recorded.expected.verdicts[0] == ("pace", "met")
    assert recorded.call_file == call


def test_a_played_call_saved_from_the_debrief_replays_the_same(tmp_path: Path) -> None:
    scenario, _ = check_file(_copy_recruiter(tmp_path))
    assert scenario is not None
    analyzer = build_detector(scenario_dirs())
    call = Call(scenario, analyzer)
    for number in (2, 1, 2):
        call.listen()
        call.choose(number)
    call.listen()
    call.choose(2)  # the rushed goodbye
    call.wait(0.5)
    call.hang_up()
    path = transcripts.save(call, "from-debrief")
    result = transcripts.check(path, analyzer)
    assert result.passed, result.differences
    assert transcripts.read(path).expected.hung_up_first == "learner"


def test_record_all_writes_the_three_transcripts_of_each_call(
        run_tutor: RunTutor, tmp_path: Path) -> None:
    shutil.copy(RECRUITER, tmp_path / "recruiter-call.yaml")
    result = run_tutor("record", "--all", tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "recruiter-call.transcripts"
    assert sorted(p.name for p in folder.iterdir()) == [
        "best.transcript", "rushed.transcript", "typed.transcript"]
    assert run_tutor("test", tmp_path).returncode == 0


def test_a_damaged_transcript_fails_with_its_name_and_no_traceback(
        run_tutor: RunTutor, tmp_path: Path) -> None:
    _copy_recruiter(tmp_path)
    best = tmp_path / "recruiter-call.transcripts" / "best.transcript"
    best.write_text("call: x\nscript: [\n", "utf-8")
    result = run_tutor("test", tmp_path)
    assert result.returncode == 1
    assert f"FAIL    {best}:" in result.stdout and "YAML syntax error" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_script_that_no_longer_fits_the_call_fails_naming_the_line(
        run_tutor: RunTutor, tmp_path: Path) -> None:
    _copy_recruiter(tmp_path)
    best = tmp_path / "recruiter-call.transcripts" / "best.transcript"
    best.write_text(best.read_text("utf-8").replace("  choose 1\n", "  choose 9\n", 1), "utf-8")
    result = run_tutor("test", tmp_path)
    assert result.returncode == 1
    assert "there is no choice 9" in result.stdout
