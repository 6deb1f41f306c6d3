"""Plain line-by-line play on stdin/stdout: for screen readers, dumb terminals and workshops."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TextIO

from tutor.dialogue import ActionError, Call, Phase, Turn
from tutor.feedback import evaluate
from tutor.report import ending_text, evaluation_text, speaker_name
from tutor.safe_text import clip, for_terminal
from tutor.scenario.model import Scenario
from tutor.session import Attempt, finish, record
from tutor.signals.types import Lang, SignalDetector

WORDS: dict[Lang, dict[str, str]] = {
    "en": {
        "you_are": "You are", "goal": "Your goal", "calling": "On the line", "rushed": " (rushed)",
        "help": "Type a choice number, or your own words where offered. "
                "Commands: /wait N (seconds), /hangup, /quit, /help. Enter alone waits.",
        "or_type": "or type", "own_line": "your own line",
        "waiting": "(the other side is about to speak: Enter waits, /hangup hangs up)",
        "input_ended": "Input ended; the call is left unfinished.", "left": "Left the call.",
        "unknown": "Unknown command {command!r}.",
        "bad_wait": "/wait takes a number of seconds, e.g. /wait 2",
        "no_choice": "No choice has that number; type the number of a line above.",
    },
    "ru": {
        "you_are": "Вы", "goal": "Ваша цель", "calling": "Собеседник", "rushed": " (скороговоркой)",
        "help": "Введите номер реплики или, где можно, свои слова. "
                "Команды: /wait N (секунды), /hangup, /quit, /help. Пустой Enter — подождать.",
        "or_type": "или напишите", "own_line": "свою реплику",
        "waiting": "(собеседник сейчас заговорит: Enter — подождать, /hangup — положить трубку)",
        "input_ended": "Ввод закончился; звонок не завершён.", "left": "Вы вышли из звонка.",
        "unknown": "Неизвестная команда {command!r}.",
        "bad_wait": "После /wait нужно число секунд, например /wait 2",
        "no_choice": "Реплики с таким номером нет; введите номер одной из реплик выше.",
    },
}


def play_plain(scenario: Scenario, detector: SignalDetector, stdin: TextIO, stdout: TextIO, *,
               keep: Callable[[Attempt], object] = record) -> int:
    """Play ``scenario`` interactively, print the debrief, then ``keep`` the attempt.

    Returns the exit code. A call left unfinished (``/quit``, end of input) is not kept.
    """
    started = datetime.now(UTC)
    call = Call(scenario, detector)
    words = WORDS[scenario.lang]

    def say(text: str = "") -> None:
        stdout.write(for_terminal(text) + "\n")
        stdout.flush()

    def show(turns: list[Turn]) -> None:
        for turn in turns:
            if turn.speaker == "other":
                mark = words["rushed"] if turn.pace == "rushed" else ""
                say(f"{speaker_name(call, turn)}: {turn.text}{mark}")

    say(f"{scenario.title}")
    say(f"{words['you_are']}: {scenario.learner.role}")
    say(f"{words['goal']}: {scenario.learner.goal}")
    say(f"{words['calling']}: {scenario.other.name}, {scenario.other.role}")
    say(words["help"])
    say()
    show(call.listen())
    while call.ending is None:
        if call.phase is Phase.LEARNER_TURN:
            step = call.step
            for number, choice in enumerate(step.choices, start=1):
                say(f"  {number}. {choice.text}")
            if step.typed is not None:
                say(f"  ({words['or_type']}: {step.typed.prompt or words['own_line']})")
        else:
            say(f"  {words['waiting']}")
        stdout.write("> ")
        stdout.flush()
        raw = stdin.readline()
        if not raw:
            say()
            say(words["input_ended"])
            return 1
        line = raw.strip()
        try:
            if line in ("/quit", "/q"):
                say(words["left"])
                return 1
            if line in ("/help", "/?"):
                say(words["help"])
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
                say(f"! {words['no_choice']}")
            elif line.isdecimal():
                # A number is always a choice, even typed before the other side finished.
                show(call.choose(int(line)))
            elif line.startswith("/"):
                say(f"{words['unknown'].format(command=clip(line))} {words['help']}")
            else:
                show(call.say(line))
        except ActionError as exc:
            say(f"! {exc}")
        except ValueError:
            say(f"! {words['bad_wait']}")
    say(ending_text(call))
    say()
    evaluation = evaluate(call)
    say(evaluation_text(evaluation))
    keep(finish(call, evaluation, front_end="plain", started_at=started))
    return 0
