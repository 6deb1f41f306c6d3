"""The shape of one attempt as the store takes and gives it: a plain, JSON-ready dict.

Fields (``?`` marks those that may be left out when adding; the default is shown):

``id``?             uuid4 hex, made when missing; it is what de-duplicates imports
``scenario_id``     the call's id
``file_hash``?      a hash of the call's file as it was played ("")
``lang``            the call's language, "en" or "ru" ("" only for imported best scores)
``started_at``      UTC time, ISO 8601 ("2026-11-27T14:24:17.123456+00:00"; "Z" accepted)
``ended_at``        UTC time, ISO 8601; attempts are ordered by it
``front_end``       "tui", "plain", "run", "web", or "import" (a best score from scores.json)
``transcript``?     list of turns, each at least {speaker, text, at (seconds)} ([]); turns
                    are kept as given, extra keys included
``hung_up_by``?     "learner", "other" or None (None)
``total``           the score, 0-100
``pass_mark``       0-100, or None when unknown (imported best scores)
``passed``          bool, or None when unknown (imported best scores)
``principles``?     list of {id, verdict: met|partly|missed|n/a, points, max} ([]), each
                    principle once; extra keys are kept
``hints_used``?     int >= 0 (0)
``seed``?           int or None (None)
``participant``?    str, "" when local ("")
``workshop``?       str, "" when local ("")

Any other top-level key is kept as it is and given back, so a newer tutor's export loses
nothing when read by this one. Times come back in the one canonical form above (UTC,
microseconds, ``+00:00``), which also sorts as text.
"""

from __future__ import annotations

import math
import uuid
from datetime import UTC, datetime
from typing import Any

from tutor.store.errors import InvalidAttempt

Attempt = dict[str, Any]

FRONT_ENDS = ("tui", "plain", "run", "web", "import")
VERDICTS = ("met", "partly", "missed", "n/a")
HUNG_UP_BY = ("learner", "other", None)

#: Every documented field, in the order an attempt is given back.
FIELDS = ("id", "scenario_id", "file_hash", "lang", "started_at", "ended_at", "front_end",
          "transcript", "hung_up_by", "total", "pass_mark", "passed", "principles",
          "hints_used", "seed", "participant", "workshop")
PRINCIPLE_FIELDS = ("id", "verdict", "points", "max")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return (_is_int(value) or isinstance(value, float)) and math.isfinite(value)  # type: ignore[arg-type]


