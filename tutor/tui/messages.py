"""Messages the screens post to the app, which owns navigation between screens."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tutor.dialogue import Call
    from tutor.practice import Practice
    from tutor.scenario.model import Scenario
    from tutor.store.record import Attempt
    from tutor.tui.next_plan import NextPlan


class StartCall(Message):
    """Play ``scenario`` (from the library, a retry, or the palette), as ``practice`` says."""

    def __init__(self, scenario: Scenario, practice: Practice | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.practice = practice


class OpenScenario(Message):
    """Load the scenario file at ``path``, then play it (from ``from_step``, see
    ``StartCall``), or with ``listen`` hear its examples."""

    def __init__(self, path: Path, listen: bool = False,
                 practice: Practice | None = None) -> None:
        super().__init__()
        self.path = path
        self.listen = listen
        self.practice = practice


class ListenTo(Message):
    """Hear ``scenario``'s authored example closings."""

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario


class CallFinished(Message):
    """The call has ended (either side hung up); time for the debrief.

    ``scenario`` is the call as its file has it (``call.scenario`` may start later, with its
    lines reordered); ``practice`` says how it was played and ``hints_used`` how often the
    learner asked what was at stake.
    """

    def __init__(self, call: Call, scenario: Scenario, practice: Practice,
                 hints_used: int = 0) -> None:
        super().__init__()
        self.call = call
        self.scenario = scenario
        self.practice = practice
        self.hints_used = hints_used


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
