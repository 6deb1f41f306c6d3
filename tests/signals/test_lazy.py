"""The analyzer compiles its cues lazily and narrows them per line; neither may show."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.signals import Analyzer, CueFileError


def _trainer(tmp_path: Path, match: str) -> Path:
    (tmp_path / "signals").mkdir()
    (tmp_path / "signals" / "en.yaml").write_text(
        f"signals:\n  warmth:\n    match: {match}\n", encoding="utf-8"
    )
    return tmp_path


@pytest.mark.parametrize(
    "match",
    [
        "['(unclosed']",  # caught by parsing
        "['(?<=a+)hugs']",  # only compiling finds this one
        "['(?P<x>hugs)', '(?P<x>kisses)']",  # only the whole alternation is wrong
    ],
)
def test_bad_trainer_cue_fails_at_build_time(tmp_path: Path, match: str) -> None:
    with pytest.raises(CueFileError):
        Analyzer(extra_dirs=[_trainer(tmp_path, match)])


def test_backreference_cues_are_never_narrowed(tmp_path: Path) -> None:
    # Cues run as one alternation, so \1 names the FIRST cue's group, which never takes
    # part when the second cue matches: the second cue cannot fire. Dropping the first cue
    # (its literal "zzqq" is absent) would renumber \1 and let it fire, so alternations
    # with group references must run whole.
    folder = _trainer(tmp_path, r"['\bzzqq (first)\b', '\b(hug)s and \1s\b']")
    analyzer = Analyzer(extra_dirs=[folder])
    assert not analyzer.analyze("Hugs and hugs!").has("warmth")
    assert analyzer.analyze("zzqq first").has("warmth")


def test_cues_without_a_literal_always_run(tmp_path: Path) -> None:
    # No literal is guaranteed here, so the gate must never skip this cue.
    analyzer = Analyzer(extra_dirs=[_trainer(tmp_path, r"['^\W*\w{5}\W*$']")])
    assert analyzer.analyze("Ahoy!!").has("warmth") is False
    assert analyzer.analyze("Salut!").has("warmth")
