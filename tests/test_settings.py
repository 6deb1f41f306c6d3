"""Settings remember speech on/off between runs; a corrupt file never stops the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tutor.settings import Settings, load_settings, save_settings, settings_path


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
