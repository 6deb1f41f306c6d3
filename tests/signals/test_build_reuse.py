"""``build_detector`` hands out the analyzer it built while the cue files it read are unchanged
(a workshop's apps share their starter's); a changed, added or removed file builds afresh."""

from __future__ import annotations

import os
from pathlib import Path

from tutor.signals import build_detector

ZYUZYA = "signals:\n  warmth:\n    match: ['\\bзюзя\\b']\n"
MUSYA = "signals:\n  warmth:\n    match: ['\\bмуся\\b']\n"


def _cue_file(folder: Path, text: str, mtime_ns: int) -> Path:
    path = folder / "signals" / "ru.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime_ns, mtime_ns))
    return path


def test_unchanged_cue_files_give_the_same_analyzer(tmp_path: Path) -> None:
    _cue_file(tmp_path, ZYUZYA, 10**18)
    assert build_detector([tmp_path]) is build_detector([tmp_path])


def test_a_changed_cue_file_is_read_again(tmp_path: Path) -> None:
    assert len(ZYUZYA.encode()) == len(MUSYA.encode())  # only the time tells them apart
    _cue_file(tmp_path, ZYUZYA, 10**18)
    before = build_detector([tmp_path])
    _cue_file(tmp_path, MUSYA, 10**18 + 1)
    after = build_detector([tmp_path])
    assert before.analyze("Ну, зюзя!").has("warmth")
    assert after.analyze("Ну, муся!").has("warmth")
    assert not after.analyze("Ну, зюзя!").has("warmth")


def test_an_added_or_removed_cue_file_is_noticed(tmp_path: Path) -> None:
    bare = build_detector([tmp_path])
    path = _cue_file(tmp_path, ZYUZYA, 10**18)
    added = build_detector([tmp_path])
    assert added.analyze("Ну, зюзя!").has("warmth")
    path.unlink()
    assert not build_detector([tmp_path]).analyze("Ну, зюзя!").has("warmth")
    assert not bare.analyze("Ну, зюзя!").has("warmth")


def test_other_folders_build_their_own(tmp_path: Path) -> None:
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    mine.mkdir()
    theirs.mkdir()
    _cue_file(mine, ZYUZYA, 10**18)
    assert build_detector([mine]) is not build_detector([theirs])
