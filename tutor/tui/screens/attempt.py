"""A past attempt's debrief, read-only, as it was: read from the attempt store, not replayed.

The verdicts, their reasons and better lines, the transcript and its marks are the ones the
attempt was recorded with (``tutor.session.Attempt.to_store``), shown the way the live
debrief shows them. ``r`` plays the attempt back with its own timing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tutor.locale import Lang, text
from tutor.progress import local_time
from tutor.safe_text import terminal_safe
from tutor.store.record import Attempt
from tutor.tui.keys import KeySpec
from tutor.tui.messages import ReplayAttempt
from tutor.tui.screens.base import TutorScreen
from tutor.tui.widgets.key_footer import KeyFooter
from tutor.tui.widgets.transcript import turn_content
from tutor.tui.widgets.verdicts import principle_block, score_block, turn_tags


class AttemptScreen(TutorScreen):
    """One past attempt: its score, verdicts and transcript; replay it or go back."""

    CSS_PATH = "debrief.tcss"

    KEYS = (
        KeySpec("r", "replay", "key_play_back", "help_play_back", "r"),
        KeySpec("escape,q", "leave", "key_back", "help_back_progress", "Esc / q"),
        KeySpec("", "", "", "help_scroll", "↑ ↓ PgUp PgDn"),
    )

    AUTO_FOCUS = "#debrief-body"

    def __init__(self, attempt: Attempt, title: str, lang: Lang) -> None:
        super().__init__(lang)
        # Text from the file (a call's title, lines typed by the learner) is shown, not obeyed.
        self.attempt: Attempt = terminal_safe(attempt)
        self.title = terminal_safe(title)

    def compose(self) -> ComposeResult:
        a = self.attempt
        heading = text(self.lang, "ui.past_title", title=self.title,
                       when=local_time(a["ended_at"]))
        yield score_block(self.lang, heading, a["total"], a["pass_mark"], a.get("summary", ""))
        with VerticalScroll(id="debrief-body"):
            if a["principles"]:
                yield Static(Content(text(self.lang, "ui.principles")), classes="section")
                for p in a["principles"]:
                    yield principle_block(self.lang, p["id"], p["verdict"], p["points"],
                                          p["max"], p.get("message"), p.get("better"))
            if a["transcript"]:
                yield Static(Content(text(self.lang, "ui.transcript")), classes="section")
                yield from self._transcript()
            if not a["principles"] and not a["transcript"]:
                yield Static(Content(text(self.lang, "ui.past_score_only")), classes="ending")
            if a.get("ending"):
                yield Static(Content(str(a["ending"])), classes="ending")
        yield KeyFooter()

    def _transcript(self) -> list[Static]:
        you = text(self.lang, "ui.you")
        other = str(self.attempt.get("other_name") or text(self.lang, "ui.past_other"))
        out = []
        for turn in self.attempt["transcript"]:
            learner = turn.get("speaker") == "learner"
            rushed = text(self.lang, "ui.rushed") if turn.get("pace") == "rushed" else None
            tags = turn_tags(self.lang, turn.get("met", ()), turn.get("broke", ()))
            classes = ["turn", "learner" if learner else "other"] + (["rushed"] if rushed else [])
            out.append(Static(turn_content(you if learner else other, str(turn["text"]),
                                           rushed_label=rushed, tags=tags),
                              classes=" ".join(classes)))
        return out

    def action_replay(self) -> None:
        """Hear this attempt again with its own timing, then the call's calm example."""
        if self.attempt["transcript"]:
            self.post_message(ReplayAttempt(self.attempt))

    def action_leave(self) -> None:
        """Back to the progress screen."""
        self.app.pop_screen()
