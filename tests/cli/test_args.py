"""Reading the command line: the quick path for opening the app reads it as the full parser does."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tutor.cli import COMMANDS, _parser, parse_args


def _full(argv: list[str]) -> argparse.Namespace:
    return _parser().parse_args(argv)


def _subcommands() -> tuple[str, ...]:
    parser = _parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return tuple(sub.choices)


def test_the_command_list_names_every_subcommand() -> None:
    assert _subcommands() == tuple(COMMANDS)


@pytest.mark.parametrize("argv", [
    [],
    ["--ui-lang", "ru"],
    ["--ui", "en", "--speed", "3", "--speech"],
    ["--speed", "2", "--ui-l", "ru"],
    ["--speed=0.5"],
    ["list", "--lang", "en"],
    ["--ui-lang", "en", "play", "sales-call", "--plain"],
    ["check", "--json", "-"],
    ["run", "recruiter-call-en", "--path", "best", "--json"],
    ["--scenarios", ".", "run", "x.yaml", "--script", "-", "--from", "closing", "--seed", "3"],
    ["history", "--export", "-"],
    ["lint", "scenarios", "--strict"],
    ["workshop", "report", "results.sqlite3", "--format", "csv"],
])
def test_opening_the_app_or_a_command_reads_the_same_as_the_full_parser(
        argv: list[str]) -> None:
    assert parse_args(argv) == _full(argv)


@pytest.mark.parametrize("argv", [
    ["--speed", "abc"],
    ["--ui-lang", "xx"],
    ["--ui-lang"],
    ["lisst"],
    ["--nope"],
    ["--scenarios", "/no/such/folder"],
    ["--sp", "2"],  # ambiguous: --speed or --speech
    ["--=x"],
    ["list", "--bogus"],
    ["run"],
    ["run", "x", "--script", "a", "--path", "best"],
    ["speak", "hello", "--lang", "xx", "--out", "a.wav"],
])
def test_a_mistake_gets_the_full_parsers_message(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as quick:
        parse_args(argv)
    said = capsys.readouterr().err
    with pytest.raises(SystemExit) as full:
        _full(argv)
    assert (quick.value.code, said) == (full.value.code, capsys.readouterr().err)
    assert quick.value.code == 2 and "error:" in said


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["--he"]])
def test_help_lists_the_commands(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        parse_args(argv)
    shown = capsys.readouterr().out
    assert done.value.code == 0
    assert all(command in shown for command in COMMANDS)


def test_a_folder_named_like_a_command_is_read_as_the_full_parser_reads_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "list").mkdir()
    monkeypatch.chdir(tmp_path)
    for argv in (["--scenarios", "list"], ["--scenarios", "list", "list"]):
        assert parse_args(argv) == _full(argv)
