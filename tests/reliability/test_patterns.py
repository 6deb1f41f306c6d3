"""Fact patterns from files run in linear time, and what cannot run so is a located problem.

A pattern such as ``(a+)+$`` used to pass ``validate`` and then take minutes (with the GIL
held, so the app's clock and Ctrl+Q froze) on a typed line of forty ``a``s.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.paths import REPO
from tests.support.processes import RunTutor
from tutor.patterns import MAX_DEPTH, PatternError, compile_pattern
from tutor.scenario.loader import check_file

DELIVERY = REPO / "scenarios" / "en" / "delivery.yaml"
#: Through the delivery call to its typed closing turn, then a line the pattern chokes on.
SCRIPT = "choose 1\nchoose 1\nchoose 2\nsay " + "a" * 40 + "!\nchoose 1\n"


def delivery_with_pattern(tmp_path: Path, pattern: str) -> Path:
    text = DELIVERY.read_text("utf-8")
    assert 'pattern: "friday|20th"' in text
    path = tmp_path / "delivery.yaml"
    path.write_text(text.replace('pattern: "friday|20th"', f"pattern: '{pattern}'"), "utf-8")
    return path


def test_a_backtracking_pattern_finishes_on_a_hostile_line(tmp_path: Path,
                                                           run_tutor: RunTutor) -> None:
    path = delivery_with_pattern(tmp_path, "(a+)+$")
    result = run_tutor("run", path, "--script", "-", "--no-record", "--json",
                       input=SCRIPT, timeout=60)
    assert result.returncode == 0, result.stderr
    facts = {f["id"]: f for f in json.loads(result.stdout)["evaluation"]["facts"]}
    assert facts["day"]["confirmed"] is False


@pytest.mark.parametrize(("pattern", "words"), [
    (r"(\w+) \1", "backreferences"),
    ("friday(?= at)", "look-arounds"),
])
def test_what_re2_cannot_run_is_a_located_problem(tmp_path: Path, pattern: str,
                                                  words: str) -> None:
    path = delivery_with_pattern(tmp_path, pattern)
    line = 1 + next(n for n, text in enumerate(path.read_text("utf-8").splitlines())
                    if f"pattern: '{pattern}'" in text)
    scenario, problems = check_file(path)
    assert scenario is None
    [problem] = problems
    assert (problem.line, "invalid pattern") == (line, problem.message[:15])
    assert words in problem.hint


def test_a_word_boundary_inside_a_cyrillic_pattern_is_refused() -> None:
    # RE2's \b knows only Latin letters: inside a pattern it cannot be read as Python reads it.
    with pytest.raises(PatternError, match="Cyrillic"):
        compile_pattern(r"во\bвторник")


def test_a_word_character_means_a_letter_of_any_alphabet_as_in_python() -> None:
    pattern = compile_pattern(r"половин\w* одиннадцат|[\w]+-call")
    assert pattern.search("в половине одиннадцатого") is not None
    assert pattern.search("звонок-call") is not None


def test_deeply_nested_groups_are_refused_with_the_limit() -> None:
    with pytest.raises(PatternError, match=f"more than {MAX_DEPTH} deep"):
        compile_pattern("(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1))


def test_patterns_ignore_case_in_both_alphabets() -> None:
    assert compile_pattern("ВТОРНИК|Tuesday").search("во вторник, tuesday") is not None
