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

    def compose(self) -> ComposeResult:
        yield Static("", id="status-text")
        yield Static("⏱ 0:00", id="status-timer")

    def show(self, text: str, speaking: bool, seconds: float) -> None:
        """Update the status text (shown literally) and the timer."""
        mark = "● " if speaking else "  "
        self.query_one("#status-text", Static).update(Content(mark + text))
        self.query_one("#status-timer", Static).update(Content("⏱ " + timer_text(seconds)))
        self.set_class(speaking, "-speaking")
