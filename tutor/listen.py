"""Listen mode: a scenario's authored rushed closing, then its calm one, as text and voice.

A replay uses the same plan: a past attempt's own lines (``attempt_lines``) take the place
of the rushed closing, followed by the call's calm example when it has one.

``schedule()`` is the one place that decides when each example line is heard: the headless
``tutor listen`` and the app's listen screen both follow it. Plain Python: no Textual.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TextIO

from tutor.dialogue import speaking_time
from tutor.locale import text
from tutor.safe_text import for_terminal
from tutor.scenario.model import ExampleLine, Examples, Pace, Scenario

if TYPE_CHECKING:  # the speech package is imported only when a line is voiced
    from tutor.speech import SpeechBackend

Part = Literal["rushed", "calm"]
PARTS: tuple[Part, ...] = ("rushed", "calm")

#: The longest a single line may take to speak before listen mode moves on regardless.
LINE_TIMEOUT = 30.0
#: Seconds of silence between the rushed closing and the calm one.
PART_GAP = 1.5


@dataclass(frozen=True, slots=True)
class Cue:
    """One example line and when it is heard, in seconds from the start of listening."""

    part: Part
    line: ExampleLine
    at: float  # the line starts (its authored pause has passed)
    duration: float  # how long it takes to say at its pace (the dialogue engine's estimate)
    silence: float  # seconds of silence before it: its pause, plus the gap before a new part
    first: bool  # the first line of its part (a heading goes before it)

    @property
    def end(self) -> float:
        """When the line has been said."""
        return self.at + self.duration


@dataclass(frozen=True, slots=True)
class Schedule:
    """Every cue in order, where the calm part begins, and when it all ends."""

    cues: tuple[Cue, ...]
    calm_start: float  # the moment the calm part's heading appears
    end: float



def schedule(examples: Examples, gap: float = PART_GAP) -> Schedule:
    """When each line of both example closings is heard: pauses and pace as authored."""
    cues: list[Cue] = []
    clock = 0.0
    calm_start = 0.0
    for part, lines in zip(PARTS, (examples.rushed, examples.calm), strict=True):
        if part == "calm":
            clock += gap if cues else 0.0
            calm_start = clock
        for index, line in enumerate(lines):
            silence = line.pause + (gap if index == 0 and part == "calm" and cues else 0.0)
            at = clock + line.pause
            duration = speaking_time(line.text, line.pace)
            cues.append(Cue(part, line, at, duration, silence, first=index == 0))
            clock = at + duration
    return Schedule(tuple(cues), calm_start, clock)


def attempt_lines(transcript: object) -> tuple[ExampleLine, ...]:
    """A stored attempt's transcript as lines to play back with its own timing.

    Each line's pause is the silence the attempt really had before it: its start less the
    moment the line before it would have been said (at that line's pace), so the schedule
    starts every line when it started in the call. Turns that are not well formed are skipped.
    """
    lines: list[ExampleLine] = []
    said = 0.0  # when the previous line had been said
    for turn in transcript if isinstance(transcript, list) else ():
        if not isinstance(turn, dict) or turn.get("speaker") not in ("learner", "other"):
            continue
        words, at = turn.get("text"), turn.get("at")
        if not isinstance(words, str) or not isinstance(at, int | float):
            continue
        pace: Pace = "rushed" if turn.get("pace") == "rushed" else "calm"
        lines.append(ExampleLine(turn["speaker"], words, pace, max(0.0, at - said)))
        said = max(said, at) + speaking_time(words, pace)
    return tuple(lines)


def listen(scenario: Scenario, speech: bool, out: TextIO,
           backend: SpeechBackend | None = None, speed: float = 1.0,
           sleep: Callable[[float], None] = time.sleep) -> int:
    """Print (and with ``speech``, voice) both example closings; return an exit code.

    Voiced, the authored silences are kept (divided by ``speed``) and each line is waited
    for; text alone is printed at once, for reading and for pipes.
    """
    assert scenario.examples is not None
    if speech and backend is None:
        from tutor.speech import create_backend

        backend = create_backend()
        reason = backend.availability()
        if not reason.ok:
            out.write(reason.message(scenario.lang) + "\n")
            backend = None
    try:
        for cue in schedule(scenario.examples).cues:
            if cue.first:
                out.write(f"\n{text(scenario.lang, f'cli.listen_{cue.part}')}\n")
            if backend is not None and cue.silence > 0:
                out.flush()
                sleep(cue.silence / speed)
            _line(scenario, cue.line, out, backend)
    finally:
        if backend is not None:
            backend.close()
    return 0


def _line(scenario: Scenario, line: ExampleLine, out: TextIO,
          backend: SpeechBackend | None) -> None:
    lang = scenario.lang
    who = text(lang, "ui.you") if line.who == "learner" else scenario.other.name
    mark = text(lang, "report.rushed_mark") if line.pace == "rushed" else ""
    out.write(for_terminal(f"  {who}: {line.text}{mark}") + "\n")
    out.flush()
    if backend is not None:
        from tutor.speech import VoiceHints

        done = threading.Event()
        hints = VoiceHints(scenario.other.gender if line.who == "other" else None)
        backend.speak(line.text, scenario.lang, line.pace, hints, on_done=done.set)
        done.wait(LINE_TIMEOUT)
