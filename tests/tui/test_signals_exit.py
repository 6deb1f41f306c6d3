"""SIGTERM and SIGHUP end the app as Ctrl+Q does: the terminal is restored, the speech player
stopped and its temporary folder removed; and the app ends even when its terminal has stopped
reading.

The installed ``tutor`` runs from a shell in tmux, with speech on: a stand-in ``espeak-ng`` on
PATH writes each line's WAV, and a stand-in player records its pid and "plays" for two minutes.
"""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.tui import FIXTURES
from tests.tui.test_tmux import TMUX, TUTOR, Term

pytestmark = pytest.mark.skipif(TMUX is None or not TUTOR.exists(),
                                reason="needs tmux and the installed tutor script")

FAKE_ESPEAK = f"""#!{sys.executable}
import sys, wave
args = sys.argv[1:]
if "--voices" in args:
    print("Pty Language Age/Gender VoiceName File Other Languages")
    print(" 5  en  --/M  English  gmw/en")
    print(" 5  ru  --/M  Russian  zle/ru")
    sys.exit(0)
sys.stdin.read()
with wave.open(args[args.index("-w") + 1], "wb") as out:
    out.setnchannels(1)
    out.setsampwidth(2)
    out.setframerate(22050)
    out.writeframes(b"\\0\\0" * 2205)
"""
FAKE_PLAYER = """
import os, sys, time
with open(sys.argv[1], "a") as log:
    log.write(f"{os.getpid()}\\n")
time.sleep(120)
"""


class Shell(Term):
    """A shell in tmux, so that what the app leaves behind can be seen once it has gone."""

    def display(self, fmt: str) -> str:
        return subprocess.run([*self.tmux, "display", "-p", "-t", self.name, fmt],
                              check=True, capture_output=True, text=True).stdout.strip()

    def app_pid(self, timeout: float = 20.0) -> int:
        shell = self.display("#{pane_pid}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            children = subprocess.run(["pgrep", "-P", shell], capture_output=True,
                                      text=True).stdout.split()
            if children:
                return int(children[0])
            time.sleep(0.1)
        raise AssertionError("the app never started")


@pytest.fixture
def shell(tmp_path: Path) -> Iterator[Shell]:
    # On a tmux server of its own: on the shared one, another test run ending the last session
    # there takes the server down under this one.
    shell = Shell(f"tutor-sig-{uuid.uuid4().hex[:8]}", tmp_path / "tmux.sock")
    subprocess.run([*shell.tmux, "new-session", "-d", "-s", shell.name, "-x", "100", "-y", "30",
                    "env", "PS1=$ ", "bash", "--norc", "--noprofile"], check=True,
                   env={**os.environ, "TERM": "xterm-256color"})
    try:
        yield shell
    finally:
        subprocess.run([*shell.tmux, "kill-server"], check=False, capture_output=True)


def speech_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """The environment for speech through the stand-ins, and the file the player logs pids to."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    espeak = bin_dir / "espeak-ng"
    espeak.write_text(FAKE_ESPEAK)
    espeak.chmod(0o755)
    (tmp_path / "player.py").write_text(FAKE_PLAYER)
    pids = tmp_path / "player.pids"
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}", "TMPDIR": str(temp),
           "TUTOR_CONFIG_DIR": str(tmp_path / "config"), "LANG": "en_US.UTF-8",
           "TUTOR_DATA_DIR": str(tmp_path / "data"),
           "TUTOR_SPEECH_PLAYER": f"{sys.executable} {tmp_path / 'player.py'} {pids}"}
    return env, pids


def wait_for_player(pids: Path) -> None:
    # Past the backend's recovery from a synthesis that never finishes (pyttsx3 with espeak
    # hangs now and then, upstream): it gives that line up after its guard and starts afresh.
    deadline = time.monotonic() + 90
    while not (pids.exists() and pids.read_text().strip()):
        assert time.monotonic() < deadline, "the player never started"
        time.sleep(0.1)


def gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state == "Z":  # dead, waiting only to be reaped by whoever adopted it
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_mid_call_restores_the_terminal_and_stops_speech(
    shell: Shell, tmp_path: Path, signum: signal.Signals
) -> None:
    env, pids = speech_env(tmp_path)
    temp = Path(env["TMPDIR"])
    exports = " ".join(f"{k}='{v}'" for k, v in env.items())
    scenario = FIXTURES / "en-snap.yaml"
    command = f"env {exports} {TUTOR} --ui-lang en --speech play {scenario}"
    shell.keys(f"{command}; echo EXIT-$((1000 + $?))", "Enter")
    app = shell.app_pid()
    shell.wait_for("Jordan Lee")
    wait_for_player(pids)
    assert shell.display("#{alternate_on}") == "1"
    assert list(temp.glob("tutor-speech-*"))  # the line being played is in there

    os.kill(app, signum)
    shell.wait_for("EXIT-1")  # the command line shows "EXIT-$((", the shell "EXIT-1..."
    assert gone(app)
    assert shell.display("#{alternate_on} #{cursor_flag} #{mouse_any_flag}") == "0 1 0"
    shell.keys("printf 'still-%s\\n' works", "Enter")
    shell.wait_for("still-works")
    for pid in map(int, pids.read_text().split()):
        assert gone(pid), f"the player {pid} is still playing"
    assert not list(temp.glob("tutor-speech-*"))


def test_a_hang_up_ends_the_app_even_when_its_terminal_has_stopped_reading(
    tmp_path: Path,
) -> None:
    # A stalled SSH link: the terminal takes no more output, so the app's clean shutdown,
    # which writes to it, cannot finish. The app must still end, and stop its speech.
    env, pids = speech_env(tmp_path)
    master, child = pty.openpty()
    app = subprocess.Popen(
        [str(TUTOR), "--ui-lang", "en", "--speech", "play", str(FIXTURES / "en-snap.yaml")],
        stdin=child, stdout=child, stderr=child, start_new_session=True,
        env={**os.environ, **env, "TERM": "xterm-256color"})
    os.close(child)
    try:
        wait_for_player(pids)  # the call is on screen and speaking; the master is never read
        app.send_signal(signal.SIGHUP)
        assert gone(app.pid, timeout=20.0), "the app is still running after the hang-up"
        for pid in map(int, pids.read_text().split()):
            assert gone(pid), f"the player {pid} is still playing"
    finally:
        app.kill()
        app.wait()
        os.close(master)
