"""The full-screen front end. ``make_app`` imports Textual only when called."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tutor.tui.options import AppOptions

if TYPE_CHECKING:
    from tutor.tui.app import TutorApp

__all__ = ["AppOptions", "make_app"]


def make_app(options: AppOptions) -> TutorApp:
    """Build the app: the CLI, the tests and the benches all go through here."""
    from tutor.tui.app import TutorApp

    return TutorApp(options)
