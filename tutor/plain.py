"""Plain line-by-line play on stdin/stdout: for screen readers, dumb terminals and workshops."""

from __future__ import annotations

import math
import select
import termios
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TextIO

from tutor.dialogue import ActionError, Call, Phase, Turn
from tutor.feedback import evaluate
from tutor.hints import hint_text
from tutor.practice import Practice, prepare, recap
from tutor.report import ending_text, evaluation_text, speaker_name
from tutor.scenario.model import Scenario
from tutor.session import Attempt, finish, record
from tutor.signals.types import Lang, SignalDetector

WORDS: dict[Lang, dict[str, str]] = {
    "en": {
        "you_are": "You are", "goal": "Your goal", "calling": "On the line", "rushed": " (rushed)",
        "help": "Type a choice number, or your own words where offered. "
                "Commands: /hint (what matters now), /wait N (seconds), /hangup, /quit, /help. "
                "Enter alone waits.",
        "or_type": "or type", "own_line": "your own line",
        "waiting": "(the other side is about to speak: Enter waits, /hangup hangs up)",
        "input_ended": "Input ended; the call is left unfinished.", "left": "Left the call.",
        "unknown": "Unknown command {command!r}.",
        "bad_wait": "/wait takes a number of seconds, e.g. /wait 2",
        "typeahead": "(Lines typed before the options were shown are dropped: "
                     "read them first, then answer.)",
        "pick_number": "Here you pick a line: type its number ({n}).",
        "no_such_line": "There is no line {number} here: type {n}.",
        "type_words": "Here there are no numbered lines: type what you would say.",
        "part_over": "Your part is over: press Enter to wait, or /hangup.",
        "ended": "The call has ended.",
        "recap_title": "Practising the close. The call so far:",
        "recap_other": "On the line", "recap_so_far": "So far", "recap_last": "You last said",
        "order": "(Lines shown in order {seed}; add --seed {seed} to see them so again.)",
        "hints_used": "Hints asked for: {n}",
    },
    "ru": {
        "you_are": "Вы", "goal": "Ваша цель", "calling": "Собеседник", "rushed": " (скороговоркой)",
        "help": "Введите номер реплики или, где можно, свои слова. "
                "Команды: /hint (что сейчас важно), /wait N (секунды), /hangup, /quit, /help. "
                "Пустой Enter — подождать.",
        "or_type": "или напишите", "own_line": "свою реплику",
        "waiting": "(собеседник сейчас заговорит: Enter — подождать, /hangup — положить трубку)",
        "input_ended": "Ввод закончился; звонок не завершён.", "left": "Вы вышли из звонка.",
        "unknown": "Неизвестная команда {command!r}.",
        "bad_wait": "После /wait нужно число секунд, например /wait 2",
        "typeahead": "(Всё, что набрано до появления вариантов, пропускается: "
                     "сначала прочитайте их, потом отвечайте.)",
        "pick_number": "Здесь нужно выбрать реплику: введите её номер ({n}).",
        "no_such_line": "Реплики {number} здесь нет: введите {n}.",
        "type_words": "Здесь нет готовых реплик: напишите, что бы вы сказали.",
        "part_over": "Ваша часть окончена: Enter — подождать, /hangup — положить трубку.",
        "ended": "Звонок уже окончен.",
        "recap_title": "Тренируем прощание. Что было до этого:",
        "recap_other": "Собеседник", "recap_so_far": "Суть", "recap_last": "Вы сказали",
        "order": "(Порядок реплик {seed}; с --seed {seed} он повторится.)",
        "hints_used": "Подсказок: {n}",
    },
}


def recap_lines(scenario: Scenario, start: str) -> list[str]:
    """The recap of ``scenario`` before ``start``: a heading and two or three lines."""
    words = WORDS[scenario.lang]
    summary = recap(scenario, start)
    lines = [words["recap_title"], f"  {words['recap_other']}: {summary.other}",
             f"  {words['recap_so_far']}: {summary.summary}"]
    if summary.last_said:
        lines.append(f"  {words['recap_last']}: {summary.last_said}")
    return lines


