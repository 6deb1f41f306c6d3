"""Results from participants' own laptops, merged into a workshop's store.

``tutor workshop import DB FILES...`` reads what a participant can export without a
workshop server:

* a history file, ``tutor history --export FILE``: JSON Lines, one attempt a line in the
  store's shape (:mod:`tutor.store.record`), each with its ``id``;
* ``tutor history --json``: the same attempts as one JSON array;
* a report, the ``.json`` file the app's export writes beside the Markdown one, or what
  ``tutor run --json`` prints: one played call and its debrief (:mod:`tutor.export`).

The kind is read from the content, not the file name. A report has no attempt id and no
participant: its id is derived from its content (so importing the same report again adds
nothing), its time is the file's modification time, and its participant comes from
``--participant``. An attempt that names its participant keeps that name. A call played
with ``tutor run --json`` (or exported from the debrief) is in the history too, under
another id: :func:`new_plays` counts such a pair once.

The files come from other people's machines, so each is read with bounds (size, lines,
nesting), checked whole before anything is written, and added in one transaction: a file
is imported completely or not at all, and a bad file never stops the next one. Every
problem names ``file:line:column``, what is wrong and what to do. Plain Python; the store is
used only through ``attempts`` and ``add_many``, so any backend with those will do.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from tutor.safe_text import clip
from tutor.store import InvalidAttempt, StoreError
from tutor.store.record import Attempt, normalized
from tutor.workshop.seat import NAME_MAX, clean_name

#: A history of a few thousand attempts (about 5 KB each as JSON Lines) fits; anything
#: bigger is not one participant's results and would only fill the trainer's memory.
MAX_BYTES = 32 * 1024 * 1024
#: Counted before the text is split, so a file of bare newlines cannot cost gigabytes.
#: ``tutor history --json`` spends about 240 lines on an attempt.
MAX_LINES = 1_000_000
#: The tutor's own exports nest 5 levels (report > evaluation > principles > one > evidence).
MAX_DEPTH = 16
#: Problems shown per file; the rest are counted.
MAX_SHOWN = 10

#: Fixed, so that the same content always gets the same attempt id.
_NAMESPACE = uuid.UUID("0d7b8f6a-3c52-4f0e-b1a4-6e2f9c7d5a13")
_SPACE = re.compile(r"[ \t\r\n]*")
_HISTORY_FIX = "export it again with 'tutor history --export FILE' and import that file"
_REPORT_FIX = "export the report again from the debrief (or 'tutor run ... --json')"
_EXPORT_FIX = ("import the file as tutor exported it, not an edited copy (a history: "
               "'tutor history --export FILE'; a report: the .json the debrief saved)")


class Store(Protocol):
    """What the import needs of a store: ``tutor.store.AttemptStore`` or any other backend."""

    def add_many(self, attempts: list[Attempt]) -> tuple[int, int]:
        """Add all of ``attempts`` in one transaction or none; (added, already there)."""
        ...

    def attempts(self, scenario: str | None = None, limit: int | None = None, *,
                 oldest_first: bool = False) -> list[Attempt]:
        """Every attempt kept (of one call, at most ``limit``)."""
        ...


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a file cannot be imported, at a place in it."""

    line: int
    column: int
    what: str
    fix: str

    def text(self, name: str) -> str:
        """``name:line:column: what; fix``."""
        return f"{name}:{self.line}:{self.column}: {self.what}; {self.fix}"


