"""Suggestions for a word that is nearly one the program knows (a key, a step, an id)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The option most like ``word``, or None when none is much like it."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, options: Iterable[str], cutoff: float = 0.6) -> str:
    """``"did you mean 'x'? "``, ready to go in front of more advice, or ``""``."""
    near = closest(word, options, cutoff)
    return f"did you mean {near!r}? " if near else ""
