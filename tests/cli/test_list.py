"""``tutor list``: the scenarios tutor can find, as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.processes import RunTutor


def test_list_shows_each_scenario_with_its_language_and_title(run_tutor: RunTutor) -> None:
    result = run_tutor("list")
    assert result.returncode == 0
    rows = [line.split(maxsplit=2) for line in result.stdout.splitlines()]
    assert ["recruiter-call-en", "en", "The recruiter's call"] in rows


def test_list_filters_by_language(run_tutor: RunTutor) -> None:
    assert "recruiter-call-en" in run_tutor("list", "--lang", "en").stdout
    assert "recruiter-call-en" not in run_tutor("list", "--lang", "ru").stdout


def test_list_json_describes_each_scenario(run_tutor: RunTutor) -> None:
    result = run_tutor("list", "--json")
    assert result.returncode == 0
    [entry] = [e for e in json.loads(result.stdout) if e["id"] == "recruiter-call-en"]
    assert entry["lang"] == "en"
    assert entry["title"] == "The recruiter's call"
    assert Path(entry["file"]).name == "recruiter-call.yaml"
    assert set(entry) == {"id", "title", "lang", "kind", "difficulty", "summary", "file"}


def test_list_warns_about_broken_files_in_a_trainers_folder(
    run_tutor: RunTutor, tmp_path: Path
) -> None:
    (tmp_path / "broken.yaml").write_text("id: [\n", "utf-8")
    result = run_tutor("--scenarios", tmp_path, "list")
    assert result.returncode == 0
    assert "recruiter-call-en" in result.stdout
    assert "skipped 1 file with problems" in result.stderr


def test_a_cue_file_in_a_trainers_folder_is_not_a_broken_call(
    run_tutor: RunTutor, tmp_path: Path
) -> None:
    (tmp_path / "signals").mkdir()
    (tmp_path / "signals" / "en.yaml").write_text("sets:\n  when: ['\\bfortnight\\b']\n", "utf-8")
    result = run_tutor("--scenarios", tmp_path, "list")
    assert result.returncode == 0
    assert "skipped" not in result.stderr