class Refused(Exception):
    """A file that cannot be imported; nothing of it was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].what if problems else "refused")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Outcome:
    """What importing one file did."""

    name: str  # the file as the trainer named it
    kind: str  # "history", "report" or "history and report"; "" when unread
    added: int = 0
    already: int = 0
    left_out: int = 0  # old best scores (front end "import"): not attempts at all
    problems: tuple[str, ...] = field(default=())

    @property
    def failed(self) -> bool:
        """True when nothing of the file was imported because of a problem."""
        return bool(self.problems)

    def line(self) -> str:
        """One line saying what happened, e.g. ``alice.jsonl: 12 added, 0 already there``."""
        if self.failed:
            return f"{self.name}: not imported; nothing of it was added"
        left = (f", {self.left_out} old best score(s) left out" if self.left_out else "")
        return (f"{self.name}: {self.added} added, {self.already} already there{left} "
                f"({self.kind})")


@dataclass(frozen=True, slots=True)
class _Item:
    """One JSON value of a file and where it starts."""

    line: int
    column: int
    value: object


def summary(outcomes: list[Outcome]) -> str:
    """The last line: files, attempts added and already there, files that failed."""
    added = sum(o.added for o in outcomes)
    already = sum(o.already for o in outcomes)
    failed = sum(o.failed for o in outcomes)
    files = f"{len(outcomes)} file" + ("" if len(outcomes) == 1 else "s")
    tail = f"; {failed} not imported" if failed else ""
    return f"{files}: {added} attempt(s) added, {already} already there{tail}"


def participant_name(text: str) -> str:
    """``--participant``: the name as the workshop keeps names (``seat.clean_name``); raises
    ``ValueError`` when nothing usable is left."""
    name = clean_name(text)
    if not name:
        raise ValueError(f"--participant {text!r}: give a name with at least one letter "
                         f"(at most {NAME_MAX} characters are kept)")
    return name


def import_files(store: Store, paths: list[Path], participant: str = "") -> \
        Iterator[Outcome]:
    """Import each file into ``store`` in turn, one transaction each; yield what each did."""
    try:
        kept = store.attempts()  # read once: each file's new attempts are added to it
    except StoreError as exc:
        for path in paths:
            yield Outcome(str(path), "", problems=(f"{path}: {exc}",))
        return
    for path in paths:
        yield import_file(store, path, participant, kept)


def import_file(store: Store, path: Path, participant: str = "",
                kept: list[Attempt] | None = None) -> Outcome:
    """Import one file (all of it or, when anything is wrong, none of it). ``kept`` is what
    the store holds (read from it when not given); the file's new attempts join it."""
    name = str(path)
    try:
        kind, attempts, left_out = read_attempts(path, participant)
    except Refused as exc:
        shown = [p.text(name) for p in exc.problems[:MAX_SHOWN]]
        if len(exc.problems) > MAX_SHOWN:
            shown.append(f"{name}: ... and {len(exc.problems) - MAX_SHOWN} more problem(s)")
        return Outcome(name, "", problems=tuple(shown))
    try:
        if kept is None:
            kept = store.attempts()
        fresh, same_play = new_plays(kept, attempts)
        added, already = store.add_many(fresh)
    except StoreError as exc:
        return Outcome(name, kind, problems=(f"{name}: {exc}",))
    known = {a["id"] for a in kept}
    # Each new id once: the store has just ignored the others, as new_plays expects.
    kept.extend({a["id"]: a for a in fresh if a["id"] not in known}.values())
    return Outcome(name, kind, added, already + same_play, left_out)


def _play(attempt: Attempt) -> tuple[object, ...]:
    """What one play of a call is, however it was exported: who played which call, the
    score, and every line with the moment it was said (real time in the app, so two plays
    never match; a scripted call replays the same moments, hence the player)."""
    return (attempt["participant"], attempt["scenario_id"], attempt["total"],
            tuple((t["speaker"], t["text"], float(t["at"])) for t in attempt["transcript"]))


def new_plays(kept: list[Attempt], incoming: list[Attempt]) -> tuple[list[Attempt], int]:
    """``incoming`` less the plays ``kept`` has under another id, and how many those were.

    A call played with ``tutor run --json`` is both in the history and in the report, under
    two ids. A report is left out when any kept attempt is the same play; a history
    attempt only when a report-made one is (each such report standing for one attempt),
    since a scripted call replayed exactly is two real attempts in a history. Attempts whose
    id is kept already are passed on: the store says they are there.
    """
    ids = {a["id"] for a in kept}
    plays = Counter(_play(a) for a in kept)
    from_reports = Counter(_play(a) for a in kept if a.get("imported_from") == "report")
    fresh: list[Attempt] = []
    same = 0
    for attempt in incoming:
        play = _play(attempt)
        report = attempt.get("imported_from") == "report"
        if attempt["id"] in ids:
            fresh.append(attempt)
        elif report and plays[play]:
            same += 1
        elif not report and from_reports[play]:
            from_reports[play] -= 1  # that report stood for this attempt
            same += 1
        else:
            fresh.append(attempt)
            ids.add(attempt["id"])
            plays[play] += 1
            if report:
                from_reports[play] += 1
    return fresh, same


