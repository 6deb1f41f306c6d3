"""The first thing a workshop participant sees: what name to put on their results."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tutor.locale import Lang, text
from tutor.workshop.seat import NAME_MAX, clean_name


class ParticipantScreen(ModalScreen[str]):
    """Asks for the participant's name (suggested when known); Enter with a name closes it.

    There is no way around it: every result of a workshop needs a name beside it. Opaque:
    a see-through screen has the library behind it drawn again, dimmed, on every frame (each
    key, each blink of the cursor), a third of a workshop app's start-up CPU.
    """

    DEFAULT_CSS = """
    ParticipantScreen { align: center middle; background: $background; }
    #participant-box { width: 60; height: auto; padding: 1 2; border: round $accent;
                       background: $surface; }
    #participant-box Input { margin-top: 1; }
    #participant-error { color: $error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = []

    def __init__(self, lang: Lang, suggested: str = "") -> None:
        super().__init__()
        self.lang = lang
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(id="participant-box") as box:
            box.border_title = text(self.lang, "ui.participant_title")
            yield Static(Content(text(self.lang, "ui.participant_prompt")))
            yield Input(self.suggested, placeholder=text(self.lang, "ui.participant_placeholder"),
                        max_length=NAME_MAX, id="participant-name")
            yield Static("", id="participant-error")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        name = clean_name(event.value)
        if name:
            self.dismiss(name)
        else:
            self.query_one("#participant-error", Static).update(
                Content(text(self.lang, "ui.participant_empty")))
