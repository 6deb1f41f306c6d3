"""The learner's numbered lines: arrows and Enter, or the digit keys the screen binds."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class ChoiceList(OptionList):
    """Numbered choices; posts ``ChoiceList.Chosen`` with the 1-based number."""

    DEFAULT_CSS = """
    ChoiceList { height: auto; max-height: 12; }
    """

    class Chosen(Message):
        """The learner picked choice ``number`` (1-based)."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def set_choices(self, texts: Sequence[str]) -> None:
        """Show ``texts`` numbered from 1; Content keeps brackets in them literal."""
        self.clear_options()
        self.add_options([
            Option(Content.assemble((f"{n}. ", "bold"), text), id=f"choice-{n}")
            for n, text in enumerate(texts, start=1)
        ])
        if texts:
            self.highlighted = 0

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option_index + 1))
