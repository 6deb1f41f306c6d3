"""``tutor history`` and ``tutor stats`` as a user runs them: real processes, a real store."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store.attempts import make_attempt
from tests.support.paths import REPO
from tests.support.processes import RunTutor, tutor_env
from tutor.store import open_store


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def env(tmp_path: Path, data: Path) -> dict[str, str]:
    return {"TUTOR_DATA_DIR": str(data), "TUTOR_CONFIG_DIR": str(tmp_path / "config"),
            "TZ": "UTC"}


def _fill(data: Path, *attempts: dict[str, object]) -> list[str]:
    with open_store(data / "attempts.sqlite3") as store:
        return [store.add(a) for a in attempts]


def test_history_with_nothing_recorded_says_so(run_tutor: RunTutor,
                                               env: dict[str, str]) -> None:
    result = run_tutor("history", env=env)
    assert (result.returncode, result.stdout) == (0, "No attempts recorded yet.\n")


def test_history_lists_attempts_newest_first_in_aligned_columns(
        run_tutor: RunTutor, env: dict[str, str], data: Path) -> None:
    _fill(data, make_attempt(scenario_id="sales-call", total=55, passed=False,
                             ended_at="2026-03-01T09:00:00Z"),
          make_attempt(scenario_id="recruiter-call-ru", total=90, front_end="plain",
                       ended_at="2026-03-02T18:30:00Z"))
    result = run_tutor("history", env=env)
    assert result.stdout.splitlines() == [
        "When              Call               Score  Result      Played in",
        "2026-03-02 18:30  recruiter-call-ru     90  passed      plain",
        "2026-03-01 09:00  sales-call            55  not passed  tui",
    ]


def test_history_json_is_every_attempt_with_its_fields(
        run_tutor: RunTutor, env: dict[str, str], data: Path) -> None:
    ids = _fill(data, make_attempt(), make_attempt(scenario_id="other"))
    result = run_tutor("history", "--json", env=env)
    shown = json.loads(result.stdout)
    assert [a["id"] for a in shown] == ids[::-1]
    assert list(shown[0]) == ["id", "scenario_id", "file_hash", "lang", "started_at",
                              "ended_at", "front_end", "transcript", "hung_up_by", "total",
                              "pass_mark", "passed", "principles", "hints_used", "seed",
                              "participant", "workshop"]


def test_history_filters_by_call_and_limits(run_tutor: RunTutor, env: dict[str, str],
                                            data: Path) -> None:
    ids = _fill(data, *(make_attempt(scenario_id=s) for s in "abab"))
    result = run_tutor("history", "--json", "--scenario", "a", "--limit", "1", env=env)
    assert [a["id"] for a in json.loads(result.stdout)] == [ids[2]]


def test_export_and_import_move_attempts_with_no_duplicates(
        run_tutor: RunTutor, env: dict[str, str], data: Path, tmp_path: Path) -> None:
    _fill(data, make_attempt(), make_attempt())
    moved = tmp_path / "moved.jsonl"
    assert run_tutor("history", "--export", moved, env=env).returncode == 0
    other = env | {"TUTOR_DATA_DIR": str(tmp_path / "laptop")}
    first = run_tutor("history", "--import", moved, env=other)
    again = run_tutor("history", "--import", moved, env=other)
    assert first.stdout == "Imported 2 attempt(s); 0 were already here.\n"
    assert again.stdout == "Imported 0 attempt(s); 2 were already here.\n"
    here = run_tutor("history", "--json", env=env).stdout
    assert json.loads(run_tutor("history", "--json", env=other).stdout) == json.loads(here)


def test_importing_a_bad_file_names_the_line(run_tutor: RunTutor, env: dict[str, str],
                                             tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(make_attempt()) + "\n{oops\n", "utf-8")
    result = run_tutor("history", "--import", bad, env=env)
    assert result.returncode == 1
    assert f"{bad}:2:2: not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_clear_in_a_script_needs_yes(run_tutor: RunTutor, env: dict[str, str],
                                     data: Path) -> None:
    _fill(data, make_attempt())
    refused = run_tutor("history", "--clear", env=env)
    assert refused.returncode == 1 and "add --yes" in refused.stderr
    done = run_tutor("history", "--clear", "--yes", env=env)
    assert done.stdout == "Deleted 1 attempt(s).\n"
    assert run_tutor("history", env=env).stdout == "No attempts recorded yet.\n"


@pytest.mark.parametrize(("answer", "left"), [(b"y\n", 0), (b"\n", 1)])
def test_clear_on_a_terminal_asks_first(env: dict[str, str], data: Path, answer: bytes,
                                        left: int) -> None:
    _fill(data, make_attempt())
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "tutor", "history", "--clear"],
                            stdin=child, stdout=child, stderr=child, cwd=REPO,
                            env=tutor_env(env))
    os.close(child)
    seen = b""
    while b"[y/N]" not in seen:
        seen += os.read(main, 1024)
    os.write(main, answer)
    assert proc.wait(timeout=60) == (0 if answer == b"y\n" else 1)
    os.close(main)
    assert b"Delete all 1 recorded attempt(s)?" in seen
    with open_store(data / "attempts.sqlite3") as store:
        assert store.count() == left


def test_stats_shows_each_principle_and_call(run_tutor: RunTutor, env: dict[str, str],
                                             data: Path) -> None:
    _fill(data, make_attempt(total=60, ended_at="2026-03-01T09:00:00Z"),
          make_attempt(total=80, ended_at="2026-03-02T09:00:00Z"))
    result = run_tutor("stats", env=env)
    assert result.stdout.splitlines() == [
        "2 attempt(s) of 1 call(s)",
        "",
        "Principle  Tries  Met  Partly  Missed  First  Latest  Best  Last 5 (%)",
        "pace           2    2       0       0    100     100   100  100 100",
        "thanks         2    0       2       0     50      50    50  50 50",
        "",
        "Call        Tries  Best  Last  Last played",
        "sales-call      2    80    80  2026-03-02 09:00",
    ]


def test_stats_json_has_stable_keys(run_tutor: RunTutor, env: dict[str, str],
                                    data: Path) -> None:
    _fill(data, make_attempt(ended_at="2026-03-01T09:00:00Z"))
    shown = json.loads(run_tutor("stats", "--json", env=env).stdout)
    assert shown["attempts"] == 1
    assert shown["principles"][0] == {
        "principle": "pace", "attempts": 1, "met": 1, "partly": 0, "missed": 0, "first": 100,
        "latest": 100, "best": 100, "trend": [100]}
    assert shown["calls"] == [{"scenario_id": "sales-call", "attempts": 1, "best": 80,
                               "last": 80, "last_at": "2026-03-01T09:00:00.000000+00:00"}]


def test_a_damaged_store_is_moved_aside_and_said(run_tutor: RunTutor, env: dict[str, str],
                                                 data: Path) -> None:
    data.mkdir()
    (data / "attempts.sqlite3").write_bytes(b"\x00not sqlite" * 500)
    result = run_tutor("stats", env=env)
    assert result.returncode == 0
    assert "the attempt store was damaged" in result.stderr
    assert len(list(data.glob("attempts.sqlite3.corrupt-*"))) == 1


def test_a_fifo_where_the_store_belongs_is_refused_without_waiting(
        run_tutor: RunTutor, env: dict[str, str], data: Path) -> None:
    data.mkdir()
    os.mkfifo(data / "attempts.sqlite3")
    result = run_tutor("history", env=env, timeout=30)
    assert result.returncode == 1
    assert result.stderr == (f"tutor: {data / 'attempts.sqlite3'}: is a FIFO (named pipe), "
                             "not an attempt store; remove it or set TUTOR_DATA_DIR to "
                             "another folder\n")


def test_old_best_scores_are_imported_on_first_use(run_tutor: RunTutor, env: dict[str, str],
                                                   tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "scores.json").write_text('{"sales-call": 85}', "utf-8")
    result = run_tutor("stats", "--json", env=env)
    assert json.loads(result.stdout)["calls"][0]["best"] == 85
    assert "1 best score(s) imported" in result.stderr
    assert (config / "scores.json.imported").exists()