def utc_time(value: object, field: str) -> str:
    """``value`` as the canonical UTC ISO 8601 text; a time without a zone is refused,
    since guessing one would reorder attempts."""
    if not isinstance(value, str):
        raise InvalidAttempt(f"{field} must be an ISO 8601 time string, not {value!r}")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidAttempt(f"{field}: {value!r} is not an ISO 8601 time") from None
    if when.tzinfo is None:
        raise InvalidAttempt(f"{field}: {value!r} has no time zone; give it in UTC "
                             "(end it with 'Z' or '+00:00')")
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def now_utc() -> str:
    """The current time in the canonical form."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _text(data: Attempt, field: str, default: str | None = None) -> str:
    value = data.get(field, default)
    if not isinstance(value, str):
        raise InvalidAttempt(f"{field} must be a string, not {value!r}")
    return value


def _choice(value: object, field: str, allowed: tuple[object, ...]) -> Any:
    if value not in allowed:
        shown = ", ".join("None" if a is None else repr(a) for a in allowed)
        raise InvalidAttempt(f"{field} must be one of {shown}, not {value!r}")
    return value


def _score(value: object, field: str, *, nullable: bool = False) -> int | None:
    if value is None and nullable:
        return None
    if not _is_int(value) or not 0 <= value <= 100:  # type: ignore[operator]
        raise InvalidAttempt(f"{field} must be a whole number from 0 to 100, not {value!r}")
    return value  # type: ignore[return-value]


def _turns(value: object) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise InvalidAttempt(f"transcript must be a list of turns, not {value!r}")
    for n, turn in enumerate(value, 1):
        if not isinstance(turn, dict):
            raise InvalidAttempt(f"transcript turn {n} must be an object, not {turn!r}")
        if turn.get("speaker") not in ("learner", "other"):
            raise InvalidAttempt(f"transcript turn {n}: speaker must be 'learner' or 'other'")
        if not isinstance(turn.get("text"), str):
            raise InvalidAttempt(f"transcript turn {n}: text must be a string")
        if not _is_number(turn.get("at")):
            raise InvalidAttempt(f"transcript turn {n}: at must be a number of seconds")
    return value


def _principles(value: object) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise InvalidAttempt(f"principles must be a list, not {value!r}")
    seen: set[str] = set()
    for n, item in enumerate(value, 1):
        where = f"principles[{n}]"
        if not isinstance(item, dict):
            raise InvalidAttempt(f"{where} must be an object, not {item!r}")
        pid = item.get("id")
        if not isinstance(pid, str) or not pid:
            raise InvalidAttempt(f"{where}: id must be a principle id")
        if pid in seen:
            raise InvalidAttempt(f"{where}: {pid!r} appears twice")
        seen.add(pid)
        _choice(item.get("verdict"), f"{where}.verdict", VERDICTS)
        if not _is_number(item.get("points")):
            raise InvalidAttempt(f"{where}: points must be a number")
        if not _is_number(item.get("max")) or item["max"] < 0:
            raise InvalidAttempt(f"{where}: max must be a number from 0 up")
    return value


def normalized(data: object) -> Attempt:
    """A checked copy of ``data`` with defaults filled in and times made canonical.

    Raises :class:`InvalidAttempt` naming the first field that is wrong.
    """
    if not isinstance(data, dict):
        raise InvalidAttempt(f"an attempt must be an object, not {type(data).__name__}")
    attempt_id = data.get("id") or uuid.uuid4().hex
    if not isinstance(attempt_id, str):
        raise InvalidAttempt(f"id must be a string, not {attempt_id!r}")
    scenario_id = _text(data, "scenario_id")
    if not scenario_id:
        raise InvalidAttempt("scenario_id must not be empty")
    hints = data.get("hints_used", 0)
    if not _is_int(hints) or hints < 0:
        raise InvalidAttempt(f"hints_used must be a whole number from 0 up, not {hints!r}")
    seed = data.get("seed")
    if seed is not None and not _is_int(seed):
        raise InvalidAttempt(f"seed must be a whole number or null, not {seed!r}")
    passed = data.get("passed")
    if passed is not None and not isinstance(passed, bool):
        raise InvalidAttempt(f"passed must be true, false or null, not {passed!r}")
    if "passed" not in data:
        raise InvalidAttempt("passed is missing")
    clean: Attempt = {
        "id": attempt_id,
        "scenario_id": scenario_id,
        "file_hash": _text(data, "file_hash", ""),
        "lang": _text(data, "lang"),
        "started_at": utc_time(data.get("started_at"), "started_at"),
        "ended_at": utc_time(data.get("ended_at"), "ended_at"),
        "front_end": _choice(data.get("front_end"), "front_end", FRONT_ENDS),
        "transcript": _turns(data.get("transcript", [])),
        "hung_up_by": _choice(data.get("hung_up_by"), "hung_up_by", HUNG_UP_BY),
        "total": _score(data.get("total"), "total"),
        "pass_mark": _score(data.get("pass_mark"), "pass_mark", nullable=True),
        "passed": passed,
        "principles": _principles(data.get("principles", [])),
        "hints_used": hints,
        "seed": seed,
        "participant": _text(data, "participant", ""),
        "workshop": _text(data, "workshop", ""),
    }
    if "pass_mark" not in data:
        raise InvalidAttempt("pass_mark is missing")
    extra = {k: v for k, v in data.items() if k not in clean}
    return clean | extra
