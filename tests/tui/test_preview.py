"""Live preview: the call follows its file as it is saved, from where the learner is."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from tests.support.tui import FAST, FIXTURES, build_app, call_screen, learner_turn, until
from tutor.dialogue import Phase
from tutor.scenario.loader import check_file, load_scenario
from tutor.speech import FakeBackend
from tutor.tui.app import TutorApp
from tutor.tui.screens.call import CallScreen
from tutor.tui.screens.problems import ProblemsScreen
from tutor.tui.widgets.transcript import Transcript, TurnLine

OLD_LINE = "Sure. Thursday afternoon would suit me better."
NEW_LINE = "Sure. Friday morning suits me better."


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "dentist.yaml"
    shutil.copy(FIXTURES / "en-snap.yaml", path)
    assert OLD_LINE in path.read_text("utf-8")
    return path


def _shown(screen: CallScreen) -> list[str]:
    return [str(line.render()) for line in screen.query_one(Transcript).query(TurnLine)]


def _problems_shown(app: TutorApp) -> str:
    """What the problems screen says; empty while none is on top or it is not composed yet."""
    if not isinstance(app.screen, ProblemsScreen):
        return ""
    found = app.screen.query("#problems")
    return str(found.first(Static).render()) if found else ""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


async def _at_second_step(pilot: Pilot[None], app: TutorApp) -> CallScreen:
    screen = await learner_turn(pilot, app)
    await pilot.press("1")
    await until(pilot, lambda: screen.call.step.id == "move"
                and screen.call.phase is Phase.LEARNER_TURN)
    return screen


def _replaced_at_move(app: TutorApp, old: CallScreen) -> bool:
    screen = call_screen(app)
    return (screen is not None and screen is not old and screen.call.step.id == "move"
            and screen.call.phase is Phase.LEARNER_TURN)


async def test_a_saved_edit_of_the_other_line_shows_at_the_same_step(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    app = build_app(tmp_path, scenario=load_scenario(path), watch=path, speed=20.0)
    async with app.run_test(size=(100, 30)) as pilot:
        before = await _at_second_step(pilot, app)
        _edit(path, OLD_LINE, NEW_LINE)
        await until(pilot, lambda: _replaced_at_move(app, before))
        after = call_screen(app)
        assert after is not None
        await until(pilot, lambda: NEW_LINE in "\n".join(_shown(after)))  # once it is laid out
        shown = "\n".join(_shown(after))
        assert OLD_LINE not in shown
        assert "Hi Jordan, it's Sam" in shown  # the learner's own line, said again for them


async def test_a_syntax_error_shows_line_and_column_and_fixing_it_resumes(
        tmp_path: Path) -> None:
    path = _copy(tmp_path)
    app = build_app(tmp_path, scenario=load_scenario(path), watch=path, speed=20.0)
    async with app.run_test(size=(100, 30)) as pilot:
        before = await _at_second_step(pilot, app)
        _edit(path, f'{{text: "{OLD_LINE}", pause: 0.8}}', f'{{text: "{NEW_LINE}, pause: 0.8}}')
        [problem] = check_file(path)[1]  # where ``tutor validate`` puts it
        where = f"{path}:{problem.line}:{problem.column}: YAML syntax error"
        # A look between the editor's truncate and its write sees an empty file and says so;
        # the next look, a quarter second on, sees the whole save.
        await until(pilot, lambda: _problems_shown(app).startswith(where))
        assert problem.line > 1 and problem.column > 1
        _edit(path, f'"{NEW_LINE}, pause', f'"{NEW_LINE}", pause')
        await until(pilot, lambda: _replaced_at_move(app, before))
        after = call_screen(app)
        assert after is not None
        await until(pilot, lambda: NEW_LINE in "\n".join(_shown(after)))


async def test_a_file_broken_from_the_start_shows_its_problems_then_the_call(
        tmp_path: Path) -> None:
    path = _copy(tmp_path)
    _edit(path, "next: move", "next: nowhere")
    app = build_app(tmp_path, watch=path, speed=20.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "nowhere" in _problems_shown(app))
        assert f"{path}:" in _problems_shown(app)
        _edit(path, "next: nowhere", "next: move")
        await learner_turn(pilot, app)


async def test_lines_heard_before_a_reload_are_not_spoken_again(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    fake = FakeBackend()
    app = build_app(tmp_path, scenario=load_scenario(path), watch=path, speed=20.0,
                    speech=fake, speech_on=True)
    async with app.run_test(size=(100, 30)) as pilot:
        before = await _at_second_step(pilot, app)
        heard = [c.text for c in fake.calls]
        assert heard == ["Hello, Jordan speaking.", OLD_LINE]
        _edit(path, OLD_LINE, NEW_LINE)
        await until(pilot, lambda: _replaced_at_move(app, before))
        await pilot.pause()
        assert [c.text for c in fake.calls] == heard


async def test_a_reload_keeps_patience_off_for_a_learner_slower_than_the_file_allows(
        tmp_path: Path) -> None:
    path = _copy(tmp_path)
    scenario = load_scenario(path)
    app = build_app(tmp_path, scenario=scenario, watch=path, speed=FAST, patience=math.inf)
    async with app.run_test(size=(100, 30)) as pilot:
        first = await learner_turn(pilot, app)
        # Silent far past the point where the file's own patience would have them hung up on.
        await until(pilot, lambda: first.clock > 10 * scenario.patience)
        assert first.call.ending is None
        await pilot.press("1")
        await until(pilot, lambda: first.call.step.id == "move"
                    and first.call.phase is Phase.LEARNER_TURN)
        _edit(path, OLD_LINE, NEW_LINE)
        # The call on screen replaced, or (the fault this guards against) ended.
        await until(pilot, lambda: call_screen(app) is not first
                    and not isinstance(app.screen, ProblemsScreen))
        after = call_screen(app)
        assert after is not None and after.call.ending is None
        assert after.call.scenario.patience == math.inf
        assert [t.text for t in after.call.transcript if t.speaker == "learner"] == [
            t.text for t in first.call.transcript if t.speaker == "learner"]
