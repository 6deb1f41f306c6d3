"""The full-screen front end. ``make_app`` imports Textual only when called."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.tui.app import TutorApp


def make_app(*args: Any, **kwargs: Any) -> TutorApp:
    """Build the app; see ``tutor.tui.app.make_app`` for the arguments."""
    from tutor.tui.app import make_app as _make_app

    return _make_app(*args, **kwargs)
