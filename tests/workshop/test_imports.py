"""``tutor workshop import``: participants' own exports merged into a workshop's store.

The exports are made the way a participant makes them: real ``tutor run`` plays recorded
under a data folder of their own, then ``tutor history --export`` and ``run --json``.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from tests.support.paths import MINIMAL
from tests.support.processes import RunTutor, run_tutor_process, tutor_env
from tutor.dialogue import Call
from tutor.export import write_reports
from tutor.feedback import evaluate
from tutor.scenario import sources
from tutor.signals import Analyzer
from tutor.store import open_store
from tutor.workshop.imports import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_LINES,
    Refused,
    new_plays,
    read_attempts,
)
from tutor.workshop.results import attempts

CALL = "recruiter-call-en"
BEST = "choose 1\nchoose 2\nchoose 1\nchoose 1\nchoose 2\nchoose 3\n"
RUSHED = "choose 2\nchoose 1\nchoose 2\nchoose 2\nhang up\n"


@dataclass(frozen=True)
class Exports:
    """What two participants exported on their own laptops."""

    history: Path  # Alice's 'tutor history --export': two calls, best then rushed
    history_json: Path  # the same attempts from 'tutor history --json'
    report: Path  # Bob's 'tutor run --json' of the best path
    own_report: Path  # Alice's 'tutor run --json' of her first call, also in her history


def _tutor(data: Path, *args: str, input: str | None = None) -> str:
    result = run_tutor_process(*args, input=input, env={"TUTOR_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Exports:
    folder = tmp_path_factory.mktemp("exports")
    alice, bob = folder / "alice-data", folder / "bob-data"
    (folder / "alice-report.json").write_text(
        _tutor(alice, "run", CALL, "--script", "-", "--json", input=BEST), "utf-8")
    _tutor(alice, "run", CALL, "--script", "-", input=RUSHED)
    _tutor(alice, "history", "--export", str(folder / "alice.jsonl"))
    (folder / "alice.json").write_text(_tutor(alice, "history", "--json"), "utf-8")
    (folder / "bob.json").write_text(
        _tutor(bob, "run", CALL, "--script", "-", "--json", "--no-record", input=BEST),
        "utf-8")
    return Exports(folder / "alice.jsonl", folder / "alice.json", folder / "bob.json",
                   folder / "alice-report.json")


@pytest.fixture
def files(exports: Exports, tmp_path: Path) -> Exports:
    """A fresh copy of the exports for one test (the report keeps its modification time)."""
    return Exports(*(Path(shutil.copy2(p, tmp_path / p.name)) for p in
                     (exports.history, exports.history_json, exports.report,
                      exports.own_report)))


def _history_ids(path: Path) -> set[str]:
    return {json.loads(line)["id"] for line in path.read_text("utf-8").splitlines()}


# -- the two kinds of file -------------------------------------------------------------


def test_a_history_file_is_merged_under_the_participant_named(run_tutor: RunTutor,
                                                              files: Exports) -> None:
    db = files.history.parent / "results.sqlite3"
    result = run_tutor("workshop", "import", db, files.history, "--participant", "Alice")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{files.history}: 2 added, 0 already there (history)",
        "1 file: 2 attempt(s) added, 0 already there"]
    kept = attempts(db)
    assert {a["id"] for a in kept} == _history_ids(files.history)
    assert [(a["participant"], a["total"], a["front_end"]) for a in kept] == [
        ("Alice", 100, "run"), ("Alice", 13, "run")]


def test_a_report_becomes_an_attempt_with_its_scores(run_tutor: RunTutor,
                                                     files: Exports) -> None:
    db = files.report.parent / "results.sqlite3"
    result = run_tutor("workshop", "import", db, files.report, "--participant", "Bob")
    assert result.returncode == 0, result.stderr
    assert f"{files.report}: 1 added, 0 already there (report)" in result.stdout
    report = json.loads(files.report.read_text("utf-8"))
    [kept] = attempts(db)
    assert (kept["participant"], kept["scenario_id"], kept["total"], kept["passed"]) == (
        "Bob", CALL, report["evaluation"]["total"], True)
    assert [(p["id"], p["verdict"], p["points"]) for p in kept["principles"]] == [
        (p["principle"], p["verdict"], p["points"]) for p in report["evaluation"]["principles"]]
    assert [t["text"] for t in kept["transcript"]] == [t["text"] for t in report["transcript"]]
    assert kept["hung_up_by"] == "other"


def test_the_apps_export_is_read_as_a_report_played_in_the_app(tmp_path: Path) -> None:
    # The debrief's export key writes this pair (tutor.export.write_reports).
    call = Call(sources.find(str(MINIMAL), []), Analyzer([]))
    call.choose(1)
    call.choose(1)
    call.run_out()
    md, js = write_reports(call, evaluate(call), tmp_path)
    _, [attempt], _ = read_attempts(js, "Dana")
    assert (attempt["scenario_id"], attempt["front_end"], attempt["participant"]) == (
        "minimal-call", "tui", "Dana")
    assert attempt["other_name"] == "Sam"
    with pytest.raises(Refused) as refused:
        read_attempts(md, "Dana")
    assert refused.value.problems[0].fix.startswith("import the .json report saved beside it")


def test_a_report_ends_when_its_file_was_written(files: Exports) -> None:
    _, [attempt], _ = read_attempts(files.report, "Bob")
    written = files.report.stat().st_mtime
    assert datetime.fromisoformat(attempt["ended_at"]).timestamp() == pytest.approx(written)
    assert attempt["started_at"] < attempt["ended_at"]


def test_the_history_as_one_json_array_is_read_too(files: Exports) -> None:
    kind, read, _ = read_attempts(files.history_json, "Alice")
    assert kind == "history"
    assert {a["id"] for a in read} == _history_ids(files.history)


# -- no duplicates ---------------------------------------------------------------------


def _named(history: Path, participant: str) -> Path:
    """A copy of ``history`` whose attempts name who played them, as a workshop seat's do."""
    named = history.with_name(f"{participant.lower()}.jsonl")
    named.write_text("".join(json.dumps(json.loads(line) | {"participant": participant}) + "\n"
                             for line in history.read_text("utf-8").splitlines()), "utf-8")
    return named


