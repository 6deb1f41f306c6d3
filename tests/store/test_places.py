"""Where the attempt store lives."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from tutor.store.places import aside_name, data_dir, is_database_url, shown_url, store_path


def test_tutor_data_dir_overrides_the_user_data_folder(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path))
    assert store_path() == tmp_path / "attempts.sqlite3"


def test_without_it_the_platforms_user_data_folder_is_used(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TUTOR_DATA_DIR", raising=False)
    assert data_dir() == platformdirs.user_data_path("tutor", appauthor=False)


def test_a_file_moved_aside_never_replaces_an_earlier_one(tmp_path: Path) -> None:
    path = tmp_path / "attempts.sqlite3"
    first = aside_name(path, "corrupt")
    first.touch()
    second = aside_name(path, "corrupt")
    assert first.name.startswith("attempts.sqlite3.corrupt-") and ":" not in first.name
    assert second != first and not second.exists()


def test_a_database_url_is_shown_without_its_password_or_query() -> None:
    assert shown_url("postgresql://trainer:p%40ss:w@db.example:5433/workshop?password=x") == (
        "postgresql://trainer@db.example:5433/workshop")
    assert shown_url("postgres://db.example/workshop") == "postgres://db.example/workshop"


def test_only_a_postgresql_url_names_a_database() -> None:
    assert is_database_url("postgresql://db.example/w") and is_database_url("postgres://h/w")
    assert not is_database_url("results.sqlite3")
    assert not is_database_url(Path("postgresql://db.example/w"))  # a Path is always a file
