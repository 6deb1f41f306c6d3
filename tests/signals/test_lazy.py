"""The analyzer compiles its cues lazily and narrows them per line; neither may show."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tutor.signals import Analyzer, CueFileError, matcher
from tutor.signals.cues import LanguageCues


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
        "['hugs(?=!)']",  # Python's re runs it; RE2, which runs a trainer's cues, cannot
    ],
)
def test_bad_trainer_cue_fails_at_build_time(tmp_path: Path, match: str) -> None:
    with pytest.raises(CueFileError):
        Analyzer(extra_dirs=[_trainer(tmp_path, match)])


def test_backreference_cues_are_never_narrowed() -> None:
    # Bundled cues run as one alternation, so \1 names the FIRST cue's group, which never
    # takes part when the second cue matches: the second cue cannot fire. Dropping the first
    # cue (its literal "zzqq" is absent) would renumber \1 and let it fire, so alternations
    # with group references must run whole. (Only bundled cues may hold one: ru.yaml does.)
    cues = LanguageCues("en", letters="[a-z]")
    cues.match["warmth"] = [r"\bzzqq (first)\b", r"\b(hug)s and \1s\b"]
    compiled = matcher.compile(cues)

    def warm(line: str) -> bool:
        found: dict[str, set[matcher.Hit]] = {}
        compiled.find(line, found)  # type: ignore[arg-type]
        return "warmth" in found

    assert not warm("hugs and hugs!")
    assert warm("zzqq first")


def test_cues_without_a_literal_always_run(tmp_path: Path) -> None:
    # No literal is guaranteed here, so the gate must never skip this cue.
    analyzer = Analyzer(extra_dirs=[_trainer(tmp_path, r"['^\W*\w{5}\W*$']")])
    assert analyzer.analyze("Ahoy!!").has("warmth") is False
    assert analyzer.analyze("Salut!").has("warmth")


def test_the_bundled_cues_alone_never_load_re2() -> None:
    # RE2 runs trainers' cues only: ``tutor check`` without a trainer's folder does not pay for it.
    code = ("import sys; from tutor.signals import analyze; analyze('Thanks, bye!'); "
            "print('re2' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
