"""The speech switch: one search for a backend at a time, and "why it is silent" told once."""

from __future__ import annotations

from tutor.speech import FakeBackend
from tutor.speech.reasons import unavailable
from tutor.speech.types import AvailabilityCode
from tutor.tui.speech import SpeechSwitch

NO_SOUND = unavailable(AvailabilityCode.NO_AUDIO_DEVICE)


def test_only_one_search_for_a_backend_runs_at_a_time() -> None:
    switch = SpeechSwitch(None, wanted=True)
    assert switch.search(announce=False)
    assert not switch.search(announce=True)
    switch.found(FakeBackend(), "en")
    assert switch.search(announce=False)


def test_a_backend_found_for_a_toggle_is_announced() -> None:
    switch = SpeechSwitch(None, wanted=True)
    switch.search(announce=True)
    notice = switch.found(FakeBackend(), "en")
    assert notice is not None and notice.severity == "information"


def test_a_backend_found_at_start_that_works_says_nothing() -> None:
    switch = SpeechSwitch(None, wanted=True)
    switch.search(announce=False)
    assert switch.found(FakeBackend(), "en") is None
    assert switch.enabled


def test_a_second_backend_is_closed_and_the_first_kept() -> None:
    first, second = FakeBackend(), FakeBackend()
    switch = SpeechSwitch(first, wanted=True)
    assert switch.found(second, "en") is None
    assert switch.backend is first and second.closed


def test_why_speech_is_silent_is_told_in_full_once_then_briefly() -> None:
    switch = SpeechSwitch(FakeBackend(availability=NO_SOUND), wanted=True)
    first = switch.notice("ru", announce_ok=True)
    again = switch.notice("ru", announce_ok=True)
    assert first is not None and first.message == NO_SOUND.message("ru")
    assert again is not None and again.message != NO_SOUND.message("ru")
    assert again.severity == "warning"
