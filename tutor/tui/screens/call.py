"""The call: the brief, the live transcript, the learner's turn, a timer and a way to hang up.

The engine runs on a simulated clock; this screen only tells it how much time has passed
(real seconds times ``speed``) and shows what it returns. Routing and scoring stay in the core.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from tutor.authoring.graph import call_map
from tutor.dialogue import ActionError, Call, Phase, Turn
from tutor.hints import hint_text
from tutor.locale import Lang, text
from tutor.practice import Practice, prepare, recap
from tutor.scenario.model import Scenario
from tutor.signals.types import SignalDetector
from tutor.tui.keys import SPEECH_KEY, KeySpec
from tutor.tui.messages import CallFinished
from tutor.tui.screens.call_map import CallMapScreen
from tutor.tui.screens.clocked import ClockedScreen
from tutor.tui.speech import SpeechSwitch
from tutor.tui.widgets.choices import ChoiceList
from tutor.tui.widgets.key_footer import KeyFooter
from tutor.tui.widgets.own_line import OwnLine, choice_number, type_into
from tutor.tui.widgets.status import CallStatus
from tutor.tui.widgets.transcript import Transcript, turn_content


class CallScreen(ClockedScreen):
    """One live call; posts ``CallFinished`` when either side hangs up."""

    CSS_PATH = "call.tcss"

    KEYS = (
        KeySpec("1,2,3,4,5,6,7,8,9", "choose({key})", "", "help_choose", "1–9", show=False),
        KeySpec("", "", "", "help_enter_choice", "↑ ↓ Enter"),
        KeySpec("", "", "", "help_focus", "Tab"),
        KeySpec("", "", "", "help_type", "A–Z А–Я"),
        # No letter: inside a call every printable key may be the start of a sentence.
        KeySpec("ctrl+g", "hang_up", "key_hang_up", "help_hang_up", "Ctrl+G", priority=True),
        KeySpec("f2", "hint", "key_hint", "help_hint", "F2", priority=True),
        SPEECH_KEY,
        KeySpec("f3", "show_map", "key_map", "help_map", "F3", show=False, priority=True),
    )

    # Nothing takes focus while the other side speaks: a stray Enter must never hang up.
    AUTO_FOCUS = None

    def __init__(self, scenario: Scenario, lang: Lang, detector: SignalDetector,
                 voice: SpeechSwitch, speed: float = 1.0,
                 practice: Practice = Practice(),  # noqa: B008 (frozen)
                 call: Call | None = None) -> None:
        super().__init__(lang, voice, speed)
        self.scenario = scenario  # as the file has it; the call plays it as practice says
        self.practice = practice
        # A replayed call (live preview) goes on from where it was.
        self.call = call or Call(prepare(scenario, practice), detector)
        self.clock = self.call.now
        self._heard_until = self.call.now  # a replayed call's lines were heard the first time
        self.hinted: set[str] = set()  # the steps at which the learner asked for a hint
        self._shown = 0  # transcript turns already on screen
        self._turn_step: str | None = None  # the step whose turn widgets are showing
        self._finished = False

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        s = self.scenario
        brief = Static(Content.assemble(
            (text(self.lang, "ui.you_are") + ": ", "bold"), s.learner.role, "\n",
            (text(self.lang, "ui.goal") + ": ", "bold"), s.learner.goal, "\n",
            (text(self.lang, "ui.calling", other=s.other.gender) + ": ", "bold"),
            f"{s.other.name}, {s.other.role}",
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
            yield Static("", id="stakes")
            yield ChoiceList(id="choices")
            # Not select_on_focus: the first letter, typed before the box had focus, would be
            # selected and then typed over by the second.
            yield OwnLine(placeholder=text(self.lang, "ui.typed_placeholder"), id="typed",
                          select_on_focus=False)
        yield KeyFooter()

    def _recap(self) -> Content:
        summary = recap(self.scenario, self.call.scenario.start)
        parts: list[str | tuple[str, str]] = [
            (text(self.lang, "ui.recap_title"), "bold"), "\n",
            (text(self.lang, "ui.recap_so_far") + ": ", "italic"), summary.summary]
        if summary.last_said:
            parts += ["\n", (text(self.lang, "ui.recap_last") + ": ", "italic"), summary.last_said]
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        self.query_one("#stakes").display = False
        if self.practice.drill:
            # At the head of the transcript, so it scrolls away instead of taking rows for good.
            self.query_one(Transcript).add_line(self._recap(), "recap")
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
            return text(self.lang, "ui.after_farewell", name=name, other=self.scenario.other.gender)
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
        typed = self.query_one("#typed", OwnLine)
        typed.value = ""
        typed.display = step.typed is not None
        typed.choices = len(step.choices)
        hint = self.query_one("#turn-hint", Static)
        prompt = step.typed.prompt if step.typed is not None else None
        hint.update(Content(prompt or ""))
        hint.display = bool(prompt)
        self.query_one("#stakes").display = False  # a hint is for the turn it was asked at
        # Where a line of one's own is offered the box has the focus, so that every key goes
        # into one queue: a key that first went to the lines and then up to this screen
        # could be overtaken by the next, sent straight to the box. The box passes digits,
        # arrows and Enter on to the lines while it is empty.
        self.set_focus(typed if step.typed is not None else choices)

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        self.stop_clock()
        self.voice.stop()
        self.post_message(CallFinished(self.call, self.scenario, self.practice,
                                       hints_used=len(self.hinted)))

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

    @on(Input.Changed, "#typed")
    def _composing(self) -> None:
        self.call.composing()  # typing is not silence (see Call.composing)

    @on(Input.Submitted, "#typed")
    def _typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._act(line=event.value)

    @on(OwnLine.Digit)
    def _digit_in_empty_box(self, event: OwnLine.Digit) -> None:
        self.action_choose(event.number)

    @on(OwnLine.Browse)
    def _browse_from_box(self, event: OwnLine.Browse) -> None:
        choices = self.query_one(ChoiceList)
        if event.step < 0:
            choices.action_cursor_up()
        else:
            choices.action_cursor_down()

    @on(OwnLine.Pick)
    def _pick_from_box(self) -> None:
        self.query_one(ChoiceList).action_select()  # posts ChoiceList.Chosen, as Enter there

    def _takes_typed_line(self) -> bool:
        return (self.call.phase is Phase.LEARNER_TURN and self.call.ending is None
                and self.call.step.typed is not None)

    def on_key(self, event: events.Key) -> None:
        """A printable key at a step that takes typed lines starts (or goes on with) one.

        The box has the focus at such a step and takes its own keys; keys that reach the
        screen came up from the lines or the button, where the learner moved with Tab. A
        digit picks a line while the box is empty; any other character, in any script, is
        typed into the box, which takes the focus back.
        """
        if not (event.is_printable and event.character) or not self._takes_typed_line():
            return
        box = self.query_one("#typed", OwnLine)
        char = event.character
        if not box.value and choice_number(char, box.choices) is not None:
            return  # the digit bindings pick the numbered line
        event.stop()
        event.prevent_default()
        type_into(box, char)
        if self.focused is not box:
            self.set_focus(box)

    def on_paste(self, event: events.Paste) -> None:
        """Pasted text is a line of one's own, wherever the focus was."""
        if event.text and self._takes_typed_line():
            event.stop()
            box = self.query_one("#typed", OwnLine)
            type_into(box, event.text.splitlines()[0])
            self.set_focus(box)

    @on(Button.Pressed, "#hang-up")
    def _hang_up_pressed(self) -> None:
        self.action_hang_up()

    def action_hint(self) -> None:
        """Say what is at stake at this turn (not the line); each turn asked counts once."""
        if self.call.phase is not Phase.LEARNER_TURN or self.call.ending is not None:
            return
        self.hinted.add(self.call.step.id)
        stakes = self.query_one("#stakes", Static)
        stakes.update(Content(hint_text(self.call, self.lang)))
        stakes.display = True
        # The hint takes rows from the transcript: keep its newest line in view.
        self.call_after_refresh(self.query_one(Transcript).scroll_end, animate=False)

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
