"""Every bundled call, played through the app to a calm ending and to a rushed one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.tui import (
    FAST,
    FIXTURES,
    build_app,
    library_ready,
    play,
    stored_attempts,
    until,
)
from tutor.scenario import sources
from tutor.scenario.model import Scenario

BUNDLED = sources.load_all()
FIXTURE_CALLS = sources.load_all([FIXTURES])
ALL = {s.id: s for s in [*BUNDLED, *FIXTURE_CALLS]}.values()


@pytest.mark.parametrize("scenario", ALL, ids=lambda s: s.id)
async def test_calm_ending_passes(scenario: Scenario, tmp_path: Path) -> None:
    app = build_app(tmp_path, scenario=scenario, speed=FAST)
    async with app.run_test(size=(100, 30)) as pilot:
        debrief = await play(pilot, app, "calm")
        assert debrief.call.ending is not None
        assert debrief.call.ending.hung_up_first == "other"
        assert debrief.evaluation.passed, debrief.evaluation.to_dict()
        await app.workers.wait_for_complete()
    (attempt,) = stored_attempts(scenario.id)
    assert attempt["total"] == debrief.evaluation.total
    assert attempt["front_end"] == "tui"


@pytest.mark.parametrize("scenario", ALL, ids=lambda s: s.id)
async def test_rushed_ending_misses_last_word(scenario: Scenario, tmp_path: Path) -> None:
    app = build_app(tmp_path, scenario=scenario, speed=FAST)
    async with app.run_test(size=(100, 30)) as pilot:
        debrief = await play(pilot, app, "rushed")
        assert debrief.call.ending is not None
        assert debrief.call.ending.hung_up_first == "learner"
        assert debrief.evaluation.result("last_word").verdict == "missed"


async def test_library_enter_starts_call_and_debrief_keys(tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[FIXTURES], speed=FAST, ui_lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        library = await library_ready(pilot, app)
        await pilot.press("slash", *"dentist", "enter")
        debrief = await play(pilot, app, "calm")
        assert debrief.call.scenario.id == "test-en-dentist"
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: debrief.exported is not None)
        assert debrief.exported is not None
        md, js = debrief.exported
        assert md.parent == tmp_path / "reports" and "test-en-dentist" in md.name
        assert json.loads(js.read_text("utf-8"))["evaluation"]["passed"] is True
        await pilot.press("r")
        await play(pilot, app, "rushed")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is library)
        await until(pilot, lambda: "test-en-dentist" in library.data.scores)


async def test_help_lists_keys_and_filters(tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="ru")
    async with app.run_test(size=(80, 24)) as pilot:
        library = await library_ready(pilot, app)
        await pilot.press("ctrl+l")  # all -> en
        await until(pilot, lambda: all(s.lang == "en" for s in library.shown))
        await pilot.press("ctrl+l")  # en -> ru
        await until(pilot, lambda: bool(library.shown) and
                    all(s.lang == "ru" for s in library.shown))
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        rows = library.help_rows()
        assert any("Ctrl+T" in keys for keys, _ in rows)
        await pilot.press("escape")
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"
