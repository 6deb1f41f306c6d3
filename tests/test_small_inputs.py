"""Small inputs with big effects (issue 13 item 15): a huge choice number, where --speech goes,
and a settings file that is a symlink into a dotfiles repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.paths import MINIMAL
from tests.support.processes import RunTutor
from tutor.cli import parse_args
from tutor.storage import write_atomic


def test_a_choice_number_too_long_to_read_is_no_choice(run_tutor: RunTutor) -> None:
    result = run_tutor("play", MINIMAL, "--plain", input="9" * 5000 + "\n/quit\n")
    assert "Traceback" not in result.stderr
    assert "/wait" not in result.stdout.split("> ", 1)[1]  # not taken for a bad /wait
    assert "There is no line with that number" in result.stdout
    assert "9" * 20 not in result.stdout


@pytest.mark.parametrize("argv", [["play", "x", "--speech"], ["--speech", "play", "x"]])
def test_speech_may_follow_play_or_come_before_it(argv: list[str]) -> None:
    assert parse_args(argv).app_speech is True


def test_play_without_speech_leaves_the_remembered_choice() -> None:
    assert parse_args(["play", "x"]).app_speech is False


def test_writing_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / "settings.json"
    target.write_text("{}", "utf-8")
    config = tmp_path / "config"
    config.mkdir()
    link = config / "settings.json"
    link.symlink_to(target)
    write_atomic(link, '{"theme": "dark"}')
    assert link.is_symlink()
    assert target.read_text("utf-8") == '{"theme": "dark"}'
    assert [p.name for p in dotfiles.iterdir()] == ["settings.json"]  # no temp file left


def test_a_dangling_symlink_is_written_at_its_target(tmp_path: Path) -> None:
    link = tmp_path / "settings.json"
    link.symlink_to(tmp_path / "elsewhere" / "settings.json")
    write_atomic(link, "{}")
    assert link.is_symlink()
    assert (tmp_path / "elsewhere" / "settings.json").read_text("utf-8") == "{}"
