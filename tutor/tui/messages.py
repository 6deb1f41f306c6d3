"""Messages the screens post to the app, which owns navigation between screens."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tutor.dialogue import Call
    from tutor.scenario.model import Scenario
    from tutor.store.record import Attempt
    from tutor.tui.loading import NextPlan


class StartCall(Message):
    """Play ``scenario`` (from the library, a retry, or the palette).

    ``from_step`` "closing" asks to start at the call's first closing step ("practise
    next" sends it); the app starts every call at its beginning until that is connected.
    """

    def __init__(self, scenario: Scenario, from_step: str | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.from_step = from_step


class OpenScenario(Message):
    """Load the scenario file at ``path``, then play it (from ``from_step``, see
    ``StartCall``), or with ``listen`` hear its examples."""

    def __init__(self, path: Path, listen: bool = False, from_step: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.listen = listen
        self.from_step = from_step


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


# --- progress: the record of past attempts ----------------------------------------------


class ShowProgress(Message):
    """Open the progress screen."""


class PractiseNext(Message):
    """Start the call the record suggests, at its close."""


class NextPlanned(Message):
    """The app worked out what to practise next (sent to every screen on the stack)."""

    def __init__(self, plan: NextPlan) -> None:
        super().__init__()
        self.plan = plan


class OpenAttempt(Message):
    """Show a past attempt's debrief as it was."""

    def __init__(self, attempt: Attempt, title: str) -> None:
        super().__init__()
        self.attempt = attempt
        self.title = title


class ReplayAttempt(Message):
    """Play a past attempt back with its own timing, then the call's calm example."""

    def __init__(self, attempt: Attempt) -> None:
        super().__init__()
        self.attempt = attempt
