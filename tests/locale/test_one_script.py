"""No English word in Russian output and no Russian word in English output.

Every headless output a learner or trainer reads is rendered for a Russian and an English
call: transcripts and debriefs (``run``), plain play with its mistakes, listen mode, ``check``,
``list`` and the exported Markdown report. The scenario's own texts, the learner's lines and a
few tokens common to all languages are taken out first (``tests/support/scripts.py``).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.support.paths import REPO
from tests.support.processes import RunTutor
from tests.support.scripts import foreign_words, scenario_texts
from tutor.dialogue import Call
from tutor.export import report_markdown
from tutor.feedback import evaluate
from tutor.play.paths import play
from tutor.scenario import sources
from tutor.scenario.model import Scenario
from tutor.scenario.sources import scenario_dirs
from tutor.signals import build_detector

LANGS = ("en", "ru")


def scenario(lang: str) -> Scenario:
    return sources.find(f"recruiter-call-{lang}")


def path(lang: str) -> str:
    return str(REPO / "scenarios" / lang / "recruiter-call.yaml")


def assert_in_its_script(output: str, lang: str, known: list[str]) -> None:
    assert output.strip(), "nothing was printed"
    assert foreign_words(output, lang, known) == [], output


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("way", ["best", "rushed"])
def test_a_headless_run_and_its_debrief(run_tutor: RunTutor, lang: str, way: str) -> None:
    result = run_tutor("run", path(lang), "--path", way)
    assert result.returncode == 0, result.stderr
    assert_in_its_script(result.stdout, lang, scenario_texts(scenario(lang)))


@pytest.mark.parametrize("lang", LANGS)
def test_plain_play_with_mistakes_help_and_a_hang_up(run_tutor: RunTutor, lang: str) -> None:
    moves = ["9", "/bogus", "/wait soon", "/help", "", "1", "1", "1", "1", "", "/hangup"]
    result = run_tutor("play", path(lang), "--plain", input="\n".join(moves) + "\n")
    assert_in_its_script(result.stdout, lang, scenario_texts(scenario(lang)) + moves)


@pytest.mark.parametrize("lang", LANGS)
def test_plain_play_when_the_input_ends(run_tutor: RunTutor, lang: str) -> None:
    result = run_tutor("play", path(lang), "--plain", input="")
    assert_in_its_script(result.stdout, lang, scenario_texts(scenario(lang)))


@pytest.mark.parametrize("lang", LANGS)
def test_listen_mode(run_tutor: RunTutor, lang: str) -> None:
    result = run_tutor("listen", path(lang))
    assert_in_its_script(result.stdout, lang, scenario_texts(scenario(lang)))


@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["Thanks so much, have a lovely evening, bye!", "ok bye", "See you Thursday at ten.",
            "Right, I've got another line ringing, bye now."]),
    ("ru", ["Спасибо большое, хорошего вечера, до свидания!", "ага, пока",
            "До встречи в четверг в десять.", "Некогда мне, всё, пока."]),
])
def test_check_names_signals_and_tips(run_tutor: RunTutor, lang: str, lines: list[str]) -> None:
    result = run_tutor("check", "--lang", lang, *lines)
    assert result.returncode == 0, result.stderr
    assert_in_its_script(result.stdout, lang, lines)


@pytest.mark.parametrize("lang", LANGS)
def test_the_list_of_calls(run_tutor: RunTutor, lang: str) -> None:
    result = run_tutor("list", "--lang", lang)
    known = [text for s in sources.load_all() if s.lang == lang for text in scenario_texts(s)]
    assert_in_its_script(result.stdout + result.stderr, lang, known)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("way", ["best", "rushed"])
def test_the_exported_markdown_report(lang: str, way: str) -> None:
    call = play(Call(scenario(lang), build_detector(scenario_dirs())),
                "best" if way == "best" else "rushed")
    report = report_markdown(call, evaluate(call), when=datetime(2026, 11, 27, 15, 0))
    assert_in_its_script(report, lang, scenario_texts(scenario(lang)))


@pytest.mark.parametrize("lang", LANGS)
def test_every_bundled_call_is_debriefed_in_its_own_script(lang: str) -> None:
    for found in sources.load_all():
        if found.lang != lang:
            continue
        for way in ("best", "rushed"):
            call = play(Call(found, build_detector(scenario_dirs())),
                        "best" if way == "best" else "rushed")
            report = report_markdown(call, evaluate(call), when=datetime(2026, 11, 27))
            assert foreign_words(report, lang, scenario_texts(found)) == [], (found.id, way)


def test_the_check_itself_finds_a_stray_word() -> None:
    # The test above would pass on empty rules: show that they catch what they should.
    assert foreign_words("Вы положили трубку (rushed)", "ru") == ["rushed"]
    assert foreign_words("You hung up первым", "en") == ["первым"]
    assert foreign_words("Мария: Hello there", "ru", ["Hello there"]) == []
    assert foreign_words("Ctrl+L · F1 · /hangup · tutor validate", "ru") == []


def test_validation_messages_are_in_english(run_tutor: RunTutor) -> None:
    # Problems in a file are told to its author in English, quoting the file where needed.
    broken = REPO / "tests" / "fixtures" / "malformed"
    result = run_tutor("validate", broken)
    assert result.returncode == 1
    known = [line for path in broken.rglob("*") if path.is_file()
             for line in path.read_text("utf-8", errors="replace").splitlines()]
    assert foreign_words(result.stdout + result.stderr, "en", known) == []
