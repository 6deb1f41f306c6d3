"""The command palette's provider: the app's actions and the current screen's commands."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.screen import Screen

from tutor.tui.screens.base import PaletteCommand


class OffersCommands(Protocol):
    """What the palette needs of the app (the app imports this module, not the reverse)."""

    def palette_commands(self, screen: Screen[object]) -> Iterator[PaletteCommand]: ...


class TutorCommands(Provider):
    """Theme, speech, help, library, quit, and one 'Play' command per scenario."""

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        app = cast(OffersCommands, self.app)
        for title, help_text, callback in app.palette_commands(self.screen):
            # The palette parses help as markup; scenario summaries must stay literal.
            yield title, escape(help_text), callback

    async def discover(self) -> Hits:
        """Every command, before anything is typed."""
        for title, help_text, callback in self._commands():
            # Content(...) so a scenario title with brackets is shown, not parsed.
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands whose title fuzzily matches ``query``."""
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(callback), text=title,
                          help=help_text)