def read_attempts(path: Path, participant: str = "") -> tuple[str, list[Attempt], int]:
    """The attempts of one file, checked and in the store's shape, each with a participant;
    also its kind and how many old best scores were left out. Raises :class:`Refused`."""
    data, modified = _read_bytes(path)
    text = _decode(data)
    if path.suffix.lower() in (".md", ".markdown") or text.startswith("# "):
        raise Refused([Problem(1, 1, "this is a Markdown report, which keeps no scores "
                               "a program can read",
                               "import the .json report saved beside it, or the "
                               "participant's 'tutor history --export FILE'")])
    items = _items(text)
    if not items:
        raise Refused([Problem(1, 1, "the file holds no attempts",
                               "is it the right file? " + _HISTORY_FIX)])
    attempts: list[Attempt] = []
    problems: list[Problem] = []
    kinds: set[str] = set()
    left_out = 0
    nameless: _Item | None = None  # the first attempt that does not say who played it
    for item in items:
        try:
            kind, attempt = _attempt(item.value, modified)
            if attempt.get("front_end") == "import":
                left_out += 1  # a best score carried over from scores.json, not a call
                continue
            clean = normalized(attempt)
        except _Wrong as exc:
            problems.append(Problem(item.line, item.column, exc.what, exc.fix))
            continue
        except InvalidAttempt as exc:
            fix = _REPORT_FIX if kind == "report" else _HISTORY_FIX
            problems.append(Problem(item.line, item.column, f"not an attempt as tutor writes "
                                    f"it: {clip(str(exc))}", fix))
            continue
        kinds.add(kind)
        name = clean_name(clean["participant"]) or participant
        if not name and nameless is None:
            nameless = item
        attempts.append(clean | {"participant": name})
    if nameless is not None:
        what = ("a report never says who played the call" if "report" in kinds
                else "the file does not say whose attempts these are")
        problems.append(Problem(nameless.line, nameless.column, what,
                                "name the participant: add --participant NAME (one "
                                "command per participant)"))
    if problems:
        raise Refused(sorted(problems, key=lambda p: (p.line, p.column)))
    return " and ".join(sorted(kinds)) or "history", attempts, left_out


class _Wrong(Exception):
    """One value that cannot be imported; the caller adds where it is."""

    def __init__(self, what: str, fix: str) -> None:
        super().__init__(what)
        self.what = what
        self.fix = fix


