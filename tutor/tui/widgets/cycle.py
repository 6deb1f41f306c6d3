"""A one-line control that steps through a few values: click it, or press Enter or Space."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widgets import Static


class Cycle(Static, can_focus=True):
    """Shows ``prefix: label`` of the current value; each press moves on to the next value.

    For a handful of values this is all a ``Select`` offers, without its overlay list, which
    the library's first frame would otherwise have to build and style.
    """

    DEFAULT_CSS = """
    Cycle {
        width: auto;
        height: 3;
        padding: 0 1;
        border: tall $border-blurred;
        background: $surface;
        pointer: pointer;
    }
    Cycle:hover { background: $surface-lighten-1; }
    Cycle:focus { border: tall $border; background-tint: $foreground 5%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,space", "next", show=False)]

    class Changed(Message):
        """The shown value changed to ``value``."""

        def __init__(self, cycle: Cycle, value: str) -> None:
            super().__init__()
            self.cycle = cycle
            self.value = value

        @property
        def control(self) -> Cycle:
            """The ``Cycle`` that changed (so ``@on(Cycle.Changed, "#id")`` works)."""
            return self.cycle

    def __init__(self, options: Sequence[tuple[str, str]], *, prefix: str = "",
                 value: str | None = None, id: str | None = None) -> None:
        if not options:
            raise ValueError("a Cycle needs at least one option")
        self._labels = [label for label, _ in options]
        self._values = [option for _, option in options]
        self._index = self._values.index(value) if value is not None else 0
        self._prefix = prefix
        super().__init__(self._text(), id=id)

    def _text(self) -> Content:
        label = self._labels[self._index]
        return Content(f"{self._prefix}: {label}" if self._prefix else label)

    @property
    def value(self) -> str:
        """The current value."""
        return self._values[self._index]

    @value.setter
    def value(self, value: str) -> None:
        index = self._values.index(value)  # ValueError for a value it does not offer
        if index != self._index:
            self._index = index
            self.update(self._text())
            self.post_message(self.Changed(self, value))

    def action_next(self) -> None:
        """Move on to the next value, after the last back to the first."""
        self.value = self._values[(self._index + 1) % len(self._values)]

    def on_click(self, event: Click) -> None:
        """A click moves on, like Enter."""
        event.stop()
        self.action_next()
