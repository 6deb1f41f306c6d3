"""The record in the app: the progress screen, past attempts, replay, practise next, and a
store that cannot be used."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from tests.support.processes import RunTutor
from tests.support.tui import (
    FAST,
    FIXTURES,
    build_app,
    dentist,
    library_ready,
    open_library,
    play,
    said,
    seed_history,
    until,
)
from tutor.dialogue import Call
from tutor.feedback import evaluate
from tutor.session import finish
from tutor.store import AttemptStore, StoreError, StoreWriteError
from tutor.store.record import Attempt
from tutor.tui.app import TutorApp
from tutor.tui.next_plan import call_facts
from tutor.tui.records import Records
from tutor.tui.screens.attempt import AttemptScreen
from tutor.tui.screens.call import CallScreen
from tutor.tui.screens.library import LibraryScreen
from tutor.tui.screens.listen import ListenScreen
from tutor.tui.screens.progress import PAGE, ProgressScreen, bars


def _text(widget: Static) -> str:
    return str(widget.render())


def test_a_trend_has_one_bar_per_attempt_taller_for_more_points() -> None:
    assert bars((0, 50, 100)) == "▁▅█"


async def test_the_progress_screen_lists_attempts_newest_first(tmp_path: Path) -> None:
    seed_history()
    async with open_library(tmp_path, size=(80, 24)) as (pilot, library):
        await pilot.press("p")
        app = pilot.app
        await until(pilot, lambda: isinstance(app.screen, ProgressScreen) and app.screen.ready)
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        assert [a["id"] for a in screen.attempts][:2] == ["seeded-5", "seeded-4"]
        assert screen.query_one("#attempts", DataTable).row_count == 6
        trends = _text(screen.query_one("#trends", Static))
        assert "Close as with an old friend" in trends and "▁▁▁▁▁" in trends
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is library)


async def _progress_shown(pilot: Pilot[None]) -> ProgressScreen:
    """Press the progress key on the library; the screen once its first page is shown."""
    app = pilot.app
    await pilot.press("p")
    await until(pilot, lambda: isinstance(app.screen, ProgressScreen) and app.screen.ready)
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ProgressScreen)
    return screen


async def test_the_list_reads_the_next_page_as_the_cursor_nears_its_end(tmp_path: Path) -> None:
    seed_history(2 * PAGE + 5)
    async with open_library(tmp_path, size=(80, 24)) as (pilot, _):
        screen = await _progress_shown(pilot)
        table = screen.query_one("#attempts", DataTable)
        assert table.row_count == PAGE  # a screenful and some to spare, not every attempt
        await pilot.press("ctrl+end")
        await until(pilot, lambda: table.row_count == 2 * PAGE)
        await pilot.press("ctrl+end")
        await until(pilot, lambda: table.row_count == 2 * PAGE + 5)
        assert [a["id"] for a in screen.attempts] == [
            f"seeded-{n}" for n in reversed(range(2 * PAGE + 5))]
        await pilot.press("ctrl+end", "enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, AttemptScreen))
        opened = pilot.app.screen
        assert isinstance(opened, AttemptScreen) and opened.attempt["id"] == "seeded-0"


async def test_a_tall_view_reads_pages_until_it_is_full(tmp_path: Path) -> None:
    seed_history(2 * PAGE + 5)
    async with open_library(tmp_path, size=(80, 70)) as (pilot, _):
        screen = await _progress_shown(pilot)
        table = screen.query_one("#attempts", DataTable)
        await until(pilot, lambda: table.row_count == 2 * PAGE + 5)


def _store(pilot: Pilot[None]) -> AttemptStore:
    app = pilot.app
    assert isinstance(app, TutorApp)
    store = app.records.store()
    assert store is not None
    return store


def _pages_read(pilot: Pilot[None], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on, the attempt after which each page of the list was read, in order."""
    store = _store(pilot)
    read = store.attempts
    afters: list[str] = []

    def counted(*args: Any, **kwargs: Any) -> list[Attempt]:
        if kwargs.get("after") is not None:
            afters.append(kwargs["after"])
        page: list[Attempt] = read(*args, **kwargs)
        return page

    monkeypatch.setattr(store, "attempts", counted)
    return afters