def _read_bytes(path: Path) -> tuple[bytes, datetime]:
    """The file's bytes (refused past :data:`MAX_BYTES`) and when it was last written."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A FIFO would block the read for ever; a folder is a mistake.
            raise Refused([Problem(1, 1, "not a regular file", "give the exported file "
                                   "itself (a folder's files: 'DIR/*.jsonl')")])
        if info.st_size > MAX_BYTES:
            raise _too_big()
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as exc:
        raise Refused([Problem(1, 1, f"cannot read the file ({exc.strerror or exc})",
                               "check the path and that you may read it")]) from None
    if len(data) > MAX_BYTES:  # it grew after the look at its size
        raise _too_big()
    return data, datetime.fromtimestamp(info.st_mtime, UTC)


def _too_big() -> Refused:
    return Refused([Problem(1, 1, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB, "
                            "more than one participant's results",
                            "is it the right file? A history of a few thousand attempts is "
                            "well under that; split a bigger one with 'tutor history "
                            "--scenario ID --export FILE'")])


def _decode(data: bytes) -> str:
    """``data`` as UTF-8 text (a byte order mark is allowed), within :data:`MAX_LINES`."""
    lines = data.count(b"\n") + 1
    if lines > MAX_LINES:
        raise Refused([Problem(MAX_LINES + 1, 1, f"the file has {lines:,} lines, more than "
                               f"the {MAX_LINES:,} an export of one participant can have",
                               "is it the right file? " + _HISTORY_FIX)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise Refused([Problem(before.count(b"\n") + 1, column,
                               "not UTF-8 text (tutor's exports always are)",
                               "import the file as tutor wrote it, not a copy re-saved in "
                               "another encoding")]) from None


def _items(text: str) -> list[_Item]:
    """The JSON values of the file: each line of JSON Lines, the elements of a JSON array,
    or the one object of a report."""
    first = next((n for n, line in enumerate(text.split("\n")) if line.strip()), None)
    if first is None:
        return []
    head = text.split("\n", first + 1)[first]
    try:
        one_line = isinstance(json.loads(head), dict)
    except (ValueError, RecursionError):
        one_line = False
    if one_line:
        return _lines(text)
    return _document(text)


def _lines(text: str) -> list[_Item]:
    """JSON Lines: each non-blank line is one value. Only ``\\n`` ends a line: tutor writes
    U+2028 and its kin as they are, inside strings."""
    items: list[_Item] = []
    problems: list[Problem] = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            items.append(_Item(n, 1, _parse(line.rstrip("\r"))))
        except _BadJson as exc:
            problems.append(Problem(n, exc.column, exc.what, _EXPORT_FIX))
    if problems:
        raise Refused(problems)
    return items


def _document(text: str) -> list[_Item]:
    """One JSON document: an object (a report or one attempt) or an array of them."""
    start = _SPACE.match(text, 0)
    at = start.end() if start else 0
    if not text.startswith("[", at):
        try:
            value = _parse(text)
        except _BadJson as exc:
            raise Refused([Problem(exc.line, exc.column, exc.what, _EXPORT_FIX)]) from None
        line, column = _place(text, at)
        return [_Item(line, column, value)]
    # An array: each element with its own place, so that a problem names its line.
    decoder = json.JSONDecoder()
    items: list[_Item] = []
    at += 1
    while True:
        at = _skip(text, at)
        if text.startswith("]", at) and not items:
            at += 1
            break
        line, column = _place(text, at)
        try:
            value, end = decoder.raw_decode(text, at)
        except json.JSONDecodeError as exc:
            raise Refused([Problem(exc.lineno, exc.colno, f"not valid JSON ({exc.msg})",
                                   _EXPORT_FIX)]) from None
        except (ValueError, RecursionError) as exc:
            raise Refused([Problem(line, column, _value_error(exc), _EXPORT_FIX)]) from None
        if _depth(value) + 1 > MAX_DEPTH:  # the array is a level too
            raise Refused([Problem(line, column, _too_deep(), _EXPORT_FIX)])
        items.append(_Item(line, column, value))
        at = _skip(text, end)
        if text.startswith(",", at):
            at += 1
        elif text.startswith("]", at):
            at += 1
            break
        else:
            line, column = _place(text, at)
            raise Refused([Problem(line, column, "not valid JSON (expected ',' or ']')",
                                   _EXPORT_FIX)])
    if text[_skip(text, at):]:
        line, column = _place(text, _skip(text, at))
        raise Refused([Problem(line, column, "not valid JSON (more after the closing ']')",
                               _EXPORT_FIX)])
    return items


def _skip(text: str, at: int) -> int:
    match = _SPACE.match(text, at)
    return match.end() if match else at


def _place(text: str, at: int) -> tuple[int, int]:
    """The line and column (from 1) of offset ``at``."""
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


class _BadJson(Exception):
    def __init__(self, line: int, column: int, what: str) -> None:
        super().__init__(what)
        self.line, self.column, self.what = line, column, what


def _parse(text: str) -> object:
    """One JSON value, no deeper than :data:`MAX_DEPTH`; raises :class:`_BadJson`."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _BadJson(exc.lineno, exc.colno, f"not valid JSON ({exc.msg})") from None
    except (ValueError, RecursionError) as exc:
        raise _BadJson(1, 1, _value_error(exc)) from None
    if _depth(value) > MAX_DEPTH:
        raise _BadJson(1, 1, _too_deep())
    return value


