"""``tutor lint``: what ``validate`` checks, then every path through each call.

Findings carry ``file:line:column`` like the loader's problems. Errors are things a learner
would trip over (a closing nobody can pass, two calls with one id); warnings are things a
trainer should look at (a path that passes while missing a principle, an unannotated choice).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tutor.authoring.positions import Mark, Positions, positions
from tutor.authoring.walk import (
    MAX_PATHS,
    MemoDetector,
    Walk,
    candidate_lines,
    script_line,
    walk,
)
from tutor.scenario.ids import clashes
from tutor.scenario.loader import check_file
from tutor.scenario.model import Condition, Scenario
from tutor.scenario.problems import Problem
from tutor.scenario.sources import expand, scenario_dirs
from tutor.signals import build_detector
from tutor.signals.types import SignalDetector

Severity = Literal["error", "warning"]
#: Calls in both languages share an id stem: ``recruiter-call-en`` and ``recruiter-call-ru``.
LANG_SUFFIXES = ("-en", "-ru")


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing lint found, where it is and how to act on it."""

    path: Path
    line: int
    column: int
    severity: Severity
    message: str
    hint: str = ""

    def format(self) -> str:
        """``path:line:column: severity: message`` plus an indented hint line."""
        head = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return f"{head}\n    hint: {self.hint}" if self.hint else head

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {"path": str(self.path), "line": self.line, "column": self.column,
                "severity": self.severity, "message": self.message, "hint": self.hint}

    @classmethod
    def of(cls, problem: Problem) -> Finding:
        """A loader problem as an error."""
        return cls(problem.path, problem.line, problem.column, "error", problem.message,
                   problem.hint)


@dataclass
class FileReport:
    """What lint found in one file; the walk's figures when the file loaded."""

    path: Path
    scenario: Scenario | None = None
    walk: Walk | None = None
    findings: list[Finding] = field(default_factory=list)

    def add(self, at: Mark, severity: Severity, message: str, hint: str = "") -> None:
        """Record a finding at line and column ``at`` of this file."""
        self.findings.append(Finding(self.path, at[0], at[1], severity, message, hint))

    def summary(self) -> str:
        """One line: the call, its number of paths, best and worst score."""
        if self.scenario is None or self.walk is None:
            return f"{self.path}: not loaded"
        w = self.walk
        best = w.best.total if w.best else 0
        worst = w.worst.total if w.worst else 0
        cut = f" (walk cut at {w.limit} paths)" if w.cut else ""
        return (f"{self.path}: {self.scenario.id}: {w.paths} paths, best {best}, "
                f"worst {worst}, pass mark {self.scenario.rubric.pass_mark}{cut}")

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        out: dict[str, object] = {"path": str(self.path),
                                  "findings": [f.to_dict() for f in self.findings]}
        if self.scenario is not None and self.walk is not None:
            w = self.walk
            out.update(id=self.scenario.id, paths=w.paths, cut=w.cut,
                       best=w.best.total if w.best else None,
                       worst=w.worst.total if w.worst else None,
                       pass_mark=self.scenario.rubric.pass_mark)
        return out


def _path_text(moves: Sequence[tuple[str, str]]) -> str:
    shown = [script_line(m) for m in moves] or ["hang up"]
    text = "; ".join(shown)
    return text if len(text) < 160 else text[:157] + "..."


def _condition_text(when: Condition) -> str:
    parts = [f"{k}: {', '.join(v)}" for k, v in
             (("all", when.all), ("any", when.any), ("none", when.none)) if v]
    return "; ".join(parts)


def check_paths(report: FileReport, scenario: Scenario, where: Positions,
                detector: SignalDetector, max_paths: int = MAX_PATHS) -> None:
    """Walk the call and add what the walk shows: closings that cannot pass, and the rest."""
    result = walk(scenario, detector, max_paths)
    report.walk = result
    outcomes = [o for o, _ in result.outcomes]
    mark = scenario.rubric.pass_mark
    for sid in scenario.closing_steps:
        through = [o for o in outcomes if sid in o.closing_steps]
        best = max((o.total for o in through), default=None)
        if best is not None and best < mark:
            report.add(where.step(sid), "warning" if result.cut else "error",
                       f"the closing at step {sid!r} cannot pass: the best path through it "
                       f"scores {best}, under the pass mark {mark}",
                       "give it a choice (or typed route) that follows the principles it "
                       "misses, or lower the pass mark")
    missed_seen: set[str] = set()
    for outcome in outcomes:
        if not outcome.passed:
            continue
        for principle in outcome.missed:
            if principle in missed_seen or principle in outcome.marked_broken:
                continue
            missed_seen.add(principle)
            report.add(where.id, "warning",
                       f"a path passes ({outcome.total}) while missing {principle}: "
                       f"{_path_text(outcome.moves)}",
                       f"mark the choice that skips {principle} with 'breaks: [{principle}]', "
                       "or raise its weight")
    confirmed = set().union(*(o.facts for o in outcomes)) if outcomes else set()
    for fact in scenario.rubric.facts:
        if fact.id not in confirmed:
            report.add(where.facts.get(fact.id, where.id), "warning",
                       f"fact {fact.id!r} ({fact.label}) is confirmed on no path",
                       "make a closing choice say it, or widen the fact's pattern")
    if result.cut:
        report.add(where.id, "warning", f"walk cut at {result.limit} paths; the figures "
                   "cover only the paths walked", "split the call or merge its branches")


