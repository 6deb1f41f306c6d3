"""Plain line-by-line play on stdin/stdout: for screen readers, dumb terminals and workshops."""

from __future__ import annotations

import math
import select
import termios
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TextIO

from tutor.dialogue import MAX_WAIT, ActionError, Call, Phase, Turn
from tutor.feedback import evaluate
from tutor.hints import hint_text
from tutor.locale import text
from tutor.practice import Practice, prepare, recap
from tutor.report import ending_text, evaluation_text, speaker_name
from tutor.safe_text import clip, for_terminal
from tutor.scenario.model import Scenario
from tutor.session import Attempt, finish, record
from tutor.signals.types import SignalDetector


def recap_lines(scenario: Scenario, start: str) -> list[str]:
    """The recap of ``scenario`` before ``start``: a heading and two or three lines."""
    lang = scenario.lang
    summary = recap(scenario, start)
    # The same words as the app's recap, and the other side named as at the call's start.
    lines = [text(lang, "ui.recap_title"),
             f"  {text(lang, 'plain.calling')}: {summary.other}",
             f"  {text(lang, 'ui.recap_so_far')}: {summary.summary}"]
    if summary.last_said:
        lines.append(f"  {text(lang, 'ui.recap_last')}: {summary.last_said}")
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


def play_plain(scenario: Scenario, detector: SignalDetector, stdin: TextIO, stdout: TextIO, *,
               keep: Callable[[Attempt], object] = record,
               practice: Practice = Practice(),  # noqa: B008 (frozen)
               clock: Callable[[], float] = time.monotonic) -> int:
    """Play ``scenario`` interactively, print the debrief, then ``keep`` the attempt.

    Returns the exit code. A call left unfinished (``/quit``, end of input) is not kept.
    Each step's lines and options are shown before input is read for it; in a terminal,
    anything typed before they appeared is dropped (and the learner told, once).
    ``clock`` gives real seconds: how long the learner takes to answer is silence in the call.
    """
    started = datetime.now(UTC)
    played = prepare(scenario, practice)
    call = Call(played, detector)
    lang = scenario.lang
    told_typeahead = False
    hinted: set[str] = set()  # the steps at which the learner asked for a hint

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
    say(f"{words('calling', other=scenario.other.gender)}: {scenario.other.name}, "
        f"{scenario.other.role}")
    say(words("help"))
    say()
    if practice.drill:
        for line in recap_lines(scenario, played.start):
            say(line)
        say()
    if practice.seed is not None:
        say(words("order", seed=practice.seed))
    while call.ending is None:
        # The other side finishes what they are saying before the learner is asked anything.
        show(call.listen())
        if call.phase is Phase.LEARNER_TURN:
            step = call.step
            for number, choice in enumerate(step.choices, start=1):
                say(f"  {number}. {choice.text}")
            if step.typed is not None:
                # An authored prompt says it all ("Or say it in your own words."): never
                # both, which doubled the "or".
                hint = step.typed.prompt or words("or_type" if step.choices else "type")
                say(f"  ({hint})")
        else:
            say(f"  {words('waiting')}")
        if discard_typeahead(stdin) and not told_typeahead:
            told_typeahead = True
            say(words("typeahead"))
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
            elif line == "/hint" and call.phase is Phase.LEARNER_TURN:
                hinted.add(call.step.id)
                say(f"  {hint_text(call, lang)}")
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
                show(call.choose(int(line)))
            elif line.startswith("/"):
                say(f"{words('unknown', command=clip(line))} {words('help')}")
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
    if hinted:
        say(text(lang, "ui.hints_used", n=len(hinted)))
    keep(finish(call, evaluation, front_end="plain", started_at=started, seed=practice.seed,
                from_step=played.start if practice.drill else "", hints_used=len(hinted)))
    return 0