async def _settled(pilot: Pilot[None], screen: ProgressScreen) -> DataTable[Any]:
    """Wait until the trends and the list are laid out and the list has measured its rows,
    and any page that asked for is read; the list."""
    table: DataTable[Any] = screen.query_one("#attempts", DataTable)
    trends = screen.query_one("#trends", Static)
    await until(pilot, lambda: trends.size.height > 0 and table.size.height > 0
                and table.virtual_size.height == table.row_count + table.header_height)
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return table


@asynccontextmanager
async def _paging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int
                  ) -> AsyncIterator[tuple[Pilot[None], ProgressScreen, list[str]]]:
    """``count`` attempts on the progress screen at 80x24, once its layout has settled; the
    pages read after the first, as ``_pages_read`` lists them."""
    seed_history(count)
    async with open_library(tmp_path, size=(80, 24)) as (pilot, _):
        pages = _pages_read(pilot, monkeypatch)
        screen = await _progress_shown(pilot)
        await _settled(pilot, screen)
        yield pilot, screen, pages


async def _scrolled_to_end(pilot: Pilot[None], screen: ProgressScreen, rows: int) -> None:
    """Scroll the view (not the cursor) to the end of the list; wait for ``rows`` rows."""
    table = screen.query_one("#attempts", DataTable)
    table.scroll_end(animate=False, immediate=True)
    await until(pilot, lambda: table.row_count == rows)
    await _settled(pilot, screen)
    assert table.cursor_row == 0


async def test_a_view_far_from_the_end_reads_no_page_after_the_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # At 80x24 the list as laid out beside the loading line would show its last rows; the
    # trends, laid out, push them out of view: only the settled layout counts.
    async with _paging(tmp_path, monkeypatch, 3 * PAGE) as (_, screen, pages):
        table = screen.query_one("#attempts", DataTable)
        assert table.row_count - table.scrollable_content_region.height >= 5
        assert (table.row_count, pages) == (PAGE, [])


async def test_scrolling_the_view_to_the_end_reads_exactly_the_next_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async with _paging(tmp_path, monkeypatch, 3 * PAGE) as (pilot, screen, pages):
        await _scrolled_to_end(pilot, screen, 2 * PAGE)
        assert pages == [f"seeded-{2 * PAGE}"]


async def test_every_past_attempt_is_reached_by_scrolling_page_by_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    count = 3 * PAGE + 3
    async with _paging(tmp_path, monkeypatch, count) as (pilot, screen, pages):
        for rows in (2 * PAGE, 3 * PAGE, count):
            await _scrolled_to_end(pilot, screen, rows)
        assert [a["id"] for a in screen.attempts] == [
            f"seeded-{n}" for n in reversed(range(count))]
        assert pages == [f"seeded-{count - n * PAGE}" for n in (1, 2, 3)]