def check_annotations(report: FileReport, scenario: Scenario, where: Positions) -> None:
    """Closing choices must say what they follow or break: the evaluator leans on them."""
    for step in scenario.steps.values():
        if not step.closing:
            continue
        for number, choice in enumerate(step.choices, start=1):
            if not choice.note.follows and not choice.note.breaks:
                report.add(where.choices.get((step.id, number), where.step(step.id)), "warning",
                           f"choice {number} of closing step {step.id!r} has neither "
                           "'follows' nor 'breaks'",
                           "say which principles it follows or breaks, so the debrief can "
                           "explain it")


def check_routes(report: FileReport, scenario: Scenario, where: Positions,
                 detector: SignalDetector) -> None:
    """A typed route no line of the call itself can take is probably mis-written."""
    lines = [detector.analyze(t, scenario.lang) for t in candidate_lines(scenario)]
    for step in scenario.steps.values():
        if step.typed is None:
            continue
        for index, route in enumerate(step.typed.routes):
            if not any(route.when.matches(a) for a in lines):
                report.add(where.routes.get((step.id, index), where.step(step.id)), "warning",
                           f"route {index + 1} of typed step {step.id!r} "
                           f"({_condition_text(route.when)} -> {route.next}) fires on none "
                           "of this call's own lines",
                           "check its signals with 'tutor check \"LINE\"', or add an example "
                           "or 'better' line that says it")


def _stem(scenario_id: str) -> str | None:
    for suffix in LANG_SUFFIXES:
        if scenario_id.endswith(suffix):
            return scenario_id[: -len(suffix)]
    return None


def _shape(scenario: Scenario) -> dict[str, tuple[int, int, bool]]:
    return {sid: (len(s.choices), len(s.typed.routes) if s.typed else 0, s.typed is not None)
            for sid, s in scenario.steps.items()}


def check_drift(reports: Sequence[FileReport], where: dict[Path, Positions]) -> None:
    """Calls in both languages should have the same steps and routes."""
    by_stem: dict[str, list[FileReport]] = {}
    for report in reports:
        if report.scenario is not None and (stem := _stem(report.scenario.id)):
            by_stem.setdefault(stem, []).append(report)
    for group in by_stem.values():
        if len({r.scenario.lang for r in group if r.scenario}) < 2:
            continue
        first = group[0]
        assert first.scenario is not None
        for other in group[1:]:
            assert other.scenario is not None
            if other.scenario.lang == first.scenario.lang:
                continue
            diffs = _differences(_shape(first.scenario), _shape(other.scenario))
            if diffs:
                other.add(where[other.path].id, "warning",
                          f"the structure differs from {first.scenario.id} ({first.path}): "
                          + "; ".join(diffs),
                          "translations should share step ids, choices and routes")


def _differences(there: dict[str, tuple[int, int, bool]],
                 here: dict[str, tuple[int, int, bool]]) -> list[str]:
    out = []
    if only := [s for s in here if s not in there]:
        out.append("steps only here: " + ", ".join(only))
    if only := [s for s in there if s not in here]:
        out.append("steps only there: " + ", ".join(only))
    for sid in here:
        if sid in there and here[sid] != there[sid]:
            (c1, r1, _), (c2, r2, _) = here[sid], there[sid]
            out.append(f"step {sid!r} has {c1} choice(s) and {r1} route(s) here, "
                       f"{c2} and {r2} there")
    return out


def id_findings(checked: Sequence[tuple[Path, str]],
                extra_dirs: Sequence[Path] = ()) -> list[Finding]:
    """Each checked ``(file, id)`` whose id another loaded file has too, at the file's id."""
    marks: dict[Path, Mark] = {}
    found: list[Finding] = []
    for clash in clashes(checked, extra_dirs):
        if clash.path not in marks:
            marks[clash.path] = positions(clash.path).id
        line, column = marks[clash.path]
        found.append(Finding(clash.path, line, column, clash.severity, clash.message,
                             clash.hint))
    return found


def lint(paths: Sequence[Path], extra_dirs: Sequence[Path] = (),
         detector: SignalDetector | None = None,
         max_paths: int = MAX_PATHS) -> list[FileReport]:
    """Lint the scenario files in ``paths`` (files or folders)."""
    detector = detector or build_detector(scenario_dirs(extra_dirs))
    reports: list[FileReport] = []
    where: dict[Path, Positions] = {}
    for path in expand(list(paths)):
        report = FileReport(path)
        reports.append(report)
        scenario, problems = check_file(path)
        report.findings.extend(Finding.of(p) for p in problems)
        if scenario is None:
            continue
        report.scenario = scenario
        where[path] = positions(path)
        lines = MemoDetector(detector)  # the walk says the call's lines again and again
        check_annotations(report, scenario, where[path])
        check_routes(report, scenario, where[path], lines)
        check_paths(report, scenario, where[path], lines, max_paths)
    by_path = {r.path: r for r in reports}
    for finding in id_findings([(r.path, r.scenario.id) for r in reports if r.scenario],
                               extra_dirs):
        by_path[finding.path].findings.append(finding)
    check_drift(reports, where)
    for report in reports:
        report.findings.sort(key=lambda f: (f.line, f.column))
    return reports
