"""The Textual app: navigation between screens, the theme, settings and the palette.

It holds no scoring or routing of its own: calls run on ``tutor.dialogue``, debriefs come
from ``tutor.feedback.evaluate`` and finished calls are recorded by ``tutor.session``,
exactly as in the headless CLI. Speech is ``tutor.tui.speech``'s switch; start-up tricks
live in ``tutor.tui.startup``.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tutor.safe_text import for_terminal, terminal_safe
from tutor.settings import SETTINGS_NAME, Settings, Unread, read_settings, save_settings
from tutor.tui import startup
from tutor.tui.commands import TutorCommands
from tutor.tui.i18n import UiLang, as_ui_lang, system_lang, t
from tutor.tui.lifecycle import exit_on_signals
from tutor.tui.loading import load_in_background
from tutor.tui.messages import (
    CallFinished,
    ListenTo,
    NextPlanned,
    OpenAttempt,
    OpenScenario,
    PractiseNext,
    ReplayAttempt,
    ShowLibrary,
    ShowProgress,
    StartCall,
)
from tutor.tui.options import AppOptions
from tutor.tui.records import Records
from tutor.tui.screens.base import PaletteCommand, TutorScreen
from tutor.tui.screens.help import HelpScreen
from tutor.tui.screens.library import LibraryScreen
from tutor.tui.speech import Notice, SpeechSwitch
from tutor.workshop.seat import save_name

if TYPE_CHECKING:
    from tutor.dialogue import Call
    from tutor.feedback.types import Evaluation
    from tutor.locale.grammar import Gender
    from tutor.practice import Practice
    from tutor.scenario.model import Scenario
    from tutor.signals.types import SignalDetector
    from tutor.speech.types import SpeechBackend
    from tutor.tui.next_plan import NextPlan

DARK, LIGHT = "textual-dark", "textual-light"
#: The theme names kept in the settings file, and Textual's names for them.
THEMES = {"dark": DARK, "light": LIGHT}


def theme_for(setting: str) -> str:
    """Textual's theme for a remembered ``theme`` setting (dark for anything unknown)."""
    return THEMES.get(setting, DARK)


def setting_for(theme: str) -> str:
    """The settings file's name for a Textual theme."""
    return "light" if theme == LIGHT else "dark"


