"""``tutor lint`` as a trainer runs it: figures per call, findings at file:line:col, exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.authoring.helpers import FLAWED, HOPELESS, write
from tests.support.paths import MALFORMED, REPO
from tests.support.processes import RunTutor

SUMMARY = re.compile(r"^(?P<path>\S+): (?P<id>\S+): (?P<paths>\d+) paths, best (?P<best>\d+), "
                     r"worst (?P<worst>\d+), pass mark \d+$", re.M)


def test_the_bundled_calls_have_no_errors_and_a_summary_each(run_tutor: RunTutor) -> None:
    result = run_tutor("lint", "scenarios/")
    assert result.returncode == 0, result.stdout
    summaries = SUMMARY.findall(result.stdout)
    assert len(summaries) == len(list((REPO / "scenarios").rglob("*.yaml")))
    assert ": error:" not in result.stdout
    assert "0 error(s)" in result.stderr


def test_a_closing_that_cannot_pass_is_an_error_naming_the_step(
        run_tutor: RunTutor, tmp_path: Path) -> None:
    path = write(tmp_path, "hopeless.yaml", HOPELESS, "hopeless-en")
    result = run_tutor("lint", path)
    assert result.returncode == 1
    assert re.search(rf"^{re.escape(str(path))}:12:9: error: the closing at step 'wrap' "
                     r"cannot pass", result.stdout, re.M)


def test_two_files_sharing_an_id_are_an_error_naming_both(
        run_tutor: RunTutor, tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", FLAWED, "twin-en")
    second = write(tmp_path / "more", "b.yaml", FLAWED, "twin-en")
    result = run_tutor("lint", tmp_path)
    assert result.returncode == 1
    assert f"{first}:1:5: error: duplicate id 'twin-en': also in {second}" in result.stdout
    assert f"{second}:1:5: error: duplicate id 'twin-en': also in {first}" in result.stdout


def test_a_copy_of_a_bundled_call_warns_that_it_overrides_it(
        run_tutor: RunTutor, tmp_path: Path) -> None:
    copy = tmp_path / "mine.yaml"
    shutil.copy(REPO / "scenarios/en/recruiter-call.yaml", copy)
    result = run_tutor("lint", copy)
    assert result.returncode == 0
    assert "warning: overrides the bundled call 'recruiter-call-en'" in result.stdout
    assert run_tutor("lint", "--strict", copy).returncode == 1


@pytest.fixture
def flawed(run_tutor: RunTutor, tmp_path: Path) -> tuple[Path, CompletedProcess[str]]:
    """``tutor lint`` run on the FLAWED call: its path and what lint printed."""
    path = write(tmp_path, "flawed.yaml", FLAWED, "flawed-en")
    return path, run_tutor("lint", path)


def test_a_closing_choice_without_annotations_is_pointed_at(
        flawed: tuple[Path, CompletedProcess[str]]) -> None:
    path, result = flawed
    assert (f"{path}:16:9: warning: choice 1 of closing step 'wrap' has neither 'follows' "
            "nor 'breaks'") in result.stdout


def test_a_typed_route_none_of_the_calls_lines_take_is_pointed_at(
        flawed: tuple[Path, CompletedProcess[str]]) -> None:
    path, result = flawed
    assert (f"{path}:23:11: warning: route 1 of typed step 'wrap' (all: rushed, offer_help -> "
            "bye) fires on none of this call's own lines") in result.stdout


def test_a_fact_no_path_confirms_is_pointed_at(
        flawed: tuple[Path, CompletedProcess[str]]) -> None:
    path, result = flawed
    assert f"{path}:35:7: warning: fact 'place' (the place) is confirmed on no path" \
        in result.stdout


def test_a_path_that_passes_while_missing_a_principle_is_shown_with_its_moves(
        flawed: tuple[Path, CompletedProcess[str]]) -> None:
    path, result = flawed
    assert (f"{path}:1:5: warning: a path passes (80) while missing offer_help: "
            "choose 1; choose 2") in result.stdout
    assert result.returncode == 0  # warnings only


def test_a_path_that_passes_missing_a_principle_its_choice_is_marked_to_break_is_not_flagged(
        run_tutor: RunTutor, tmp_path: Path) -> None:
    # What the hint asks for: the author marks the choice, and lint takes the point.
    marked = FLAWED.replace("follows: [thanks, warmth, next_steps]",
                            "follows: [thanks, warmth, next_steps]\n        breaks: [offer_help]")
    path = write(tmp_path, "marked.yaml", marked, "marked-en")
    result = run_tutor("lint", path)
    assert "while missing offer_help" not in result.stdout, result.stdout
    assert f"{path}: marked-en:" in result.stdout  # it was walked and summed up


def test_translations_with_different_steps_are_flagged(
        run_tutor: RunTutor, tmp_path: Path) -> None:
    write(tmp_path, "call-en.yaml", FLAWED, "drift-en")
    russian = FLAWED.replace("lang: en", "lang: ru").replace("id: bye", "id: final") \
        .replace("next: bye", "next: final")
    ru = write(tmp_path, "call-ru.yaml", russian, "drift-ru")
    result = run_tutor("lint", tmp_path)
    assert (f"{ru}:1:5: warning: the structure differs from drift-en") in result.stdout
    assert "steps only here: final; steps only there: bye" in result.stdout


def test_validation_problems_are_errors_with_their_position(run_tutor: RunTutor) -> None:
    broken = sorted(MALFORMED.glob("*.yaml"))[0]
    result = run_tutor("lint", broken)
    assert result.returncode == 1
    assert re.search(rf"^{re.escape(str(broken))}:\d+:\d+: error: ", result.stdout, re.M)
    assert "Traceback" not in result.stderr


def test_json_lists_each_file_with_its_figures_and_findings(
        run_tutor: RunTutor, tmp_path: Path) -> None:
    path = write(tmp_path, "hopeless.yaml", HOPELESS, "hopeless-en")
    result = run_tutor("lint", "--json", path)
    data = json.loads(result.stdout)
    assert data["errors"] == 1
    [report] = data["files"]
    assert (report["id"], report["paths"], report["best"]) == ("hopeless-en", 4, 30)
    assert report["findings"][0]["line"] == 12


def test_a_walk_over_the_bound_is_cut_and_says_so(tmp_path: Path) -> None:
    from tutor.authoring.lint import lint

    path = REPO / "scenarios/en/recruiter-call.yaml"
    [report] = lint([path], max_paths=10)
    assert report.walk is not None and report.walk.cut
    assert "(walk cut at" in report.summary()
    assert any("walk cut at" in f.message for f in report.findings)
