"""The real installed ``tutor`` in a real terminal (tmux): library, a whole call, the debrief."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from tests.support.tui import FIXTURES

TMUX = shutil.which("tmux")
TUTOR = Path(sys.executable).with_name("tutor")

pytestmark = pytest.mark.skipif(TMUX is None or not TUTOR.exists(),
                                reason="needs tmux and the installed tutor script")


class Term:
    """A detached tmux session running one command.

    Given a ``socket`` (in the test's folder), on a tmux server of its own: other tmux sessions
    on the machine, starting or ending meanwhile, cannot take it down ("server exited
    unexpectedly"). Without one, on the default server.
    """

    def __init__(self, name: str, socket: Path | None = None) -> None:
        self.name = name
        self.tmux = [TMUX or "tmux", *(["-S", str(socket)] if socket is not None else [])]

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-t", self.name],
                              check=True, capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        # Another process draws the screen: polling its capture is the only way to watch it.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; screen:\n{self.screen()}")

    def wait_gone(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text not in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never went away; screen:\n{self.screen()}")


@contextmanager
def tutor_in_tmux(tmp_path: Path, args: str, cwd: Path | None = None) -> Iterator[Term]:
    """``tutor --ui-lang en --speed 20 ARGS`` in a 100x30 tmux session, its files in tmp_path."""
    term = Term(f"tutor-test-{uuid.uuid4().hex[:8]}", tmp_path / "tmux.sock")
    env = {"TUTOR_CONFIG_DIR": str(tmp_path / "config"), "TUTOR_DATA_DIR": str(tmp_path / "data"),
           "TUTOR_REPORTS_DIR": str(tmp_path / "reports"), "LANG": "en_US.UTF-8"}
    exports = " ".join(f"{k}={v}" for k, v in env.items())
    command = f"env {exports} {TUTOR} --ui-lang en --speed 20 {args}"
    where = ["-c", str(cwd)] if cwd is not None else []
    subprocess.run([*term.tmux, "new-session", "-d", "-s", term.name, "-x", "100", "-y", "30",
                    *where, command], check=True, env={**os.environ, "TERM": "xterm-256color"})
    try:
        yield term
    finally:
        subprocess.run([*term.tmux, "kill-server"], check=False, capture_output=True)


def open_term(tmp_path: Path, *options: str) -> AbstractContextManager[Term]:
    """The installed app on the test calls (``--scenarios``), with ``options`` added."""
    return tutor_in_tmux(tmp_path, " ".join([f"--scenarios {FIXTURES}", *options]))


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Term]:
    # At 20 times speed a busy machine's pause between keys is long silence: never mind it.
    with open_term(tmp_path, "--patience", "off") as opened:
        yield opened


def test_whole_call_in_a_real_terminal(term: Term, tmp_path: Path) -> None:
    term.wait_for("Calls to practise")
    term.wait_for("not practised yet")  # the list has loaded (the details say this)
    # The first start asks the learner's gender, once; Escape skips it.
    term.wait_for("About you")
    term.keys("Escape")
    term.wait_gone("About you")
    # "/" and the words in one burst, as a paste or a fast typist sends them: none is lost.
    term.keys("/")
    term.keys("-l", "dentist's reminder")
    term.wait_for("The dentist's reminder")
    # The filter applies as you type; Enter before it lands would open the first bundled call.
    term.wait_gone("A credit card with no strings")
    term.keys("Enter")
    term.wait_for("Your turn")
    term.keys("1")
    term.wait_for("Thursday afternoon")
    term.wait_for("Your turn")
    term.keys("1")
    term.wait_for("Perfect, thanks.")
    term.wait_for("Your turn")
    term.keys("1")
    shown = term.wait_for("Debrief")
    assert "passed" in shown and "not passed" not in shown
    term.keys("End")
    term.wait_for("Bye, Sam")  # the other party's goodbye, replayed in the transcript
    term.keys("e")
    term.wait_for("Report saved")
    assert list((tmp_path / "reports").glob("test-en-dentist-*.md"))
    term.keys("C-q")


@pytest.mark.parametrize(("search", "first_line", "second_line", "sentence"), [
    ("dentist's reminder", "Thursday afternoon", "Perfect, thanks.",
     "happy to help, Jordan! Thanks for being flexible. Have a lovely day, goodbye"),
    ("Звонок курьеру", "на вечер", "Хорошо, договорились.",
     "Спасибо, Игорь! Могу ещё чем-то помочь? Хорошего вечера, до свидания"),
])
def test_a_closing_line_typed_at_full_speed_is_said_whole(
    term: Term, search: str, first_line: str, second_line: str, sentence: str
) -> None:
    term.wait_for("not practised yet")
    term.wait_for("About you")  # the first start's question; Escape skips it
    term.keys("Escape")
    term.wait_gone("About you")
    term.keys("/")
    term.keys("-l", search)
    term.wait_gone("A credit card with no strings")  # the search has narrowed the list
    term.keys("Enter")
    term.wait_for("Your turn")
    term.keys("1")
    term.wait_for(first_line)
    term.wait_for("Your turn")
    term.keys("1")
    term.wait_for(second_line)
    term.wait_for("Your turn")
    # No Tab, no pause between keys: every one belongs to the sentence, in the order typed.
    term.keys("-l", sentence)
    term.wait_for(sentence[-20:])
    term.keys("Enter")
    term.wait_for("Debrief")
    term.keys("End")
    shown = term.wait_for("you stayed on the line to the end")  # nobody hung up early
    assert sentence[:20] in shown
    term.keys("C-q")


def test_silence_in_a_real_terminal_is_heard_then_hung_up_on(tmp_path: Path) -> None:
    # The call's own patience (8 s) on a clock 20 times faster: under a second of real time.
    with open_term(tmp_path, "play", "test-en-dentist") as term:
        term.wait_for("Your turn")
        term.wait_for("Hello? Are you still there?")
        # The call screen gives way to the debrief as soon as they hang up.
        shown = term.wait_for("Debrief")
        # The summary wraps inside its border: read it as one paragraph.
        summary = " ".join(line.strip(" │") for line in shown.splitlines())
        assert "not passed" in summary and "Dead air ended the call" in summary
        term.keys("End")  # the transcript, replayed at the foot of the debrief
        term.wait_for("I think we've been cut off")
        term.wait_for("hung up after you stayed silent")
        term.keys("C-q")
