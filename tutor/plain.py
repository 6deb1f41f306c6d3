"""Plain line-by-line play on stdin/stdout: for screen readers, dumb terminals and workshops."""

from __future__ import annotations

from typing import TextIO

from tutor.dialogue import ActionError, Call, Phase, Turn
from tutor.report import ending_text, speaker_name
from tutor.scenario.model import Scenario
from tutor.signals.types import SignalDetector

HELP = ("Type a choice number, or your own words where offered. "
        "Commands: /wait N (seconds), /hangup, /quit, /help. Enter alone waits.")


def play_plain(scenario: Scenario, detector: SignalDetector, stdin: TextIO,
               stdout: TextIO) -> int:
    """Play ``scenario`` interactively; return the process exit code."""
    call = Call(scenario, detector)

    def say(text: str = "") -> None:
        stdout.write(text + "\n")
        stdout.flush()

    def show(turns: list[Turn]) -> None:
        for turn in turns:
            if turn.speaker == "other":
                mark = " (rushed)" if turn.pace == "rushed" else ""
                say(f"{speaker_name(call, turn)}: {turn.text}{mark}")

    say(f"{scenario.title}")
    say(f"You are: {scenario.learner.role}")
    say(f"Your goal: {scenario.learner.goal}")
    say(f"Calling: {scenario.other.name}, {scenario.other.role}")
    say(HELP)
    say()
    show(call.listen())
    while call.ending is None:
        if call.phase is Phase.LEARNER_TURN:
            step = call.step
            for number, choice in enumerate(step.choices, start=1):
                say(f"  {number}. {choice.text}")
            if step.typed is not None:
                say(f"  (or type: {step.typed.prompt or 'your own line'})")
        else:
            say("  (the other side is about to speak: Enter waits, /hangup hangs up)")
        stdout.write("> ")
        stdout.flush()
        raw = stdin.readline()
        if not raw:
            say()
            say("Input ended; the call is left unfinished.")
            return 1
        line = raw.strip()
        try:
            if line in ("/quit", "/q"):
                say("Left the call.")
                return 1
            if line in ("/help", "/?"):
                say(HELP)
            elif line in ("/hangup", "/h"):
                call.hang_up()
            elif line.startswith("/wait"):
                seconds = float(line.removeprefix("/wait").strip() or "1")
                show(call.wait(seconds))
            elif not line:
                due = call.next_event_at()
                show(call.wait(max(0.0, due - call.now)) if due is not None else [])
            elif line.isdigit() and call.step.choices:  # choose() hears pending lines first
                show(call.choose(int(line)))
            elif line.startswith("/"):
                say(f"Unknown command {line!r}. {HELP}")
            else:
                show(call.say(line))
        except ActionError as exc:
            say(f"! {exc}")
        except ValueError:
            say("! /wait takes a number of seconds, e.g. /wait 2")
    say(ending_text(call))
    return 0
