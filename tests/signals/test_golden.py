"""The analyzer's results are frozen: every golden line must give exactly the stored output.

``fixtures/signals_golden.jsonl`` holds several thousand lines (test tables, scenario lines,
fragments, recombinations and noisy variants) with the signals and spans found in them when it
was generated. Speed work must not move a single span; regenerate the file with
``tests/fixtures/make_signals_golden.py`` only when a change of results is intended.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tutor.signals import Analyzer, analyze

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "signals_golden.jsonl"


def _rows() -> list[dict[str, Any]]:
    with GOLDEN.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def _actual(analyzer: Analyzer, row: dict[str, Any]) -> dict[str, Any]:
    result = analyzer.analyze(row["text"], row["arg"])
    return {
        "text": row["text"],
        "arg": row["arg"],
        "lang": result.lang,
        "signals": list(result.signals),
        "spans": [[s.signal, s.start, s.end, s.text] for s in result.spans],
    }


def test_golden_file_is_big_enough() -> None:
    rows = _rows()
    assert len(rows) >= 5000
    assert sum(1 for row in rows if row["signals"]) >= 1000


def test_analyzer_reproduces_golden_results() -> None:
    analyzer = Analyzer()
    wrong = [row for row in _rows() if _actual(analyzer, row) != row]
    # Show a few concrete differences rather than one giant diff.
    assert not wrong, [(row, _actual(analyzer, row)) for row in wrong[:5]]


def test_shared_analyzer_matches_a_fresh_one() -> None:
    # A fresh analyzer and the warmed-up shared one must agree (no state leaks between lines).
    fresh = Analyzer()
    rows = _rows()[::7]
    assert [fresh.analyze(r["text"], r["arg"]) for r in rows] == [
        analyze(r["text"], r["arg"]) for r in rows
    ]
