"""The call: the brief, the live transcript, the learner's turn, a timer and a way to hang up.

The engine runs on a simulated clock; this screen only tells it how much time has passed
(real seconds times ``speed``) and shows what it returns. Routing and scoring stay in the core.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from tutor.authoring.graph import call_map
from tutor.dialogue import ActionError, Call, Phase, Turn
from tutor.locale import Lang, text
from tutor.scenario.model import Scenario
from tutor.signals.types import SignalDetector
from tutor.tui.keys import SPEECH_KEY, KeySpec
from tutor.tui.messages import CallFinished
from tutor.tui.screens.call_map import CallMapScreen
from tutor.tui.screens.clocked import ClockedScreen
from tutor.tui.speech import SpeechSwitch
from tutor.tui.widgets.choices import ChoiceList
from tutor.tui.widgets.key_footer import KeyFooter
from tutor.tui.widgets.status import CallStatus
from tutor.tui.widgets.transcript import Transcript, turn_content


class CallScreen(ClockedScreen):
    """One live call; posts ``CallFinished`` when either side hangs up."""

    CSS_PATH = "call.tcss"

    KEYS = (
        KeySpec("1,2,3,4,5,6,7,8,9", "choose({key})", "", "help_choose", "1–9", show=False),
        KeySpec("", "", "", "help_enter_choice", "↑ ↓ Enter"),
        KeySpec("", "", "", "help_focus", "Tab"),
        KeySpec("ctrl+g", "hang_up", "key_hang_up", "help_hang_up", "Ctrl+G", priority=True),
        KeySpec("h", "hang_up", "", "help_hang_up", "h", show=False),
        SPEECH_KEY,
        KeySpec("f2", "show_map", "key_map", "help_map", "F2", show=False, priority=True),
    )

    # Nothing takes focus while the other side speaks: a stray Enter must never hang up.
    AUTO_FOCUS = None

    def __init__(self, scenario: Scenario, lang: Lang, detector: SignalDetector,
                 voice: SpeechSwitch, speed: float = 1.0, call: Call | None = None) -> None:
        super().__init__(lang, voice, speed)
        self.scenario = scenario
        self.call = call or Call(scenario, detector)  # a replayed call (live preview) goes on
        self.clock = self.call.now
        self._heard_until = self.call.now  # a replayed call's lines were heard the first time
        self._shown = 0  # transcript turns already on screen
        self._turn_step: str | None = None  # the step whose turn widgets are showing
        self._finished = False

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        s = self.scenario
        brief = Static(Content.assemble(
            (text(self.lang, "ui.you_are") + ": ", "bold"), s.learner.role, "\n",
            (text(self.lang, "ui.goal") + ": ", "bold"), s.learner.goal, "\n",
            (text(self.lang, "ui.calling") + ": ", "bold"), f"{s.other.name}, {s.other.role}",
        ), id="brief")
        brief.border_title = Content(s.title)  # border titles are markup otherwise
        yield brief
        with Horizontal(id="status-row"):
            yield CallStatus(id="status")
            yield Button(Content(text(self.lang, "ui.hang_up")), id="hang-up", variant="error",
                         compact=True)
        yield Transcript(id="transcript")
        with Vertical(id="turn"):
            yield Static("", id="turn-hint")
            yield ChoiceList(id="choices")
            yield Input(placeholder=text(self.lang, "ui.typed_placeholder"), id="typed")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.start_clock()
        self.sync()

    # --- the clock ------------------------------------------------------------------------

    def clock_done(self) -> bool:
        """True once the call has ended."""
        return self.call.ending is not None

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` of simulated time pass (the tick calls this; so can tests)."""
        if self.call.ending is not None:
            return
        self.clock += seconds
        # The engine's clock runs ahead while a line is being said; wait only past it.
        if self.clock > self.call.now:
            self.call.wait(self.clock - self.call.now)
        self.sync()

    def skip_to_next_event(self) -> None:
        """Jump the clock to the other party's next line or hang-up (for tests and demos)."""
        due = self.call.next_event_at()
        if due is not None:
            self.advance(max(0.0, due - self.clock) + 1e-6)

    # --- showing the state ----------------------------------------------------------------

    def _speaking(self) -> bool:
        phase = self.call.phase
        if phase in (Phase.OTHER_SPEAKING, Phase.FAREWELL_PENDING):
            return True
        last = next((x for x in reversed(self.call.transcript) if x.speaker == "other"), None)
        return last is not None and self.clock < last.at + last.duration

    def _status_text(self) -> str:
        name = self.scenario.other.name
        phase = self.call.phase
        if phase is Phase.ENDED:
            return text(self.lang, "ui.call_ended")
        if phase is Phase.AFTER_FAREWELL:
            return text(self.lang, "ui.after_farewell", name=name)
        if phase is Phase.FAREWELL_PENDING:
            return text(self.lang, "ui.farewell_pending", name=name)
        if phase is Phase.OTHER_SPEAKING or self._speaking():
            return text(self.lang, "ui.speaking", name=name)
        step = self.call.step
        if step.choices:
            key = "ui.your_turn_choices" if step.typed else "ui.your_turn_only_choices"
            count = len(step.choices)
            return text(self.lang, key, n="1" if count == 1 else f"1–{count}")
        return text(self.lang, "ui.your_turn_typed")

    def _show_turn(self, turn: Turn) -> None:
        you = text(self.lang, "ui.you")
        name = you if turn.speaker == "learner" else self.scenario.other.name
        rushed = text(self.lang, "ui.rushed") if turn.pace == "rushed" else None
        classes = [turn.speaker] + (["rushed"] if rushed else [])
        self.query_one(Transcript).add_line(turn_content(name, turn.text, rushed_label=rushed),
                                            *classes)
        if turn.speaker == "other" and turn.at >= self._heard_until:
            self.voice.say(turn.text, self.scenario.lang, turn.pace, self.scenario.other.gender)

    def sync(self) -> None:
        """Bring every widget in line with the call's state."""
        for turn in self.call.transcript[self._shown:]:
            self._show_turn(turn)
        self._shown = len(self.call.transcript)
        self.query_one(CallStatus).show(self._status_text(), self._speaking(),
                                        max(self.clock, 0.0))
        self._sync_turn()
        if self.call.ending is not None:
            self._finish()

    def _sync_turn(self) -> None:
        turn_box = self.query_one("#turn", Vertical)
        live = self.call.phase is Phase.LEARNER_TURN and self.call.ending is None
        step = self.call.step
        if not live:
            if self._turn_step is not None:
                self._turn_step = None
                turn_box.display = False
                self.set_focus(None)  # not the Hang up button: the next Enter would press it
            return
        if self._turn_step == step.id:
            return
        self._turn_step = step.id
        turn_box.display = True
        choices = self.query_one(ChoiceList)
        choices.set_choices([c.text for c in step.choices])
        choices.display = bool(step.choices)
        typed = self.query_one("#typed", Input)
        typed.value = ""
        typed.display = step.typed is not None
        hint = self.query_one("#turn-hint", Static)
        prompt = step.typed.prompt if step.typed is not None else None
        hint.update(Content(prompt or ""))
        hint.display = bool(prompt)
        (choices if step.choices else typed).focus()

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        self.stop_clock()
        self.voice.stop()
        self.post_message(CallFinished(self.call))

    # --- the learner's actions ------------------------------------------------------------

    def _act(self, number: int | None = None, line: str | None = None) -> None:
        try:
            if number is not None:
                self.call.choose(number)
            elif line is not None:
                self.call.say(line)
        except ActionError as exc:
            # The engine's own message names step ids; the learner gets the same in their words.
            self.notify(text(self.lang, f"ui.action.{exc.reason}", **exc.values),
                        severity="warning")
            return
        # The learner's own line took time to say; the UI clock follows the engine's.
        self.clock = max(self.clock, self.call.now)
        self.sync()

    def action_choose(self, number: int) -> None:
        """A digit key: say that numbered line (ignored when there is no such line)."""
        if self.call.phase is Phase.LEARNER_TURN and 1 <= number <= len(self.call.step.choices):
            self._act(number=number)

    @on(ChoiceList.Chosen)
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        self._act(number=event.number)

    @on(Input.Submitted, "#typed")
    def _typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._act(line=event.value)

    @on(Button.Pressed, "#hang-up")
    def _hang_up_pressed(self) -> None:
        self.action_hang_up()

    def action_show_map(self) -> None:
        """The call's map over the call, the current step marked."""
        self.app.push_screen(CallMapScreen(self.lang, self.scenario.title,
                                           call_map(self.scenario), self.call.step.id))

    def action_hang_up(self) -> None:
        """Hang up now; the engine records whether the other side had said goodbye."""
        if self.call.ending is None:
            self.voice.stop()
            self.call.hang_up()
            self.sync()
