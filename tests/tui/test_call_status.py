"""The call's status line stays on one line in an 80-column terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.helpers import build_app, until
from tutor.library import find_scenario
from tutor.tui.i18n import t
from tutor.tui.screens.call import CallScreen
from tutor.tui.widgets.status import CallStatus


@pytest.mark.parametrize("scenario_id", ["recruiter-call-en", "recruiter-call-ru"])
async def test_the_goodbye_status_fits_one_line_at_80_columns(tmp_path: Path,
                                                              scenario_id: str) -> None:
    scenario = find_scenario(scenario_id, [])
    app = build_app(tmp_path, scenario=scenario, speed=0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CallScreen))
        screen = app.screen
        assert isinstance(screen, CallScreen)
        screen.stop_clock()
        status = screen.query_one(CallStatus)
        text = t(screen.lang, "after_farewell", name=scenario.other.name)
        status.show(text, speaking=False, seconds=125.0)
        await pilot.pause()
        assert status.query_one("#status-text").size.height == 1
