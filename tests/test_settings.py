"""Settings remember speech on/off between runs; a corrupt file never stops the app."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tutor.settings import Settings, load_settings, read_settings, save_settings, settings_path


@pytest.fixture(autouse=True)
def config_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("TUTOR_CONFIG_DIR", str(tmp_path / "cfg"))
    return tmp_path / "cfg"


def test_defaults_when_no_file() -> None:
    assert load_settings() == Settings(speech=False, theme="dark", ui_lang=None)


def test_round_trip(config_dir: Path) -> None:
    saved = Settings(speech=True, theme="light", ui_lang="ru")
    path = save_settings(saved)
    assert path == config_dir / "settings.json" == settings_path()
    assert load_settings() == saved
    assert json.loads(path.read_text()) == {"speech": True, "theme": "light", "ui_lang": "ru",
                                            "gender": None, "gender_asked": False}


def test_replace_changes_only_the_values_named() -> None:
    before = Settings(speech=True, theme="light", ui_lang="ru")
    after = before.replace(gender="female", gender_asked=True)
    assert after == Settings(speech=True, theme="light", ui_lang="ru", gender="female",
                             gender_asked=True)
    assert before == Settings(speech=True, theme="light", ui_lang="ru")  # a copy, not a change


def test_replace_can_set_a_value_back_to_none() -> None:
    assert Settings(gender="male", ui_lang="ru").replace(gender=None, ui_lang=None) == Settings()


def test_settings_compare_and_hash_by_value() -> None:
    assert Settings(theme="light") == Settings(theme="light")
    assert Settings(theme="light") != Settings(theme="dark")
    assert len({Settings(theme="light"), Settings(theme="light"), Settings()}) == 2
    assert repr(Settings()) == ("Settings(speech=False, theme='dark', ui_lang=None, "
                                "gender=None, gender_asked=False)")


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "", "\x00\x01", '"speech"'])
def test_corrupt_file_gives_defaults(config_dir: Path, content: str) -> None:
    config_dir.mkdir(parents=True)
    (config_dir / "settings.json").write_text(content)
    assert load_settings() == Settings()


def test_bad_values_fall_back_one_by_one(config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    (config_dir / "settings.json").write_text(
        json.dumps({"speech": "yes", "theme": "light", "ui_lang": 5, "extra": 1})
    )
    assert load_settings() == Settings(speech=False, theme="light", ui_lang=None)


def test_write_is_atomic_and_leaves_no_temp_files(config_dir: Path) -> None:
    save_settings(Settings(speech=True))
    save_settings(Settings(speech=False))
    assert sorted(p.name for p in config_dir.iterdir()) == ["settings.json"]
    assert load_settings().speech is False


def test_xdg_config_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TUTOR_CONFIG_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert settings_path() == tmp_path / "xdg" / "tutor" / "settings.json"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert settings_path() == tmp_path / "home" / ".config" / "tutor" / "settings.json"


def test_the_learners_gender_is_remembered_and_a_bad_one_dropped(config_dir: Path) -> None:
    save_settings(Settings(gender="female", gender_asked=True))
    assert load_settings() == Settings(gender="female", gender_asked=True)
    (config_dir / "settings.json").write_text(json.dumps({"gender": "other", "gender_asked": 1}))
    assert load_settings() == Settings(gender=None, gender_asked=False)


def test_a_fifo_in_place_of_the_file_is_not_read_and_says_why(config_dir: Path) -> None:
    config_dir.mkdir()
    os.mkfifo(settings_path())  # opened without waiting for a writer (tutor.storage.read_state)
    settings, unread = read_settings()
    assert settings == Settings()
    assert unread is not None and unread.special
    assert unread.notice("en") == (f"Your settings were not read from {settings_path()} (it is a "
                                   "FIFO or a device, not a file; remove it); using the defaults")
    assert unread.notice("ru").startswith(f"Настройки не прочитаны из {settings_path()} (это FIFO")


def test_a_folder_in_place_of_the_file_gives_the_systems_reason(config_dir: Path) -> None:
    settings_path().mkdir(parents=True)
    settings, unread = read_settings()
    assert settings == Settings()
    assert unread is not None and not unread.special
    assert "(Is a directory)" in unread.notice("en")


@pytest.mark.parametrize("content", [None, "{not json", "[1, 2]"])
def test_a_missing_or_corrupt_file_is_not_worth_a_notice(config_dir: Path,
                                                         content: str | None) -> None:
    if content is not None:
        config_dir.mkdir()
        settings_path().write_text(content, "utf-8")
    assert read_settings() == (Settings(), None)
