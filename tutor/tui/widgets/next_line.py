"""One line that says what to practise next, and the keys that lead to the record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from tutor.locale import Lang, text
from tutor.safe_text import for_terminal
from tutor.tui.widgets.verdicts import principle_name

if TYPE_CHECKING:  # the library's first frame does without the record's modules (startup.py)
    from tutor.practice_next import Suggestion


def next_text(lang: Lang, suggestion: Suggestion | None) -> str | None:
    """``Practise next: Warmth · The dentist (n)``, or None when there is nothing to say."""
    if suggestion is None:
        return None
    principle = principle_name(lang, suggestion.principle)
    if suggestion.title is None:
        return text(lang, "ui.next_principle_only", principle=principle)
    return text(lang, "ui.next_line", principle=principle, title=for_terminal(suggestion.title))


class NextLine(Static):
    """Hidden until the app has worked out what to practise next."""

    DEFAULT_CSS = """
    NextLine { height: auto; padding: 0 1; color: $accent; display: none; }
    """

    def show(self, lang: Lang, suggestion: Suggestion | None) -> None:
        """Say ``suggestion``, or hide the line when there is none."""
        words = next_text(lang, suggestion)
        self.display = words is not None
        self.update(Content(words or ""))
