"""Progress: how each principle has gone lately, and every recent attempt to reopen.

The record is read in a worker (``tutor.store``); until it arrives the screen shows that it
is loading. Each principle gets one line: its name, its latest verdicts as a small bar chart
(one bar per attempt, oldest first, taller for more of its points) and how often it was
met, partly met and missed. Below, the attempts, newest first; Enter opens one as it was.

Only what the screen shows is read: the per-principle summary (not the per-call one) and the
attempts a page at a time, the next page read as the cursor or the view nears the end of
the list, so 10,000 attempts open as fast as ten.

How near the view is to the end is judged only on a settled layout. The trends section sits
above the list and takes its height from what it shows, so until it has been laid out with
the loaded lines the list's height is not yet its own: a judgement made then could read a
page the learner never scrolled to. So the trends come in as a section of their own, hidden
while the loading line stands in for them, and the list is covered while it loads: each
enters the layout only once loaded, and says so on every layout that sizes it. The view
counts only once both have; from then on a layout can only make the list taller than it was
(the loading line leaving) or follow the terminal, and each such change is judged again.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
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


class LaidOut(Message):
    """A layout has given ``widget`` its size."""

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget


class Trends(Static):
    """The per-principle lines; each layout that sizes them says so (``LaidOut``)."""

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(LaidOut(self))


class Attempts(DataTable[Text]):
    """The past attempts, newest first; each layout that sizes them says so (``LaidOut``)."""

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(LaidOut(self))


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
        # Ids of the sections a layout has sized since they were loaded (a taller terminal
        # resizes the list again, and may show its end).
        self._laid_out: set[str] = set()

    def compose(self) -> ComposeResult:
        title = text(self.lang, "ui.progress_title")
        loading = Static(Content(text(self.lang, "ui.loading_progress")), id="trends-loading",
                         classes="trends")
        loading.border_title = title
        yield loading
        trends = Trends(id="trends", classes="trends")
        trends.border_title = title
        trends.display = False  # shown once loaded: its first layout is then a settled one
        yield trends
        table = Attempts(id="attempts", cursor_type="row", zebra_stripes=True)
        table.border_title = text(self.lang, "ui.recent_attempts")
        table.loading = True  # covered: out of the layout until loaded
        yield table
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()
        table = self.query_one("#attempts", DataTable)
        # Scrolled, or the rows added have been measured (the table's virtual size).
        self.watch(table, "scroll_y", self._more_if_near_end, init=False)
        self.watch(table, "virtual_size", self._more_if_near_end, init=False)

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
        trends = self.query_one("#trends", Trends)
        trends.update(self._trends(event.principles))
        self.query_one("#trends-loading", Static).display = False
        trends.display = True
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
        # The rows are measured next (the table's virtual size grows): a page that does not
        # fill the view (a tall terminal) then asks for the next.

    @on(LaidOut)
    def _sized(self, event: LaidOut) -> None:
        if event.widget.id is not None:
            self._laid_out.add(event.widget.id)
        self._more_if_near_end()

    def _more_if_near_end(self) -> None:
        """Read the next page when the end of the list comes near the view or the cursor."""
        if self._reading or self._complete or not self.attempts:
            return
        table = self.query_one("#attempts", DataTable)
        if table.cursor_row >= table.row_count - MARGIN or self._view_near_end(table):
            self._reading = True
            self.load_page(str(self.attempts[-1]["id"]))

    def _view_near_end(self, table: DataTable[Text]) -> bool:
        """Whether the view shows, or nearly shows, the last row; False while the layout is
        not settled (the trends or the list not yet laid out since loaded, or rows not yet
        measured), as the view's height is not the list's own until then."""
        measured = table.virtual_size.height == table.row_count + table.header_height
        if not (self._laid_out >= {"trends", "attempts"} and measured):
            return False
        # Rows are one line each, so lines scrolled and lines seen count rows.
        seen = table.scroll_y + table.scrollable_content_region.height - table.header_height
        return table.row_count - seen < MARGIN

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
