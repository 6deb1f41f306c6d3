"""What ``tutor lint`` says about the bundled calls, down to every judged path, as a record.

``tests/authoring/test_lint_pinned.py`` compares it with the copy saved in
``expected/lint-bundled.json``, so that work on the walk's or the evaluator's speed cannot
change a result unnoticed. After a deliberate change (a bundled call or a cue edited, a judge
changed), rewrite the copy with ``python -m tests.authoring.pinned_lint`` and review its diff.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from tests.support.paths import REPO
from tutor.authoring.lint import FileReport, lint
from tutor.authoring.walk import Walk
from tutor.scenario.sources import scenario_dirs
from tutor.signals import build_detector

EXPECTED = Path(__file__).parent / "expected" / "lint-bundled.json"


def outcomes_digest(result: Walk) -> str:
    """A digest of every judged path in walk order: moves, score, verdicts, facts, ending."""
    rows: list[object] = [
        [[list(m) for m in o.moves], o.total, o.passed, [list(v) for v in o.verdicts],
         sorted(o.facts), o.hung_up_first, sorted(o.closing_steps), count]
        for o, count in result.outcomes]
    rows.append(sorted([step, list(map(list, lines))] for step, lines in
                       result.typed_lines.items()))
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _entry(report: FileReport) -> dict[str, object]:
    entry = report.to_dict()
    entry["path"] = report.path.relative_to(REPO).as_posix()
    findings = entry["findings"]
    assert isinstance(findings, list)
    for finding in findings:
        finding["path"] = entry["path"]
        # Messages about another file name it in full: keep the record free of where the
        # checkout happens to be.
        finding["message"] = str(finding["message"]).replace(f"{REPO}{os.sep}", "")
    if report.walk is not None:
        entry["outcomes"] = outcomes_digest(report.walk)
    return entry


def record() -> list[dict[str, object]]:
    """Lint every bundled call; one entry per file, in path order."""
    files = sorted((REPO / "scenarios").rglob("*.yaml"))
    reports = lint(files, detector=build_detector(scenario_dirs()))
    return [_entry(r) for r in reports]


def main() -> None:
    """Rewrite the saved copy from the code as it is now."""
    EXPECTED.write_text(json.dumps(record(), ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {EXPECTED.relative_to(REPO)}")


if __name__ == "__main__":
    main()
