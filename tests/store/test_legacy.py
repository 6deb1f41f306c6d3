"""The old scores.json is imported once; whatever it held, no best score goes unmentioned."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import tutor.store.sqlite as store_sqlite
from tutor.store import open_store
from tutor.store.legacy import import_scores


@pytest.fixture
def scores(tmp_path: Path) -> Path:
    return tmp_path / "config" / "scores.json"


def _open(tmp_path: Path, scores: Path) -> tuple[dict[str, int], list[str]]:
    with open_store(tmp_path / "attempts.sqlite3", legacy_scores=scores) as store:
        return store.best_scores(), store.notices


def _aside(scores: Path) -> list[str]:
    return sorted(p.name.split("-")[0] for p in scores.parent.iterdir())


def test_an_intact_file_becomes_best_scores_and_is_renamed_imported(
        tmp_path: Path, scores: Path) -> None:
    scores.parent.mkdir()
    scores.write_text('{"sales-call": 85, "звонок": 0, "b": 100}', "utf-8")
    best, notices = _open(tmp_path, scores)
    assert best == {"sales-call": 85, "звонок": 0, "b": 100}
    assert _aside(scores) == ["scores.json.imported"]
    assert "3 best score(s) imported" in notices[0] and len(notices) == 1


def test_the_file_is_imported_only_once(tmp_path: Path, scores: Path) -> None:
    scores.parent.mkdir()
    scores.write_text('{"a": 50}', "utf-8")
    _open(tmp_path, scores)
    scores.write_text('{"a": 50}', "utf-8")  # an old tutor wrote it again
    best, _ = _open(tmp_path, scores)
    with open_store(tmp_path / "attempts.sqlite3") as store:
        assert store.count() == 1 and best == {"a": 50}


def test_no_file_means_nothing_to_say(tmp_path: Path, scores: Path) -> None:
    assert _open(tmp_path, scores) == ({}, [])


def test_a_cut_off_file_keeps_every_whole_entry_and_is_moved_aside(
        tmp_path: Path, scores: Path) -> None:
    scores.parent.mkdir()
    scores.write_text('{\n  "a": 85,\n  "b": 70,\n  "c": 9', "utf-8")  # "c" was 95 or 9x
    best, notices = _open(tmp_path, scores)
    assert best == {"a": 85, "b": 70}
    assert _aside(scores) == ["scores.json.corrupt"]
    assert "damaged (not valid JSON at line 4" in notices[0]
    assert notices[1] == '  could not be read as scores, so not imported: "c": 9'


def test_wrong_typed_numbers_are_read_down_and_said(tmp_path: Path, scores: Path) -> None:
    scores.parent.mkdir()
    scores.write_text('{"a": "95", "b": 88.5, "c": 60}', "utf-8")
    best, notices = _open(tmp_path, scores)
    assert best == {"a": 95, "b": 88, "c": 60}
    assert _aside(scores) == ["scores.json.corrupt"]
    assert notices[1:] == ["  'a': \"95\" read as 95", "  'b': 88.5 read as 88"]


def test_values_that_cannot_be_scores_are_named_not_dropped_silently(
        tmp_path: Path, scores: Path) -> None:
    scores.parent.mkdir()
    scores.write_text('{"a": true, "b": null, "c": "high", "d": 150, "e": 75}', "utf-8")
    best, notices = _open(tmp_path, scores)
    assert best == {"e": 75}
    assert [n.split(":")[0] for n in notices[1:]] == ["  'a'", "  'b'", "  'c'", "  'd'"]
    assert all("not imported" in n for n in notices[1:])


def test_a_file_that_is_not_an_object_is_moved_aside_with_a_message(
        tmp_path: Path, scores: Path) -> None:
    scores.parent.mkdir()
    scores.write_text("[85, 70]", "utf-8")
    best, notices = _open(tmp_path, scores)
    assert best == {}
    assert "it holds list where scores by call id belong" in notices[0]
    assert notices[1].endswith("not imported: [85, 70]")
    assert _aside(scores) == ["scores.json.corrupt"]


def test_when_the_store_cannot_be_written_the_old_file_stays_for_next_time(
        tmp_path: Path, scores: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scores.parent.mkdir()
    scores.write_text('{"a": 50}', "utf-8")
    monkeypatch.setattr(store_sqlite, "BUSY_TIMEOUT_MS", 50)
    with open_store(tmp_path / "attempts.sqlite3") as store:
        blocker = sqlite3.connect(store.where, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        (notice,) = import_scores(store, scores)
        blocker.execute("ROLLBACK")
        assert "will be imported next time" in notice and store.count() == 0
    assert scores.read_text("utf-8") == '{"a": 50}'
