"""The call's map: F3 on the call shows its steps and ways out, the current step marked."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Tree

from tests.support.tui import build_app, dentist, learner_turn, until
from tutor.dialogue import Phase
from tutor.tui.screens.call_map import HERE, CallMapScreen

DENTIST = dentist()


def _branches(screen: CallMapScreen) -> dict[str, list[str]]:
    tree: Tree[str] = screen.query_one("#call-map", Tree)
    return {str(b.label): [str(leaf.label) for leaf in b.children] for b in tree.root.children}


async def _map_at_second_step(tmp_path: Path, ui_lang: str) -> dict[str, list[str]]:
    """The map's steps and their ways out, opened at the call's second step, then closed."""
    app = build_app(tmp_path, scenario=DENTIST, speed=50.0, ui_lang=ui_lang)
    async with app.run_test(size=(120, 40)) as pilot:
        call = await learner_turn(pilot, app)
        await pilot.press("1")
        await until(pilot, lambda: call.call.step.id == "move"
                    and call.call.phase is Phase.LEARNER_TURN)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, CallMapScreen))
        shown = app.screen
        assert isinstance(shown, CallMapScreen)
        branches = _branches(shown)
        held = call.clock
        await pilot.pause(0.2)  # 10 simulated seconds would pass if the clock ran
        assert call.clock == held  # the call holds while the map is open
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is call)
        return branches


async def test_f2_shows_every_step_with_its_ways_out_and_marks_where_the_call_is(
        tmp_path: Path) -> None:
    branches = await _map_at_second_step(tmp_path, "en")
    assert list(branches) == ["hello (start)", f"{HERE}move (closing)", "help (closing)"]
    move = branches[f"{HERE}move (closing)"]
    assert move[0] == ("1. Great, that's Thursday the 9th at 3 pm. I'll te… "
                       "(follows next_steps) → help")  # cut short: where it leads stays seen
    assert move[1] == ("2. OK, sorted, we'll text you, bye. "
                       "(breaks pace, next_steps, warmth, last_word) → end")
    assert branches["help (closing)"][-1] == "typed: otherwise → end"


async def test_the_map_speaks_the_interface_language(tmp_path: Path) -> None:
    branches = await _map_at_second_step(tmp_path, "ru")
    assert f"{HERE}move (завершение)" in branches
    assert branches["help (завершение)"][-1] == "свой ответ: иначе → конец"