def test_a_second_import_adds_nothing(run_tutor: RunTutor, files: Exports) -> None:
    db = files.history.parent / "results.sqlite3"
    carol = _named(files.history, "Carol")
    args = ("workshop", "import", db, carol, files.report, "--participant", "Bob")
    assert run_tutor(*args).returncode == 0
    again = run_tutor(*args)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [
        f"{carol}: 0 added, 2 already there (history)",
        f"{files.report}: 0 added, 1 already there (report)",
        "2 files: 0 attempt(s) added, 3 already there"]
    assert len(attempts(db)) == 3


def test_a_report_laid_out_on_one_line_is_the_same_attempt(files: Exports,
                                                           tmp_path: Path) -> None:
    compact = tmp_path / "bob-compact.json"
    compact.write_text(json.dumps(json.loads(files.report.read_text("utf-8"))), "utf-8")
    [one] = read_attempts(files.report, "Bob")[1]
    [other] = read_attempts(compact, "Bob")[1]
    assert one["id"] == other["id"]


def test_the_array_and_the_lines_of_one_history_add_up_once(files: Exports,
                                                           tmp_path: Path) -> None:
    with open_store(tmp_path / "r.sqlite3") as store:
        assert store.add_many(read_attempts(files.history, "A")[1]) == (2, 0)
        assert store.add_many(read_attempts(files.history_json, "A")[1]) == (0, 2)


@pytest.mark.parametrize("history_first", [True, False], ids=["history-first", "report-first"])
def test_a_call_both_in_a_report_and_the_history_counts_once(
        run_tutor: RunTutor, files: Exports, history_first: bool) -> None:
    db = files.history.parent / "results.sqlite3"
    order = (files.history, files.own_report) if history_first else \
        (files.own_report, files.history)
    result = run_tutor("workshop", "import", db, *order, "--participant", "Alice")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "2 files: 2 attempt(s) added, 1 already there"
    assert sorted(a["total"] for a in attempts(db)) == [13, 100]


def test_a_scripted_call_replayed_exactly_is_two_attempts(files: Exports) -> None:
    best, _ = read_attempts(files.history, "A")[1]
    again = best | {"id": "a" * 32}
    assert new_plays([], [best, again]) == ([best, again], 0)
    assert new_plays([best], [again]) == ([again], 0)


def test_an_attempt_without_an_id_gets_the_same_one_each_time(files: Exports,
                                                             tmp_path: Path) -> None:
    line = json.loads(files.history.read_text("utf-8").splitlines()[0])
    del line["id"]
    plain = tmp_path / "no-id.jsonl"
    plain.write_text(json.dumps(line) + "\n", "utf-8")
    first = read_attempts(plain, "A")[1][0]["id"]
    assert first == read_attempts(plain, "A")[1][0]["id"]


