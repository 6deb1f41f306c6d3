"""The learner's own-line box, which also steers the numbered lines while it is empty.

A call step may offer numbered lines and a typed line at once. The box has the focus from
the start of such a turn, so that every key of a fast typist lands in one queue, in order.
While the box is empty a digit means "say that numbered line", and Enter "say the
highlighted one"; ↑ and ↓ move the highlight. The box only asks (it posts a message); the
screen decides. Once a sentence has begun, every printable key is part of it.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input


def choice_number(char: str | None, choices: int) -> int | None:
    """The numbered line that the key ``char`` picks among ``choices``, if it picks one."""
    if char is not None and char.isdecimal() and char.isascii() and 1 <= int(char) <= choices:
        return int(char)
    return None


class OwnLine(Input):
    """An ``Input`` that posts messages asking for a numbered line (see the module)."""

    class Digit(Message):
        """A digit was typed into the empty box: the screen may treat it as a choice."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    class Browse(Message):
        """↑ (``step`` -1) or ↓ (``step`` 1): move the highlight among the numbered lines."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    class Pick(Message):
        """Enter in the empty box: say the highlighted numbered line."""

    #: Set by the screen: how many numbered lines there are now (0: the box is all there is).
    choices: int = 0

    def _request(self, event: events.Key) -> Message | None:
        """What ``event`` asks of the numbered lines, if anything."""
        if not self.choices:
            return None
        if not self.value:
            number = choice_number(event.character, self.choices)
            if number is not None:
                return self.Digit(number)
            if event.key == "enter":
                return self.Pick()
        if event.key in ("up", "down"):
            return self.Browse(-1 if event.key == "up" else 1)
        return None

    async def _on_key(self, event: events.Key) -> None:
        request = self._request(event)
        if request is None and event.key != "enter":
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        if request is not None:
            self.post_message(request)
        else:
            # Sent here, not by the Enter binding, which runs only once the key has gone up to
            # the app: a key typed just after Enter could reach the line before it was sent.
            await self.action_submit()


def type_into(box: Input, text: str) -> None:
    """Type ``text`` into ``box`` as its own key handling would: over the selection, if any."""
    if box.selection.is_empty:
        box.insert_text_at_cursor(text)
    else:
        box.replace(text, *box.selection)
