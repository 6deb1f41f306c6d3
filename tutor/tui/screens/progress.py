"""Progress: how each principle has gone lately, and every recent attempt to reopen.

The record is read in a worker (``tutor.store``); until it arrives the screen shows that it
is loading. Each principle gets one line: its name, its latest verdicts as a small bar chart
(one bar per attempt, oldest first, taller for more of its points) and how often it was
met, partly met and missed. Below, the attempts, newest first; Enter opens one as it was.

Only what the screen shows is read: the per-principle summary (not the per-call one) and the
attempts a page at a time, the next page read as the cursor or the view nears the end of
the list, so 10,000 attempts open as fast as ten.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from tutor.locale import Lang, text
from tutor.progress import PrincipleProgress, local_time
from tutor.store import StoreError
from tutor.store.record import Attempt
from tutor.tui.keys import KeySpec
from tutor.tui.messages import OpenAttempt
from tutor.tui.records import Records
from tutor.tui.screens.base import TutorScreen
from tutor.tui.widgets.key_footer import KeyFooter
from tutor.tui.widgets.verdicts import VERDICT_MARKS, principle_name

#: How many attempts the list reads at a time (a screenful at 80x24, with some to spare).
PAGE = 20
#: The next page is read once the end of the list is this many rows from the view or the
#: cursor.
MARGIN = 5
#: Bars from nothing to all of a principle's points.
BARS = "▁▂▃▄▅▆▇█"


def bars(trend: tuple[int, ...]) -> str:
    """One bar per verdict, oldest first: its share of the principle's points (0-100)."""
    top = len(BARS) - 1
    return "".join(BARS[round(max(0, min(100, share)) * top / 100)] for share in trend)


