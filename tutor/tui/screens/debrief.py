"""The debrief: the score, each principle's verdict, and the transcript with its marks."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from tutor.dialogue import Call
from tutor.export import ending_sentence
from tutor.feedback.principles import name_key, verdict_key
from tutor.feedback.types import Evaluation, PrincipleResult
from tutor.locale import Lang, text
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

    def __init__(self, call: Call, evaluation: Evaluation, lang: Lang,
                 reports_dir: Path | None = None) -> None:
        super().__init__(lang)
        self.call = call
        self.evaluation = evaluation
        self.reports_dir = reports_dir
        self.exported: tuple[Path, Path] | None = None

    def compose(self) -> ComposeResult:
        ev = self.evaluation
        result = text(self.lang, "ui.passed" if ev.passed else "ui.failed")
        score = Static(Content.assemble(
            (text(self.lang, "ui.score_line", total=ev.total, result=result, mark=ev.pass_mark),
             "bold $success" if ev.passed else "bold $error"),
            "\n", ev.summary,
        ), id="score", classes="passed" if ev.passed else "failed")
        heading = text(self.lang, "ui.debrief_title")
        score.border_title = Content(f"{heading}: {self.call.scenario.title}")
        yield score
        with VerticalScroll(id="debrief-body"):
            yield Static(Content(text(self.lang, "ui.principles")), classes="section")
            for result_ in ev.principles:
                yield self._principle(result_)
            yield Static(Content(text(self.lang, "ui.transcript")), classes="section")
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
        title = text(self.lang, name_key(r.principle))
        verdict = text(self.lang, verdict_key(r.verdict))
        lines = [Static(Content.assemble(
            (f"{mark} ", style), (title, "bold"), "  ", (verdict, style), "  ",
            (text(self.lang, "ui.points", points=f"{r.points:g}", max=r.max_points), "dim"),
        ), classes="verdict")]
        if r.message:
            lines.append(Static(Content.assemble(
                (text(self.lang, "ui.why") + ": ", "italic"), r.message), classes="note"))
        if r.better:
            lines.append(Static(Content.assemble(
                (text(self.lang, "ui.better") + ": ", "italic $success"), r.better),
                classes="note"))
        return Vertical(*lines, classes=f"principle {r.verdict}")

    def _transcript(self) -> list[Static]:
        notes = {n.index: n for n in self.evaluation.turns}
        you = text(self.lang, "ui.you")
        out = []
        for index, turn in enumerate(self.call.transcript):
            name = you if turn.speaker == "learner" else self.call.scenario.other.name
            note = notes.get(index)
            tags: Content | None = None
            if note is not None and (note.met or note.broke):
                bits: list[str | Content | tuple[str, str]] = ["  "]
                bits += [(f"✔ {text(self.lang, name_key(p))}  ", "$success") for p in note.met]
                bits += [(f"✘ {text(self.lang, name_key(p))}  ", "$error") for p in note.broke]
                tags = Content.assemble(*bits)
            elif note is not None and not note.scored:
                tags = Content.assemble(("  " + text(self.lang, "ui.not_scored"), "dim"))
            rushed = text(self.lang, "ui.rushed") if turn.pace == "rushed" else None
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
        """Save the report as Markdown and JSON in a worker thread."""
        self.notify(text(self.lang, "ui.exporting"), timeout=2)
        self.export()

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
            message = text(self.lang, "ui.export_failed", error=event.error)
            self.notify(message, severity="error")
        else:
            self.exported = event.paths
            message = text(self.lang, "ui.exported", md=str(event.paths[0]))
            self.notify(message)
        label.update(Content(message))
