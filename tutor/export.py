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
from tutor.feedback import messages
from tutor.feedback.types import Evaluation
from tutor.report import call_dict, clock, ending_text, speaker_name
from tutor.safe_text import for_markdown
from tutor.signals.types import Lang
from tutor.storage import write_atomic

REPORTS_DIR_ENV = "TUTOR_REPORTS_DIR"

# One wording for principles and verdicts everywhere: the debrief, reports and the CLI.
PRINCIPLE_TITLES = messages.NAMES
VERDICT_TITLES = messages.VERDICTS

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "report": "Call report", "scenario": "Scenario", "played": "Played",
        "score": "Score", "passed": "passed", "failed": "not passed", "pass_mark": "pass mark",
        "principles": "Principles", "principle": "Principle", "verdict": "Verdict",
        "points": "Points", "why": "Why", "better": "Better", "transcript": "Transcript",
        "you": "You", "rushed": "rushed", "met": "met", "broke": "broke", "facts": "Facts",
        "confirmed": "confirmed", "not_confirmed": "not confirmed", "ending": "Ending",
    },
    "ru": {
        "report": "Отчёт о звонке", "scenario": "Сценарий", "played": "Сыгран",
        "score": "Баллы", "passed": "зачёт", "failed": "незачёт", "pass_mark": "порог",
        "principles": "Принципы", "principle": "Принцип", "verdict": "Итог",
        "points": "Баллы", "why": "Почему", "better": "Лучше", "transcript": "Расшифровка",
        "you": "Вы", "rushed": "торопливо", "met": "соблюдено", "broke": "нарушено",
        "facts": "Факты", "confirmed": "подтверждено", "not_confirmed": "не подтверждено",
        "ending": "Конец звонка",
    },
}


def _lang(call: Call, lang: str | None) -> Lang:
    chosen = lang or call.scenario.lang
    return "ru" if chosen == "ru" else "en"


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
    labels = _LABELS[code]
    titles = PRINCIPLE_TITLES[code]
    verdicts = VERDICT_TITLES[code]
    scenario = call.scenario
    when = when or datetime.now()
    result = labels["passed"] if evaluation.passed else labels["failed"]
    out = [
        # Every text from a file or the learner goes through for_markdown: a title must not
        # forge a heading or a score, nor a line bring HTML or a link.
        f"# {labels['report']}: {for_markdown(scenario.title)}",
        "",
        f"- {labels['scenario']}: `{scenario.id}` ({scenario.lang})",
        f"- {labels['played']}: {when:%Y-%m-%d %H:%M}",
        f"- {labels['score']}: **{evaluation.total}/100**, {result} "
        f"({labels['pass_mark']} {evaluation.pass_mark})",
        "",
        for_markdown(evaluation.summary),
        "",
        f"## {labels['principles']}",
        "",
        f"| {labels['principle']} | {labels['verdict']} | {labels['points']} | {labels['why']} "
        f"| {labels['better']} |",
        "|---|---|---|---|---|",
    ]
    for r in evaluation.principles:
        title = _cell(titles.get(r.principle, r.principle))
        verdict = verdicts.get(r.verdict, r.verdict)
        out.append(f"| {title} | {verdict} | {r.points:g}/{r.max_points} "
                   f"| {_cell(r.message)} | {_cell(r.better or '')} |")
    if evaluation.facts:
        out += ["", f"## {labels['facts']}", ""]
        for f in evaluation.facts:
            state = labels["confirmed"] if f.confirmed else labels["not_confirmed"]
            out.append(f"- {for_markdown(f.label)}: {state}")
    out += ["", f"## {labels['transcript']}", ""]
    notes = {n.index: n for n in evaluation.turns}
    for index, turn in enumerate(call.transcript):
        name = for_markdown(speaker_name(call, turn, labels["you"]))
        mark = f" _({labels['rushed']})_" if turn.pace == "rushed" else ""
        out.append(f"- `{clock(turn.at)}` **{name}**: {for_markdown(turn.text)}{mark}")
        note = notes.get(index)
        if note is not None and (note.met or note.broke):
            parts = []
            if note.met:
                parts.append(f"{labels['met']}: " + ", ".join(titles[p] for p in note.met))
            if note.broke:
                parts.append(f"{labels['broke']}: " + ", ".join(titles[p] for p in note.broke))
            out.append(f"  - {'; '.join(parts)}")
    out += ["", f"## {labels['ending']}", "", for_markdown(ending_sentence(call, code)), ""]
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
