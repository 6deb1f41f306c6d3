"""Listen: a call's authored rushed closing, then its calm one, line by line with its pauses.

When each line appears comes from ``tutor.listen.schedule``, the same plan the headless
``tutor listen`` follows; this screen only lets simulated time pass (real seconds times
``speed``), shows the lines that are due and hands them to the voice. The voice never holds
the text back, and leaving, skipping or replaying silences it at once.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from tutor.listen import Cue, Part, Schedule, schedule
from tutor.locale import Lang, text
from tutor.scenario.model import ExampleLine, Examples, Scenario
from tutor.tui.keys import SPEECH_KEY, KeySpec
from tutor.tui.messages import StartCall
from tutor.tui.screens.clocked import ClockedScreen
from tutor.tui.speech import SpeechSwitch
from tutor.tui.widgets.key_footer import KeyFooter
from tutor.tui.widgets.status import CallStatus
from tutor.tui.widgets.transcript import Transcript, TurnLine, turn_content

#: The text ids a screen of example closings uses, and those of a replayed attempt.
LISTEN_WORDS = {"intro": "ui.listen_intro", "title": "ui.listen_title",
                "rushed": "ui.listen_rushed", "part_rushed": "ui.listen_part_rushed",
                "done": "ui.listen_done"}
REPLAY_WORDS = {"intro": "ui.replay_intro", "title": "ui.replay_title",
                "rushed": "ui.replay_yours", "part_rushed": "ui.replay_part_yours",
                "done": "ui.replay_done"}


class ListenScreen(ClockedScreen):
    """Both example closings of one call; Esc or q goes back, n skips to the calm one."""

    CSS_PATH = "listen.tcss"

    KEYS = (
        KeySpec("n,right", "skip", "key_skip", "help_skip", "n / →"),
        KeySpec("r", "replay", "key_replay", "help_replay", "r", show=False),
        KeySpec("enter", "practise", "key_practise", "help_practise", "Enter"),
        KeySpec("escape,q", "leave", "key_back", "help_leave", "Esc / q"),
        SPEECH_KEY,
        # Works here as everywhere; left out of this footer so the keys above fit in 80 columns.
        KeySpec("ctrl+t", "app.toggle_theme", "key_theme", "help_theme", "Ctrl+T", show=False),
        KeySpec("", "", "", "help_scroll_listen", "↑ ↓ PgUp PgDn"),
    )

    AUTO_FOCUS = "#listen-lines"

    def __init__(self, scenario: Scenario, lang: Lang, voice: SpeechSwitch,
                 speed: float = 1.0, replay: tuple[ExampleLine, ...] | None = None) -> None:
        super().__init__(lang, voice, speed)
        self.scenario = scenario
        self.plan: Schedule | None = (schedule(scenario.examples)
                                      if scenario.examples is not None else None)
        # A replay: the learner's own attempt takes the rushed closing's place, then the
        # calm example (when the call has one) follows, on the same schedule.
        self.words = REPLAY_WORDS if replay is not None else LISTEN_WORDS
        if replay is not None:
            calm = scenario.examples.calm if scenario.examples is not None else ()
            self.plan = schedule(Examples(replay, calm)) if replay else None
        self.shown = 0  # cues already on screen
        self._headings: set[Part] = set()

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        intro = self.words["intro"] if self.plan is not None else "ui.listen_none"
        brief = Static(Content(text(self.lang, intro)), id="listen-brief")
        brief.border_title = Content(text(self.lang, self.words["title"],
                                          title=self.scenario.title))
        yield brief
        yield CallStatus(id="listen-status")
        yield Transcript(id="listen-lines")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.plan is None:
            self.query_one(CallStatus).show(text(self.lang, "ui.listen_nothing"), False, 0.0)
            return
        self.start_clock()
        self.sync()

    # --- the clock ------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        """True once the last line has been said (always, for a call without examples)."""
        return self.plan is None or self.clock >= self.plan.end

    def clock_done(self) -> bool:
        """True once the last line has been said."""
        return self.finished

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` of simulated time pass (the tick calls this; so can tests)."""
        if self.plan is None:
            return
        self.clock = min(self.clock + seconds, self.plan.end)
        self.sync()

    def sync(self) -> None:
        """Show (and voice) every line that is due by the clock; update the status."""
        plan = self.plan
        if plan is None:
            return
        if "rushed" not in self._headings:
            self._heading("rushed")
        while self.shown < len(plan.cues):
            cue = plan.cues[self.shown]
            if cue.part == "calm" and "calm" not in self._headings:
                if self.clock < plan.calm_start:
                    break
                self._heading("calm")
            if cue.at > self.clock:
                break
            self._show(cue, voiced=True)
            self.shown += 1
        self._status()
        if self.finished:
            self.pause_clock()

    def _heading(self, part: Part) -> None:
        self._headings.add(part)
        key = self.words["rushed"] if part == "rushed" else "ui.listen_calm"
        heading = Static(Content(text(self.lang, key)), classes=f"listen-heading {part}")
        self.query_one(Transcript).mount(heading)

    def _show(self, cue: Cue, voiced: bool) -> TurnLine:
        line = cue.line
        other = line.who == "other"
        name = self.scenario.other.name if other else text(self.lang, "ui.you")
        rushed = text(self.lang, "ui.rushed") if line.pace == "rushed" else None
        classes = [line.who] + (["rushed"] if rushed else [])
        shown = self.query_one(Transcript).add_line(
            turn_content(name, line.text, rushed_label=rushed), *classes)
        if voiced:
            self.voice.say(line.text, self.scenario.lang, line.pace,
                           self.scenario.other.gender if other else None)
        return shown

    def _speaking(self) -> Cue | None:
        if self.plan is None:
            return None
        return next((c for c in self.plan.cues[:self.shown]
                     if c.at <= self.clock < c.end), None)

    def _status(self) -> None:
        plan = self.plan
        assert plan is not None
        cue = self._speaking()
        if self.finished:
            status = text(self.lang, self.words["done"])
        elif cue is not None:
            status = (text(self.lang, "ui.listen_speaking", who=self.scenario.other.name)
                    if cue.line.who == "other" else text(self.lang, "ui.listen_you_speaking"))
        else:
            status = text(self.lang, "ui.listen_pause")
        part = ("ui.listen_part_calm" if self.clock >= plan.calm_start
                else self.words["part_rushed"])
        if not self.finished:
            status = f"{text(self.lang, part)} · {status}"
        self.query_one(CallStatus).show(status, cue is not None, self.clock)

    # --- the learner's actions ------------------------------------------------------------

    def action_skip(self) -> None:
        """Straight to the calm closing: the voice stops, the rest of the rushed one shows."""
        plan = self.plan
        if plan is None or self.clock >= plan.calm_start:
            return
        self.voice.stop()
        # The rest of the rushed closing is shown, not heard; then the calm one plays.
        while self.shown < len(plan.cues) and plan.cues[self.shown].part == "rushed":
            self._show(plan.cues[self.shown], voiced=False)
            self.shown += 1
        self.clock = plan.calm_start
        self.sync()

    def action_replay(self) -> None:
        """Both closings again from the start."""
        if self.plan is None:
            return
        self.voice.stop()
        self.query_one(Transcript).remove_children()
        self.clock = 0.0
        self.shown = 0
        self._headings.clear()
        self.sync()
        if self._ticker is not None:
            self.start_clock()

    def action_practise(self) -> None:
        """Play this call now."""
        self.voice.stop()
        self.post_message(StartCall(self.scenario))

    def action_leave(self) -> None:
        """Back to the library; the voice stops at once."""
        self.voice.stop()
        self.stop_clock()
        self.app.pop_screen()