class ProgressScreen(TutorScreen):
    """The learner's record: per-principle trends and the latest attempts."""

    CSS_PATH = "progress.tcss"

    KEYS = (
        KeySpec("", "", "", "help_move", "↑ ↓"),
        KeySpec("", "", "", "help_open_attempt", "Enter"),
        KeySpec("escape,q", "leave", "key_back", "help_back_library", "Esc / q"),
    )

    AUTO_FOCUS = "#attempts"

    class Loaded(Message):
        """The record's first page has been read (``principles`` None: the store cannot be
        read)."""

        def __init__(self, principles: tuple[PrincipleProgress, ...] | None,
                     attempts: list[Attempt]) -> None:
            super().__init__()
            self.principles = principles
            self.attempts = attempts

    class Page(Message):
        """The attempts after ``after`` have been read (``attempts`` None: they cannot be)."""

        def __init__(self, after: str, attempts: list[Attempt] | None) -> None:
            super().__init__()
            self.after = after
            self.attempts = attempts

    def __init__(self, lang: Lang, records: Records, titles: dict[str, str]) -> None:
        super().__init__(lang)
        self.records = records
        self.titles = titles  # scenario id -> title, for the list
        self.attempts: list[Attempt] = []  # the rows of the list, as read so far
        self.ready = False  # the record is on screen
        self._reading = True  # a page is being read
        self._complete = False  # the last page has been read

    def compose(self) -> ComposeResult:
        trends = Static(Content(text(self.lang, "ui.loading_progress")), id="trends")
        trends.border_title = text(self.lang, "ui.progress_title")
        yield trends
        table: DataTable[Text] = DataTable(id="attempts", cursor_type="row",
                                                    zebra_stripes=True)
        table.border_title = text(self.lang, "ui.recent_attempts")
        table.loading = True
        yield table
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()
        self.watch(self.query_one("#attempts", DataTable), "scroll_y", self._more_if_near_end,
                   init=False)

    @work(thread=True, exclusive=True, exit_on_error=False, group="progress")
    def load(self) -> None:
        """Read the summary and the first page off the UI thread."""
        store = self.records.store()
        principles, attempts = None, []
        if store is not None:
            try:
                principles = store.principles()
                attempts = store.attempts(limit=PAGE)
            except StoreError:
                principles = None
        self.post_message(self.Loaded(principles, attempts))

    @work(thread=True, exclusive=True, exit_on_error=False, group="progress-page")
    def load_page(self, after: str) -> None:
        """Read the page after the attempt ``after`` off the UI thread."""
        store = self.records.store()
        attempts = None
        if store is not None:
            try:
                attempts = store.attempts(limit=PAGE, after=after)
            except StoreError:
                attempts = None
        self.post_message(self.Page(after, attempts))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.query_one("#trends", Static).update(self._trends(event.principles))
        table = self.query_one("#attempts", DataTable)
        table.add_columns(*(text(self.lang, f"ui.col_{c}") for c in
                            ("when", "call", "score", "result")))
        self._add(event.attempts)
        table.loading = False
        table.focus()  # it could not take focus while it was loading
        self.ready = True

    @on(Page)
    def _page(self, event: Page) -> None:
        self._reading = False
        if event.attempts is None:
            self._complete = True
            self.notify(text(self.lang, "ui.progress_unavailable"), severity="warning")
        elif self.attempts and event.after == self.attempts[-1]["id"]:
            self._add(event.attempts)

    def _add(self, attempts: list[Attempt]) -> None:
        """Append a page to the list; a short page is the last one."""
        table = self.query_one("#attempts", DataTable)
        for attempt in attempts:
            table.add_row(*self._row(attempt), key=attempt["id"])
        self.attempts += attempts
        self._complete = len(attempts) < PAGE
        self._reading = False
        # A page may not fill the view (a tall terminal): then the next is wanted at once.
        self.call_after_refresh(self._more_if_near_end)

    def _more_if_near_end(self) -> None:
        """Read the next page when the end of the list comes near the view or the cursor."""
        if self._reading or self._complete or not self.attempts:
            return
        table = self.query_one("#attempts", DataTable)
        # Rows are one line each, so lines scrolled and lines seen count rows. (The table's
        # own size is set by the layout, never by its rows, so it is right at once.)
        seen = table.scroll_y + table.scrollable_content_region.height - table.header_height
        if (table.row_count - seen < MARGIN
                or table.cursor_row >= table.row_count - MARGIN):
            self._reading = True
            self.load_page(str(self.attempts[-1]["id"]))

    def on_resize(self) -> None:
        # A taller terminal may show the end of the list.
        self.call_after_refresh(self._more_if_near_end)

    @on(DataTable.RowHighlighted, "#attempts")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._more_if_near_end()

    def _trends(self, principles: tuple[PrincipleProgress, ...] | None) -> Content:
        if principles is None:
            return Content(text(self.lang, "ui.progress_unavailable"))
        if not principles:
            return Content(text(self.lang, "ui.progress_empty"))
        names = [principle_name(self.lang, p.principle) for p in principles]
        width = max(len(n) for n in names)
        lines = [self._principle_line(p, name.ljust(width))
                 for p, name in zip(principles, names, strict=True)]
        return Content("\n").join(lines)

    def _principle_line(self, p: PrincipleProgress, name: str) -> Content:
        counts: list[str | Content | tuple[str, str]] = []
        for verdict, count in (("met", p.met), ("partly", p.partly), ("missed", p.missed)):
            mark, style = VERDICT_MARKS[verdict]
            counts += ["  ", (f"{mark} {count:>3}", style)]
        return Content.assemble((name, "bold"), "  ", (bars(p.trend).ljust(5), "$accent"),
                                *counts)

    def _row(self, attempt: Attempt) -> tuple[Text, ...]:
        # Rich Text: the table measures it, and never reads a call's title as markup.
        passed = attempt["passed"]
        result = "—" if passed is None else text(self.lang, "ui.passed" if passed else
                                                  "ui.failed")
        style = "" if passed is None else "green" if passed else "red"
        return (Text(local_time(attempt["ended_at"])), Text(self._title(attempt)),
                Text(f"{attempt['total']:>5}"), Text(result, style=style))

    def _title(self, attempt: Attempt) -> str:
        scenario_id = str(attempt["scenario_id"])
        return self.titles.get(scenario_id, scenario_id)

    @on(DataTable.RowSelected, "#attempts")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        index = event.cursor_row
        if 0 <= index < len(self.attempts):
            attempt = self.attempts[index]
            self.post_message(OpenAttempt(attempt, self._title(attempt)))

    def action_leave(self) -> None:
        """Back to where the progress screen was opened from."""
        self.app.pop_screen()
