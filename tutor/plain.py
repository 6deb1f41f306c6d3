"""Plain line-by-line play on stdin/stdout: for screen readers, dumb terminals and workshops."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TextIO

from tutor.dialogue import MAX_WAIT, ActionError, Call, Phase, Turn
from tutor.feedback import evaluate
from tutor.locale import text
from tutor.report import ending_text, evaluation_text, speaker_name
from tutor.safe_text import for_terminal
from tutor.scenario.model import Scenario
from tutor.session import Attempt, finish, record
from tutor.signals.types import SignalDetector


def play_plain(scenario: Scenario, detector: SignalDetector, stdin: TextIO, stdout: TextIO, *,
               keep: Callable[[Attempt], object] = record,
               clock: Callable[[], float] = time.monotonic) -> int:
    """Play ``scenario`` interactively, print the debrief, then ``keep`` the attempt.

    Returns the exit code. A call left unfinished (``/quit``, end of input) is not kept.
    ``clock`` gives real seconds: how long the learner takes to answer is silence in the call.
    """
    started = datetime.now(UTC)
    call = Call(scenario, detector)
    lang = scenario.lang

    def words(key: str, **values: object) -> str:
        return text(lang, f"plain.{key}", **values)

    def say(message: str = "") -> None:
        stdout.write(for_terminal(message) + "\n")
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
        asked = clock()
        raw = stdin.readline()
        if call.phase is Phase.LEARNER_TURN:
            # The time the answer took passes first, so a slow answer hears "are you there?"
            # (or the hang-up) before it is said.
            show(call.wait(min(max(0.0, clock() - asked), MAX_WAIT)))
            if call.ending is not None:
                break
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
            elif line.isdecimal() and len(line) > 9:
                # No call has a billion choices, and int() refuses over 4,300 digits.
                say(f"! {words('no_choice')}")
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
    evaluation = evaluate(call)
    say(evaluation_text(evaluation))
    keep(finish(call, evaluation, front_end="plain", started_at=started))
    return 0
