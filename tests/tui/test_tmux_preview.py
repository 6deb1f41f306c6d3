"""Live preview in a real terminal: the installed ``tutor play FILE --watch`` in tmux."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.tui import FIXTURES
from tests.tui.test_tmux import TMUX, TUTOR, Term, tutor_in_tmux
from tutor.scenario.loader import check_file

pytestmark = pytest.mark.skipif(TMUX is None or not TUTOR.exists(),
                                reason="needs tmux and the installed tutor script")

OLD_LINE = "Sure. Thursday afternoon would suit me better."
NEW_LINE = "Sure. Friday morning suits me better."


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Term, Path]]:
    """``tutor play dentist.yaml --watch`` in tmux, run in the folder of that copy."""
    path = tmp_path / "dentist.yaml"
    shutil.copy(FIXTURES / "en-snap.yaml", path)
    # A relative path: the problems name it short enough to stay on one screen line. At 20
    # times speed a busy machine's pause between keys is long silence: never mind it.
    with tutor_in_tmux(tmp_path, "--patience off play dentist.yaml --watch",
                       cwd=tmp_path) as term:
        yield term, path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_edits_show_at_the_same_step_and_a_syntax_error_shows_where_it_is(
        watched: tuple[Term, Path]) -> None:
    term, path = watched
    term.wait_for("Your turn")
    term.keys("1")
    term.wait_for(OLD_LINE)
    term.wait_for("Your turn")
    _edit(path, OLD_LINE, NEW_LINE)
    shown = term.wait_for(NEW_LINE)
    assert OLD_LINE not in shown
    assert "Hi Jordan, it's Sam" in shown  # still at the second step, the first line said
    term.wait_for("Your turn")

    _edit(path, f'"{NEW_LINE}", pause', f'"{NEW_LINE}, pause')
    [problem] = check_file(path)[1]
    shown = term.wait_for(f"dentist.yaml:{problem.line}:{problem.column}: YAML syntax error")
    assert "has problems" in shown

    _edit(path, f'"{NEW_LINE}, pause', f'"{NEW_LINE}", pause')
    shown = term.wait_gone("YAML syntax error")
    term.wait_for("Your turn")
    assert NEW_LINE in term.screen()
    term.keys("C-q")
