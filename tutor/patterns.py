"""Regexes from trainers' files (fact patterns, cues), matched in linear time.

A pattern comes from anyone's file and runs against every closing line. Python's ``re``
backtracks: ``(a+)+$`` against forty ``a``s runs for minutes while holding the GIL, so no
thread, timer or key press can stop it. RE2 (``google-re2``) never backtracks: each search is
linear in the line. It refuses backreferences and look-arounds, which a fact ("the day",
"the time") or a trainer's cue never needs; the refusal is a located problem like any other.

RE2's ``\\b`` knows only ASCII letters. At the two ends of a pattern, where nearly every
``\\b`` sits (``\\bпока\\b``), it is read as Python reads it: "not inside a word", by
matching the character beside the word (or the line's edge) and reporting only the word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import re2

#: A fact names a few words; anything longer is a mistake (and a cost at every line).
MAX_LENGTH = 300
#: Groups inside groups; a hand-written fact needs two or three.
MAX_DEPTH = 10
#: RE2's own ceiling for ``{n}``; checked here so that every size reads the same way.
MAX_REPEAT = 1000

_REPEAT = re.compile(r"(?<!\\)\{(\d+)(?:,(\d*))?\}")
# RE2's \b knows only ASCII letters: around Cyrillic it would silently never match.
_WORD_BOUNDARY = re.compile(r"(?<!\\)\\[bB]")
# A \b that opens or closes the pattern (after an even run of backslashes: not "\\b").
_EDGE_START = re.compile(r"\A\\b")
_EDGE_END = re.compile(r"(?<!\\)(?:\\\\)*\\b\Z")
# RE2's \w is ASCII too; Python's (which bundled patterns were written for) is any letter.
_WORD = r"\p{L}\p{N}_"


class Match(Protocol):
    """Where a pattern matched, in characters of the searched text."""

    def start(self) -> int:
        """The offset of the match's first character."""

    def end(self) -> int:
        """The offset just past the match's last character."""

    def span(self) -> tuple[int, int]:
        """``(start(), end())``."""

    def group(self) -> str:
        """The matched text."""


class Pattern(Protocol):
    """What the evaluator needs of a compiled fact pattern."""

    def search(self, text: str) -> Match | None:
        """A match object when ``text`` contains the pattern, else None."""

    def finditer(self, text: str) -> Iterator[Match]:
        """Every match in ``text``, left to right (a fact is judged match by match)."""


