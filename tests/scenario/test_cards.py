"""The catalog of scenario cards: validated once per file change, cached between runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support.paths import REFERENCE
from tutor.scenario.cards import cache_file
from tutor.scenario.sources import catalog


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    calls = tmp_path / "calls"
    calls.mkdir()
    shutil.copy(REFERENCE, calls / "a.yaml")
    return calls


def test_a_second_listing_reads_the_cache_without_rewriting_it(folder: Path) -> None:
    catalog([folder])
    before = cache_file().stat().st_mtime_ns
    cards = catalog([folder])
    assert [c.id for c in cards] == ["recruiter-call-en"]
    assert cache_file().stat().st_mtime_ns == before


def test_an_edited_file_is_validated_again(folder: Path) -> None:
    catalog([folder])
    path = folder / "a.yaml"
    path.write_text(path.read_text("utf-8").replace("lang: en", "lang: de"), "utf-8")
    [card] = catalog([folder])
    assert not card.valid


def test_cards_of_deleted_files_are_dropped_when_the_cache_is_written(folder: Path) -> None:
    shutil.copy(folder / "a.yaml", folder / "b.yaml")
    catalog([folder])
    (folder / "b.yaml").unlink()
    (folder / "a.yaml").touch()  # a change, so the cache is written again
    catalog([folder])
    cached = json.loads(cache_file().read_text("utf-8"))["cards"]
    assert [Path(k).name for k in cached] == ["a.yaml"]