class TutorApp(App[None]):
    """The tutor: a library of calls, the call itself, and its debrief."""

    # The library's styles come with the app's: it is the first screen, and a screen's own
    # CSS_PATH would make Textual parse every stylesheet again when it is first shown.
    CSS_PATH = ["app.tcss", "screens/library.tcss"]  # noqa: RUF012 (Textual reads it once)
    TITLE = "tutor"
    # Only ours: Textual's own (Keys, Theme, Quit...) are in English whatever the interface
    # language, repeat ours, and its theme picker offers themes the settings cannot keep.
    COMMANDS = {TutorCommands}  # noqa: RUF012 (Textual reads it as a class variable)
    ENABLE_COMMAND_PALETTE = True
    # Textual would add this key itself as a priority binding labelled "palette", which the
    # footer would show in English on every screen; without priority, each screen's own
    # binding (tutor.tui.keys, in its language) is the one the footer shows.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(App.COMMAND_PALETTE_BINDING, "command_palette", show=False),
    ]

    def __init__(self, options: AppOptions) -> None:
        super().__init__()
        self.library_dirs = options.library_dirs
        self.speed = options.speed
        self.patience = options.patience
        self.initial = options.scenario
        self.ask_gender = options.ask_gender
        self._own_signals = options.own_signals
        self.initial_practice = options.practice
        self.watched = options.watch  # live preview's file (not ``watch``: Textual's own)
        # In a workshop (tutor.workshop) the app is in a participant's browser: speech would
        # play on the trainer's computer, so it stays off whatever the settings say. A seat's
        # settings and attempts live in its own folder, named here rather than taken from the
        # environment: one process may hold several seats (tutor.workshop.host).
        self.seat = options.workshop
        seat_dir = self.seat.config_dir if self.seat is not None else None
        self._settings_path = seat_dir / SETTINGS_NAME if seat_dir is not None else None
        store_path = options.store_path
        if store_path is None and seat_dir is not None:
            from tutor.store.places import STORE_NAME  # loads sqlite3: only for a seat

            store_path = seat_dir / STORE_NAME
        # Remembered choices: read before the first frame (one tiny file, before the event
        # loop runs), so the theme is right from the start. Saving happens in a worker.
        self.settings: Settings
        self._settings_unread: Unread | None = None  # told once the app is up
        if options.settings is not None:
            self.settings = options.settings
        else:
            self.settings, self._settings_unread = read_settings(self._settings_path)
        self.participant = ""  # asked first thing in a workshop
        # --ui-lang, else the remembered language; with neither, each call speaks its own.
        self.ui_lang: UiLang | None = as_ui_lang(options.ui_lang or self.settings.ui_lang)
        wanted = self.settings.speech if options.speech_on is None else options.speech_on
        if self.seat is not None:
            wanted = False
        self._settings_changed = wanted != self.settings.speech
        self.settings = self.settings.replace(speech=wanted)
        self.voice = SpeechSwitch(options.speech, wanted)
        self._settings_lock = threading.Lock()
        self._detector = options.detector
        self.reports_dir = options.reports_dir
        self.records = Records(store_path)  # opened by the first worker that needs it
        # The workshop's own store, shared by every participant's app (None outside one).
        self.workshop_records = None if self.seat is None else Records(self.seat.results)
        self.theme = options.theme or theme_for(self.settings.theme)
        self.library_lang: UiLang = self.ui_lang or system_lang()
        # Read the scenario files while Textual starts up (see tutor.tui.startup).
        self._preload = options.preload or load_in_background(self.library_dirs, self.records)
        self._startup = startup.Startup(options.on_started)
        self._call_started: datetime | None = None  # when the call on screen began
        self.next_plan: NextPlan | None = None  # what to practise next, once worked out
        self._plan_tickets = itertools.count()  # the order in which plans were begun
        self._plan_lock = threading.Lock()
        self._plan_shown = -1  # the ticket of the plan on screen

    @property
    def detector(self) -> SignalDetector:
        """The line analyzer (with trainers' cue files), warmed up by a worker at start."""
        if self._detector is None:
            self._detector = self._build_detector()  # only if a call beat the worker to it
        return self._detector

    def _build_detector(self) -> SignalDetector:
        from tutor.scenario.sources import scenario_dirs
        from tutor.signals import build_detector  # the cue engine is not needed for start-up

        return build_detector(scenario_dirs(self.library_dirs))

    @work(thread=True, exit_on_error=False, group="detector")
    def _warm_detector(self) -> None:
        # Reading the phrase files is disk work: never on the UI thread in the usual case.
        # A trainer's cue file with a mistake is told when a call is opened (see _open_call).
        if self._detector is None:
            self._detector = self._build_detector()

    def call_lang(self, scenario: Scenario) -> UiLang:
        """The interface language of a call: ``--ui-lang`` or the scenario's own."""
        return self.ui_lang or as_ui_lang(scenario.lang) or "en"

    def get_default_screen(self) -> LibraryScreen:
        """The library is the bottom of the screen stack: ``tutor`` opens on it."""
        return LibraryScreen(self.library_lang, self.library_dirs, self.records, self._preload)

    def on_mount(self) -> None:
        # In case the library never shows (a folder that cannot be read), start-up still ends.
        self.set_timer(startup.STARTUP_LIMIT, self._startup.over)
        if self._own_signals:  # SIGTERM/SIGHUP: restore the terminal, stop speech
            exit_on_signals(self, self.voice.close)
        if self._settings_unread is not None:
            self.notify(self._settings_unread.notice(self.library_lang), severity="warning",
                        timeout=10)
        if self.initial is not None:
            # The call screen takes the analyzer as it is built, so it is made right here; a
            # warm-up worker as well would only build a second one beside it.
            self._open_call(self.initial, replace=False, practice=self.initial_practice)
        if self.watched is not None:
            self._start_preview(self.watched)
        if self._settings_changed and self.seat is None:  # --speech is remembered too
            self.save_settings()
        if self.seat is not None:
            from tutor.tui.screens.participant import ParticipantScreen  # workshops only

            self.push_screen(ParticipantScreen(self.library_lang, self.seat.suggested_name),
                             self._seated)
        if self.voice.wanted:
            if self.voice.backend is None:
                self._find_speech(announce=False)
            else:
                self._tell_speech(announce_ok=False)

    def _seated(self, name: str | None) -> None:
        self.participant = name or ""
        self.notify(t(self.library_lang, "workshop_speech_off"), timeout=4)
        self._save_name()

    @work(thread=True, exit_on_error=False, group="settings")
    def _save_name(self) -> None:
        # A reloaded page suggests the same name; if it cannot be saved, it is only asked again.
        if self.seat is not None:
            with contextlib.suppress(OSError):
                save_name(self.seat.config_dir, self.participant)

    def on_unmount(self) -> None:
        self.voice.close()
        self.records.close()
        if self.workshop_records is not None:
            self.workshop_records.close()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Show a toast; never as markup, since messages carry paths, errors and scenario text."""
        super().notify(for_terminal(message), title=title, severity=severity, timeout=timeout,
                       markup=False)

    # --- navigation -----------------------------------------------------------------------

    def _as_played(self, scenario: Scenario) -> Scenario:
        """The call as this learner plays it: escape sequences in its text shown, not obeyed;
        their gender from the settings unless the scenario says whom they play; ``--patience``
        in place of its own, when given."""
        played = terminal_safe(scenario).for_learner(self.settings.gender)
        return played if self.patience is None else replace(played, patience=self.patience)

    def _open_call(self, scenario: Scenario, replace: bool,
                   practice: Practice | None = None) -> None:
        self._show_call(self._as_played(scenario), replace, practice)

    def _show_call(self, scenario: Scenario, replace: bool,
                   practice: Practice | None = None, call: Call | None = None) -> None:
        """The call screen for ``scenario``, already as played (``_as_played``), going on
        from ``call`` when one is given."""
        from tutor.practice import Practice
        from tutor.signals import CueFileError
        from tutor.tui.screens.call import CallScreen

        try:
            detector = self.detector
        except CueFileError as exc:  # a trainer's cue file: where and what, and no call
            self.notify(str(exc), title=t(self.call_lang(scenario), "cue_file_broken"),
                        severity="error", timeout=30)
            return
        screen = CallScreen(scenario, self.call_lang(scenario), detector, self.voice,
                            self.speed, practice or Practice(), call)
        self._call_started = datetime.now(UTC)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _start_preview(self, path: Path) -> None:
        from tutor.tui.preview import LivePreview

        def open_call(played: Scenario, call: Call | None) -> None:
            # The preview hands over the call as played already (it replays on that).
            self._show_call(played, replace=not isinstance(self.screen, LibraryScreen),
                            call=call)

        preview = LivePreview(self, path, lambda s: self.call_lang(s) if s else self.library_lang,
                              lambda: self.detector, open_call, self._as_played)
        preview.start(self.initial)

    @on(OpenScenario)
    def _open_scenario(self, event: OpenScenario) -> None:
        self.load_scenario(event.path, event.listen, event.practice)

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def load_scenario(self, path: Path, listen: bool = False,
                      practice: Practice | None = None) -> None:
        """Read and validate one scenario file off the UI thread, then open it."""
        from tutor.scenario.loader import check_file

        scenario, problems = check_file(path)
        if scenario is not None:
            self.post_message(ListenTo(scenario) if listen else StartCall(scenario, practice))
        else:
            # The file changed since the library listed it: say what is wrong, keep the app.
            first = problems[0].format() if problems else str(path)
            self.call_from_thread(self.notify, first, title=t(self.library_lang, "broken_file"),
                                  severity="error", markup=False)

    @on(StartCall)
    def _start_call(self, event: StartCall) -> None:
        # From the library a call goes on top; from a debrief it replaces the debrief.
        self._open_call(event.scenario, replace=not isinstance(self.screen, LibraryScreen),
                        practice=event.practice)

    @on(CallFinished)
    def _call_finished(self, event: CallFinished) -> None:
        self.evaluate(event)

    @work(thread=True, exclusive=True, exit_on_error=False, group="evaluate")
    def evaluate(self, finished: CallFinished) -> None:
        """Evaluate a finished call off the UI thread (fact patterns come from files)."""
        from tutor import feedback

        try:
            evaluation = feedback.evaluate(finished.call)
        except Exception as exc:  # a broken evaluator must not take the learner's app down
            self.call_from_thread(self._not_evaluated, finished.call, exc)
        else:
            self.call_from_thread(self._evaluated, finished, evaluation)

    def _not_evaluated(self, call: Call, error: Exception) -> None:
        lang = self.call_lang(call.scenario)
        self.notify(t(lang, "evaluation_failed", error=repr(error)), severity="error")
        if getattr(self.screen, "call", None) is call:
            self.pop_screen()

    def _evaluated(self, finished: CallFinished, evaluation: Evaluation) -> None:
        from tutor.tui.screens.debrief import DebriefScreen

        self.keep(finished, evaluation)
        if getattr(self.screen, "call", None) is not finished.call:
            return  # the learner left the call (Ctrl+L) while it was being evaluated
        self.switch_screen(DebriefScreen(finished.call, evaluation,
                                         self.call_lang(finished.scenario), self.reports_dir,
                                         scenario=finished.scenario,
                                         hints_used=finished.hints_used))

    @on(ListenTo)
    def _listen_to(self, event: ListenTo) -> None:
        from tutor.tui.screens.listen import ListenScreen

        self.voice.stop()
        self.push_screen(ListenScreen(terminal_safe(event.scenario), self.call_lang(event.scenario),
                                      self.voice, self.speed))

    @on(ShowLibrary)
    def _show_library(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, LibraryScreen):
            self.pop_screen()

    @work(thread=True, exit_on_error=False, group="scores")
    def keep(self, finished: CallFinished, evaluation: Evaluation) -> None:
        """Record the finished call in the attempt store (file I/O, so in a thread).

        In a workshop it also goes into the workshop's store, tagged with the workshop and the
        participant's name; the participant's own store (in their seat's folder) feeds their
        library and progress as usual.
        """
        from tutor.session import finish

        seat = self.seat
        practice = finished.practice
        attempt = finish(finished.call, evaluation, front_end="tui" if seat is None else "web",
                         started_at=self._call_started, participant=self.participant,
                         hints_used=finished.hints_used, seed=practice.seed,
                         from_step=finished.call.scenario.start if practice.drill else "")
        if seat is not None and self.workshop_records is not None:
            self.workshop_records.keep(replace(attempt, workshop=seat.workshop))
        self.records.keep(attempt)
        self.call_from_thread(self.tell_records)
        self._plan()

    def tell_records(self) -> None:
        """Say, once each, what the attempt store has to say: a file moved aside, old scores
        imported, or that attempts cannot be saved (the app goes on without them); in a
        workshop, also that the trainer's store cannot keep them."""
        lang = self._lang()
        for news in self.records.news():
            severity: SeverityLevel = "information" if news.kind == "notice" else "warning"
            self.notify(t(lang, f"records_{news.kind}", error=news.detail),
                        title=t(lang, "records_title"), severity=severity, timeout=10)
        if self.workshop_records is not None:
            for news in self.workshop_records.news():
                if news.kind != "notice":  # its notices are the trainer's, not the participant's
                    self.notify(t(lang, "results_failed", error=news.detail),
                                severity="error")

    @on(LibraryScreen.Shown)
    def _library_shown(self) -> None:
        self.call_after_refresh(self._first_frame)  # after the next refresh the list is drawn

    def _first_frame(self) -> None:
        if self._startup.first_frame():  # the bench has what it measures: nothing more starts
            self.exit()
            return
        self._warm_detector()
        self._startup.over()
        self.tell_records()
        self.plan_next()
        # Not in a workshop: one question (the name) is enough in front of a group; the
        # palette still sets it.
        if self.ask_gender and not self.settings.gender_asked and self.seat is None and \
                isinstance(self.screen, LibraryScreen):
            self.action_ask_gender()

    # --- progress: the record, what to practise next, past attempts ------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="plan")
    def plan_next(self) -> None:
        """Work out what to practise next (reads every call and the record) in a thread."""
        self._plan()

    def _plan(self) -> None:
        from tutor.tui.next_plan import plan_next  # after the first frame (tutor.tui.startup)

        with self._plan_lock:
            ticket = next(self._plan_tickets)
        plan = plan_next(self.library_dirs, self.records, self.ui_lang)
        self.call_from_thread(self._planned, plan, ticket)

    def _planned(self, plan: NextPlan, ticket: int) -> None:
        # Plans are worked out in threads that may finish out of order: one begun before
        # the latest attempt was kept must not replace one begun after it.
        if ticket < self._plan_shown:
            return
        self._plan_shown = ticket
        self.next_plan = plan
        for screen in self.screen_stack:
            if isinstance(screen, TutorScreen):
                screen.post_message(NextPlanned(plan))

    @on(PractiseNext)
    def _practise_next(self) -> None:
        path = self.next_plan.path() if self.next_plan is not None else None
        if path is None:
            self.notify(t(self._lang(), "next_none"), timeout=4)
            return
        from tutor.practice import CLOSING, Practice, new_seed

        self.voice.stop()
        self.load_scenario(path, practice=Practice(start=CLOSING, seed=new_seed()))

    @on(ShowProgress)
    def _show_progress(self) -> None:
        from tutor.tui.screens.progress import ProgressScreen

        titles = self.next_plan.titles if self.next_plan is not None else {}
        self.push_screen(ProgressScreen(self._lang(), self.records, titles))

    @on(OpenAttempt)
    def _open_attempt(self, event: OpenAttempt) -> None:
        from tutor.tui.screens.attempt import AttemptScreen

        self.push_screen(AttemptScreen(event.attempt, event.title, self._lang()))

    @on(ReplayAttempt)
    def _replay_attempt(self, event: ReplayAttempt) -> None:
        self.voice.stop()
        self.load_replay(event.attempt)

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def load_replay(self, attempt: dict[str, object]) -> None:
        """Find the attempt's call (for its voice and calm example), then play it back."""
        from tutor.scenario import sources
        from tutor.scenario.problems import ScenarioError

        try:
            scenario = sources.find(str(attempt["scenario_id"]), self.library_dirs)
        except (LookupError, ScenarioError) as exc:
            self.call_from_thread(self.notify, str(exc), title=t(self._lang(), "replay_failed"),
                                  severity="error")
            return
        self.call_from_thread(self._replay, scenario, attempt)

    def _replay(self, scenario: Scenario, attempt: dict[str, object]) -> None:
        from tutor.listen import attempt_lines
        from tutor.tui.screens.listen import ListenScreen

        lines = attempt_lines(attempt.get("transcript"))
        self.push_screen(ListenScreen(terminal_safe(scenario), self._lang(), self.voice,
                                      self.speed, replay=terminal_safe(lines)))

    # --- app-wide actions -----------------------------------------------------------------

    def _lang(self) -> UiLang:
        screen = self.screen
        return screen.lang if isinstance(screen, TutorScreen) else self.library_lang

    def action_help(self) -> None:
        """Show every key of the current screen."""
        screen = self.screen
        if isinstance(screen, TutorScreen):
            self.push_screen(HelpScreen(screen.lang, screen.help_rows()))

    def action_ask_gender(self) -> None:
        """Ask the learner's gender (once on the first start, or from the palette)."""
        from tutor.tui.screens.gender import GenderScreen

        self.push_screen(GenderScreen(self._lang()), self._gender_answered)

    def _gender_answered(self, gender: Gender | None) -> None:
        self.settings = self.settings.replace(gender=gender, gender_asked=True)
        self.save_settings()
        if gender is not None:
            self.notify(t(self._lang(), "gender_saved"), timeout=3)

    def action_toggle_theme(self) -> None:
        """Light <-> dark, remembered for the next run."""
        self.theme = LIGHT if self.theme == DARK else DARK
        self.settings = self.settings.replace(theme=setting_for(self.theme))
        self.save_settings()

    def action_toggle_speech(self) -> None:
        """Turn the voice on or off, remembered for the next run.

        The first time it is turned on, a backend is looked for in a worker; if speech cannot
        be heard, the learner is told why and how to fix it once, in the interface language.
        """
        if self.seat is not None:
            self.notify(t(self._lang(), "workshop_speech_off"), timeout=4)
            return
        wanted = self.voice.toggle()
        self.settings = self.settings.replace(speech=wanted)
        self.save_settings()
        if not wanted:
            self.notify(t(self._lang(), "speech_off"), timeout=2)
        elif self.voice.backend is None:
            self._find_speech(announce=True)
        else:
            self._tell_speech(announce_ok=True)

    def _tell_speech(self, announce_ok: bool) -> None:
        """Tell the learner whether the voice they asked for can be heard."""
        self._show(self.voice.notice(self._lang(), announce_ok))

    def _show(self, notice: Notice | None) -> None:
        if notice is not None:
            self.notify(notice.message, title=notice.title, severity=notice.severity,
                        timeout=notice.timeout)

    def _find_speech(self, announce: bool) -> None:
        if self.voice.search(announce):
            self._probe_speech()

    @work(thread=True, exit_on_error=False, group="speech")
    def _probe_speech(self) -> None:
        # Probing for an engine and a player runs programs: keep it off the UI thread.
        from tutor.speech import create_backend

        backend = create_backend()  # never raises, never prints
        self.call_from_thread(self._speech_found, backend)

    def _speech_found(self, backend: SpeechBackend) -> None:
        self._show(self.voice.found(backend, self._lang()))

    @work(thread=True, exit_on_error=False, group="settings")
    def save_settings(self) -> None:
        """Write the remembered choices (file I/O, so in a thread; the latest always wins)."""
        with self._settings_lock:  # saves run one at a time, each writing the newest state
            try:
                save_settings(self.settings, self._settings_path)
            except OSError as exc:
                self.call_from_thread(self._settings_failed, str(exc))

    def _settings_failed(self, error: str) -> None:
        self.notify(t(self._lang(), "settings_failed", error=error), severity="warning")

    def action_library(self) -> None:
        """Go back to the library from anywhere (a call in progress is abandoned)."""
        self.voice.stop()
        self._show_library()

    def action_command_palette(self) -> None:
        """Open the command palette, its prompt in the current screen's language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=t(self._lang(), "palette_placeholder")))

    def palette_commands(self, screen: Screen[object]) -> Iterator[PaletteCommand]:
        """Commands for the palette, in the current screen's language."""
        lang = self._lang()
        yield (t(lang, "cmd_help"), "F1", self.action_help)
        yield (t(lang, "cmd_theme"), "Ctrl+T", self.action_toggle_theme)
        yield (t(lang, "cmd_speech"), "Ctrl+S", self.action_toggle_speech)
        yield (t(lang, "cmd_gender"), "", self.action_ask_gender)
        if not isinstance(screen, LibraryScreen):
            yield (t(lang, "cmd_library"), "", self.action_library)
        yield (t(lang, "cmd_quit"), "Ctrl+Q", self.exit)
        if isinstance(screen, TutorScreen):
            yield from screen.palette_commands()

