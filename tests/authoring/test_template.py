"""``tutor new``: a commented call to start from, clean under lint as created, never overwriting."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.processes import RunTutor


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_new_call_passes_lint_with_no_findings(
        lang: str, run_tutor: RunTutor, tmp_path: Path) -> None:
    made = run_tutor("new", "--lang", lang, "--out", tmp_path)
    assert made.returncode == 0, made.stderr
    path = tmp_path / f"new-call-{lang}.yaml"
    assert made.stdout.startswith(f"wrote {path}")
    result = run_tutor("lint", "--strict", tmp_path)
    assert result.returncode == 0, result.stdout
    assert "0 error(s), 0 warning(s) in 1 file(s)" in result.stderr


def test_the_new_call_is_in_the_chosen_language_and_kind(
        run_tutor: RunTutor, tmp_path: Path) -> None:
    run_tutor("new", "--lang", "ru", "--kind", "medical", "--id", "dentist-ru", "--out", tmp_path)
    text = (tmp_path / "dentist-ru.yaml").read_text("utf-8")
    assert "\nid: dentist-ru " in text and "\nlang: ru\n" in text and "\nkind: medical\n" in text
    assert "До свидания" in text


def test_new_refuses_to_overwrite(run_tutor: RunTutor, tmp_path: Path) -> None:
    path = tmp_path / "new-call-en.yaml"
    path.write_text("mine", "utf-8")
    result = run_tutor("new", "--out", tmp_path)
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert path.read_text("utf-8") == "mine"


def test_a_bad_id_is_refused_with_an_example(run_tutor: RunTutor, tmp_path: Path) -> None:
    result = run_tutor("new", "--id", "My Call", "--out", tmp_path)
    assert result.returncode == 1
    assert "not a valid id" in result.stderr
    assert list(tmp_path.iterdir()) == []
