"""The listen screen: both example closings line by line, voiced, and silenced at once."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from tests.support.tui import FIXTURES, MARKUP, build_app, library_ready, until
from tutor.listen import schedule
from tutor.scenario import sources
from tutor.scenario.model import ExampleLine, Examples
from tutor.speech import FakeBackend
from tutor.tui.app import TutorApp
from tutor.tui.messages import ListenTo
from tutor.tui.screens.call import CallScreen
from tutor.tui.screens.library import LibraryScreen
from tutor.tui.screens.listen import ListenScreen
from tutor.tui.widgets.transcript import TurnLine

CALLS = {"en": "recruiter-call-en", "ru": "recruiter-call-ru"}


def _lines(screen: ListenScreen) -> list[TurnLine]:
    return list(screen.query(TurnLine))


def _text(screen: ListenScreen) -> str:
    return "\n".join(str(w.content) for w in screen.query(Static))


async def _open_listen(pilot: Any, app: TutorApp, scenario_id: str) -> ListenScreen:
    """From the library: search for the call, back to the list, press l."""
    library = await library_ready(pilot, app)
    await pilot.press("slash", *scenario_id, "escape")
    await until(pilot, lambda: [s.id for s in library.shown] == [scenario_id])
    await pilot.press("l")
    await until(pilot, lambda: isinstance(app.screen, ListenScreen))
    assert isinstance(app.screen, ListenScreen)
    return app.screen


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_rushed_then_calm_line_by_line_with_pauses(tmp_path: Path, lang: str) -> None:
    scenario = sources.find(CALLS[lang])
    assert scenario.examples is not None
    plan = schedule(scenario.examples)
    fake = FakeBackend()
    app = build_app(tmp_path, ui_lang=lang, speed=0.0, speech=fake, speech_on=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_listen(pilot, app, scenario.id)
        assert screen.scenario.id == scenario.id
        assert [len(_lines(screen))] == [1]  # the first line starts at once
        for index, cue in enumerate(plan.cues[1:], start=1):
            screen.advance(cue.at - screen.clock - 0.01)  # just before: not yet
            await pilot.pause()
            assert len(_lines(screen)) == index, cue
            screen.advance(0.02)
            await pilot.pause()
            assert len(_lines(screen)) == index + 1
        lines = _lines(screen)
        rushed = [c for c in plan.cues if c.line.pace == "rushed"]
        assert rushed and len([w for w in lines if w.has_class("rushed")]) == len(rushed)
        assert fake.spoken_texts == [c.line.text for c in plan.cues]
        headings = [str(w.content) for w in screen.query(".listen-heading").results(Static)]
        assert len(headings) == 2
        screen.advance(60)
        await pilot.pause()
        assert screen.finished


async def test_silent_when_speech_is_off_and_no_examples_note(tmp_path: Path) -> None:
    fake = FakeBackend()
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en", speed=1000.0,
                    speech=fake)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_listen(pilot, app, "recruiter-call-en")
        await until(pilot, lambda: screen.finished)
        assert fake.calls == []
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        screen = await _open_listen(pilot, app, "test-en-dentist")  # a call without examples
        assert screen.plan is None and _lines(screen) == []
        assert "no example closings" in _text(screen)


async def test_skip_goes_to_the_calm_one_and_stops_the_voice(tmp_path: Path) -> None:
    fake = FakeBackend(delay=5.0)
    app = build_app(tmp_path, ui_lang="en", speed=0.0, speech=fake, speech_on=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_listen(pilot, app, "recruiter-call-en")
        assert screen.plan is not None
        assert fake.speaking  # the first rushed line is being "said"
        stops = fake.stop_count
        await pilot.press("n")
        assert fake.stop_count > stops
        plan = screen.plan
        assert screen.clock == plan.calm_start
        rushed = [c.line.text for c in plan.cues if c.part == "rushed"]
        calm_now = [c.line.text for c in plan.cues if c.part == "calm" and c.at <= plan.calm_start]
        # The rest of the rushed closing was shown, not heard; the calm one has begun.
        assert fake.spoken_texts == rushed[:1] + calm_now
        assert len(_lines(screen)) == len(rushed) + len(calm_now)
        assert len(screen.query(".listen-heading")) == 2


async def test_leaving_stops_the_voice_at_once(tmp_path: Path) -> None:
    fake = FakeBackend(delay=5.0)
    app = build_app(tmp_path, ui_lang="en", speed=0.0, speech=fake, speech_on=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_listen(pilot, app, "recruiter-call-en")
        assert fake.speaking
        stops = fake.stop_count
        await pilot.press("escape")
        assert fake.stop_count > stops and not fake.speaking
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))


async def test_enter_practises_the_call(tmp_path: Path) -> None:
    app = build_app(tmp_path, ui_lang="en", speed=0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_listen(pilot, app, "recruiter-call-en")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CallScreen))
        screen = app.screen
        assert isinstance(screen, CallScreen) and screen.scenario.id == "recruiter-call-en"


async def test_example_text_is_shown_literally(tmp_path: Path) -> None:
    base = sources.find("test-markup", [MARKUP])
    odd = "[b]not bold[/b] and a stray [/x]"
    scenario = dataclasses.replace(base, examples=Examples(
        rushed=(ExampleLine("learner", odd, "rushed"),), calm=(ExampleLine("other", odd),)))
    app = build_app(tmp_path, ui_lang="en", speed=1000.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        app.post_message(ListenTo(scenario))
        await until(pilot, lambda: isinstance(app.screen, ListenScreen) and app.screen.finished)
        assert _text(app.screen).count(odd) == 2  # type: ignore[arg-type]
