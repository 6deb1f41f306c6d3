"""The trainer's live table while a workshop runs: who has played what, and how well.

A small Textual app of its own, run on the server's event loop: the join link and code on
top, then one row per participant (calls played, last and best score, weakest principle).
The results store is read in a thread worker once a second, never on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from tutor.safe_text import for_terminal
from tutor.workshop.results import Standing, principle_title, standings

#: Seconds between two reads of the results store.
POLL = 1.0
COLUMNS = ("Participant", "Calls", "Last", "Best", "Weakest principle")


class Dashboard(App[None]):
    """Join link on top, the participants' standings below, refreshed every second."""

    TITLE = "tutor workshop"
    CSS = """
    #join { padding: 1 2; background: $boost; }
    #seats { padding: 0 2; color: $text-muted; }
    DataTable { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Stop the workshop", priority=True),
    ]

    def __init__(self, join_url: str, code: str, results: str | Path,
                 seats: Callable[[], str]) -> None:
        super().__init__()
        self.join_url = join_url
        self.code = code
        self.results = results
        self.seats = seats  # "3/30 seats taken", from the server

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("Join: ", "bold"), self.join_url, "   ",
                                      ("Code: ", "bold"), (self.code, "bold $accent")), id="join")
        yield Static(Content(self.seats()), id="seats")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(POLL, self.refresh_standings)
        self.refresh_standings()

    @work(thread=True, exclusive=True, exit_on_error=False, group="poll")
    def refresh_standings(self) -> None:
        """Read the store off the UI thread, then show what it holds."""
        rows = standings(self.results)
        self.call_from_thread(self._show, rows)

    def _show(self, rows: list[Standing]) -> None:
        self.query_one("#seats", Static).update(Content(self.seats()))
        table = self.query_one(DataTable)
        row_at = table.cursor_row  # the trainer's place in a long table survives the refresh
        table.clear(columns=True)  # columns again too: their widths follow the longest name
        table.add_columns(*COLUMNS)
        for row in rows:
            # Content: names are typed by participants and must never be read as markup.
            table.add_row(Content(for_terminal(row.participant)), str(row.calls), str(row.last),
                          str(row.best), Content(principle_title(row.weakest)))
        table.move_cursor(row=row_at)
