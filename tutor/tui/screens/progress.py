"""Progress: how each principle has gone lately, and every recent attempt to reopen.

The record is read in a worker (``tutor.store``); until it arrives the screen shows that it
is loading. Each principle gets one line: its name, its latest verdicts as a small bar chart
(one bar per attempt, oldest first, taller for more of its points) and how often it was
met, partly met and missed. Below, the latest attempts; Enter opens one as it was.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from tutor.locale import Lang, text
from tutor.progress import PrincipleProgress, Progress, local_time
from tutor.store import StoreError
from tutor.store.record import Attempt
from tutor.tui.keys import KeySpec
from tutor.tui.messages import OpenAttempt
from tutor.tui.records import Records
from tutor.tui.screens.base import TutorScreen
from tutor.tui.widgets.key_footer import KeyFooter
from tutor.tui.widgets.verdicts import VERDICT_MARKS, principle_name

#: How many of the latest attempts the list offers.
RECENT = 50
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
        """The record has been read (``progress`` None: the store cannot be read)."""

        def __init__(self, progress: Progress | None, attempts: list[Attempt]) -> None:
            super().__init__()
            self.progress = progress
            self.attempts = attempts

    def __init__(self, lang: Lang, records: Records, titles: dict[str, str]) -> None:
        super().__init__(lang)
        self.records = records
        self.titles = titles  # scenario id -> title, for the list
        self.attempts: list[Attempt] = []
        self.ready = False  # the record is on screen

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

    @work(thread=True, exclusive=True, exit_on_error=False, group="progress")
    def load(self) -> None:
        """Read the record off the UI thread."""
        store = self.records.store()
        progress, attempts = None, []
        if store is not None:
            try:
                progress = store.stats()
                attempts = store.attempts(limit=RECENT)
            except StoreError:
                progress = None
        self.post_message(self.Loaded(progress, attempts))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.attempts = event.attempts
        self.query_one("#trends", Static).update(self._trends(event.progress))
        table = self.query_one("#attempts", DataTable)
        table.add_columns(*(text(self.lang, f"ui.col_{c}") for c in
                            ("when", "call", "score", "result")))
        for attempt in self.attempts:
            table.add_row(*self._row(attempt), key=attempt["id"])
        table.loading = False
        table.focus()  # it could not take focus while it was loading
        self.ready = True

    def _trends(self, progress: Progress | None) -> Content:
        if progress is None:
            return Content(text(self.lang, "ui.progress_unavailable"))
        if not progress.principles:
            return Content(text(self.lang, "ui.progress_empty"))
        names = [principle_name(self.lang, p.principle) for p in progress.principles]
        width = max(len(n) for n in names)
        lines = [self._principle_line(p, name.ljust(width))
                 for p, name in zip(progress.principles, names, strict=True)]
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
