"""Trainers' patterns (facts and cues) on RE2: a ``\\b`` at either end reads as Python reads it."""

from __future__ import annotations

import re

import pytest

from tutor.patterns import PatternError, compile_pattern

LINES = [
    "ну пока, пока пока покажи",
    "пока-пока!",
    "спасибо, пока",
    "покапока",
    "ok ok okay, ok",
    "bye-bye, bye",
    "",
]


@pytest.mark.parametrize("pattern", [r"\bпока\b", r"\bпока", r"пока\b", r"\bok\b",
                                     r"\bbye(?:-bye)?\b", r"\b(?:пока|ok)\b"])
def test_word_edges_find_what_python_finds(pattern: str) -> None:
    compiled = compile_pattern(pattern)
    for line in LINES:
        expected = [m.span() for m in re.finditer(pattern, line)]
        assert [m.span() for m in compiled.finditer(line)] == expected, line


def test_a_search_reports_the_word_without_the_character_beside_it() -> None:
    found = compile_pattern(r"\bвторник\b").search("во Вторник.")
    assert found is not None
    assert (found.span(), found.group()) == ((3, 10), "Вторник")


def test_a_word_boundary_inside_a_choice_is_refused_around_cyrillic() -> None:
    # In '\bпока|привет\b' each \b belongs to one branch; the hint shows how to group them.
    with pytest.raises(PatternError) as caught:
        compile_pattern(r"\bпока|привет\b")
    assert r"\b(?:" in caught.value.hint


def test_a_backtracking_pattern_is_linear() -> None:
    # Python's re takes minutes on this; RE2 answers at once (no time is measured: it returns).
    assert compile_pattern(r"\b(a+)+$\b").search("a" * 5000 + "!") is None
