"""The trainer's live table reads the results store and shows one row per participant."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from tests.workshop.test_results import add, attempt
from tutor.workshop.dashboard import Dashboard
from tutor.workshop.results import create


async def test_the_table_shows_each_participant_and_follows_new_results(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    create(db)
    add(db, attempt("a", 60, {"pace": (0, 15), "thanks": (10, 10)},
                    participant="Ada [b]markup[/b]"))
    board = Dashboard("http://127.0.0.1:8000/?code=K7Q2", "K7Q2", db, lambda: "1/30 seats taken")
    async with board.run_test(size=(100, 20)) as pilot:
        table = board.query_one(DataTable)
        await board.workers.wait_for_complete()
        await pilot.pause()
        assert [str(c) for c in table.get_row_at(0)] == [
            "Ada [b]markup[/b]", "1", "60", "60", "Don't speed up at the end"]
        add(db, attempt("a", 90, {"pace": (15, 15), "thanks": (10, 10)},
                        participant="Ada [b]markup[/b]"))
        board.refresh_standings()
        await board.workers.wait_for_complete()
        await pilot.pause()
        assert [str(c) for c in table.get_row_at(0)][1:4] == ["2", "90", "90"]
        assert "K7Q2" in str(board.query_one("#join").render())
