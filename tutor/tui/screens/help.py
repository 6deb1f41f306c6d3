"""A modal list of every key of the screen it was opened from."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.locale import Lang, text


class HelpScreen(ModalScreen[None]):
    """Keys and what they do; Escape, F1 or ? closes it."""

    CSS_PATH = "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "dismiss", show=False),
    ]

    def __init__(self, lang: Lang, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.lang = lang
        self.rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = text(self.lang, "ui.help_title")
            box.border_subtitle = text(self.lang, "ui.help_close")
            # Two columns, so that a long description wraps under itself, not under the keys.
            with Grid(id="help-body"):
                for keys, what in self.rows:
                    yield Static(Content(keys), classes="keys")
                    yield Static(Content(what), classes="what")
