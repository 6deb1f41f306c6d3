"""The dialogue engine: a pure state machine that plays a scenario on a simulated clock.

No I/O and no Textual: front ends feed it actions (choose, say, wait, hang up) and show
the turns it returns. Time only moves when a front end says so, which makes scripted play
and tests exact; the TUI simply calls ``wait`` with the real seconds that have passed.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field
from typing import Literal

from tutor.locale import text
from tutor.safe_text import clip
from tutor.scenario.model import END, Annotation, Farewell, Line, Pace, Scenario, Step
from tutor.signals.types import LineAnalysis, SignalDetector

Speaker = Literal["learner", "other"]
#: "silence": what the other party says, unscripted, when the learner stays silent.
TurnKind = Literal["line", "choice", "typed", "farewell", "silence"]

#: Simulated speaking rates in words per second: about 150 words a minute when calm,
#: three times that when rushed, as the post's recruiter sounds.
WORDS_PER_SECOND: dict[Pace, float] = {"calm": 2.5, "rushed": 7.5}

#: The longest single wait, in simulated seconds (a day). No call needs more, and the bound
#: keeps the clock finite: three waits of 1e308 seconds would make it infinite, then NaN.
MAX_WAIT = 86_400.0


def speaking_time(text: str, pace: Pace) -> float:
    """Seconds it takes to say ``text`` at ``pace`` (at least a quarter of a second)."""
    return max(0.25, len(text.split()) / WORDS_PER_SECOND[pace])


class Phase(enum.Enum):
    """Where the call is."""

    OTHER_SPEAKING = "other_speaking"  # the step's lines are still arriving
    LEARNER_TURN = "learner_turn"
    FAREWELL_PENDING = "farewell_pending"  # the learner is done; the other party's goodbye is due
    AFTER_FAREWELL = "after_farewell"  # they said goodbye and will hang up soon
    ENDED = "ended"


ActionReason = Literal[
    "bad_wait", "no_choices", "no_such_choice", "empty_line", "choices_only", "ended",
    "not_your_turn",
]


class ActionError(Exception):
    """An action that does not fit the call's current state; the message names the step.

    ``reason`` and ``values`` let a front end say it in the learner's words instead
    (``ui.action.<reason>`` in the catalogues).
    """

    def __init__(self, message: str, reason: ActionReason, **values: object) -> None:
        super().__init__(message)
        self.reason: ActionReason = reason
        self.values = values


@dataclass(frozen=True, slots=True)
class Turn:
    """One line of the transcript."""

    speaker: Speaker
    text: str
    at: float
    duration: float
    step: str
    kind: TurnKind
    pace: Pace = "calm"
    closing: bool = False
    choice: int | None = None  # 1-based, for chosen lines
    note: Annotation | None = None
    analysis: LineAnalysis | None = None


@dataclass(frozen=True, slots=True)
class Ending:
    """How the call ended."""

    hung_up_first: Speaker
    at: float
    farewell_heard: bool
    step: str
    silence: bool = False  # the other party hung up because the learner stayed silent


@dataclass(slots=True)
class _Pending:
    due: float
    line: Line
    kind: TurnKind


@dataclass
class Call:
    """One play of a scenario."""

    scenario: Scenario
    detector: SignalDetector
    now: float = 0.0
    transcript: list[Turn] = field(default_factory=list)
    ending: Ending | None = None
    _step: Step = field(init=False)
    _queue: list[_Pending] = field(default_factory=list)
    _phase: Phase = Phase.OTHER_SPEAKING
    _farewell: Farewell | None = None
    _hang_up_at: float | None = None
    # Silence in the learner's turn: when it began, and whether they have been asked about it.
    _silent_since: float = 0.0
    _prompted: bool = False

    def __post_init__(self) -> None:
        self._enter(self.scenario.start)

    # --- state ----------------------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        """Where the call is now."""
        return self._phase

    @property
    def step(self) -> Step:
        """The current step (the last one entered, once the learner's part is over)."""
        return self._step

    @property
    def in_closing(self) -> bool:
        """True once the call has reached a closing step."""
        return self._step.closing or self._phase in (
            Phase.FAREWELL_PENDING, Phase.AFTER_FAREWELL, Phase.ENDED)

    @property
    def farewell_heard(self) -> bool:
        """True once the other party has said their goodbye."""
        return any(t.kind == "farewell" for t in self.transcript)

    def fork(self) -> Call:
        """An independent copy to play on from here (to try each move a learner could make).

        The call's state is its scalars, the transcript and the queue of lines due; the items
        of those two lists are never changed, so copying the lists is enough.
        """
        twin = object.__new__(Call)
        twin.__dict__.update(self.__dict__)
        twin.transcript = list(self.transcript)
        twin._queue = list(self._queue)
        return twin

    def next_event_at(self) -> float | None:
        """Simulated time of the next thing the other party will do, if anything is due.

        Not counting what they say to silence (``silence_at``): ``run_out`` stops at the
        learner's turn rather than play the call into a hang-up.
        """
        if self._queue:
            return self._queue[0].due
        if self._phase is Phase.AFTER_FAREWELL:
            return self._hang_up_at
        return None

    def silence_at(self) -> float | None:
        """When the other party will next speak up about the learner's silence, if it goes on."""
        patience = self.scenario.patience  # infinite: a caller who never minds silence
        if self._phase is not Phase.LEARNER_TURN or self.ending is not None or math.isinf(patience):
            return None
        return self._silent_since + patience

    # --- actions --------------------------------------------------------------------------

    def wait(self, seconds: float) -> list[Turn]:
        """Let ``seconds`` pass; return the turns the other party said meanwhile."""
        if not 0 <= seconds <= MAX_WAIT:  # also refuses NaN and infinity
            raise ActionError(f"cannot wait {seconds:g} seconds; wait from 0 to at most "
                              f"{MAX_WAIT:g} seconds (a day) at a time", "bad_wait")
        return self._advance(self.now + seconds)

    def listen(self) -> list[Turn]:
        """Let the other party finish what they are saying (used before the learner speaks)."""
        lines = [p for p in self._queue if p.kind == "line"]
        return self._advance(lines[-1].due) if lines else []

    def choose(self, number: int) -> list[Turn]:
        """Say choice ``number`` (1-based) of the current step; return the turns that follow."""
        # Check before listening: an action that fails must not use up the lines it would hear.
        self._hang_up_if_due()
        self._require_turn("choose", self._phase_after_listening())
        choices = self._step.choices
        if not choices:
            raise ActionError(f"step {self._step.id!r} has no choices; type a line instead",
                              "no_choices")
        if not 1 <= number <= len(choices):
            raise ActionError(
                f"step {self._step.id!r} has choices 1-{len(choices)}; "
                f"there is no choice {clip(str(number))}",
                "no_such_choice", number=clip(str(number)), count=len(choices),
            )
        choice = choices[number - 1]
        heard = self.listen()
        turn = self._learner(choice.text, "choice", choice.pace, choice=number, note=choice.note)
        return [*heard, turn, *self._go(choice.next, choice.reply)]

    def say(self, text: str) -> list[Turn]:
        """Say a typed line. In a turn it is routed by its signals; after the end it is kept."""
        text = text.strip()
        if not text:
            raise ActionError("an empty line says nothing; type what you would say", "empty_line")
        self._hang_up_if_due()
        phase = self._phase_after_listening()
        if phase not in (Phase.FAREWELL_PENDING, Phase.AFTER_FAREWELL):
            self._require_turn("say", phase)
        typed = self._step.typed
        if phase is Phase.LEARNER_TURN and typed is None:
            raise ActionError(
                f"step {self._step.id!r} takes a numbered choice, not a typed line",
                "choices_only",
            )
        heard = self.listen()
        if typed is None or phase is not Phase.LEARNER_TURN:
            return [*heard, self._learner(text, "typed", "calm")]
        turn = self._learner(text, "typed", "calm")
        assert turn.analysis is not None
        route = typed.match(turn.analysis)
        if route is None:
            return [*heard, turn, *self._go(typed.default)]
        return [*heard, turn, *self._go(route.next, route.reply)]

    def hang_up(self) -> Ending:
        """The learner hangs up, now."""
        self._hang_up_if_due()
        if self.ending is not None:
            raise ActionError(f"cannot hang up at step {self._step.id!r}: "
                              "the call has already ended", "ended")
        self.ending = Ending("learner", self.now, self.farewell_heard, self._step.id)
        self._phase = Phase.ENDED
        self._queue.clear()
        return self.ending

    def run_out(self) -> list[Turn]:
        """Let the call play on until the other party hangs up or waits for the learner."""
        turns: list[Turn] = []
        while (due := self.next_event_at()) is not None and self.ending is None:
            turns.extend(self._advance(due))
        return turns

    # --- internals ------------------------------------------------------------------------

    def _phase_after_listening(self) -> Phase:
        """The phase once the other party has said the lines they are due to say now."""
        if self._phase is Phase.OTHER_SPEAKING:
            if any(p.kind == "farewell" for p in self._queue):
                return Phase.FAREWELL_PENDING
            return Phase.LEARNER_TURN
        return self._phase

    def _hang_up_if_due(self) -> None:
        """The other party hangs up on time even while the learner is still talking."""
        if (self._phase is Phase.AFTER_FAREWELL and self._hang_up_at is not None
                and self.now >= self._hang_up_at):
            self._advance(self.now)

    def _require_turn(self, action: str, phase: Phase | None = None) -> None:
        phase = self._phase if phase is None else phase
        if phase is Phase.ENDED:
            raise ActionError(f"cannot {action} at step {self._step.id!r}: the call has ended",
                              "ended")
        if phase is not Phase.LEARNER_TURN:
            raise ActionError(
                f"cannot {action} at step {self._step.id!r}: the learner's part is over; "
                "wait or hang up", "not_your_turn",
            )

    def _learner(self, text: str, kind: TurnKind, pace: Pace, choice: int | None = None,
                 note: Annotation | None = None) -> Turn:
        duration = speaking_time(text, pace)
        turn = Turn("learner", text, self.now, duration, self._step.id, kind, pace,
                    closing=self.in_closing, choice=choice, note=note,
                    analysis=self.detector.analyze(text, self.scenario.lang))
        self.transcript.append(turn)
        self.now += duration
        return turn

    def _go(self, target: str, reply: tuple[Line, ...] = ()) -> list[Turn]:
        """Move to ``target``; a non-empty ``reply`` is said instead of its usual lines."""
        if target == END:
            self._queue = []
            due = self._say_later(reply)
            self._finish(self.scenario.farewell, after=due)
            if not reply:
                return []  # the farewell comes with the next wait, after its pause
            self._phase = Phase.OTHER_SPEAKING
            return self._advance(self.now)
        self._enter(target, reply)
        return self._advance(self.now)

    def _enter(self, step_id: str, reply: tuple[Line, ...] = ()) -> None:
        self._step = self.scenario.steps[step_id]
        self._queue = []
        due = self._say_later(reply or self._step.other)
        self._phase = Phase.OTHER_SPEAKING if self._queue else Phase.LEARNER_TURN
        self._turn_begins(self.now)
        if self._step.end:
            self._finish(self._step.farewell or self.scenario.farewell, after=due)

    def _say_later(self, lines: tuple[Line, ...]) -> float:
        """Queue ``lines`` from now, each after its pause; the time the last one ends."""
        due = self.now
        for line in lines:
            due += line.pause
            self._queue.append(_Pending(due, line, "line"))
            due += speaking_time(line.text, line.pace)
        return due

    def _finish(self, farewell: Farewell, after: float | None = None) -> None:
        due = (self.now if after is None else after) + farewell.pause
        self._queue.append(_Pending(due, Line(farewell.text, farewell.pace), "farewell"))
        self._farewell = farewell
        if not any(p.kind == "line" for p in self._queue):
            self._phase = Phase.FAREWELL_PENDING

    def _advance(self, until: float) -> list[Turn]:
        said: list[Turn] = []
        while self._queue and self._queue[0].due <= until and self.ending is None:
            pending = self._queue.pop(0)
            start = max(pending.due, self.now)
            line = pending.line
            duration = speaking_time(line.text, line.pace)
            turn = Turn("other", line.text, start, duration, self._step.id, pending.kind,
                        line.pace, closing=self.in_closing)
            self.transcript.append(turn)
            said.append(turn)
            self.now = start + duration
            if pending.kind == "farewell":
                assert self._farewell is not None
                self._phase = Phase.AFTER_FAREWELL
                self._hang_up_at = self.now + self._farewell.hang_up_after
            elif not self._queue:
                self._phase = Phase.LEARNER_TURN
                self._turn_begins(self.now)
            elif self._queue[0].kind == "farewell" and self._phase is Phase.OTHER_SPEAKING:
                self._phase = Phase.FAREWELL_PENDING
        if (self._phase is Phase.AFTER_FAREWELL and self._hang_up_at is not None
                and until >= self._hang_up_at and self.ending is None):
            self.ending = Ending("other", self._hang_up_at, True, self._step.id)
            self._phase = Phase.ENDED
        said.extend(self._hear_silence(until))
        self.now = max(self.now, until)
        return said

    def composing(self) -> None:
        """The learner is typing a line: that is not silence, so the wait starts again.

        A front end calls it on each keystroke in the own-line box; without it, a long line
        typed slowly would hear "are you still there?" and then the other side hang up.
        """
        if self._phase is Phase.LEARNER_TURN and self.ending is None:
            self._silent_since = self.now

    def _turn_begins(self, at: float) -> None:
        self._silent_since = at
        self._prompted = False

    def _hear_silence(self, until: float) -> list[Turn]:
        """Past ``patience`` they ask if the learner is there; as long again, they hang up."""
        said: list[Turn] = []
        while (due := self.silence_at()) is not None and due <= until:
            silence = self.scenario.silence
            if self._prompted:
                words = silence.hang_up or text(self.scenario.lang, "call.silence.hang_up")
            else:
                words = silence.prompt or text(self.scenario.lang, "call.silence.prompt")
            duration = speaking_time(words, "calm")
            turn = Turn("other", words, due, duration, self._step.id, "silence",
                        closing=self.in_closing)
            self.transcript.append(turn)
            said.append(turn)
            self.now = due + duration
            if self._prompted:
                self.ending = Ending("other", self.now, self.farewell_heard, self._step.id,
                                     silence=True)
                self._phase = Phase.ENDED
                self._queue.clear()
            else:
                self._prompted = True
                self._silent_since = self.now
        return said
