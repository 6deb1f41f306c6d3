"""A played call and its debrief as Markdown or JSON, for files a learner keeps or shares.

Plain Python so the CLI and the TUI write the same reports. Headings follow the scenario's
language (or ``lang`` when given); the evaluator's own messages are already in that language.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from tutor.dialogue import Call
from tutor.feedback.principles import name_key, verdict_key
from tutor.feedback.types import Evaluation
from tutor.locale import Lang, as_lang, text
from tutor.principles import Principle
from tutor.report import call_dict, clock, ending_text, speaker_name
from tutor.safe_text import for_markdown
from tutor.storage import write_atomic

REPORTS_DIR_ENV = "TUTOR_REPORTS_DIR"


def _lang(call: Call, lang: str | None) -> Lang:
    return as_lang(lang) or call.scenario.lang


def ending_sentence(call: Call, lang: str | None = None) -> str:
    """How the call ended, in ``lang`` (default: the scenario's language)."""
    return ending_text(call, _lang(call, lang))


def report_dict(call: Call, evaluation: Evaluation) -> dict[str, Any]:
    """The call and its debrief as JSON-ready data."""
    return {**call_dict(call), "evaluation": evaluation.to_dict()}


def report_json(call: Call, evaluation: Evaluation) -> str:
    """The call and its debrief as pretty JSON text."""
    return json.dumps(report_dict(call, evaluation), ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    # Also escapes the pipe and the newline, which would split a Markdown table cell.
    return for_markdown(text)


def report_markdown(call: Call, evaluation: Evaluation, lang: str | None = None,
                    when: datetime | None = None) -> str:
    """The call and its debrief as a Markdown document."""
    code = _lang(call, lang)

    def label(key: str) -> str:
        return text(code, f"report.md.{key}")

    def title(principle: Principle) -> str:
        return text(code, name_key(principle))

    scenario = call.scenario
    when = when or datetime.now()
    result = label("passed") if evaluation.passed else label("failed")
    out = [
        # Every text from a file or the learner goes through for_markdown: a title must not
        # forge a heading or a score, nor a line bring HTML or a link.
        f"# {label('report')}: {for_markdown(scenario.title)}",
        "",
        f"- {label('scenario')}: `{scenario.id}` ({scenario.lang})",
        f"- {label('played')}: {when:%Y-%m-%d %H:%M}",
        f"- {label('score')}: **{evaluation.total}/100**, {result} "
        f"({label('pass_mark')} {evaluation.pass_mark})",
        "",
        for_markdown(evaluation.summary),
        "",
        f"## {label('principles')}",
        "",
        f"| {label('principle')} | {label('verdict')} | {label('points')} | {label('why')} "
        f"| {label('better')} |",
        "|---|---|---|---|---|",
    ]
    for r in evaluation.principles:
        verdict = text(code, verdict_key(r.verdict))
        points = text(code, "ui.points", points=r.points, max=r.max_points)
        out.append(f"| {_cell(title(r.principle))} | {verdict} | {points} "
                   f"| {_cell(r.message)} | {_cell(r.better or '')} |")
    if evaluation.facts:
        out += ["", f"## {label('facts')}", ""]
        for f in evaluation.facts:
            state = label("confirmed") if f.confirmed else label("not_confirmed")
            out.append(f"- {for_markdown(f.label)}: {state}")
    out += ["", f"## {label('transcript')}", ""]
    notes = {n.index: n for n in evaluation.turns}
    for index, turn in enumerate(call.transcript):
        name = for_markdown(speaker_name(call, turn, label("you")))
        mark = f" _({label('rushed')})_" if turn.pace == "rushed" else ""
        out.append(f"- `{clock(turn.at)}` **{name}**: {for_markdown(turn.text)}{mark}")
        note = notes.get(index)
        if note is not None and (note.met or note.broke):
            parts = []
            if note.met:
                parts.append(f"{label('met')}: " + ", ".join(map(title, note.met)))
            if note.broke:
                parts.append(f"{label('broke')}: " + ", ".join(map(title, note.broke)))
            out.append(f"  - {'; '.join(parts)}")
    out += ["", f"## {label('ending')}", "", for_markdown(ending_sentence(call, code)), ""]
    return "\n".join(out)


def reports_dir() -> Path:
    """Where reports go: ``$TUTOR_REPORTS_DIR`` if set, else ``~/tutor-reports``."""
    override = os.environ.get(REPORTS_DIR_ENV)
    return Path(override) if override else Path.home() / "tutor-reports"


def report_stem(call: Call, when: datetime) -> str:
    """A file name stem with the scenario id and a timestamp, safe on every file system."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", call.scenario.id).strip("-") or "call"
    return f"{safe}-{when:%Y%m%d-%H%M%S}"


def write_reports(call: Call, evaluation: Evaluation, folder: Path | None = None,
                  lang: str | None = None, when: datetime | None = None) -> tuple[Path, Path]:
    """Write ``<id>-<time>.md`` and ``.json`` into ``folder``; return both paths. Blocking I/O."""
    folder = folder or reports_dir()
    when = when or datetime.now()
    folder.mkdir(parents=True, exist_ok=True)
    stem = report_stem(call, when)
    md, js = folder / f"{stem}.md", folder / f"{stem}.json"
    write_atomic(md, report_markdown(call, evaluation, lang, when))
    write_atomic(js, report_json(call, evaluation))
    return md, js