def _value_error(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return _too_deep()
    return f"a value JSON cannot hold ({clip(str(exc))})"  # a number of 5,000 digits


def _too_deep() -> str:
    return f"nested more than {MAX_DEPTH} levels deep, far deeper than any tutor export"


def _depth(value: object) -> int:
    """How deep lists and objects nest in ``value`` (a plain value is 0)."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, level + 1)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


def _content_id(kind: str, value: object) -> str:
    """An id made from ``value`` itself: the same content, however it is laid out (pretty
    or one line, keys in any order), always gets the same id."""
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
    return uuid.uuid5(_NAMESPACE, f"{kind}\0{digest}").hex


def _attempt(value: object, modified: datetime) -> tuple[str, Attempt]:
    """A value of the file as an attempt in the store's shape, with its kind."""
    if not isinstance(value, dict):
        raise _Wrong(f"expected an attempt or a report (a JSON object), found "
                     f"{type(value).__name__}", _HISTORY_FIX)
    if "scenario_id" in value:
        attempt = dict(value)
        if not attempt.get("id"):
            attempt["id"] = _content_id("attempt", value)
        return "history", attempt
    if "scenario" in value and "transcript" in value:
        return "report", _from_report(value, modified)
    raise _Wrong("neither an attempt (no 'scenario_id') nor a report of a call (no "
                 "'scenario' and 'evaluation')",
                 "give a file from 'tutor history --export FILE' or a .json report the app "
                 "exported; 'tutor stats' and 'tutor list' output hold no attempts")


def _from_report(report: dict[str, Any], modified: datetime) -> Attempt:
    """A report (``tutor.export.report_dict``) as an attempt. The report says nothing of the
    wall clock, so the call is taken to have ended when the file was last written."""
    evaluation = report.get("evaluation")
    if not isinstance(evaluation, dict):
        raise _Wrong("this report has no evaluation: the call did not reach its debrief",
                     "play the call to its end and export the report from the debrief")
    if not report.get("ended") or report.get("hung_up_first") is None:
        raise _Wrong("the call in this report never ended (the script stopped with the "
                     "call still open)", "only finished calls are results; play it to the end")
    try:
        marks = {int(t["index"]): t for t in evaluation.get("turns", [])}
        transcript = [{**turn, "met": list(marks.get(n, {}).get("met", [])),
                       "broke": list(marks.get(n, {}).get("broke", []))}
                      for n, turn in enumerate(report["transcript"])]
        principles = [{"id": p["principle"], "verdict": p["verdict"], "points": p["points"],
                       "max": p["max_points"], "message": p.get("message", ""),
                       "better": p.get("better")}
                      for p in evaluation.get("principles", [])]
        seconds = float(report.get("ended_at") or 0.0)
        started = modified - timedelta(seconds=max(0.0, min(seconds, 86_400.0)))
        practice = report.get("practice") or {}
        other = next((t.get("name", "") for t in report["transcript"]
                      if t.get("speaker") == "other"), "")
        attempt: Attempt = {
            "id": _content_id("report", report),
            "scenario_id": report["scenario"],
            "lang": report.get("lang"),
            "started_at": started.isoformat(),
            "ended_at": modified.isoformat(),
            # Only 'tutor run --json' adds how the call was prepared.
            "front_end": "run" if "practice" in report else "tui",
            "transcript": transcript,
            "hung_up_by": report["hung_up_first"],
            "total": evaluation.get("total"),
            "pass_mark": evaluation.get("pass_mark"),
            "passed": evaluation.get("passed"),
            "principles": principles,
            "seed": practice.get("seed"),
            "summary": evaluation.get("summary", ""),
            "other_name": other,
            "hung_up_on_silence": bool(report.get("hung_up_on_silence")),
            "imported_from": "report",  # see new_plays
        }
    except KeyError as exc:
        raise _Wrong(f"a report without {exc}", _REPORT_FIX) from None
    except (TypeError, ValueError, AttributeError, OverflowError) as exc:
        raise _Wrong(f"a report with a value of the wrong kind ({clip(str(exc))})",
                     _REPORT_FIX) from None
    return attempt

