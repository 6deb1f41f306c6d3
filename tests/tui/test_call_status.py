"""The call's status line stays on one line in an 80-column terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.tui import build_app, until
from tutor.locale import text
from tutor.scenario.sources import find
from tutor.tui.screens.call import CallScreen
from tutor.tui.widgets.status import CallStatus


@pytest.mark.parametrize("scenario_id", ["recruiter-call-en", "recruiter-call-ru"])
async def test_the_goodbye_status_fits_one_line_at_80_columns(tmp_path: Path,
                                                              scenario_id: str) -> None:
    scenario = find(scenario_id, [])
    app = build_app(tmp_path, scenario=scenario, speed=0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CallScreen))
        screen = app.screen
        assert isinstance(screen, CallScreen)
        screen.stop_clock()
        status = screen.query_one(CallStatus)
        said = text(screen.lang, "ui.after_farewell", name=scenario.other.name)
        status.show(said, speaking=False, seconds=125.0)
        await pilot.pause()
        assert status.query_one("#status-text").size.height == 1
