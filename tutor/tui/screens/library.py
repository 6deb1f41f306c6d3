"""The library: every call to practise, with filters, details and best scores."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from functools import partial
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from tutor.catalog import Card
from tutor.tui.i18n import UiLang, t
from tutor.tui.keys import KeySpec
from tutor.tui.loading import LibraryData, read_library
from tutor.tui.messages import OpenScenario
from tutor.tui.screens.base import PaletteCommand, TutorScreen

LangFilter = str  # "all", "en" or "ru"
LANG_FILTERS: tuple[LangFilter, ...] = ("all", "en", "ru")


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
        KeySpec("slash", "focus_search", "key_search", "help_search", "/"),
        KeySpec("ctrl+l", "cycle_lang", "key_lang", "help_lang", "Ctrl+L"),
        KeySpec("escape", "focus_list", "", "help_list", "Esc", show=False),
    )

    AUTO_FOCUS = "#scenarios"

    class Loaded(Message):
        """The loader thread is done."""

        def __init__(self, data: LibraryData) -> None:
            super().__init__()
            self.data = data

    class Reload(Message):
        """The early read failed; read again in a worker."""

    def __init__(self, lang: UiLang, library_dirs: Sequence[Path] = (),
                 scores_file: Path | None = None,
                 preload: Future[LibraryData] | None = None) -> None:
        super().__init__(lang)
        self.preload = preload
        self.library_dirs = tuple(library_dirs)
        self.scores_file = scores_file
        self.data = LibraryData((), 0, {})
        self.shown: list[Card] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="filters"):
            yield Input(placeholder=t(self.lang, "search_placeholder"), id="search")
            yield Select(
                [(t(self.lang, f"lang_{code}"), code) for code in LANG_FILTERS],
                value="all", allow_blank=False, id="lang-filter",
            )
        with Horizontal(id="library-body"):
            scenario_list = OptionList(id="scenarios")
            scenario_list.border_title = t(self.lang, "library_title")
            scenario_list.loading = True
            yield scenario_list
            with VerticalScroll(id="details"):
                yield Static(Content(t(self.lang, "loading")), id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.app.sub_title = t(self.lang, "app_subtitle")
        if self.preload is None:
            self.load()
        else:
            # Started by the app before Textual drew anything; hand the result over here.
            self.preload.add_done_callback(self._preloaded)

    def _preloaded(self, future: Future[LibraryData]) -> None:
        # Runs on the loader thread (or at once, if it was done): only post from here. The
        # Loaded handler focuses the list, and only if the learner has not moved focus yet.
        if future.exception() is not None:
            self.post_message(self.Reload())
        else:
            self.post_message(self.Loaded(future.result()))

    @on(Reload)
    def _reload(self) -> None:
        self.load()  # the preload failed: try once more, the ordinary way

    def on_screen_resume(self) -> None:
        # Back from a call: the best scores may have changed.
        if self.loaded:
            self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="library")
    def load(self) -> None:
        """Read scenario files and scores off the UI thread."""
        self.post_message(self.Loaded(read_library(self.library_dirs, self.scores_file)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        first = not self.loaded
        self.data = event.data
        self.loaded = True
        self.query_one("#scenarios", OptionList).loading = False
        self.refresh_list()
        if first and self.focused is None:
            # The list could not take focus while it was loading.
            self.query_one("#scenarios", OptionList).focus()
        if first and event.data.broken:
            self.notify(t(self.lang, "broken_files", count=event.data.broken), severity="warning")

    # --- the list -------------------------------------------------------------------------

    def _row(self, scenario: Card) -> Content:
        best = self.data.scores.get(scenario.id)
        score = t(self.lang, "best", score=best) if best is not None else t(self.lang,
                                                                             "not_played")
        meta = " · ".join((scenario.lang.upper(), scenario.kind or "—",
                           t(self.lang, f"difficulty_{scenario.difficulty}"), score))
        return Content.assemble((scenario.title, "bold"), "\n", (meta, "dim"))

    def refresh_list(self) -> None:
        """Show the scenarios that pass the search and the language filter."""
        query = self.query_one("#search", Input).value
        lang = str(self.query_one("#lang-filter", Select).value)
        option_list = self.query_one("#scenarios", OptionList)
        previous = self.highlighted_scenario()
        self.shown = [s for s in self.data.scenarios if matches(s, query, lang)]
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
        detail = self.query_one("#detail", Static)
        scenario = self.highlighted_scenario()
        if scenario is None:
            key = "no_scenarios" if not self.data.scenarios else "no_match"
            detail.update(Content(t(self.lang, key)))
            return
        detail.update(Content.assemble(
            (scenario.title, "bold $accent"), "\n\n",
            scenario.summary, "\n\n",
            (t(self.lang, "you_are") + ": ", "bold"), scenario.role, "\n",
            (t(self.lang, "goal") + ": ", "bold"), scenario.goal, "\n",
            (t(self.lang, "calling") + ": ", "bold"),
            scenario.other, "\n\n",
            (t(self.lang, "enter_starts"), "italic dim"),
        ))

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

    def action_listen(self) -> None:
        """Hear the highlighted call's example closings, rushed then calm."""
        scenario = self.highlighted_scenario()
        if scenario is not None:
            self.post_message(OpenScenario(Path(scenario.path), listen=True))

    # --- filters --------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    @on(Select.Changed, "#lang-filter")
    def _filter_changed(self) -> None:
        if self.loaded:
            self.refresh_list()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        if self.shown:
            self.start()

    def action_focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#search", Input).focus()

    def action_focus_list(self) -> None:
        """Back from the search box to the list."""
        self.query_one("#scenarios", OptionList).focus()

    def action_cycle_lang(self) -> None:
        """All languages -> English -> Russian -> all."""
        select = self.query_one("#lang-filter", Select)
        current = str(select.value)
        select.value = LANG_FILTERS[(LANG_FILTERS.index(current) + 1) % len(LANG_FILTERS)]

    def palette_commands(self) -> Iterator[PaletteCommand]:
        """One palette command per scenario."""
        for scenario in self.data.scenarios:
            yield (t(self.lang, "cmd_play", title=scenario.title), scenario.summary,
                   partial(self.post_message, OpenScenario(Path(scenario.path))))
