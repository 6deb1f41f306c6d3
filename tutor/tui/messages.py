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
    """Load the scenario file at ``path``, then play it, or with ``listen`` hear its examples."""

    def __init__(self, path: Path, listen: bool = False) -> None:
        super().__init__()
        self.path = path
        self.listen = listen


class ListenTo(Message):
    """Hear ``scenario``'s authored example closings."""

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario


class CallFinished(Message):
    """The call has ended (either side hung up); time for the debrief."""

    def __init__(self, call: Call) -> None:
        super().__init__()
        self.call = call


class ShowLibrary(Message):
    """Go back to the list of calls."""
