"""How a debrief shows a verdict and a turn's marks: shared by the live debrief and a past
attempt's, so an attempt reopened later looks as it did. Text is never markup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tutor.locale import Lang, text
from tutor.principles import PRINCIPLES

if TYPE_CHECKING:  # the library's first frame does without the feedback package (startup.py)
    from tutor.feedback.types import Verdict

VERDICT_MARKS = {"met": ("✔", "$success"), "partly": ("◐", "$warning"),
                 "missed": ("✘", "$error"), "n/a": ("·", "dim")}


def principle_name(lang: Lang, principle: str) -> str:
    """A principle's name in ``lang``; a stored id this version does not know, as it is."""
    # The registry's module brings the engine and the scenario model (and RE2) with it: the
    # library's first frame imports this widget, so the registry is read only when needed.
    from tutor.feedback.principles import name_key

    if principle not in PRINCIPLES:
        return principle
    return text(lang, name_key(principle))


def verdict_name(lang: Lang, verdict: str) -> str:
    """A verdict's word in ``lang``; an unknown stored verdict, as it is."""
    from tutor.feedback.principles import verdict_key  # see principle_name

    if verdict not in VERDICT_MARKS:
        return verdict
    return text(lang, verdict_key(cast("Verdict", verdict)))


def principle_block(lang: Lang, principle: str, verdict: str, points: float, max_points: float,
                    message: str | None, better: str | None) -> Vertical:
    """The verdict line, then why and a better line, each its own block so that a long
    reason wraps under its own start (debrief.tcss indents them)."""
    mark, style = VERDICT_MARKS.get(verdict, ("·", "dim"))
    title = principle_name(lang, principle)
    shown = verdict_name(lang, verdict)
    lines = [Static(Content.assemble(
        (f"{mark} ", style), (title, "bold"), "  ", (shown, style), "  ",
        (text(lang, "ui.points", points=points, max=max_points), "dim"),
    ), classes="verdict")]
    if message:
        lines.append(Static(Content.assemble(
            (text(lang, "ui.why") + ": ", "italic"), message), classes="note"))
    if better:
        lines.append(Static(Content.assemble(
            (text(lang, "ui.better") + ": ", "italic $success"), better), classes="note"))
    # A class name may not hold "/": the verdict "n/a" (a principle weighted 0) becomes "na".
    return Vertical(*lines, classes=f"principle {verdict.replace('/', '')}")


def turn_tags(lang: Lang, met: Sequence[str], broke: Sequence[str]) -> Content | None:
    """The principles a learner line met and broke, as marks under it (None when none)."""
    if not met and not broke:
        return None
    bits: list[str | Content | tuple[str, str]] = ["  "]
    bits += [(f"✔ {principle_name(lang, p)}  ", "$success") for p in met]
    bits += [(f"✘ {principle_name(lang, p)}  ", "$error") for p in broke]
    return Content.assemble(*bits)


def score_block(lang: Lang, heading: str, total: int, pass_mark: int | None,
                summary: str, hints_used: int = 0) -> Static:
    """The score, pass or not, the debrief's one sentence and the hints asked for, in a
    bordered box titled ``heading``. An unknown pass mark (an imported best score) shows the
    score alone."""
    passed = pass_mark is not None and total >= pass_mark
    if pass_mark is None:
        line = text(lang, "ui.score_only", total=total)
    else:
        result = text(lang, "ui.passed" if passed else "ui.failed")
        line = text(lang, "ui.score_line", total=total, result=result, mark=pass_mark)
    score = Static(Content.assemble((line, "bold $success" if passed else "bold $error"),
                                    *(("\n", summary) if summary else ()),
                                    *(("\n", (text(lang, "ui.hints_used", n=hints_used),
                                               "italic")) if hints_used else ())),
                   id="score", classes="passed" if passed else "failed")
    score.border_title = Content(heading)
    return score