def test_importing_needs_no_web_server(files: Exports) -> None:
    # A trainer who never served a workshop may not have the 'workshop' extra installed.
    db = files.report.parent / "results.sqlite3"
    code = ("import sys; sys.modules['aiohttp'] = sys.modules['textual_serve'] = None; "
            "from tutor.cli import main; sys.exit(main(sys.argv[1:]))")
    result = subprocess.run([sys.executable, "-c", code, "workshop", "import", str(db),
                             str(files.report), "--participant", "B"], capture_output=True,
                            text=True, encoding="utf-8", env=tutor_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    assert "1 added" in result.stdout


# -- who played ------------------------------------------------------------------------


def test_a_participant_named_in_the_file_needs_no_option(run_tutor: RunTutor,
                                                        files: Exports,
                                                        tmp_path: Path) -> None:
    db = tmp_path / "results.sqlite3"
    result = run_tutor("workshop", "import", db, _named(files.history, "Carol"),
                       "--participant", "Someone Else")
    assert result.returncode == 0, result.stderr
    assert {a["participant"] for a in attempts(db)} == {"Carol"}


def test_without_a_name_the_file_is_refused_and_the_option_named(run_tutor: RunTutor,
                                                                 files: Exports) -> None:
    db = files.report.parent / "results.sqlite3"
    result = run_tutor("workshop", "import", db, files.report)
    assert result.returncode == 1
    assert f"{files.report}:1:1: a report never says who played the call; name the " \
           "participant: add --participant NAME (one command per participant)" in result.stderr
    assert "Traceback" not in result.stderr
    assert attempts(db) == []


def test_a_name_with_nothing_in_it_is_refused(run_tutor: RunTutor, files: Exports) -> None:
    result = run_tutor("workshop", "import", files.history.parent / "r.sqlite3",
                       files.history, "--participant", " \t ")
    assert result.returncode == 1
    assert "--participant ' \\t ': give a name" in result.stderr


# -- untrusted files -------------------------------------------------------------------


def test_a_bad_file_is_refused_whole_and_the_good_ones_still_import(
        run_tutor: RunTutor, files: Exports, tmp_path: Path) -> None:
    good_line, _ = files.history.read_text("utf-8").splitlines()
    broken = tmp_path / "broken.jsonl"
    broken.write_text(good_line + '\n{"scenario_id": "x",, }\n', "utf-8")
    db = tmp_path / "results.sqlite3"
    result = run_tutor("workshop", "import", db, broken, files.report, "--participant", "D")
    assert result.returncode == 1
    assert f"{broken}:2:21: not valid JSON (Expecting property name enclosed in double " \
           "quotes); import the file as tutor exported it" in result.stderr
    assert result.stdout.splitlines() == [
        f"{broken}: not imported; nothing of it was added",
        f"{files.report}: 1 added, 0 already there (report)",
        "2 files: 1 attempt(s) added, 0 already there; 1 not imported"]
    # Its first line was good, but nothing of a refused file is written.
    assert [a["front_end"] for a in attempts(db)] == ["run"]
    assert json.loads(good_line)["id"] not in {a["id"] for a in attempts(db)}
    assert "Traceback" not in result.stderr


def test_a_wrong_value_names_its_line_and_field(files: Exports, tmp_path: Path) -> None:
    first, second = files.history.read_text("utf-8").splitlines()
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text(first + "\n" + json.dumps(json.loads(second) | {"total": 250}) + "\n",
                     "utf-8")
    with pytest.raises(Refused) as refused:
        read_attempts(wrong, "E")
    [problem] = refused.value.problems
    assert (problem.line, problem.column) == (2, 1)
    assert "total must be a whole number from 0 to 100, not 250" in problem.what
    assert "tutor history --export FILE" in problem.fix


def test_a_broken_report_names_line_and_column(files: Exports, tmp_path: Path) -> None:
    text = files.report.read_text("utf-8").replace('"ended": true', '"ended": tru', 1)
    broken = tmp_path / "broken.json"
    broken.write_text(text, "utf-8")
    line = text[: text.index('"ended": tru')].count("\n") + 1
    with pytest.raises(Refused) as refused:
        read_attempts(broken, "F")
    [problem] = refused.value.problems
    assert (problem.line, problem.column, problem.what) == (line, 12, "not valid JSON "
                                                                      "(Expecting value)")


def test_a_file_larger_than_the_limit_is_refused_unread(run_tutor: RunTutor,
                                                        tmp_path: Path) -> None:
    huge = tmp_path / "huge.jsonl"
    with huge.open("wb") as file:
        file.truncate(MAX_BYTES + 1)  # sparse: as large as that without filling the disk
    result = run_tutor("workshop", "import", tmp_path / "r.sqlite3", huge, "--participant", "G")
    assert result.returncode == 1
    assert f"{huge}:1:1: the file is larger than 32 MiB" in result.stderr
    assert "Traceback" not in result.stderr


def test_too_many_lines_are_refused_before_they_are_split(tmp_path: Path) -> None:
    empty_lines = tmp_path / "lines.jsonl"
    empty_lines.write_bytes(b"\n" * MAX_LINES)
    with pytest.raises(Refused) as refused:
        read_attempts(empty_lines, "H")
    assert refused.value.problems[0].line == MAX_LINES + 1
    assert "1,000,001 lines" in refused.value.problems[0].what


@pytest.mark.parametrize("text", ["[" * 100_000, "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
                                  '{"scenario_id": ' + "[" * 50_000 + "\n"])
def test_deep_nesting_is_refused(tmp_path: Path, text: str) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text(text, "utf-8")
    with pytest.raises(Refused) as refused:
        read_attempts(deep, "I")
    assert any("nested more than" in p.what or "not valid JSON" in p.what
               for p in refused.value.problems)


def test_other_json_is_not_taken_for_attempts(run_tutor: RunTutor, tmp_path: Path) -> None:
    stats = tmp_path / "stats.json"
    stats.write_text(run_tutor("stats", "--json").stdout, "utf-8")
    with pytest.raises(Refused) as refused:
        read_attempts(stats, "K")
    assert "neither an attempt" in refused.value.problems[0].what


def test_a_report_of_a_call_left_open_is_refused(files: Exports, tmp_path: Path) -> None:
    report = json.loads(files.report.read_text("utf-8"))
    report |= {"ended": False, "hung_up_first": None}
    open_call = tmp_path / "open.json"
    open_call.write_text(json.dumps(report), "utf-8")
    with pytest.raises(Refused) as refused:
        read_attempts(open_call, "L")
    assert "never ended" in refused.value.problems[0].what


def test_old_best_scores_in_a_history_are_left_out(files: Exports, tmp_path: Path) -> None:
    old = {"id": "f" * 32, "scenario_id": CALL, "lang": "", "front_end": "import",
           "started_at": "2026-01-01T00:00:00Z", "ended_at": "2026-01-01T00:00:00Z",
           "total": 90, "pass_mark": None, "passed": None}
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps(old) + "\n" + files.history.read_text("utf-8"), "utf-8")
    _, read, left_out = read_attempts(mixed, "M")
    assert (len(read), left_out) == (2, 1)


