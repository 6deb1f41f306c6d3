"""A third language is a language file, a cue file and its scenarios: nothing else changes.

The toy language is Pig Latin (``tests/fixtures/toy-language``): its catalogue is plugged in
through ``$TUTOR_LANGUAGES``, its cues sit in a trainer's ``signals/`` folder, and its call is
played by the real ``tutor`` process.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.paths import FIXTURES
from tests.support.processes import RunTutor

TOY = FIXTURES / "toy-language"
CALL = TOY / "scenarios" / "pig-call.yaml"
ENV = {"TUTOR_LANGUAGES": str(TOY / "languages")}


def _run(run_tutor: RunTutor, *args: str | Path, input: str | None = None, code: int = 0) -> str:
    result = run_tutor("--scenarios", TOY / "scenarios", *args, input=input, env=ENV)
    assert result.returncode == code, result.stderr
    return result.stdout


def test_a_headless_call_is_transcribed_and_judged_in_the_toy_language(
        run_tutor: RunTutor, tmp_path: Path) -> None:
    script = tmp_path / "close.txt"
    script.write_text("choose 1\nsay Ankthay ouyay, itway asway away easurepay. Oodbyegay!\n"
                      "wait 5\n", "utf-8")
    out = _run(run_tutor, "run", CALL, "--script", script)
    assert "  Ouyay  Ankthay ouyay, itway asway away easurepay. Oodbyegay!" in out
    assert "Amsay unghay upway irstfay; ouyay ayedstay onway ethay inelay otay ethay endway." in out
    # The toy cues found the thanks and the goodbye in the typed line.
    assert "[etmay] Ankthay emthay (10/10 ptsay)" in out
    assert "[etmay] Etlay emthay aysay oodbyegay, anghay upway astlay (20/20 ptsay)" in out
    assert "Otnay assedpay: " in out
    for english in ("You", "hung up", "Thank them", "Not passed", "met]"):
        assert english not in out


def test_plain_play_speaks_the_toy_language(run_tutor: RunTutor) -> None:
    out = _run(run_tutor, "play", CALL, "--plain", input="7\n/quit\n", code=1)
    assert "Ouyay areway: Allercay\n" in out
    assert "Ouryay oalgay: Oseclay ethay allcay ellway.\n" in out
    assert "! Erethay isway onay inelay 7 erehay: ickpay oneway ofway ethay umberednay ineslay." \
        in out
    assert "Eftlay ethay allcay." in out


def test_check_reads_the_toy_cue_file_and_tips_in_the_toy_language(run_tutor: RunTutor) -> None:
    out = _run(run_tutor, "check", "--lang", "pig", "Ankthay ouyay, oodbyegay!")
    assert "thanks" in out and "goodbye" in out
    assert "Ankthay emthay" not in out  # a tip, not a principle name
    assert "Anksthay andway away oodbyegay" in out


def test_the_toy_language_is_a_choice_of_the_command_line(run_tutor: RunTutor) -> None:
    result = run_tutor("list", "--lang", "pig", "--json", env=ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"  # no bundled call speaks it
    assert run_tutor("list", "--lang", "pig").returncode == 2  # without the language file
