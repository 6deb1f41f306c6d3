"""The library marks the calls that come from a trainer's folder, in the learner's language."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import OptionList

from tests.support.paths import MINIMAL, REFERENCE
from tests.support.tui import build_app, library_ready


async def _library_rows(tmp_path: Path, ui_lang: str) -> dict[str, str]:
    folder = tmp_path / "calls"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "own.yaml")
    shutil.copy(REFERENCE, folder / "copy.yaml")
    app = build_app(tmp_path, library_dirs=[folder], ui_lang=ui_lang)
    async with app.run_test(size=(120, 40)) as pilot:
        library = await library_ready(pilot, app)
        scenarios = library.query_one("#scenarios", OptionList)
        return {c.id: str(scenarios.get_option_at_index(i).prompt)
                for i, c in enumerate(library.shown)}


async def test_a_trainers_own_call_and_one_replacing_a_bundled_call_are_marked(
        tmp_path: Path) -> None:
    rows = await _library_rows(tmp_path, "en")
    assert "your calls" in rows["minimal-call"]
    assert "your calls, replaces a bundled one" in rows["recruiter-call-en"]
    assert "your calls" not in rows["recruiter-call-ru"]


async def test_the_mark_is_in_russian_for_a_russian_learner(tmp_path: Path) -> None:
    rows = await _library_rows(tmp_path, "ru")
    assert "ваши звонки" in rows["minimal-call"]
    assert "вместо встроенного" in rows["recruiter-call-en"]
