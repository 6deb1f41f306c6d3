"""Why speech is silent and how to turn it on: each reason's text is ``speech.<code>``."""

from __future__ import annotations

from tutor.speech.types import Availability, AvailabilityCode


def unavailable(code: AvailabilityCode, detail: str | None = None) -> Availability:
    """Build the Availability for a failure; ``detail`` (English, technical) is appended."""
    return Availability(ok=False, code=code.value, detail=detail)


def available(engine: str, player: str) -> Availability:
    """Build the Availability that says speech is on, naming what does the work."""
    return Availability(ok=True, code=AvailabilityCode.OK.value,
                        values=(("engine", engine), ("player", player)))
