"""What every screen of the app shares: its interface language and its documented keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from textual.screen import Screen

from tutor.locale import Lang
from tutor.tui.keys import KeySpec, help_rows, install_keys, screen_keys

PaletteCommand = tuple[str, str, Callable[[], object]]


class TutorScreen(Screen[None]):
    """A screen in one interface language whose ``KEYS`` drive footer and help alike.

    A screen may declare a common key itself (``SPEECH_KEY``, to show it in its footer).
    """

    KEYS: tuple[KeySpec, ...] = ()

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang: Lang = lang
        install_keys(self, lang, screen_keys(self.KEYS))

    def help_rows(self) -> list[tuple[str, str]]:
        """Every key of this screen, then the app-wide ones, for the help screen."""
        return help_rows(self.lang, screen_keys(self.KEYS))

    def palette_commands(self) -> Iterator[PaletteCommand]:
        """(title, help, callback) this screen adds to the command palette."""
        yield from ()
