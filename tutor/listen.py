"""Listen mode: a scenario's authored rushed closing, then its calm one, as text and voice."""

from __future__ import annotations

import threading
from typing import TextIO

from tutor.scenario.model import ExampleLine, Scenario
from tutor.speech import SpeechBackend, VoiceHints

HEADINGS = {
    "en": ("The rushed closing, as in the post:", "The calm, complete closing:"),
    "ru": ("Скомканное прощание, как в заметке:", "Спокойное и полное прощание:"),
}
#: The longest a single line may take to speak before listen mode moves on regardless.
LINE_TIMEOUT = 30.0


def listen(scenario: Scenario, speech: bool, out: TextIO,
           backend: SpeechBackend | None = None) -> int:
    """Print (and with ``speech``, voice) both example closings; return an exit code."""
    assert scenario.examples is not None
    if speech and backend is None:
        from tutor.speech import create_backend

        backend = create_backend()
        reason = backend.availability()
        if not reason.ok:
            out.write((reason.message_ru if scenario.lang == "ru" else reason.message_en) + "\n")
            backend = None
    heads = HEADINGS[scenario.lang]
    try:
        for heading, lines in zip(heads, (scenario.examples.rushed, scenario.examples.calm),
                                  strict=True):
            out.write(f"\n{heading}\n")
            for line in lines:
                _line(scenario, line, out, backend)
    finally:
        if backend is not None:
            backend.close()
    return 0


def _line(scenario: Scenario, line: ExampleLine, out: TextIO,
          backend: SpeechBackend | None) -> None:
    you = "Вы" if scenario.lang == "ru" else "You"
    who = you if line.who == "learner" else scenario.other.name
    mark = " (rushed)" if line.pace == "rushed" else ""
    out.write(f"  {who}: {line.text}{mark}\n")
    out.flush()
    if backend is not None:
        done = threading.Event()
        hints = VoiceHints(scenario.other.gender if line.who == "other" else None)
        backend.speak(line.text, scenario.lang, line.pace, hints, on_done=done.set)
        done.wait(LINE_TIMEOUT)
