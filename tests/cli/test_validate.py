"""``tutor validate`` as a user runs it: exit codes, ``path:line:col:`` lines, no tracebacks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.support.paths import MALFORMED, MINIMAL, REFERENCE, REPO
from tests.support.processes import RunTutor

MALFORMED_FILES = sorted(MALFORMED.glob("*.yaml"))
LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): \S")


def test_a_valid_file_exits_0_and_says_ok(run_tutor: RunTutor) -> None:
    result = run_tutor("validate", MINIMAL)
    assert result.returncode == 0
    assert result.stdout == ""
    assert "1 file OK" in result.stderr


def test_the_bundled_folder_validates_clean(run_tutor: RunTutor) -> None:
    result = run_tutor("validate", "scenarios")
    assert result.returncode == 0, result.stdout
    assert "OK" in result.stderr


@pytest.mark.parametrize("path", MALFORMED_FILES, ids=lambda p: p.stem)
def test_a_malformed_file_exits_1_with_located_problems_and_no_traceback(
    run_tutor: RunTutor, path: Path
) -> None:
    result = run_tutor("validate", path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    problem_lines = [line for line in result.stdout.splitlines() if not line.startswith("    ")]
    assert problem_lines
    for line in problem_lines:
        match = LOCATED.match(line)
        assert match, line
        assert match["path"] == str(path)
    hints = [line for line in result.stdout.splitlines() if line.startswith("    ")]
    assert all(h.startswith("    hint: ") for h in hints)


def test_the_summary_counts_problems_and_files(run_tutor: RunTutor) -> None:
    result = run_tutor("validate", MINIMAL, MALFORMED / "many_problems.yaml")
    assert result.returncode == 1
    assert "4 problems in 1 of 2 files" in result.stderr


def test_a_folder_is_expanded_into_its_yaml_files(
    run_tutor: RunTutor, tmp_path: Path
) -> None:
    (tmp_path / "nested").mkdir()
    shutil.copy(MINIMAL, tmp_path / "good.yaml")
    (tmp_path / "nested" / "also-good.yml").write_text(
        MINIMAL.read_text("utf-8").replace("id: minimal-call", "id: also-minimal"), "utf-8")
    shutil.copy(MALFORMED / "lang_de.yaml", tmp_path / "nested" / "bad.yaml")
    (tmp_path / "notes.txt").write_text("not a scenario", "utf-8")
    result = run_tutor("validate", tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{tmp_path / 'nested' / 'bad.yaml'}:3:7: ")
    assert "1 problem in 1 of 3 files" in result.stderr


def test_a_folder_of_valid_files_exits_0(run_tutor: RunTutor, tmp_path: Path) -> None:
    shutil.copy(MINIMAL, tmp_path / "a.yaml")
    shutil.copy(REFERENCE, tmp_path / "b.yaml")
    result = run_tutor("validate", tmp_path)
    assert result.returncode == 0
    assert "2 files OK" in result.stderr


def test_a_missing_path_exits_1_and_names_it(run_tutor: RunTutor, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    result = run_tutor("validate", missing)
    assert result.returncode == 1
    assert f"{missing}: no such file or folder" in result.stderr


def test_a_missing_path_fails_even_beside_a_valid_file(
    run_tutor: RunTutor, tmp_path: Path
) -> None:
    result = run_tutor("validate", MINIMAL, tmp_path / "nowhere.yaml")
    assert result.returncode == 1


def test_a_folder_without_scenarios_exits_1(run_tutor: RunTutor, tmp_path: Path) -> None:
    result = run_tutor("validate", tmp_path)
    assert result.returncode == 1
    assert "no scenario files" in result.stderr


def test_relative_paths_are_reported_as_given(run_tutor: RunTutor) -> None:
    relative = (MALFORMED / "lang_de.yaml").relative_to(REPO)
    result = run_tutor("validate", relative)
    assert result.stdout.startswith(f"{relative}:3:7: 'de' is not one of ru, en")


def test_two_files_sharing_an_id_are_an_error_naming_both(
        run_tutor: RunTutor, tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "more" / "b.yaml"
    second.parent.mkdir()
    shutil.copy(MINIMAL, first)
    shutil.copy(MINIMAL, second)
    result = run_tutor("validate", tmp_path)
    assert result.returncode == 1
    assert f"{first}:1:5: error: duplicate id 'minimal-call': also in {second}" in result.stdout
    assert f"{second}:1:5: error: duplicate id 'minimal-call': also in {first}" in result.stdout
    assert "2 problems in 2 of 2 files" in result.stderr


def test_a_file_sharing_an_id_with_a_loaded_folder_is_an_error(
        run_tutor: RunTutor, tmp_path: Path) -> None:
    library, checked = tmp_path / "library", tmp_path / "new.yaml"
    library.mkdir()
    shutil.copy(MINIMAL, library / "old.yaml")
    shutil.copy(MINIMAL, checked)
    result = run_tutor("--scenarios", library, "validate", checked)
    assert result.returncode == 1
    assert f"error: duplicate id 'minimal-call': also in {library / 'old.yaml'}" in result.stdout


def test_a_copy_of_a_bundled_call_warns_that_it_overrides_it(
        run_tutor: RunTutor, tmp_path: Path) -> None:
    copy = tmp_path / "mine.yaml"
    shutil.copy(REPO / "scenarios/en/recruiter-call.yaml", copy)
    result = run_tutor("validate", copy)
    assert result.returncode == 0
    assert re.match(rf"{re.escape(str(copy))}:\d+:\d+: warning: overrides the bundled call "
                    "'recruiter-call-en'", result.stdout)
    assert "1 file OK" in result.stderr


def test_the_annotated_example_in_the_format_guide_is_valid_and_passes(
    run_tutor: RunTutor, tmp_path: Path
) -> None:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md").read_text("utf-8")
    example = guide.split("## A complete annotated example", 1)[1].split("```yaml\n", 1)[1]
    path = tmp_path / "example.yaml"
    path.write_text(example.split("```", 1)[0], "utf-8")
    assert run_tutor("validate", path).returncode == 0
    best = json.loads(run_tutor("run", path, "--path", "best", "--json").stdout)
    assert best["evaluation"]["passed"] is True


def _with_cues(folder: Path, cues: str) -> Path:
    shutil.copy(MINIMAL, folder / "a.yaml")
    (folder / "signals").mkdir()
    (folder / "signals" / "en.yaml").write_text(cues, "utf-8")
    return folder / "signals" / "en.yaml"


def test_a_sound_cue_file_in_the_folder_is_checked_as_one(run_tutor: RunTutor,
                                                         tmp_path: Path) -> None:
    _with_cues(tmp_path, "signals:\n  goodbye:\n    match: ['\\bvale\\b']\n")
    result = run_tutor("validate", tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    assert "2 files OK" in result.stderr


def test_a_cue_file_with_a_mistake_is_reported_at_its_place(run_tutor: RunTutor,
                                                           tmp_path: Path) -> None:
    cues = _with_cues(tmp_path, "signals:\n  goodbye:\n    match: ['\\bvale\\b', 'x(?=y)']\n")
    result = run_tutor("validate", tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{cues}:3:25: bad pattern 'x(?=y)'")
    assert "1 problem in 1 of 2 files" in result.stderr


def test_a_cue_file_given_by_name_is_checked_as_one(run_tutor: RunTutor, tmp_path: Path) -> None:
    cues = _with_cues(tmp_path, "sets:\n  when: ['\\bfortnight\\b']\n")
    result = run_tutor("validate", cues)
    assert (result.returncode, result.stdout) == (0, "")
    assert "1 file OK" in result.stderr
