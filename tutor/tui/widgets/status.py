"""The call's status line: who is speaking and the call timer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static


def timer_text(seconds: float) -> str:
    """``m:ss`` for the call timer."""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


class CallStatus(Horizontal):
    """``● Maria is speaking…`` on the left, ``⏱ 0:42`` on the right.

    A status longer than the row (a long name in a narrow terminal) wraps instead of being cut.
    """

    DEFAULT_CSS = """
    CallStatus { height: auto; }
    CallStatus > #status-text { width: 1fr; height: auto; }
    CallStatus > #status-timer { width: auto; padding: 0 1; }
    CallStatus.-speaking > #status-text { color: $accent; text-style: bold; }
    """

    #: The status text and timer last drawn.
    _shown: tuple[str, str] = ("", "")

    def compose(self) -> ComposeResult:
        yield Static("", id="status-text")
        yield Static("⏱ 0:00", id="status-timer")

    def show(self, text: str, speaking: bool, seconds: float) -> None:
        """Update the status text (shown literally) and the timer.

        Called on every tick of the call's clock (ten a second): only a change is drawn, as
        each update lays the screen out again (in a workshop, thirty apps at once)."""
        status = ("● " if speaking else "  ") + text
        timer = "⏱ " + timer_text(seconds)
        if status != self._shown[0]:
            self.query_one("#status-text", Static).update(Content(status))
        if timer != self._shown[1]:  # its width changes only with its length (9:59, 10:00)
            self.query_one("#status-timer", Static).update(
                Content(timer), layout=len(timer) != len(self._shown[1]))
        self._shown = (status, timer)
        self.set_class(speaking, "-speaking")
