"""The library: every call to practise, with filters, details and the learner's record."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.input import Selection
from textual.widgets.option_list import Option

from tutor.locale import LANGS, Lang, language_name, lookup, text
from tutor.safe_text import clip, for_terminal
from tutor.scenario.cards import Card
from tutor.scenario.sources import Origin
from tutor.tui.keys import PROGRESS_KEYS, KeySpec
from tutor.tui.loading import LibraryData, read_library
from tutor.tui.messages import NextPlanned, OpenScenario, PractiseNext, ShowProgress
from tutor.tui.records import Records
from tutor.tui.screens.base import PaletteCommand, TutorScreen
from tutor.tui.widgets.cycle import Cycle
from tutor.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from tutor.tui.next_plan import NextPlan

LangFilter = str  # "all" or a language's code
LANG_FILTERS: tuple[LangFilter, ...] = ("all", *sorted(LANGS))
#: The orders "o" cycles through: as listed, easy to hard, most training the weakest first.
SORTS = ("listed", "difficulty", "weakest")
DIFFICULTY_ORDER = {"easy": 0, "medium": 1, "hard": 2}


def sorted_calls(cards: list[Card], sort: str, plan: NextPlan | None) -> list[Card]:
    """``cards`` in the ``sort`` order; stable, so equal calls keep the listing order.

    "weakest" puts first the calls whose closing has the most lines that follow or break the
    learner's weakest principle (``tutor.practice_next``); before any verdict it is "listed".
    """
    if sort == "difficulty":
        return sorted(cards, key=lambda c: DIFFICULTY_ORDER.get(c.difficulty, 1))
    if sort == "weakest" and plan is not None and plan.suggestion is not None:
        principle = plan.suggestion.principle
        return sorted(cards, key=lambda c: -plan.tests.get(c.id, {}).get(principle, 0))
    return cards


def matches(scenario: Card, query: str, lang: LangFilter) -> bool:
    """True when ``scenario`` passes the language filter and contains every query word."""
    if lang != "all" and scenario.lang != lang:
        return False
    haystack = " ".join((scenario.id, scenario.title, scenario.summary, scenario.kind,
                         *scenario.tags, scenario.other)).casefold()
    return all(word in haystack for word in query.casefold().split())


class LibraryScreen(TutorScreen):
    """The screen ``tutor`` opens: pick a call, Enter starts it."""

    KEYS = (
        KeySpec("", "", "", "help_move", "↑ ↓"),
        KeySpec("", "", "", "help_start", "Enter"),
        KeySpec("l", "listen", "key_listen", "help_listen", "l"),
        KeySpec("c", "drill_close", "key_drill", "help_drill", "c"),
        KeySpec("slash", "focus_search", "key_search", "help_search", "/"),
        KeySpec("ctrl+l", "cycle_lang", "key_lang", "help_lang", "Ctrl+L"),
        KeySpec("escape", "focus_list", "", "help_list", "Esc", show=False),
        *PROGRESS_KEYS,
        KeySpec("u", "toggle_unplayed", "key_unplayed", "help_unplayed", "u", show=False),
        KeySpec("o", "cycle_sort", "key_sort", "help_sort", "o", show=False),
    )

    AUTO_FOCUS = "#scenarios"

    class Loaded(Message):
        """The loader thread is done."""

        def __init__(self, data: LibraryData) -> None:
            super().__init__()
            self.data = data

    class Failed(Message):
        """The loader thread failed: what went wrong, for the learner to read."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    class Reload(Message):
        """The early read failed; read again in a worker."""

    class Shown(Message):
        """The list shows the library for the first time (the app's cue that start-up is over)."""

    def __init__(self, lang: Lang, library_dirs: Sequence[Path] = (),
                 records: Records | None = None,
                 preload: Future[LibraryData] | None = None) -> None:
        super().__init__(lang)
        self.preload = preload
        self.library_dirs = tuple(library_dirs)
        self.records = records
        self.data = LibraryData((), 0)
        self.plan: NextPlan | None = None  # what to practise next, from the app
        self.unplayed_only = False  # "u": only calls never played
        self.sort = SORTS[0]  # "o" cycles SORTS
        self.shown: list[Card] = []
        self.loaded = False
        self._left = False  # another screen has been on top since the list was read
        self._detail: Content | None = None  # what the details pane shows
        self._typing_search = False  # "/" was pressed: letters go to the search box

    def _filter_name(self, code: LangFilter) -> str:
        if code == "all":
            return text(self.lang, "ui.lang_all")
        return language_name(code, self.lang)

    def compose(self) -> ComposeResult:
        with Horizontal(id="filters"):
            # Selecting the old query is done by "/" (action_focus_search): done on focus, as
            # Textual would, it would also select letters already typed in a burst after "/".
            yield Input(placeholder=text(self.lang, "ui.search_placeholder"), id="search",
                        select_on_focus=False)
            languages = Cycle([(self._filter_name(code), code) for code in LANG_FILTERS],
                              prefix=text(self.lang, "ui.key_lang"), id="lang-filter")
            languages.tooltip = text(self.lang, "ui.lang_filter_tip")
            yield languages
        with Horizontal(id="library-body"):
            scenario_list = OptionList(id="scenarios")
            scenario_list.border_title = text(self.lang, "ui.library_title")
            scenario_list.loading = not self._preloaded_ok()
            yield scenario_list
            with VerticalScroll(id="details"):
                yield Static(Content(text(self.lang, "ui.loading")), id="detail")
        # The practise-next line is mounted when a plan arrives (after the first frame): one
        # widget class less to style in the first frame (tutor.tui.startup).
        yield KeyFooter()

    def _preloaded_ok(self) -> bool:
        # The usual case: the read finished while Textual started. Showing it before the first
        # frame draws the screen once instead of twice (loading, then the list).
        return self.preload is not None and self.preload.done() and \
            self.preload.exception() is None

    def on_mount(self) -> None:
        self.app.sub_title = text(self.lang, "ui.app_subtitle")
        if self.preload is None:
            self.load()
        elif self._preloaded_ok():
            self._show(self.preload.result())
        else:
            self.preload.add_done_callback(self._preloaded)

    def _preloaded(self, future: Future[LibraryData]) -> None:
        # Runs on the loader thread (or at once, if it was done): only post from here.
        if future.exception() is not None:
            self.post_message(self.Reload())
        else:
            self.post_message(self.Loaded(future.result()))

    @on(Reload)
    def _reload(self) -> None:
        self.load()  # the preload failed: try once more, the ordinary way

    def on_screen_resume(self) -> None:
        # Back from a call: the best scores may have changed. (The first resume comes right
        # after mounting, when there is nothing to refresh yet.)
        if self._left:
            self.load()
        self._left = False

    def on_screen_suspend(self) -> None:
        self._left = True

    @work(thread=True, exclusive=True, exit_on_error=False, group="library")
    def load(self) -> None:
        """Read scenario files and scores off the UI thread."""
        try:
            data = read_library(self.library_dirs, self.records)
        except Exception as exc:  # the learner must see why, not a "Loading…" that never ends
            self.post_message(self.Failed(for_terminal(clip(str(exc) or repr(exc)))))
        else:
            self.post_message(self.Loaded(data))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self._show(event.data)

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        message = text(self.lang, "ui.library_failed", error=event.error)
        self.query_one("#scenarios", OptionList).loading = False
        self._set_detail(Content(message))
        self.notify(message, severity="error")

    def _show(self, data: LibraryData) -> None:
        first = not self.loaded
        self.data = data
        self.loaded = True
        scenario_list = self.query_one("#scenarios", OptionList)
        scenario_list.loading = False
        self.refresh_list()
        if not first:
            return
        if self.focused is None:
            # The list could not take focus while it was loading.
            scenario_list.focus()
        if data.broken:
            self.notify(text(self.lang, "ui.broken_files", count=data.broken), severity="warning")
        self.post_message(self.Shown())

    # --- the list -------------------------------------------------------------------------

    def _facts(self, scenario: Card, *, unplayed: bool) -> str:
        """``EN · best 92 · last 80 · tries: 3 · easy · sales``; ``unplayed`` also says when
        there is no score."""
        played = self.data.calls.get(scenario.id)
        score = "" if played is None else " · ".join((
            text(self.lang, "ui.best", score=played.best),
            text(self.lang, "ui.last", score=played.last),
            text(self.lang, "ui.tries", count=played.attempts)))
        if played is None and unplayed:
            score = text(self.lang, "ui.not_played")
        difficulty = text(self.lang, f"ui.difficulty_{scenario.difficulty}")
        origin = self.data.origins.get(scenario.id, Origin.BUNDLED)
        mine = "" if origin is Origin.BUNDLED else text(self.lang, f"ui.origin_{origin.value}")
        # A kind tutor knows is named in the interface language; a trainer's own, as written.
        kind = lookup(self.lang, f"ui.kind.{scenario.kind}") or scenario.kind
        facts = (scenario.lang.upper(), mine, score, difficulty, kind)
        return " · ".join(fact for fact in facts if fact)

    def _row(self, scenario: Card) -> Content:
        # Short rows, cut to one line each (library.tcss): the list shows many calls at once.
        return Content.assemble((scenario.title, "bold"), "\n",
                                (self._facts(scenario, unplayed=False), "dim"))

    def refresh_list(self) -> None:
        """Show the scenarios that pass the search and the language filter."""
        query = self.query_one("#search", Input).value
        lang = self.query_one("#lang-filter", Cycle).value
        option_list = self.query_one("#scenarios", OptionList)
        previous = self.highlighted_scenario()
        calls = self.data.calls
        self.shown = sorted_calls(
            [s for s in self.data.scenarios if matches(s, query, lang)
             and not (self.unplayed_only and s.id in calls)], self.sort, self.plan)
        option_list.border_subtitle = self._view_name()
        option_list.clear_options()
        option_list.add_options([Option(self._row(s), id=s.id) for s in self.shown])
        if self.shown:
            ids = [s.id for s in self.shown]
            option_list.highlighted = ids.index(previous.id) if previous and \
                previous.id in ids else 0
        self.show_details()

    def highlighted_scenario(self) -> Card | None:
        """The scenario under the list's cursor, if any."""
        index = self.query_one("#scenarios", OptionList).highlighted
        if index is None or not 0 <= index < len(self.shown):
            return None
        return self.shown[index]

    def show_details(self) -> None:
        """Fill the details pane from the highlighted scenario."""
        scenario = self.highlighted_scenario()
        if scenario is None:
            key = "ui.no_scenarios" if not self.data.scenarios else "ui.no_match"
            self._set_detail(Content(text(self.lang, key)))
            return
        self._set_detail(Content.assemble(
            (scenario.title, "bold $accent"), "\n",
            (self._facts(scenario, unplayed=True), "dim"), "\n\n",
            scenario.summary, "\n\n",
            (text(self.lang, "ui.you_are") + ": ", "bold"), scenario.role, "\n",
            (text(self.lang, "ui.goal") + ": ", "bold"), scenario.goal, "\n",
            (text(self.lang, "ui.calling") + ": ", "bold"),
            scenario.other, "\n\n",
            (text(self.lang, "ui.enter_starts"), "italic dim"),
        ))

    def _set_detail(self, content: Content) -> None:
        # The list announces every highlight, also the one refresh_list just showed: only a
        # change is worth laying the pane out again.
        if content != self._detail:
            self._detail = content
            self.query_one("#detail", Static).update(content)

    @on(OptionList.OptionHighlighted, "#scenarios")
    def _highlighted(self) -> None:
        self.show_details()

    @on(OptionList.OptionSelected, "#scenarios")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.start(event.option_index)

    def start(self, index: int = -1) -> None:
        """Start the call at ``index`` of the shown list (default: the highlighted one)."""
        scenario = self.shown[index] if 0 <= index < len(self.shown) else \
            self.highlighted_scenario()
        if scenario is not None:
            self.post_message(OpenScenario(Path(scenario.path)))

    def action_drill_close(self) -> None:
        """Practise the highlighted call's close: from its first closing step, lines shuffled."""
        # Imported here, not at the top: it brings the dialogue engine, which the library's
        # first frame does not need (tens of milliseconds of start-up).
        from tutor.practice import CLOSING, Practice, new_seed

        scenario = self.highlighted_scenario()
        if scenario is not None:
            self.post_message(OpenScenario(Path(scenario.path),
                                           practice=Practice(CLOSING, new_seed())))

    def action_listen(self) -> None:
        """Hear the highlighted call's example closings, rushed then calm."""
        scenario = self.highlighted_scenario()
        if scenario is not None:
            self.post_message(OpenScenario(Path(scenario.path), listen=True))

    # --- filters --------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    @on(Cycle.Changed, "#lang-filter")
    def _filter_changed(self) -> None:
        if self.loaded:
            self.refresh_list()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        if self.shown:
            self.start()

    def action_focus_search(self) -> None:
        """Put the cursor in the search box; what is typed next replaces the old query."""
        search = self.query_one("#search", Input)
        search.selection = Selection(0, len(search.value))
        self.set_focus(search)

    def on_key(self, event: events.Key) -> None:
        """Letters typed straight after "/" belong in the search box.

        Textual hands each key to whatever has focus when the key arrives, so with fast typing
        (or a paste) the first letters reach the list before the box has focus. "/" is taken
        here, as soon as the list passes it on, and from then on printable keys that come up
        from the list are typed into the box, until something other than the box has focus.
        """
        search = self.query_one("#search", Input)
        if event.key == "down" and self.focused is search:
            event.stop()  # from the box down into the results, as in any search field
            self.action_focus_list()
        elif event.key == "slash" and self.focused is not search:
            event.stop()
            self._typing_search = True
            self.action_focus_search()
        elif self._typing_search and event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            from tutor.tui.widgets.own_line import type_into  # the call's widget: not at start

            type_into(search, event.character)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id != "search":
            self._typing_search = False  # the learner has moved on: keys act on the list again

    def action_focus_list(self) -> None:
        """Back from the search box to the list."""
        self.query_one("#scenarios", OptionList).focus()

    def action_cycle_lang(self) -> None:
        """All languages -> English -> Russian -> all."""
        self.query_one("#lang-filter", Cycle).action_next()

    # --- progress: the record and what to practise next (issue 15) ------------------------

    def _view_name(self) -> str:
        """The filter and order in force, under the list (nothing for the defaults)."""
        parts = ([text(self.lang, "ui.filter_unplayed")] if self.unplayed_only else []) + \
            ([text(self.lang, f"ui.sort_{self.sort}")] if self.sort != SORTS[0] else [])
        return " · ".join(parts)

    @on(NextPlanned)
    def _next_planned(self, event: NextPlanned) -> None:
        from tutor.tui.widgets.next_line import NextLine  # after the first frame (startup.py)

        self.plan = event.plan
        lines = self.query(NextLine)
        line = lines.first() if lines else NextLine(id="practise-next")
        if not lines:
            self.mount(line, before=self.query_one(KeyFooter))
        line.show(self.lang, event.plan.suggestion)
        if self.loaded and self.sort == "weakest":
            self.refresh_list()

    def action_progress(self) -> None:
        """Open the progress screen."""
        self.post_message(ShowProgress())

    def action_practise_next(self) -> None:
        """Start the call the record suggests."""
        self.post_message(PractiseNext())

    def action_toggle_unplayed(self) -> None:
        """Show only the calls not played yet, or every call again."""
        self.unplayed_only = not self.unplayed_only
        if self.loaded:
            self.refresh_list()

    def action_cycle_sort(self) -> None:
        """As listed -> by difficulty -> by the weakest principle -> as listed."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        if self.loaded:
            self.refresh_list()

    def palette_commands(self) -> Iterator[PaletteCommand]:
        """One palette command per scenario."""
        for scenario in self.data.scenarios:
            yield (text(self.lang, "ui.cmd_play", title=scenario.title), scenario.summary,
                   partial(self.post_message, OpenScenario(Path(scenario.path))))
