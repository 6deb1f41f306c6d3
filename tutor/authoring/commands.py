"""The authoring subcommands: ``lint``, ``graph``, ``record``, ``test`` and ``new``.

Thin front ends: each reads its arguments, calls the authoring core and prints. ``tutor.cli``
imports this module only when one of these commands runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tutor.authoring import graph, template, transcripts
from tutor.authoring.lint import lint
from tutor.console import fail
from tutor.scenario.model import Scenario
from tutor.scenario.problems import ScenarioError
from tutor.scenario.sources import UnknownScenario, expand, find, scenario_dirs
from tutor.signals import build_detector


def _existing(paths: list[Path]) -> list[Path]:
    for path in paths:
        if not path.exists():
            print(f"{path}: no such file or folder", file=sys.stderr)
    return [p for p in paths if p.exists()]


def lint_command(args: argparse.Namespace) -> int:
    """``tutor lint PATH...``: validate, walk every path, report findings."""
    paths = _existing(args.paths)
    missing = len(paths) < len(args.paths)
    reports = lint(paths, args.scenarios)
    if not reports and not missing:
        return fail("no scenario files (*.yaml, *.yml) found")
    findings = [f for r in reports for f in r.findings]
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if args.json:
        print(json.dumps({"files": [r.to_dict() for r in reports], "errors": errors,
                          "warnings": warnings}, ensure_ascii=False, indent=2))
    else:
        for report in reports:
            print(report.summary())
            for finding in report.findings:
                print(finding.format())
        print(f"{errors} error(s), {warnings} warning(s) in {len(reports)} file(s)",
              file=sys.stderr)
    return 1 if errors or missing or (args.strict and warnings) else 0


def _call(ref: str, extra: list[Path]) -> Scenario | None:
    try:
        return find(ref, extra)
    except UnknownScenario as exc:
        fail(str(exc))
    except ScenarioError as exc:
        print("\n".join(p.format() for p in exc.problems), file=sys.stderr)
        fail(f"{ref} has problems; fix them and try again")
    return None


def graph_command(args: argparse.Namespace) -> int:
    """``tutor graph ID|FILE``: the call's map as Mermaid or DOT."""
    scenario = _call(args.scenario, args.scenarios)
    if scenario is None:
        return 1
    sys.stdout.write(graph.render(scenario, args.format))
    return 0


def _record_all(folder: Path, extra: list[Path], overwrite: bool) -> int:
    detector = build_detector(scenario_dirs(extra))
    files = expand([folder])
    if not files:
        return fail(f"no scenario files (*.yaml, *.yml) in {folder}")
    bad = 0
    for call_file in files:
        try:
            for _kind, path in transcripts.record_standard(call_file, detector, overwrite):
                if path is None:
                    continue
                print(f"wrote {path}")
        except transcripts.TranscriptError as exc:
            bad += 1
            print(f"{call_file}: skipped: {exc}", file=sys.stderr)
    return 1 if bad else 0


def record_command(args: argparse.Namespace) -> int:
    """``tutor record ID --script F`` or ``tutor record --all DIR``: save transcript tests."""
    if args.all is not None:
        if args.scenario or args.script:
            return fail("give either --all DIR or a call with --script FILE, not both")
        return _record_all(args.all, args.scenarios, args.update)
    if not args.scenario or not args.script:
        return fail("give a call and --script FILE (or --all DIR for every call in a folder)")
    scenario = _call(args.scenario, args.scenarios)
    if scenario is None:
        return 1
    name = "<stdin>" if args.script == "-" else args.script
    try:
        script = sys.stdin.read() if args.script == "-" else Path(args.script).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return fail(f"cannot read script {name}: {exc}")
    label = args.name or ("transcript" if args.script == "-" else Path(args.script).stem)
    out = Path(args.out) if args.out else None
    if out is not None and out.exists() and not args.update:
        return fail(f"{out} already exists; add --update to replace it")
    try:
        detector = build_detector(scenario_dirs(args.scenarios))
        path = transcripts.record(scenario, script, detector, label, out)
    except transcripts.TranscriptError as exc:
        return fail(str(exc))
    expected = transcripts.read(path).expected
    print(f"wrote {path}: score {expected.score}, "
          f"{'passed' if expected.passed else 'failed'}, {expected.hung_up_first} hung up first")
    return 0


def test_command(args: argparse.Namespace) -> int:
    """``tutor test PATH...``: replay every transcript and report each difference."""
    paths = _existing(args.paths)
    found = transcripts.find_transcripts(paths)
    if not found:
        return fail(f"no transcripts (<call>{transcripts.FOLDER_SUFFIX}/NAME"
                    f"{transcripts.SUFFIX}) found; 'tutor record --all DIR' writes them")
    detector = build_detector(scenario_dirs(args.scenarios))
    passed = failed = 0
    for path in found:
        result = transcripts.check(path, detector, update=args.update)
        if result.passed:
            passed += 1
            print(f"ok      {path}")
        elif args.update and result.actual is not None:
            passed += 1
            print(f"updated {path}: {'; '.join(result.differences)}")
        else:
            failed += 1
            print(f"FAIL    {path}: {'; '.join(result.differences)}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or len(paths) < len(args.paths) else 0


def new_command(args: argparse.Namespace) -> int:
    """``tutor new``: write a minimal, commented call that passes lint."""
    try:
        path = template.new_call(args.out, args.lang, args.kind, args.id)
    except template.TemplateError as exc:
        return fail(str(exc))
    print(f"wrote {path}")
    print(f"next: edit it, then 'tutor lint {path}' and 'tutor play {path}'")
    return 0
