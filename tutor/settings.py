"""The user's settings, remembered between runs as a small JSON file.

Location: ``$TUTOR_CONFIG_DIR/settings.json`` if that variable is set (tests use it), else
``$XDG_CONFIG_HOME/tutor/settings.json``, else ``~/.config/tutor/settings.json``.
A missing or corrupt file gives the defaults; saving is atomic, so a crash mid-write never
leaves a half-written file behind.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tutor.locale.grammar import GENDERS, Gender
from tutor.storage import config_dir, write_atomic


@dataclass(frozen=True)
class Settings:
    """What the app remembers: speech on/off, colour theme, interface language, and the
    learner's gender for feedback in languages that need it."""

    speech: bool = False
    theme: str = "dark"
    # The interface language when --ui-lang is not given (set by hand in the file for now).
    # None: each call in its own language, and the library in the system locale's.
    ui_lang: str | None = None
    # "male", "female" or None (not said: feedback uses neutral forms); a scenario's
    # learner.gender wins. Asked once, on the app's first start.
    gender: Gender | None = None
    gender_asked: bool = False


def settings_path() -> Path:
    """Where settings are read from and written to."""
    return config_dir() / "settings.json"


def _from_mapping(data: dict[str, Any]) -> Settings:
    # Take each known field only if its type is right, so one bad value costs only itself.
    defaults = Settings()
    speech = data.get("speech", defaults.speech)
    theme = data.get("theme", defaults.theme)
    ui_lang = data.get("ui_lang", defaults.ui_lang)
    gender = data.get("gender", defaults.gender)
    asked = data.get("gender_asked", defaults.gender_asked)
    return Settings(
        speech=speech if isinstance(speech, bool) else defaults.speech,
        theme=theme if isinstance(theme, str) and theme else defaults.theme,
        ui_lang=ui_lang if ui_lang is None or isinstance(ui_lang, str) else defaults.ui_lang,
        gender=next((g for g in GENDERS if g == gender), defaults.gender),
        gender_asked=asked if isinstance(asked, bool) else defaults.gender_asked,
    )


def load_settings(path: Path | None = None) -> Settings:
    """Read settings; a missing, unreadable or corrupt file gives the defaults."""
    target = path or settings_path()
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    return _from_mapping(data)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write settings atomically (temporary file in the same folder, then os.replace)."""
    target = path or settings_path()
    write_atomic(target, json.dumps(asdict(settings), indent=2, ensure_ascii=False) + "\n")
    return target

