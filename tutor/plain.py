"""Plain line-by-line play on stdin/stdout: for screen readers, dumb terminals and workshops."""

from __future__ import annotations

import math
from typing import TextIO

from tutor.dialogue import ActionError, Call, Phase, Turn
from tutor.feedback import evaluate
from tutor.locale import text
from tutor.report import ending_text, evaluation_text, speaker_name
from tutor.scenario.model import Scenario
from tutor.signals.types import SignalDetector


def play_plain(scenario: Scenario, detector: SignalDetector, stdin: TextIO,
               stdout: TextIO) -> int:
    """Play ``scenario`` interactively, then print the debrief; return the exit code."""
    call = Call(scenario, detector)
    lang = scenario.lang

    def words(key: str, **values: object) -> str:
        return text(lang, f"plain.{key}", **values)

    def say(message: str = "") -> None:
        stdout.write(message + "\n")
        stdout.flush()

    def show(turns: list[Turn]) -> None:
        for turn in turns:
            if turn.speaker == "other":
                mark = words("rushed") if turn.pace == "rushed" else ""
                say(f"{speaker_name(call, turn)}: {turn.text}{mark}")

    say(f"{scenario.title}")
    say(f"{words('you_are')}: {scenario.learner.role}")
    say(f"{words('goal')}: {scenario.learner.goal}")
    say(f"{words('calling')}: {scenario.other.name}, {scenario.other.role}")
    say(words("help"))
    say()
    show(call.listen())
    while call.ending is None:
        if call.phase is Phase.LEARNER_TURN:
            step = call.step
            for number, choice in enumerate(step.choices, start=1):
                say(f"  {number}. {choice.text}")
            if step.typed is not None:
                say(f"  ({words('or_type')}: {step.typed.prompt or words('own_line')})")
        else:
            say(f"  {words('waiting')}")
        stdout.write("> ")
        stdout.flush()
        raw = stdin.readline()
        if not raw:
            say()
            say(words("input_ended"))
            return 1
        line = raw.strip()
        try:
            if line in ("/quit", "/q"):
                say(words("left"))
                return 1
            if line in ("/help", "/?"):
                say(words("help"))
            elif line in ("/hangup", "/h"):
                call.hang_up()
            elif line.startswith("/wait"):
                seconds = float(line.removeprefix("/wait").strip() or "1")
                if not math.isfinite(seconds):
                    raise ValueError(seconds)
                show(call.wait(seconds))
            elif not line:
                due = call.next_event_at()
                show(call.wait(max(0.0, due - call.now)) if due is not None else [])
            elif line.isdecimal():
                # A number is always a choice, even typed before the other side finished.
                show(call.choose(int(line)))
            elif line.startswith("/"):
                say(f"{words('unknown', command=line)} {words('help')}")
            else:
                show(call.say(line))
        except ActionError as exc:
            # The engine's message names step ids; the learner gets the same in their words.
            say(f"! {text(lang, f'ui.action.{exc.reason}', **exc.values)}")
        except ValueError:
            say(f"! {words('bad_wait')}")
    say(ending_text(call))
    say()
    say(evaluation_text(evaluate(call)))
    return 0
