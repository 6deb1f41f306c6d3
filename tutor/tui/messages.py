"""Messages the screens post to the app, which owns navigation between screens."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tutor.dialogue import Call
    from tutor.scenario.model import Scenario


class StartCall(Message):
    """Play ``scenario`` (from the library, a retry, or the palette)."""

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario


class OpenScenario(Message):
    """Load the scenario file at ``path`` and play it (from the library or the palette)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class CallFinished(Message):
    """The call has ended (either side hung up); time for the debrief."""

    def __init__(self, call: Call) -> None:
        super().__init__()
        self.call = call


class ShowLibrary(Message):
    """Go back to the list of calls."""
