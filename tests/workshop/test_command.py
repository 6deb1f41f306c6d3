"""``tutor workshop`` on the command line: its messages when it cannot start."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support.processes import RunTutor
from tutor.cli import main


def test_a_missing_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    # As if textual-serve were not installed: importing the server fails.
    monkeypatch.setitem(sys.modules, "tutor.workshop.server", None)
    assert main(["workshop"]) == 1
    assert "pip install 'tutor[workshop]'" in capsys.readouterr().err


def test_a_bad_host_is_explained_without_a_traceback(run_tutor: RunTutor) -> None:
    result = run_tutor("workshop", "--host", "not-an-address")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "--host 'not-an-address': give an IP address" in result.stderr


def test_a_results_store_that_cannot_be_made_is_explained(run_tutor: RunTutor,
                                                          tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    result = run_tutor("workshop", "--db", str(blocker / "r.sqlite3"), "--port", "0")
    assert result.returncode == 1
    assert "cannot create the results store" in result.stderr and "--db" in result.stderr


@pytest.mark.parametrize("command", [("workshop", "--port", "0", "--db"),
                                     ("workshop", "report")])
def test_a_database_that_cannot_be_reached_is_one_line_without_the_password(
        run_tutor: RunTutor, command: tuple[str, ...]) -> None:
    # Port 1 on this machine: nothing listens there.
    result = run_tutor(*command, "postgresql://trainer:s3cret-pw@127.0.0.1:1/workshop")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "postgresql://trainer@127.0.0.1:1/workshop: cannot connect" in result.stderr
    assert "s3cret-pw" not in result.stderr


def test_a_bad_code_is_explained(run_tutor: RunTutor) -> None:
    result = run_tutor("workshop", "--code", "a b")
    assert result.returncode == 1
    assert "4 to 32 letters or digits" in result.stderr


def test_the_full_app_still_needs_a_terminal_outside_a_workshop(run_tutor: RunTutor) -> None:
    result = run_tutor()
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr
