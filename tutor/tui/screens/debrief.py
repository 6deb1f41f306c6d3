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
from tutor.export import ending_sentence, report_markdown, report_stem
from tutor.feedback.types import Evaluation, PrincipleResult
from tutor.locale import Lang, text
from tutor.practice import CLOSING, Practice, new_seed
from tutor.scenario.model import Scenario
from tutor.tui.keys import PROGRESS_KEYS, KeySpec
from tutor.tui.messages import (
    ListenTo,
    NextPlanned,
    PractiseNext,
    ShowLibrary,
    ShowProgress,
    StartCall,
)
from tutor.tui.screens.base import TutorScreen
from tutor.tui.widgets.key_footer import KeyFooter
from tutor.tui.widgets.next_line import NextLine
from tutor.tui.widgets.transcript import turn_content
from tutor.tui.widgets.verdicts import principle_block, score_block, turn_tags


class DebriefScreen(TutorScreen):
    """How the call went; retry, pick another call, or export the report."""

    CSS_PATH = "debrief.tcss"

    KEYS = (
        KeySpec("r", "retry", "key_retry", "help_retry", "r"),
        KeySpec("c", "from_close", "key_from_close", "help_from_close", "c"),
        # The same letters as in the library: "l" is Listen on both screens.
        # Not in the row of keys, which has no room for it at 80 columns in Russian.
        KeySpec("l", "listen", "key_listen", "help_listen_debrief", "l", show=False),
        KeySpec("escape", "library", "key_library", "help_library", "Esc"),
        KeySpec("e", "export", "key_export", "help_export", "e"),
        KeySpec("", "", "", "help_scroll", "↑ ↓ PgUp PgDn"),
        *PROGRESS_KEYS,
    )

    AUTO_FOCUS = "#debrief-body"

    class Exported(Message):
        """The export worker is done: ``paths`` on success, ``error`` otherwise."""

        def __init__(self, paths: tuple[Path, Path] | None, error: str | None) -> None:
            super().__init__()
            self.paths = paths
            self.error = error

    def __init__(self, call: Call, evaluation: Evaluation, lang: Lang,
                 reports_dir: Path | None = None, *, scenario: Scenario | None = None,
                 hints_used: int = 0) -> None:
        super().__init__(lang)
        self.call = call
        # The call as its file has it: a drill's call starts later, its lines reordered.
        self.scenario = scenario or call.scenario
        self.hints_used = hints_used
        self.evaluation = evaluation
        self.reports_dir = reports_dir
        self.exported: tuple[Path, Path] | None = None

    def compose(self) -> ComposeResult:
        ev = self.evaluation
        heading = text(self.lang, "ui.debrief_title")
        yield score_block(self.lang, f"{heading}: {self.call.scenario.title}", ev.total,
                          ev.pass_mark, ev.summary, self.hints_used)
        with VerticalScroll(id="debrief-body"):
            yield Static(Content(text(self.lang, "ui.principles")), classes="section")
            for result_ in ev.principles:
                yield self._principle(result_)
            yield Static(Content(text(self.lang, "ui.transcript")), classes="section")
            yield from self._transcript()
            yield Static(Content(ending_sentence(self.call, self.lang)), classes="ending")
        yield Static("", id="export-path")
        yield NextLine(id="practise-next")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#export-path").display = False
        self.query_one("#debrief-body").focus()

    def _principle(self, r: PrincipleResult) -> Vertical:
        return principle_block(self.lang, r.principle, r.verdict, r.points, r.max_points,
                               r.message, r.better)

    def _transcript(self) -> list[Static]:
        notes = {n.index: n for n in self.evaluation.turns}
        you = text(self.lang, "ui.you")
        out = []
        for index, turn in enumerate(self.call.transcript):
            name = you if turn.speaker == "learner" else self.call.scenario.other.name
            note = notes.get(index)
            tags = turn_tags(self.lang, note.met, note.broke) if note is not None else None
            if tags is None and note is not None and not note.scored:
                tags = Content.assemble(("  " + text(self.lang, "ui.not_scored"), "dim"))
            rushed = text(self.lang, "ui.rushed") if turn.pace == "rushed" else None
            classes = ["turn", turn.speaker] + (["rushed"] if rushed else [])
            out.append(Static(turn_content(name, turn.text, rushed_label=rushed, tags=tags),
                              classes=" ".join(classes)))
        return out

    # --- actions --------------------------------------------------------------------------

    def action_retry(self) -> None:
        """Play the same call again, its lines in a new order."""
        self.post_message(StartCall(self.scenario, Practice(seed=new_seed())))

    def action_from_close(self) -> None:
        """Play the same call again from its first closing step, its lines in a new order."""
        self.post_message(StartCall(self.scenario, Practice(CLOSING, new_seed())))

    def action_listen(self) -> None:
        """Hear this call's example closings, rushed then calm (the screen says if it has none)."""
        self.post_message(ListenTo(self.scenario))

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
        self.notify(text(self.lang, "ui.exporting"), timeout=2)
        self.export()

    def deliver(self) -> None:
        """Send the Markdown report to the browser (``App.deliver_text``)."""
        when = datetime.now()
        name = f"{report_stem(self.call, when)}.md"
        self.app.deliver_text(io.StringIO(report_markdown(self.call, self.evaluation,
                                                          self.lang, when)),
                              save_filename=name, mime_type="text/markdown")
        self.notify(text(self.lang, "ui.delivered", name=name))

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

    # --- progress: the record and what to practise next (issue 15) ------------------------

    @on(NextPlanned)
    def _next_planned(self, event: NextPlanned) -> None:
        self.query_one(NextLine).show(self.lang, event.plan.suggestion)

    def action_progress(self) -> None:
        """Open the progress screen."""
        self.post_message(ShowProgress())

    def action_practise_next(self) -> None:
        """Start the call the record suggests."""
        self.post_message(PractiseNext())
