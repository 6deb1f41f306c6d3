"""Finding scenarios: the bundled folder, trainers' folders, one scenario per id."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.paths import MINIMAL, REFERENCE
from tutor.scenario import sources


@pytest.fixture
def trainer(tmp_path: Path) -> Path:
    folder = tmp_path / "calls"
    folder.mkdir()
    return folder


def test_a_trainers_file_with_a_bundled_id_takes_its_place(trainer: Path) -> None:
    text = REFERENCE.read_text("utf-8")
    assert "\nid: recruiter-call-en\n" in text
    (trainer / "mine.yaml").write_text(text.replace("\ntitle: ", "\ntitle: My own ", 1), "utf-8")
    [card] = [c for c in sources.list_scenarios([trainer]).cards if c.id == "recruiter-call-en"]
    assert card.path == str(trainer / "mine.yaml")
    assert sources.find("recruiter-call-en", [trainer]).source == trainer / "mine.yaml"


def test_the_env_folder_comes_before_the_command_lines(
    trainer: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = tmp_path / "env"
    env.mkdir()
    monkeypatch.setenv(sources.ENV_VAR, str(env))
    assert sources.scenario_dirs([trainer]) == [sources.bundled_dir(), env, trainer]


def test_hidden_files_and_other_suffixes_are_not_scenarios(trainer: Path) -> None:
    for name in ("a.yaml", "b.yml", ".c.yaml", "d.txt"):
        (trainer / name).write_text(MINIMAL.read_text("utf-8"), "utf-8")
    assert [p.name for p in sources.files_in([trainer])] == ["a.yaml", "b.yml"]


def test_a_folders_files_come_in_name_order_with_a_subfolders_where_its_name_sorts(
        trainer: Path) -> None:
    for name in ("b.yaml", "a.yaml", "a/z.yaml", "a-b/c.yml", ".hidden/d.yaml",
                 "a/signals/en.yaml", "signals/en.yaml", "a.transcripts/e.txt"):
        (trainer / name).parent.mkdir(parents=True, exist_ok=True)
        (trainer / name).write_text("id: x\n", "utf-8")
    listed = [p.relative_to(trainer).as_posix() for p in sources.files_in([trainer])]
    assert listed == [".hidden/d.yaml", "a/z.yaml", "a-b/c.yml", "a.yaml", "b.yaml"]


def test_a_linked_file_is_listed_and_a_linked_folder_is_not_walked(
        trainer: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.yaml").write_text("id: x\n", "utf-8")
    (trainer / "folder").symlink_to(elsewhere, target_is_directory=True)
    (trainer / "file.yaml").symlink_to(elsewhere / "x.yaml")
    (trainer / "nowhere.yaml").symlink_to(tmp_path / "missing.yaml")
    assert sources.files_in([trainer]) == [trainer / "file.yaml"]


def test_a_broken_file_is_listed_apart_and_not_loaded(trainer: Path) -> None:
    (trainer / "broken.yaml").write_text("id: [\n", "utf-8")
    found = sources.list_scenarios([trainer])
    assert found.broken == (str(trainer / "broken.yaml"),)
    assert [s.id for s in sources.load_all([trainer])] == [c.id for c in found.cards]


def test_a_path_finds_a_file_outside_every_folder() -> None:
    assert sources.find(str(MINIMAL)).id == "minimal-call"


def test_an_unknown_id_suggests_the_ids_with_a_language() -> None:
    with pytest.raises(sources.UnknownScenario, match="did you mean 'recruiter-call-en'"):
        sources.find("recruiter-call")


def test_the_listing_tells_bundled_calls_from_a_trainers_own_and_overriding_ones(
        trainer: Path) -> None:
    (trainer / "own.yaml").write_text(MINIMAL.read_text("utf-8"), "utf-8")
    (trainer / "copy.yaml").write_text(REFERENCE.read_text("utf-8"), "utf-8")
    origins = sources.list_scenarios([trainer]).origins
    assert origins["minimal-call"] is sources.Origin.YOURS
    assert origins["recruiter-call-en"] is sources.Origin.OVERRIDES
    assert origins["recruiter-call-ru"] is sources.Origin.BUNDLED
