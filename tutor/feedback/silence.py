"""Dead air: what the debrief says about silences the other party had to fill.

Kept apart from the principles: silence is not scored here, only named, so a learner who was
asked "are you still there?" before the goodbye hears about it in the debrief.
"""

from __future__ import annotations

from tutor.dialogue import Call
from tutor.locale import text


def dead_air_notes(call: Call) -> tuple[str, ...]:
    """A note when silence ended the call, or when it made the other party ask in the closing."""
    lang, other = call.scenario.lang, call.scenario.other
    if call.ending is not None and call.ending.silence:
        return (text(lang, "feedback.dead_air.hang_up", name=other.name, other=other.gender),)
    if any(t.kind == "silence" and t.closing for t in call.transcript):
        return (text(lang, "feedback.dead_air.prompt", name=other.name, other=other.gender),)
    return ()
