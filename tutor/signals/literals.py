"""Literal strings one of which every match of a regex must contain (the matcher's pre-filter).

A cue that needs, say, "thank" or "grateful" cannot fire on a line that has neither, so the
matcher scans each line once for all such literals and leaves out the cues that cannot hit.
Derived from the patterns themselves, so trainer-added cues are gated correctly without extra
work.
"""

from __future__ import annotations

from collections.abc import Iterable
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

Needs = frozenset[str] | None  # None: no literal is guaranteed, so never skip

_LITERAL = sre_constants.LITERAL
_BRANCH = sre_constants.BRANCH
_SUBPATTERN = sre_constants.SUBPATTERN
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)


def _better(a: Needs, b: Needs) -> Needs:
    """The more selective of two requirements: the one whose shortest literal is longer."""
    if a is None:
        return b
    if b is None:
        return a
    # Spaces count for nothing: " on " is as common as "on".
    return a if _weight(a) >= _weight(b) else b


def _weight(literals: frozenset[str]) -> int:
    return min(len(word.strip()) for word in literals)


def _needs(items: Iterable[tuple[Any, Any]]) -> Needs:
    """Literals one of which any match of the parsed sequence ``items`` must contain."""
    best: Needs = None
    run: list[str] = []

    def close_run() -> None:
        nonlocal best
        if run:
            best = _better(best, frozenset({"".join(run)}))
            run.clear()

    for op, arg in items:
        if op is _LITERAL:
            run.append(chr(arg))
            continue
        if op in _ZERO_WIDTH:
            continue  # takes no text, so the literal run on either side stays contiguous
        close_run()
        if op is _SUBPATTERN:
            best = _better(best, _needs(arg[-1]))
        elif op is _BRANCH:
            options = [_needs(alt) for alt in arg[1]]
            if all(o is not None for o in options):
                best = _better(best, frozenset().union(*(o for o in options if o is not None)))
        elif op in _REPEATS and arg[0] >= 1:
            best = _better(best, _needs(arg[2]))
    close_run()
    return best


def needs(patterns: Iterable[str]) -> Needs:
    """Literals one of which any match of any of ``patterns`` must contain (None: no gate)."""
    found: set[str] = set()
    for pattern in patterns:
        part = _needs(sre_parse.parse(pattern))
        if part is None:
            return None
        found |= part
    return frozenset(found)
