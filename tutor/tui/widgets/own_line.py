"""The learner's own-line box: a text input in which a digit typed first picks a line instead.

A call step may offer numbered lines and a typed line at once. While the box is empty a
digit means "say that numbered line" (the call screen decides whether there is one); once a
sentence has begun, every key is part of it.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input


class OwnLine(Input):
    """An ``Input`` that posts ``OwnLine.Digit`` for a digit typed into it while empty."""

    class Digit(Message):
        """A digit was typed into the empty box: the screen may treat it as a choice."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    #: Set by the screen: how many numbered lines a digit may pick now (0: digits are text).
    choices: int = 0

    async def _on_key(self, event: events.Key) -> None:
        char = event.character
        if (not self.value and char is not None and char.isdecimal() and char.isascii()
                and 1 <= int(char) <= self.choices):
            event.stop()
            event.prevent_default()
            self.post_message(self.Digit(int(char)))
            return
        await super()._on_key(event)


def type_into(box: Input, text: str) -> None:
    """Type ``text`` into ``box`` as its own key handling would: over the selection, if any."""
    if box.selection.is_empty:
        box.insert_text_at_cursor(text)
    else:
        box.replace(text, *box.selection)
