"""Random mutants of trainers' cue files: each builds an analyzer or is refused at its place.

The mutations are ``tools/fuzz_calls.py``'s (lines deleted, doubled, swapped, cut short; values
replaced by huge numbers, tags, aliases, backtracking regexes; deep nesting). Nothing else may
come out: no other exception, and an analyzer that is built answers hostile lines at once.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tools.fuzz_calls import mutate
from tutor.signals import Analyzer, CueFileError

#: Small trainers' files using every part of the format, in both bundled languages.
BASES = {
    "en": """\
sets:
  soon: ['\\bsoon\\b', '\\blater today\\b']
  filler: ['mhm', 'righto']
fuzzy: [farewell]
known: [fairwell]
signals:
  goodbye:
    match: ['\\bvale\\b', '\\bciao\\b']
    unless: ['\\bciao bella\\b']
  next_steps:
    pairs:
      - {first: soon, second: ['\\bcall\\b', '\\bemail\\b'], within: 30}
  rushed:
    stacks:
      - {fillers: filler, others: ['\\bbye\\b'], min_run: 3, min_fillers: 1}
""",
    "ru": """\
sets:
  filler: ['четко', 'лады']
signals:
  goodbye:
    match: ['\\bчао\\b', '\\bбывай(?:те)?\\b']
  warmth:
    pairs:
      - {first: ['\\bобнимаю\\b'], second: when, within: 20}
""",
}
LINES = ["Thanks, bye!", "a" * 40 + "!", "ок, четко, пока", "mhm righto bye", "x" * 3000,
         "((((((((((", "\x1b]0;pwned\x07"]
COUNT = 60


@pytest.mark.parametrize("lang", sorted(BASES))
def test_the_unmutated_files_build(tmp_path: Path, lang: str) -> None:
    (tmp_path / "signals").mkdir()
    (tmp_path / "signals" / f"{lang}.yaml").write_text(BASES[lang], "utf-8")
    Analyzer(extra_dirs=[tmp_path])


@pytest.mark.parametrize("lang", sorted(BASES))
def test_every_mutant_builds_or_is_refused_at_its_place(tmp_path: Path, lang: str) -> None:
    refused = 0
    for number in range(COUNT):
        folder = tmp_path / str(number)
        (folder / "signals").mkdir(parents=True)
        path = folder / "signals" / f"{lang}.yaml"
        path.write_text(mutate(BASES[lang], random.Random(f"cues:{lang}:{number}")), "utf-8")
        try:
            analyzer = Analyzer(extra_dirs=[folder])
        except CueFileError as exc:
            refused += 1
            assert str(exc).startswith(f"{path}"), (number, str(exc))
            continue
        for line in LINES:
            analyzer.analyze(line)
    assert 0 < refused < COUNT  # both outcomes are exercised