async def test_a_tall_view_fills_even_when_the_trends_keep_the_loading_lines_height(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # One principle recorded: its line takes the loading line's place and height, so the
    # list keeps its size when the record arrives.
    seed_history(2 * PAGE + 5)
    async with open_library(tmp_path, size=(80, 70)) as (pilot, _):
        store = _store(pilot)
        summary = store.principles
        monkeypatch.setattr(store, "principles", lambda: summary()[:1])
        screen = await _progress_shown(pilot)
        table = screen.query_one("#attempts", DataTable)
        await until(pilot, lambda: table.row_count == 2 * PAGE + 5)
        assert screen.query_one("#trends", Static).size.height == 1  # as the loading line


async def test_a_terminal_made_taller_reads_pages_until_the_view_is_full(
        tmp_path: Path) -> None:
    seed_history(2 * PAGE + 5)
    async with open_library(tmp_path, size=(80, 24)) as (pilot, _):
        screen = await _progress_shown(pilot)
        table = await _settled(pilot, screen)
        assert table.row_count == PAGE
        await pilot.resize_terminal(80, 70)
        await until(pilot, lambda: table.row_count == 2 * PAGE + 5)


async def test_a_page_that_cannot_be_read_is_said_and_the_list_keeps_what_it_has(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed_history(2 * PAGE + 5)
    async with open_library(tmp_path, size=(80, 24)) as (pilot, _):
        screen = await _progress_shown(pilot)
        store = screen.records.store()
        assert store is not None

        def unreadable(*args: object, **kwargs: object) -> list[object]:
            raise StoreError("attempts.sqlite3: could not read the attempt store (I/O error)")

        monkeypatch.setattr(store, "attempts", unreadable)
        await pilot.press("ctrl+end")
        await until(pilot, lambda: bool(said(pilot.app, "cannot be read")))
        table = screen.query_one("#attempts", DataTable)
        assert table.row_count == PAGE
        await pilot.press("up", "down")  # near the end again: not read again, not said again
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert len(said(pilot.app, "cannot be read")) == 1


async def test_a_past_attempt_opens_as_it_was_and_plays_back(tmp_path: Path) -> None:
    seed_history()
    async with open_library(tmp_path, size=(80, 24), speed=FAST) as (pilot, _):
        app = pilot.app
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, ProgressScreen) and app.screen.ready)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, AttemptScreen))
        shown = " ".join(_text(s) for s in app.screen.query(Static))
        assert "Seeded reason for warmth." in shown
        assert "No, that's all. Bye!" in shown and "Dr Reed" in shown
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ListenScreen))
        replay = app.screen
        assert isinstance(replay, ListenScreen)
        await until(pilot, lambda: replay.finished)
        assert replay.plan is not None
        assert [c.line.text for c in replay.plan.cues if c.part == "rushed"] == [
            "Anything else I can do for you?", "No, that's all. Bye!"]
        assert any(c.part == "calm" for c in replay.plan.cues) == (
            dentist().examples is not None)


async def test_library_filters_calls_not_played_and_cycles_the_sort(tmp_path: Path) -> None:
    seed_history()
    async with open_library(tmp_path, size=(100, 30)) as (pilot, library):
        played = {c.id for c in library.shown if c.id in library.data.calls}
        assert played
        await pilot.press("u")
        assert not {c.id for c in library.shown} & played
        subtitle = library.query_one("#scenarios", OptionList).border_subtitle
        assert "not practised yet" in str(subtitle)
        await pilot.press("u", "o")
        assert library.sort == "difficulty"
        order = ["easy", "medium", "hard"]
        ranks = [order.index(c.difficulty) for c in library.shown]
        assert ranks == sorted(ranks)
        await pilot.press("o")
        assert library.sort == "weakest"
        await pilot.press("o")
        assert library.sort == "listed"


async def test_practise_next_is_named_and_n_starts_that_call(tmp_path: Path) -> None:
    seed_history()
    async with open_library(tmp_path, size=(100, 30), speed=FAST) as (pilot, library):
        app = pilot.app
        await until(pilot, lambda: library.plan is not None)
        assert library.plan is not None and library.plan.suggestion is not None
        suggestion = library.plan.suggestion
        assert suggestion.principle == "warmth"
        await until(pilot, lambda: "Close as with an old friend" in _text(
            library.query_one("#practise-next", Static)))
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, CallScreen))
        assert isinstance(app.screen, CallScreen)
        assert app.screen.call.scenario.id == suggestion.scenario_id


@pytest.mark.parametrize(("lang", "words"), [("en", "cannot be saved"),
                                             ("ru", "не сохраняются")])
async def test_a_store_that_cannot_be_opened_is_said_once_and_the_app_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, words: str) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", "utf-8")
    monkeypatch.setenv("TUTOR_DATA_DIR", str(blocker))
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang=lang, speed=FAST,
                    scenario=dentist())
    async with app.run_test(size=(100, 30)) as pilot:
        await play(pilot, app, "calm")
        await app.workers.wait_for_complete()
        await pilot.press("escape")  # from the debrief to the library
        await library_ready(pilot, app)
        await pilot.press("enter")
        await play(pilot, app, "calm")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(said(app, words)) == 1, said(app, "")


