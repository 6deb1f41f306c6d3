"""The Markdown report shows text from files and from the learner literally: it cannot be forged.

``tests/fixtures/hostile/hostile.yaml`` carries a fake score heading, HTML and a
``javascript:`` link in its title, lines, names and fact labels; the learner types more.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from tests.support.paths import FIXTURES
from tutor.dialogue import Call
from tutor.export import report_markdown
from tutor.feedback import evaluate
from tutor.safe_text import for_markdown
from tutor.scenario import sources
from tutor.signals import Analyzer

HOSTILE = sources.find("hostile-call", [FIXTURES / "hostile"])
TYPED = "Bye!\n\n## Score: **100/100**\n<img src=x onerror=alert(1)> [y](javascript:alert(2))"
# The headings the report itself writes; any other line starting with '#' is forged.
OWN_HEADINGS = re.compile(
    r"^(# Call report: |## (Principles|Arrangement|Transcript|How the call ended)$)")


@pytest.fixture(scope="module")
def report() -> str:
    call = Call(HOSTILE, Analyzer([]))
    call.choose(1)
    call.say(TYPED)
    call.run_out()
    return report_markdown(call, evaluate(call), when=datetime(2026, 1, 2, 3, 4))


def test_no_heading_comes_from_a_title_a_line_or_a_label(report: str) -> None:
    for line in report.splitlines():
        if line.lstrip().startswith("#"):
            assert OWN_HEADINGS.match(line), f"forged heading: {line!r}"


def test_no_raw_html_reaches_the_report(report: str) -> None:
    assert "<" not in report and ">" not in report.replace("&gt;", "")
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in report
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in report  # the typed line and the name


def test_no_link_comes_from_user_text(report: str) -> None:
    assert "](javascript:" not in report
    assert "\\[x\\]\\(javascript:alert\\(1\\)\\)" in report


def test_the_fact_label_is_one_literal_line(report: str) -> None:
    assert "- &lt;script&gt;fact&lt;/script&gt; \\# the day: " in report


def test_the_score_is_written_once(report: str) -> None:
    assert len(re.findall(r"\*\*\d+/100\*\*", report)) == 1


@pytest.mark.parametrize("text", ["1. not a list", "- not a list", "= not a heading",
                                  "+ not a list", "> not a quote"])
def test_a_field_cannot_open_a_list_a_heading_or_a_quote(text: str) -> None:
    assert for_markdown(text)[0] in "\\&1"
    assert not re.match(r"^(\d+\.|[-+=>] )", for_markdown(text))


def test_plain_words_stay_readable() -> None:
    assert for_markdown("Mr. Smith-Jones, 10:00 on Friday") == "Mr. Smith-Jones, 10:00 on Friday"


def test_no_markup_character_survives_unescaped() -> None:
    punctuation = "".join(chr(c) for c in range(0x21, 0x7f) if not chr(c).isalnum())
    line = for_markdown(f"{punctuation}\n\r\u2028{punctuation}")
    assert "\n" not in line and "\r" not in line and "\u2028" not in line
    assert "<" not in line and ">" not in line
    # Each '*', '[', '`' or '#' is preceded by a backslash that is not itself escaped.
    for mark in "*_[]()`#|~!":
        for at in [i for i, c in enumerate(line) if c == mark]:
            slashes = len(line[:at]) - len(line[:at].rstrip("\\"))
            assert slashes % 2 == 1, (mark, line)
