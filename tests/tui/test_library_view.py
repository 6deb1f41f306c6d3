"""What the library shows: the list at once when it was read early, short rows, full details."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

from textual import events
from textual.widgets import Input, OptionList, Static

from tests.store.attempts import make_attempt
from tests.tui.helpers import FIXTURES, build_app, open_library, until
from tutor.store import open_store
from tutor.tui.loading import LibraryData, read_library
from tutor.tui.records import Records
from tutor.tui.screens.library import LibraryScreen
from tutor.tui.widgets.cycle import Cycle


def _library(app: object) -> LibraryScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, LibraryScreen)
    return screen


def _text(widget: Static) -> str:
    return str(widget.render())


async def test_a_library_read_before_start_is_listed_in_the_first_frame(tmp_path: Path) -> None:
    early: Future[LibraryData] = Future()
    early.set_result(read_library([FIXTURES], Records()))
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en", preload=early)
    async with app.run_test(size=(100, 30)) as pilot:
        library = _library(app)  # mounted, before any message of the app is handled
        scenarios = library.query_one("#scenarios", OptionList)
        assert library.loaded
        assert not scenarios.loading  # no "loading" spinner between start and the list
        assert scenarios.option_count == len(library.data.scenarios) > 0
        await until(pilot, lambda: scenarios.has_focus)


async def test_a_library_still_being_read_shows_loading_then_the_list(tmp_path: Path) -> None:
    pending: Future[LibraryData] = Future()
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en", preload=pending)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        library = _library(app)
        assert library.query_one("#scenarios", OptionList).loading
        pending.set_result(read_library([FIXTURES], Records()))
        await until(pilot, lambda: library.loaded)
        scenarios = library.query_one("#scenarios", OptionList)
        assert not scenarios.loading and scenarios.option_count > 0
        await until(pilot, lambda: scenarios.has_focus)


async def test_rows_name_best_and_last_score_and_tries_and_details_say_when_a_call_is_new(
        tmp_path: Path) -> None:
    cards = read_library([FIXTURES], None).scenarios
    played, new = cards[0], cards[1]
    with open_store() as store:
        for total in (87, 60):
            store.add(make_attempt(scenario_id=played.id, total=total))
    async with open_library(tmp_path) as (pilot, library):
        scenarios = library.query_one("#scenarios", OptionList)
        rows = {c.id: str(scenarios.get_option_at_index(i).prompt)
                for i, c in enumerate(library.shown)}
        assert "best 87 · last 60 · tries: 2" in rows[played.id]
        assert "not practised" not in rows[new.id]  # rows stay short; the details say it
        scenarios.highlighted = library.shown.index(new)
        await pilot.pause()
        details = _text(library.query_one("#detail", Static))
        assert new.title in details and "not practised yet" in details
        assert new.summary.split()[0] in details


async def test_long_titles_are_cut_to_one_line(tmp_path: Path) -> None:
    async with open_library(tmp_path, size=(80, 24)) as (pilot, library):
        scenarios = library.query_one("#scenarios", OptionList)
        # Two lines per call (title, facts) whatever the width: more calls fit on screen. The
        # size is read once layout has run (read before it, a busy machine saw a stale one).
        await until(pilot, lambda: scenarios.option_count > 0
                    and scenarios.virtual_size.height == 2 * scenarios.option_count)


async def test_clicking_the_language_control_filters_the_list(tmp_path: Path) -> None:
    async with open_library(tmp_path) as (pilot, library):
        control = library.query_one("#lang-filter", Cycle)
        assert "All languages" in _text(control)
        await pilot.click("#lang-filter")
        await until(pilot, lambda: bool(library.shown) and
                    all(s.lang == "en" for s in library.shown))
        assert control.value == "en" and "English" in _text(control)


async def test_enter_on_the_language_control_moves_to_the_next_language(
        tmp_path: Path) -> None:
    async with open_library(tmp_path, ui_lang="ru") as (pilot, library):
        control = library.query_one("#lang-filter", Cycle)
        control.focus()
        for expected in ("en", "ru", "all"):
            await pilot.press("enter")
            assert control.value == expected
        assert "Язык: Все языки" in _text(control)


def _burst(app: object, text: str) -> None:
    """Send keys the way a paste or tmux does: all queued before the first is handled."""
    for ch in text:
        key = {"/": "slash", " ": "space", "'": "apostrophe"}.get(ch, ch)
        app.post_message(events.Key(key, ch))  # type: ignore[attr-defined]


async def test_letters_typed_in_a_burst_after_slash_all_reach_the_search_box(
        tmp_path: Path) -> None:
    async with open_library(tmp_path) as (pilot, library):
        search = library.query_one("#search", Input)
        _burst(library.app, "/l dent")  # "l" would open the listen screen if the list got it
        await until(pilot, lambda: search.value == "l dent")
        await pilot.press("i", "s", "t")  # and typing goes on after them, not over them
        assert search.value == "l dentist"
        assert library.app.screen is library and search.has_focus


async def test_slash_then_typing_replaces_the_old_query_however_fast(tmp_path: Path) -> None:
    async with open_library(tmp_path) as (pilot, library):
        search = library.query_one("#search", Input)
        await pilot.press("slash", "o", "l", "d", "escape")
        _burst(library.app, "/dent")
        await until(pilot, lambda: search.value == "dent")
        await pilot.press("i", "s", "t")
        assert search.value == "dentist"
        await pilot.press("escape", "slash", "x")  # typed at a person's pace: the same
        assert search.value == "x"


async def test_after_leaving_the_search_box_letters_act_on_the_list_again(
        tmp_path: Path) -> None:
    async with open_library(tmp_path) as (pilot, library):
        await pilot.press("slash", "d", "e", "n", "t", "escape")
        assert library.query_one("#scenarios", OptionList).has_focus
        await pilot.press("l")  # the listen key, not a letter for the box
        await until(pilot, lambda: type(library.app.screen).__name__ == "ListenScreen")
        assert library.query_one("#search", Input).value == "dent"


async def test_down_from_the_search_box_moves_into_the_results(tmp_path: Path) -> None:
    async with open_library(tmp_path) as (pilot, library):
        await pilot.press("slash", *"the", "down")
        results = library.query_one("#scenarios", OptionList)
        assert results.has_focus
        assert library.query_one("#search", Input).value == "the"
        assert library.app.screen is library  # nothing was started