# -- text shown as it is ---------------------------------------------------------------


def test_names_are_shown_literally(run_tutor: RunTutor, files: Exports,
                                   tmp_path: Path) -> None:
    odd = tmp_path / "Алиса [bold]x \x1b[31m.jsonl"
    shutil.copy(files.history, odd)
    db = tmp_path / "results.sqlite3"
    name = "Алиса [red]Смирнова[/red]"
    result = run_tutor("workshop", "import", db, odd, "--participant", name)
    assert result.returncode == 0, result.stderr
    assert ("Алиса [bold]x \\x1b[31m.jsonl: 2 added, 0 already there (history)"
            in result.stdout)
    assert "\x1b" not in result.stdout
    report = run_tutor("workshop", "report", db, "--format", "csv")
    assert [row[0] for row in csv.reader(io.StringIO(report.stdout))][1:] == [name]


# -- and the trainer's report ----------------------------------------------------------


def test_imported_attempts_appear_in_the_workshop_report(run_tutor: RunTutor,
                                                         files: Exports) -> None:
    db = files.history.parent / "results.sqlite3"
    assert run_tutor("workshop", "import", db, files.history, "--participant",
                     "Alice").returncode == 0
    assert run_tutor("workshop", "import", db, files.report, "--participant",
                     "Bob").returncode == 0
    report = run_tutor("workshop", "report", db, "--format", "md")
    assert report.returncode == 0, report.stderr
    assert f"| Alice | `{CALL}` | 2 | 100 | 100 | 13 |" in report.stdout
    assert f"| Bob | `{CALL}` | 1 | 100 | 100 | 100 |" in report.stdout
