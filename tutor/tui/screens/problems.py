"""Live preview: what is wrong with the call's file, over the call, until it is fixed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.locale import Lang, text
from tutor.safe_text import for_terminal
from tutor.scenario.problems import Problem


class ProblemsScreen(ModalScreen[None]):
    """Each problem as ``file:line:column: message`` with its hint; a save that fixes them
    closes it (the app's live preview does that). Escape goes back to the call as it was."""

    CSS_PATH = "problems.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", show=False),
    ]

    def __init__(self, lang: Lang, path: Path, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.lang = lang
        self.path = path
        self.problems = list(problems)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="problems-box") as box:
            box.border_title = Content(text(self.lang, "ui.preview_problems",
                                            file=self.path.name))
            box.border_subtitle = Content(text(self.lang, "ui.preview_fix"))
            yield Static(self._content(), id="problems")

    def _content(self) -> Content:
        # Text from the file is shown as it is: never markup, never terminal escapes.
        return Content(for_terminal("\n".join(p.format() for p in self.problems)))

    def show(self, problems: Sequence[Problem]) -> None:
        """Show the problems of the latest save instead."""
        self.problems = list(problems)
        self.query_one("#problems", Static).update(self._content())
