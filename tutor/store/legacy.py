"""The best scores the app used to keep in ``scores.json``, brought into the store once.

Each best score becomes one attempt with ``front_end`` "import" and only what the old file
knew: the call's id and its total (no pass mark, no verdicts, no transcript; the file's
modification time as both start and end). Its id is derived from the call and the score, so
two processes importing the same file at once, or a second import, add it only once.

An intact file is renamed ``scores.json.imported`` and never read again. A damaged one is
renamed ``scores.json.corrupt-<UTC time>`` and every entry that can be read is kept:

* a whole number from 0 to 100 is a score, as it always was;
* a number with a fraction (88.5), or a number written as text ("95", "88.5"), is read as
  the whole number below it (never rounded up: a best score is not raised by a repair);
* anything else (true, null, "high", a list, a number outside 0-100) cannot be a score and
  is named in a message;
* JSON cut off mid-write keeps every ``"id": score`` pair that was written whole.

Nothing is dropped without a message, and the old file is kept (renamed), so a learner who
disagrees can still read it.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from tutor.store.errors import StoreError
from tutor.store.places import aside_name
from tutor.store.record import Attempt


class AddsAttempts(Protocol):
    """What the import needs of a store (the SQLite store opens this module, not the reverse)."""

    def add_many(self, attempts: list[Attempt]) -> object: ...

#: Fixed, so the same old score always gets the same attempt id.
_NAMESPACE = uuid.UUID("5b0f3f7e-6c1d-4d0e-9a57-2f5c3c1c7e21")
# A whole "key": value pair, followed by what may follow a complete value in an object.
_PAIR = re.compile(r'("(?:[^"\\]|\\.)*")\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?'
                   r'(?:[eE][+-]?\d+)?|true|false|null)(?=\s*[,}])')
_NUMBER_TEXT = re.compile(r"\s*\d+(?:\.\d+)?\s*")


def _score(value: object) -> int | None:
    """``value`` as a score under the rules above, or None when it cannot be one."""
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value):
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value):
        return None
    whole = math.floor(value)
    return whole if 0 <= whole <= 100 else None


def _entries(text: str) -> tuple[dict[str, object], str | None, str]:
    """The raw entries of the file; when it is damaged, why, and the text that could not be
    read as entries (so that it can be shown rather than dropped unsaid)."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        pairs: dict[str, object] = {}
        end = 0
        for match in _PAIR.finditer(text):
            pairs[json.loads(match[1])] = json.loads(match[2])
            end = match.end()
        where = ""
        if isinstance(exc, json.JSONDecodeError):
            where = f" at line {exc.lineno}, column {exc.colno}"
        rest = text[end:].strip(" \t\r\n,{}")
        return pairs, f"not valid JSON{where}", rest
    if not isinstance(data, dict):
        return {}, f"it holds {type(data).__name__} where scores by call id belong", text
    return data, None, ""


def _attempt(scenario_id: str, total: int, when: str) -> Attempt:
    return {
        "id": uuid.uuid5(_NAMESPACE, f"scores.json\0{scenario_id}\0{total}").hex,
        "scenario_id": scenario_id, "lang": "", "started_at": when, "ended_at": when,
        "front_end": "import", "total": total, "pass_mark": None, "passed": None,
    }


def import_scores(store: AddsAttempts, path: Path) -> list[str]:
    """Bring the best scores of ``path`` into ``store`` once; return what to tell the learner.

    A missing file says nothing. When the store cannot be written the old file is left as it
    was, to be imported next time.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return []
    except OSError as exc:
        return [f"{path}: cannot read the old best scores ({exc.strerror}); they were not "
                "imported"]
    if not stat.S_ISREG(info.st_mode):
        return [f"{path}: is not a regular file, so the old best scores were not imported; "
                "remove it"]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [f"{path}: cannot read the old best scores ({exc.strerror}); they were not "
                "imported"]
    try:
        text, damage = raw.decode("utf-8"), None
    except UnicodeDecodeError:
        text, damage = raw.decode("utf-8", errors="replace"), "not UTF-8 text"
    entries, why, unread = _entries(text)
    damage = damage or why
    when = datetime.fromtimestamp(info.st_mtime, UTC).isoformat(timespec="microseconds")
    attempts: list[Attempt] = []
    notes: list[str] = []
    if unread:
        shown = unread if len(unread) <= 200 else unread[:200] + "..."
        notes.append(f"  could not be read as scores, so not imported: {shown}")
    for key, value in entries.items():
        total = _score(value)
        if total is None or not key:
            notes.append(f"  {key!r}: {json.dumps(value)} is not a score from 0 to 100; "
                         "not imported")
            damage = damage or "entries that are not scores"
            continue
        if not (isinstance(value, int) and not isinstance(value, bool)):
            notes.append(f"  {key!r}: {json.dumps(value)} read as {total}")
            damage = damage or "scores written in the wrong form"
        attempts.append(_attempt(key, total, when))
    try:
        store.add_many(attempts)
    except StoreError as exc:
        return [f"{path}: the old best scores could not be imported yet ({exc}); "
                "they stay in that file and will be imported next time"]
    target = path.with_name(path.name + ".imported")
    if damage or target.exists():
        target = aside_name(path, "corrupt" if damage else "imported")
    try:
        os.replace(path, target)
    except FileNotFoundError:
        return []  # another process imported it at the same moment (the ids matched)
    except OSError as exc:
        notes.append(f"  it could not be renamed ({exc.strerror}); the scores are imported "
                     "and importing it again adds nothing")
    kept = f"{len(attempts)} best score(s) imported"
    if damage:
        head = (f"{path}: the old best scores file was damaged ({damage}); {kept}, and the "
                f"file was moved to {target.name}")
    else:
        head = f"{path}: {kept}; the old file is now {target.name} and is no longer used"
    return [head, *notes]