async def test_calls_from_the_app_plain_and_run_all_show_in_history_and_the_best_score(
        tmp_path: Path, run_tutor: RunTutor) -> None:
    reference = Path(__file__).parents[1] / "fixtures" / "reference-call.yaml"
    script = tmp_path / "rushed.txt"
    script.write_text("choose 1\nchoose 1\nchoose 1\nchoose 2\nhang up\n", "utf-8")
    assert run_tutor("run", reference, "--script", script).returncode == 0
    assert run_tutor("play", reference, "--plain", input="1\n" * 6 + "\n\n").returncode == 0
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en", speed=FAST,
                    scenario=dentist())
    async with app.run_test(size=(100, 30)) as pilot:
        debrief = await play(pilot, app, "calm")
        await app.workers.wait_for_complete()
        await pilot.press("escape")  # from the debrief to the library
        library = await library_ready(pilot, app)
        await until(pilot, lambda: "test-en-dentist" in library.data.scores)
        assert library.data.scores["test-en-dentist"] == debrief.evaluation.total
        assert library.data.scores["recruiter-call-en"] == 100  # plain beat the rushed run
        assert isinstance(app.screen, LibraryScreen)
    history = run_tutor("history", "--json")
    attempts = json.loads(history.stdout)
    assert sorted(a["front_end"] for a in attempts) == ["plain", "run", "tui"]
    assert all(a["principles"] and a["total"] >= 0 for a in attempts)


async def test_old_best_scores_are_imported_said_once_and_shown_in_the_library(
        tmp_path: Path) -> None:
    config = Path(os.environ["TUTOR_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "scores.json").write_text(json.dumps({"test-en-dentist": 77}), "utf-8")
    async with open_library(tmp_path) as (pilot, library):
        await until(pilot, lambda: bool(said(pilot.app, "imported")))
        assert library.data.scores["test-en-dentist"] == 77
        assert len(said(pilot.app, "imported")) == 1
        assert not (config / "scores.json").exists()


def test_a_store_that_cannot_be_written_is_said_once(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    records = Records(tmp_path / "attempts.sqlite3")
    store = records.store()
    assert store is not None

    def refuse(attempt: object) -> str:
        raise StoreWriteError("attempts.sqlite3: could not record the attempt (disk full)")

    monkeypatch.setattr(store, "add", refuse)
    call = played_call()
    assert not records.keep(finish(call, evaluate(call), front_end="tui"))
    assert not records.keep(finish(call, evaluate(call), front_end="tui"))
    news = records.news()
    assert [(n.kind, "disk full" in n.detail) for n in news] == [("unwritable", True)]
    records.close()


def played_call() -> Call:
    from tutor.play.paths import play as play_path
    from tutor.signals import Analyzer

    return play_path(Call(dentist(), Analyzer()), "best")


async def test_the_debrief_names_what_to_practise_next_and_p_shows_this_attempt(
        tmp_path: Path) -> None:
    app = build_app(tmp_path, library_dirs=[FIXTURES], ui_lang="en", speed=FAST,
                    scenario=dentist())
    async with app.run_test(size=(80, 24)) as pilot:
        debrief = await play(pilot, app, "rushed")
        await app.workers.wait_for_complete()
        line = debrief.query_one("#practise-next", Static)
        await until(pilot, lambda: "Practise next:" in _text(line))
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, ProgressScreen) and app.screen.ready)
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        assert [(a["scenario_id"], a["total"]) for a in screen.attempts] == [
            ("test-en-dentist", debrief.evaluation.total)]
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is debrief)


def test_a_calls_facts_are_read_again_only_when_its_file_changes(tmp_path: Path) -> None:
    folder = tmp_path / "calls"
    folder.mkdir()
    call = folder / "dentist.yaml"
    call.write_bytes((FIXTURES / "en-snap.yaml").read_bytes())
    first = next(c for c in call_facts([folder]) if c.path == call)
    assert next(c for c in call_facts([folder]) if c.path == call) is first
    call.write_text(call.read_text("utf-8").replace("The dentist's reminder", "Moved"), "utf-8")
    again = next(c for c in call_facts([folder]) if c.path == call)
    assert again is not first and again.title == "Moved"
