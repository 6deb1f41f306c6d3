"""Long lines on the call and debrief screens wrap in place: nothing is cut off at 80 columns."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.support.tui import build_app, dentist, learner_turn, play, until
from tutor.tui.widgets.status import CallStatus

DENTIST = dentist()


async def test_a_status_longer_than_the_row_wraps_instead_of_being_cut(tmp_path: Path) -> None:
    app = build_app(tmp_path, scenario=DENTIST, speed=1000.0)
    async with app.run_test(size=(50, 24)) as pilot:
        status = (await learner_turn(pilot, app)).query_one(CallStatus)
        text = status.query_one("#status-text", Static)
        await until(pilot, lambda: "Your turn" in str(text.render()))
        await pilot.pause()
        said = str(text.render())
        assert text.size.width < len(said.strip())  # too long for one line here...
        assert status.size.height >= 2  # ...so the row grows and shows all of it


async def test_the_status_takes_two_lines_at_most(tmp_path: Path) -> None:
    app = build_app(tmp_path, scenario=DENTIST, speed=1000.0)
    async with app.run_test(size=(40, 24)) as pilot:
        status = (await learner_turn(pilot, app)).query_one("#status-row")
        await pilot.pause()
        assert status.size.height == 2  # the rest of the call keeps its room


async def test_debrief_reasons_wrap_under_their_own_start(tmp_path: Path) -> None:
    app = build_app(tmp_path, scenario=DENTIST, speed=1000.0)
    async with app.run_test(size=(60, 40)) as pilot:
        debrief = await play(pilot, app, "rushed")
        await pilot.pause()
        notes = list(debrief.query(".principle > .note"))
        assert notes, "a rushed call has reasons to give"
        for note in notes:
            assert note.region.x == notes[0].region.x  # every line of a reason is indented
            assert note.styles.padding.left == 2
        assert any(note.size.height > 1 for note in notes)  # and long ones do wrap
