"""A small modal that asks the learner's gender once, for feedback in the right word forms.

Russian says «вы положили трубку первым» to a man and «первой» to a woman; without an answer
the feedback keeps to neutral constructions. Escape or "Skip" answers nothing.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tutor.locale import Lang, text
from tutor.locale.grammar import GENDERS, Gender


class GenderScreen(ModalScreen[Gender | None]):
    """Man, woman or skip; dismissed with the answer (None for skip)."""

    DEFAULT_CSS = """
    GenderScreen { align: center middle; }
    #gender-box {
        width: 64; max-width: 95%; height: auto;
        border: round $accent; border-title-color: $accent;
        padding: 1 2; background: $surface;
    }
    #gender-buttons { height: auto; margin-top: 1; }
    #gender-buttons > Button { margin-right: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "skip", show=False)]

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="gender-box") as box:
            box.border_title = text(self.lang, "ui.gender_title")
            yield Static(Content(text(self.lang, "ui.gender_question")))
            with Horizontal(id="gender-buttons"):
                for gender in GENDERS:
                    yield Button(Content(text(self.lang, f"ui.gender_{gender}")),
                                 id=f"gender-{gender}", variant="primary")
                yield Button(Content(text(self.lang, "ui.gender_skip")), id="gender-skip")

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        event.stop()
        answer = (event.button.id or "").removeprefix("gender-")
        self.dismiss(next((g for g in GENDERS if g == answer), None))

    def action_skip(self) -> None:
        """Answer nothing: feedback stays in neutral forms."""
        self.dismiss(None)
