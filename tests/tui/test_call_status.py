"""The call's status line: one line in an 80-column terminal, redrawn only when it changes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tests.support.tui import build_app, until
from tutor.locale import text
from tutor.scenario.sources import find
from tutor.tui.screens.call import CallScreen
from tutor.tui.widgets.status import CallStatus


@asynccontextmanager
async def stopped_call(tmp_path: Path, scenario_id: str
                       ) -> AsyncIterator[tuple[Pilot[None], CallScreen, CallStatus]]:
    """A call screen at 80x24 with its clock stopped, so only the test moves the status."""
    app = build_app(tmp_path, scenario=find(scenario_id, []), speed=0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CallScreen))
        screen = app.screen
        assert isinstance(screen, CallScreen)
        screen.stop_clock()
        yield pilot, screen, screen.query_one(CallStatus)


@pytest.mark.parametrize("scenario_id", ["recruiter-call-en", "recruiter-call-ru"])
async def test_the_goodbye_status_fits_one_line_at_80_columns(tmp_path: Path,
                                                              scenario_id: str) -> None:
    async with stopped_call(tmp_path, scenario_id) as (pilot, screen, status):
        said = text(screen.lang, "ui.after_farewell", name=screen.scenario.other.name)
        status.show(said, speaking=False, seconds=125.0)
        await pilot.pause()
        assert status.query_one("#status-text").size.height == 1


async def test_a_tick_that_changes_nothing_redraws_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async with stopped_call(tmp_path, "recruiter-call-en") as (_, _, status):
        status.show("Your turn", speaking=False, seconds=61.2)
        updated: list[str] = []
        for static in status.query(Static):
            monkeypatch.setattr(static, "update",
                                lambda *a, _id=static.id, **k: updated.append(str(_id)))
        status.show("Your turn", speaking=False, seconds=61.9)  # the same second
        assert updated == []
        status.show("Your turn", speaking=False, seconds=62.0)
        assert updated == ["status-timer"]
