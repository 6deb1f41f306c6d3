"""The shape of an attempt: what the store accepts, fills in, and refuses (and says why)."""

from __future__ import annotations

import pytest

from tests.store.attempts import make_attempt
from tutor.store import InvalidAttempt
from tutor.store.record import normalized


def test_missing_optional_fields_get_their_documented_defaults() -> None:
    attempt = make_attempt()
    for field in ("file_hash", "transcript", "hung_up_by", "principles", "hints_used", "seed",
                  "participant", "workshop"):
        del attempt[field]
    clean = normalized(attempt)
    assert (clean["file_hash"], clean["transcript"], clean["hung_up_by"], clean["principles"],
            clean["hints_used"], clean["seed"], clean["participant"], clean["workshop"]) == (
        "", [], None, [], 0, None, "", "")
    assert len(clean["id"]) == 32 and int(clean["id"], 16) >= 0


def test_times_are_kept_in_one_sortable_utc_form() -> None:
    clean = normalized(make_attempt(started_at="2026-03-01T12:00:00+02:00",
                                    ended_at="2026-03-01T10:01:00Z"))
    assert clean["started_at"] == "2026-03-01T10:00:00.000000+00:00"
    assert clean["ended_at"] == "2026-03-01T10:01:00.000000+00:00"


def test_a_time_without_a_zone_is_refused() -> None:
    with pytest.raises(InvalidAttempt, match=r"ended_at.*no time zone"):
        normalized(make_attempt(ended_at="2026-03-01T10:01:00"))


@pytest.mark.parametrize(("field", "value", "said"), [
    ("total", 101, "total must be a whole number from 0 to 100"),
    ("total", "80", "total must be a whole number"),
    ("passed", "yes", "passed must be true, false or null"),
    ("front_end", "phone", "front_end must be one of"),
    ("hung_up_by", "nobody", "hung_up_by must be one of"),
    ("seed", 1.5, "seed must be a whole number or null"),
    ("transcript", [{"speaker": "me", "text": "hi", "at": 0}], "turn 1: speaker"),
    ("principles", [{"id": "pace", "verdict": "great", "points": 1, "max": 1}],
     r"principles\[1\].verdict"),
    ("principles", [{"id": "pace", "verdict": "met", "points": 1, "max": 1}] * 2,
     "appears twice"),
])
def test_a_wrong_field_is_named(field: str, value: object, said: str) -> None:
    with pytest.raises(InvalidAttempt, match=said):
        normalized(make_attempt(**{field: value}))


def test_unknown_fields_are_kept_for_a_newer_tutor() -> None:
    clean = normalized(make_attempt(debrief={"summary": "Well done"}))
    assert clean["debrief"] == {"summary": "Well done"}
