"""The user's settings, remembered between runs as a small JSON file.

Location: ``$TUTOR_CONFIG_DIR/settings.json`` if that variable is set (tests use it), else
``$XDG_CONFIG_HOME/tutor/settings.json``, else ``~/.config/tutor/settings.json``.
A missing or corrupt file gives the defaults; one that is there but cannot be read (a FIFO or a
device in its place, no permission) gives them too, and ``read_settings`` says why, so the
user hears once that their choices were not applied. Saving is atomic, so a crash mid-write
never leaves a half-written file behind.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Final

from tutor.locale import Lang, text
from tutor.locale.grammar import GENDERS, Gender
from tutor.storage import SpecialFileError, config_dir, read_state, write_atomic

if TYPE_CHECKING:
    from typing import TypedDict, Unpack

    class _Changes(TypedDict, total=False):
        speech: bool
        theme: str
        ui_lang: str | None
        gender: Gender | None
        gender_asked: bool


class Settings:
    """What the app remembers: speech on/off, colour theme, interface language, and the
    learner's gender for feedback in languages that need it.

    A value: ``replace`` gives a changed copy. A plain class, not a dataclass: the app reads
    its settings before the first frame (``tutor.tui.startup``).
    """

    __slots__ = ("gender", "gender_asked", "speech", "theme", "ui_lang")
    _FIELDS: ClassVar[tuple[str, ...]] = ("speech", "theme", "ui_lang", "gender", "gender_asked")

    def __init__(self, *, speech: bool = False, theme: str = "dark", ui_lang: str | None = None,
                 gender: Gender | None = None, gender_asked: bool = False) -> None:
        self.speech: Final = speech
        self.theme: Final = theme
        # The interface language when --ui-lang is not given (set by hand in the file for
        # now). None: each call in its own language, and the library in the system locale's.
        self.ui_lang: Final = ui_lang
        # "male", "female" or None (not said: feedback uses neutral forms); a scenario's
        # learner.gender wins. Asked once, on the app's first start.
        self.gender: Final = gender
        self.gender_asked: Final = gender_asked

    def replace(self, **changes: Unpack[_Changes]) -> Settings:
        """A copy with ``changes`` in place of these values."""
        return Settings(speech=changes.get("speech", self.speech),
                        theme=changes.get("theme", self.theme),
                        ui_lang=changes.get("ui_lang", self.ui_lang),
                        gender=changes.get("gender", self.gender),
                        gender_asked=changes.get("gender_asked", self.gender_asked))

    def as_dict(self) -> dict[str, Any]:
        """The values by name, in the order the settings file keeps them."""
        return dict(zip(self._FIELDS, self._values(), strict=True))

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Settings):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={value!r}" for name, value in self.as_dict().items())
        return f"Settings({values})"


#: The settings file's name in its folder (the user's config folder, or a workshop seat's).
SETTINGS_NAME = "settings.json"


def settings_path() -> Path:
    """Where settings are read from and written to."""
    return config_dir() / SETTINGS_NAME


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


class Unread:
    """A settings file that is there but could not be read, and why.

    A plain class: the app reads its settings before the first frame (``tutor.tui.startup``).
    """

    __slots__ = ("error", "path", "special")

    def __init__(self, path: Path, *, special: bool, error: str) -> None:
        self.path = path
        self.special = special  # a FIFO, device or socket rather than a file
        self.error = error  # the system's reason otherwise

    def notice(self, lang: Lang) -> str:
        """One line for the user, in ``lang``: not read, why, and that defaults apply."""
        why = text(lang, "ui.settings_special") if self.special else self.error
        return text(lang, "ui.settings_unread", path=str(self.path), why=why)


def read_settings(path: Path | None = None) -> tuple[Settings, Unread | None]:
    """Settings, and why the file was not read when it is there but unreadable (else None).

    A missing or corrupt file gives the defaults without a word, as before; a FIFO is never
    waited on (``read_state``).
    """
    target = path or settings_path()
    try:
        data = json.loads(read_state(target))
    except SpecialFileError:
        return Settings(), Unread(target, special=True, error="")
    except FileNotFoundError:
        return Settings(), None
    except OSError as exc:
        return Settings(), Unread(target, special=False, error=exc.strerror or str(exc))
    except ValueError:
        return Settings(), None
    if not isinstance(data, dict):
        return Settings(), None
    return _from_mapping(data), None


def load_settings(path: Path | None = None) -> Settings:
    """Read settings; a missing, unreadable or corrupt file (or a FIFO) gives the defaults."""
    return read_settings(path)[0]


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write settings atomically (temporary file in the same folder, then os.replace)."""
    target = path or settings_path()
    write_atomic(target, json.dumps(settings.as_dict(), indent=2, ensure_ascii=False) + "\n")
    return target

