"""Render a played call as text or as a JSON-ready dictionary."""

from __future__ import annotations

from typing import Any

from tutor.dialogue import Call, Turn
from tutor.feedback.principles import name_key, verdict_key
from tutor.feedback.types import Evaluation
from tutor.locale import Lang, text
from tutor.signals.types import LineAnalysis


def clock(seconds: float) -> str:
    """``m:ss.s`` for a simulated time."""
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}:{rest:04.1f}"


def speaker_name(call: Call, turn: Turn, you: str = "You") -> str:
    """The learner is 'You'; the other party goes by their name."""
    return you if turn.speaker == "learner" else call.scenario.other.name


def ending_text(call: Call, lang: Lang | None = None) -> str:
    """One sentence on how the call ended, in ``lang`` (default: the call's language)."""
    lang = lang or call.scenario.lang
    ending = call.ending
    if ending is None:
        return text(lang, "report.ending.open", step=call.step.id)
    if ending.silence:
        return text(lang, "report.ending.silence", name=call.scenario.other.name,
                    other=call.scenario.other.gender)
    if ending.hung_up_first == "other":
        key = "report.ending.other"
    else:
        key = "report.ending.after" if ending.farewell_heard else "report.ending.before"
    scenario = call.scenario
    return text(lang, key, name=scenario.other.name, other=scenario.other.gender,
                you=scenario.learner.gender)


def transcript_text(call: Call) -> str:
    """The transcript, one line per turn, then how the call ended."""
    lang = call.scenario.lang
    names = [speaker_name(call, t, text(lang, "ui.you")) for t in call.transcript]
    width = max((len(n) for n in names), default=3)
    lines = []
    for turn, name in zip(call.transcript, names, strict=True):
        mark = text(lang, "report.rushed_mark") if turn.pace == "rushed" else ""
        lines.append(f"{clock(turn.at):>7}  {name:<{width}}  {turn.text}{mark}")
    at = clock(call.ending.at) if call.ending else clock(call.now)
    lines.append(f"{at:>7}  {ending_text(call)}")
    return "\n".join(lines)


def turn_dict(call: Call, turn: Turn) -> dict[str, Any]:
    """A turn as JSON-ready data."""
    data: dict[str, Any] = {
        "speaker": turn.speaker,
        "name": speaker_name(call, turn),
        "text": turn.text,
        "at": round(turn.at, 3),
        "duration": round(turn.duration, 3),
        "step": turn.step,
        "kind": turn.kind,
        "pace": turn.pace,
        "closing": turn.closing,
    }
    if turn.choice is not None:
        data["choice"] = turn.choice
    if turn.analysis is not None:
        data["signals"] = list(turn.analysis.signals)
    return data


def call_dict(call: Call) -> dict[str, Any]:
    """The played call as JSON-ready data: scenario, transcript and ending."""
    ending = call.ending
    return {
        "scenario": call.scenario.id,
        "title": call.scenario.title,
        "lang": call.scenario.lang,
        "transcript": [turn_dict(call, t) for t in call.transcript],
        "ended": ending is not None,
        "hung_up_first": ending.hung_up_first if ending else None,
        "hung_up_on_silence": ending.silence if ending else False,
        "farewell_heard": call.farewell_heard,
        "ended_at": round(ending.at, 3) if ending else None,
    }


def spans_text(analysis: LineAnalysis) -> str:
    """``thanks: "Thanks"  goodbye: "bye"`` in the line's language, or a dash for nothing."""
    if not analysis.spans:
        return "-"
    return "  ".join(f'{text(analysis.lang, f"report.signal.{s.signal}")}: "{s.text}"'
                     for s in analysis.spans)


def evaluation_text(evaluation: Evaluation) -> str:
    """The debrief as plain text: summary, then each principle with why and a better line."""
    lang = evaluation.lang
    lines = [evaluation.summary]
    for result in evaluation.principles:
        points = text(lang, "ui.points", points=result.points, max=result.max_points)
        verdict = text(lang, verdict_key(result.verdict))
        lines.append(f"  [{verdict}] {text(lang, name_key(result.principle))} ({points})")
        lines.append(f"      {result.message}")
        if result.better:
            lines.append(f"      > {result.better}")
    return "\n".join(lines)
