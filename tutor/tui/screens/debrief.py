"""The debrief: the score, each principle's verdict, and the transcript with its marks."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from tutor.dialogue import Call
from tutor.export import (
    PRINCIPLE_TITLES,
    VERDICT_TITLES,
    ending_sentence,
    report_markdown,
    report_stem,
)
from tutor.feedback.types import Evaluation, PrincipleResult
from tutor.tui.i18n import UiLang, t
from tutor.tui.keys import KeySpec
from tutor.tui.messages import ShowLibrary, StartCall
from tutor.tui.screens.base import TutorScreen
from tutor.tui.widgets.key_footer import KeyFooter
from tutor.tui.widgets.transcript import turn_content

VERDICT_MARKS = {"met": ("✔", "$success"), "partly": ("◐", "$warning"),
                 "missed": ("✘", "$error"), "n/a": ("·", "dim")}


class DebriefScreen(TutorScreen):
    """How the call went; retry, pick another call, or export the report."""

    CSS_PATH = "debrief.tcss"

    KEYS = (
        KeySpec("r", "retry", "key_retry", "help_retry", "r"),
        KeySpec("l,escape", "library", "key_library", "help_library", "l / Esc"),
        KeySpec("e", "export", "key_export", "help_export", "e"),
        KeySpec("", "", "", "help_scroll", "↑ ↓ PgUp PgDn"),
    )

    AUTO_FOCUS = "#debrief-body"

    class Exported(Message):
        """The export worker is done: ``paths`` on success, ``error`` otherwise."""

        def __init__(self, paths: tuple[Path, Path] | None, error: str | None) -> None:
            super().__init__()
            self.paths = paths
            self.error = error

    def __init__(self, call: Call, evaluation: Evaluation, lang: UiLang,
                 reports_dir: Path | None = None) -> None:
        super().__init__(lang)
        self.call = call
        self.evaluation = evaluation
        self.reports_dir = reports_dir
        self.exported: tuple[Path, Path] | None = None

    def compose(self) -> ComposeResult:
        ev = self.evaluation
        result = t(self.lang, "passed" if ev.passed else "failed")
        score = Static(Content.assemble(
            (t(self.lang, "score_line", total=ev.total, result=result, mark=ev.pass_mark),
             "bold $success" if ev.passed else "bold $error"),
            "\n", ev.summary,
        ), id="score", classes="passed" if ev.passed else "failed")
        score.border_title = Content(f"{t(self.lang, 'debrief_title')}: {self.call.scenario.title}")
        yield score
        with VerticalScroll(id="debrief-body"):
            yield Static(Content(t(self.lang, "principles")), classes="section")
            for result_ in ev.principles:
                yield self._principle(result_)
            yield Static(Content(t(self.lang, "transcript")), classes="section")
            yield from self._transcript()
            yield Static(Content(ending_sentence(self.call, self.lang)), classes="ending")
        yield Static("", id="export-path")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#export-path").display = False
        self.query_one("#debrief-body").focus()

    def _principle(self, r: PrincipleResult) -> Vertical:
        """The verdict line, then why and a better line, each its own block so that a long
        reason wraps under its own start (debrief.tcss indents them)."""
        mark, style = VERDICT_MARKS.get(r.verdict, ("·", "dim"))
        title = PRINCIPLE_TITLES[self.lang].get(r.principle, r.principle)
        verdict = VERDICT_TITLES[self.lang].get(r.verdict, r.verdict)
        lines = [Static(Content.assemble(
            (f"{mark} ", style), (title, "bold"), "  ", (verdict, style), "  ",
            (t(self.lang, "points", points=f"{r.points:g}", max=r.max_points), "dim"),
        ), classes="verdict")]
        if r.message:
            lines.append(Static(Content.assemble(
                (t(self.lang, "why") + ": ", "italic"), r.message), classes="note"))
        if r.better:
            lines.append(Static(Content.assemble(
                (t(self.lang, "better") + ": ", "italic $success"), r.better), classes="note"))
        return Vertical(*lines, classes=f"principle {r.verdict}")

    def _transcript(self) -> list[Static]:
        notes = {n.index: n for n in self.evaluation.turns}
        titles = PRINCIPLE_TITLES[self.lang]
        you = t(self.lang, "you")
        out = []
        for index, turn in enumerate(self.call.transcript):
            name = you if turn.speaker == "learner" else self.call.scenario.other.name
            note = notes.get(index)
            tags: Content | None = None
            if note is not None and (note.met or note.broke):
                bits: list[str | Content | tuple[str, str]] = ["  "]
                bits += [(f"✔ {titles[p]}  ", "$success") for p in note.met]
                bits += [(f"✘ {titles[p]}  ", "$error") for p in note.broke]
                tags = Content.assemble(*bits)
            rushed = t(self.lang, "rushed") if turn.pace == "rushed" else None
            classes = ["turn", turn.speaker] + (["rushed"] if rushed else [])
            out.append(Static(turn_content(name, turn.text, rushed_label=rushed, tags=tags),
                              classes=" ".join(classes)))
        return out

    # --- actions --------------------------------------------------------------------------

    def action_retry(self) -> None:
        """Play the same call again."""
        self.post_message(StartCall(self.call.scenario))

    def action_library(self) -> None:
        """Back to the library."""
        self.post_message(ShowLibrary())

    def action_export(self) -> None:
        """Save the report as Markdown and JSON in a worker thread; in a browser (a
        workshop), hand the Markdown report to the browser as a download instead, since the
        server's disk is not the participant's."""
        if self.app.is_web:
            self.deliver()
            return
        self.notify(t(self.lang, "exporting"), timeout=2)
        self.export()

    def deliver(self) -> None:
        """Send the Markdown report to the browser (``App.deliver_text``)."""
        when = datetime.now()
        name = f"{report_stem(self.call, when)}.md"
        self.app.deliver_text(io.StringIO(report_markdown(self.call, self.evaluation,
                                                          self.lang, when)),
                              save_filename=name, mime_type="text/markdown")
        self.notify(t(self.lang, "delivered", name=name))

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def export(self) -> None:
        """Write both report files (blocking I/O, so off the UI thread)."""
        from tutor.export import write_reports

        try:
            paths = write_reports(self.call, self.evaluation, self.reports_dir, self.lang)
        except OSError as exc:
            self.post_message(self.Exported(None, str(exc)))
        else:
            self.post_message(self.Exported(paths, None))

    @on(Exported)
    def _exported(self, event: Exported) -> None:
        label = self.query_one("#export-path", Static)
        label.display = True
        if event.paths is None:
            text = t(self.lang, "export_failed", error=event.error)
            self.notify(text, severity="error")
        else:
            self.exported = event.paths
            text = t(self.lang, "exported", md=str(event.paths[0]))
            self.notify(text)
        label.update(Content(text))
