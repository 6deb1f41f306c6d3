"""Attempts as a finished call would hand them to the store, for the store's tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

_clock = itertools.count()
_START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def make_attempt(**changes: Any) -> dict[str, Any]:
    """A complete, valid attempt; each call ends a minute after the previous one."""
    ended = _START + timedelta(minutes=next(_clock))
    attempt: dict[str, Any] = {
        "scenario_id": "sales-call",
        "file_hash": "sha256:0f1e",
        "lang": "en",
        "started_at": (ended - timedelta(seconds=40)).isoformat(),
        "ended_at": ended.isoformat(),
        "front_end": "tui",
        "transcript": [
            {"speaker": "other", "text": "So, that's everything then?", "at": 0.0},
            {"speaker": "learner", "text": "Yes, thank you. Goodbye!", "at": 2.5},
        ],
        "hung_up_by": "other",
        "total": 80,
        "pass_mark": 70,
        "passed": True,
        "principles": [
            {"id": "pace", "verdict": "met", "points": 20, "max": 20},
            {"id": "thanks", "verdict": "partly", "points": 7.5, "max": 15},
            {"id": "offer_help", "verdict": "n/a", "points": 0, "max": 10},
        ],
        "hints_used": 1,
        "seed": 7,
        "participant": "",
        "workshop": "",
    }
    attempt.update(changes)
    return attempt