def discard_typeahead(stdin: TextIO) -> bool:
    """Drop what a person typed into a terminal before the options were shown.

    Returns True if anything was dropped. Piped input (a script, a test) is never dropped:
    there every line is meant as written.
    """
    try:
        if not stdin.isatty():
            return False
        fd = stdin.fileno()
        pending = bool(select.select([fd], [], [], 0)[0])
        if pending:
            termios.tcflush(fd, termios.TCIFLUSH)
        return pending
    except (OSError, ValueError, termios.error):
        return False


def mistake(call: Call, line: str, words: dict[str, str]) -> str | None:
    """What is wrong with ``line`` at this point of the call, in the learner's words."""
    if call.ending is not None:
        return words["ended"]
    if call.phase is not Phase.LEARNER_TURN:
        return words["part_over"] if line.isdecimal() else None  # words go on the record
    step = call.step
    count = len(step.choices)
    numbers = "1" if count == 1 else f"1–{count}"
    if line.isdecimal():
        if not count:
            return words["type_words"]
        if len(line) > 4 or not 1 <= int(line) <= count:
            return words["no_such_line"].format(number=line, n=numbers)
    elif step.typed is None:
        return words["pick_number"].format(n=numbers)
    return None


def play_plain(scenario: Scenario, detector: SignalDetector, stdin: TextIO, stdout: TextIO, *,
               keep: Callable[[Attempt], object] = record,
               practice: Practice = Practice()) -> int:  # noqa: B008 (frozen)
    """Play ``scenario`` interactively, print the debrief, then ``keep`` the attempt.

    Returns the exit code. A call left unfinished (``/quit``, end of input) is not kept.
    Each step's lines and options are shown before input is read for it; in a terminal,
    anything typed before they appeared is dropped (and the learner told, once).
    """
    started = datetime.now(UTC)
    played = prepare(scenario, practice)
    call = Call(played, detector)
    words = WORDS[scenario.lang]
    told_typeahead = False
    hinted: set[str] = set()  # the steps at which the learner asked for a hint

    def say(text: str = "") -> None:
        stdout.write(text + "\n")
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
    if practice.drill:
        for line in recap_lines(scenario, played.start):
            say(line)
        say()
    if practice.seed is not None:
        say(words["order"].format(seed=practice.seed))
    while call.ending is None:
        # The other side finishes what they are saying before the learner is asked anything.
        show(call.listen())
        if call.phase is Phase.LEARNER_TURN:
            step = call.step
            for number, choice in enumerate(step.choices, start=1):
                say(f"  {number}. {choice.text}")
            if step.typed is not None:
                say(f"  ({words['or_type']}: {step.typed.prompt or words['own_line']})")
        else:
            say(f"  {words['waiting']}")
        if discard_typeahead(stdin) and not told_typeahead:
            told_typeahead = True
            say(words["typeahead"])
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
            elif line == "/hint" and call.phase is Phase.LEARNER_TURN:
                hinted.add(call.step.id)
                say(f"  {hint_text(call, scenario.lang)}")
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
            elif line.startswith("/"):
                say(f"{words['unknown'].format(command=line)} {words['help']}")
            elif (problem := mistake(call, line, words)) is not None:
                say(f"! {problem}")
            elif line.isdecimal():
                show(call.choose(int(line)))
            else:
                show(call.say(line))
        except ActionError:
            # mistake() foresees what the engine refuses; its own wording names step ids.
            say(f"! {words['part_over']}")
        except ValueError:
            say(f"! {words['bad_wait']}")
    say(ending_text(call))
    say()
    evaluation = evaluate(call)
    say(evaluation_text(evaluation))
    if hinted:
        say(words["hints_used"].format(n=len(hinted)))
    keep(finish(call, evaluation, front_end="plain", started_at=started, seed=practice.seed,
                from_step=played.start if practice.drill else "", hints_used=len(hinted)))
    return 0
