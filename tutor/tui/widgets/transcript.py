"""The conversation so far: one block per turn, scenario text shown literally."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static


class TurnLine(Static):
    """One turn: who spoke, what they said, and marks (rushed, principles met or broken)."""

    DEFAULT_CSS = """
    TurnLine { height: auto; padding: 0 1; }
    """


class Transcript(VerticalScroll):
    """A scrolling list of turns that keeps the newest line in view."""

    DEFAULT_CSS = """
    Transcript { height: 1fr; }
    """

    def add_line(self, content: Content, *classes: str) -> TurnLine:
        """Append one turn (already assembled as Content) and scroll to it."""
        line = TurnLine(content, classes=" ".join(("turn", *classes)))
        self.mount(line)
        self.call_after_refresh(self.scroll_end, animate=False)
        return line


def turn_content(name: str, text: str, *, rushed_label: str | None = None,
                 tags: Content | None = None) -> Content:
    """``name: text`` with an optional rushed mark and trailing tags; text is never markup."""
    parts: list[str | Content | tuple[str, str]] = [(name, "bold"), ": ", text]
    if rushed_label:
        parts += ["  ", (f"» {rushed_label}", "bold $warning")]
    if tags is not None:
        parts += ["\n", tags]
    return Content.assemble(*parts)