class PatternError(ValueError):
    """A pattern RE2 cannot run, or one past a size limit; ``str()`` says what and how to fix."""

    def __init__(self, problem: str, hint: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.hint = hint


def _options() -> object:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # RE2 would write to stderr, where the app draws its screen
    return options


_OPTIONS = _options()


def _depth(pattern: str) -> int:
    depth = deepest = 0
    escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth -= 1
    return deepest


def _unicode_words(pattern: str) -> str:
    """``pattern`` with ``\\w`` and ``\\W`` spelled out for every alphabet, as Python reads them."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escape = pattern[i + 1]
            if escape == "w":
                out.append(_WORD if in_class else f"[{_WORD}]")
            elif escape == "W" and not in_class:
                out.append(f"[^{_WORD}]")
            else:
                out.append(char + escape)
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            # A ']' straight after '[' or '[^' is a literal, not the end of the class.
            opening = "[^]" if pattern.startswith("[^]", i) else "[]" \
                if pattern.startswith("[]", i) else "[^" if pattern.startswith("[^", i) else "["
            out.append(opening)
            i += len(opening)
            continue
        if char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


def _explain(error: Exception, pattern: str) -> str:
    """RE2's ``missing ): (friday`` as ``missing ) at character 1``."""
    raw = error.args[0] if error.args else ""
    detail = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    what, _, fragment = detail.partition(": ")
    where = pattern.find(fragment) if fragment else -1
    return f"{what} at character {where + 1}" if where >= 0 else detail


def compile_pattern(pattern: str, max_length: int = MAX_LENGTH) -> Pattern:
    """``pattern`` compiled for case-insensitive, linear-time search; raises PatternError.

    ``max_length`` is a fact's by default; a cue file's patterns may be longer.
    """
    if len(pattern) > max_length:
        raise PatternError(f"the pattern is {len(pattern)} characters long "
                           f"(at most {max_length})",
                           "a pattern names a few words, e.g. 'tuesday|14th'; split a long "
                           "one into several")
    if _depth(pattern) > MAX_DEPTH:
        raise PatternError(f"groups are nested more than {MAX_DEPTH} deep",
                           "a fact needs only a few groups, e.g. 'six (?:and|to) seven'")
    for found in _REPEAT.finditer(pattern):
        counts = [int(n) for n in found.groups() if n]
        if max(counts) > MAX_REPEAT:
            raise PatternError(f"the repeat count {found.group()[:40]} is larger than "
                               f"{MAX_REPEAT}", "use a small count, e.g. '\\d{2,4}'")
    body, starts, ends = word_edges(pattern)
    if _WORD_BOUNDARY.search(body) and not pattern.isascii():
        raise PatternError("\\b matches only around Latin letters here, not Cyrillic ones",
                           "keep \\b only at the very start and end of the pattern, "
                           "e.g. '\\b(?:вторник|среда)\\b', or leave it out")
    body = _unicode_words(body)
    if starts or ends:
        body = (f"(?:^|[^{_WORD}])" if starts else "") + f"({body})" + \
            (f"(?:[^{_WORD}]|$)" if ends else "")
    try:
        compiled: Pattern = re2.compile(body, _OPTIONS)
    except re2.error as exc:
        raise PatternError(_explain(exc, pattern),
                           "patterns are RE2 regular expressions: no backreferences (\\1) "
                           "or look-arounds (?=...); escape ( ) [ ] . with a backslash") from exc
    return _WordEdges(compiled) if starts or ends else compiled


def word_edges(pattern: str) -> tuple[str, bool, bool]:
    """``pattern`` without a ``\\b`` at its start and end, and whether each end had one.

    In ``a\\b|b`` the ``\\b`` belongs to one branch only: a pattern with a top-level ``|``
    is returned whole.
    """
    if _top_level_choice(pattern):
        return pattern, False, False
    body, starts = _EDGE_START.subn("", pattern)
    body, ends = _EDGE_END.subn("", body)
    return body, bool(starts), bool(ends)


def _top_level_choice(pattern: str) -> bool:
    """True when ``pattern`` has a '|' outside every group and character class."""
    depth = 0
    in_class = escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


@dataclass(frozen=True, slots=True)
class _Body:
    """The part of a word-edged match that the pattern itself matched."""

    text: str
    start_at: int
    end_at: int

    def start(self) -> int:
        return self.start_at

    def end(self) -> int:
        return self.end_at

    def span(self) -> tuple[int, int]:
        return self.start_at, self.end_at

    def group(self) -> str:
        return self.text[self.start_at:self.end_at]


class _WordEdges:
    """A pattern whose ends are '\\b': searched with the characters beside it, reported without.

    The next search starts right after the reported part, so the character beside one match can
    be beside the next one too ("пока, пока").
    """

    __slots__ = ("_regex",)

    def __init__(self, regex: Any) -> None:
        self._regex = regex  # RE2's compiled pattern (it has no type hints)

    def search(self, text: str, pos: int = 0) -> _Body | None:
        found = self._regex.search(text, pos)
        if found is None:
            return None
        start, end = found.span(1)  # the first group is the body
        return _Body(text, start, end)

    def finditer(self, text: str) -> Iterator[_Body]:
        pos = 0
        while pos <= len(text):
            found = self.search(text, pos)
            if found is None:
                return
            yield found
            pos = max(found.end_at, found.start_at + 1)
