"""``tutor history``, ``tutor stats`` and ``tutor next``: past attempts, progress and what to
practise next, read from the store; and recording a finished call from the CLI.

Text output is aligned columns for people; ``--json`` output keeps its keys and their order
from one run to the next, for scripts. ``tutor.cli`` imports this module only when one of
these commands runs or a call is recorded; the store (sqlite3 and the rest) is imported only
inside the functions that use it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tutor.console import fail

if TYPE_CHECKING:
    from tutor.practice_next import Suggestion
    from tutor.progress import Progress
    from tutor.session import Attempt as FinishedCall
    from tutor.store import AttemptStore
    from tutor.store.record import Attempt

#: Attempts ``tutor history`` lists when no ``--limit`` is given.
DEFAULT_LIMIT = 20


def _open() -> AttemptStore | None:
    """The learner's store, with anything it has to say printed once; None when it failed."""
    from tutor.store import StoreError, open_store

    try:
        store = open_store()
    except StoreError as exc:
        fail(str(exc))
        return None
    for notice in store.notices:
        print(f"tutor: {notice}", file=sys.stderr)
    return store


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """Columns padded to their widest cell; a column of numbers is aligned to the right."""
    numeric = [bool(rows) and all(isinstance(row[i], int | float) for row in rows)
               for i in range(len(header))]
    cells = [[str(c) for c in row] for row in (header, *rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return ["  ".join(c.rjust(w) if right else c.ljust(w)
                      for c, w, right in zip(row, widths, numeric, strict=True)).rstrip()
            for row in cells]


def _result(attempt: Attempt) -> str:
    passed = attempt["passed"]
    return "-" if passed is None else "passed" if passed else "not passed"


def history_text(attempts: Sequence[Attempt]) -> str:
    """The attempts as a table, in the order given."""
    from tutor.progress import local_time

    rows = [(local_time(a["ended_at"]), a["scenario_id"], a["total"], _result(a),
             a["front_end"]) for a in attempts]
    return "\n".join(table(("When", "Call", "Score", "Result", "Played in"), rows))


def stats_text(stats: Progress) -> str:
    """Progress per principle and per call, as two tables."""
    from tutor.progress import local_time

    if not stats.attempts:
        return "No attempts recorded yet: finish a call and it shows here."
    calls = len(stats.calls)
    out = [f"{stats.attempts} attempt(s) of {calls} call(s)", ""]
    if stats.principles:
        out += table(
            ("Principle", "Tries", "Met", "Partly", "Missed", "First", "Latest", "Best",
             "Last 5 (%)"),
            [(p.principle, p.attempts, p.met, p.partly, p.missed, p.first, p.latest, p.best,
              " ".join(map(str, p.trend))) for p in stats.principles])
        out.append("")
    out += table(("Call", "Tries", "Best", "Last", "Last played"),
                 [(c.scenario_id, c.attempts, c.best, c.last, local_time(c.last_at))
                  for c in stats.calls])
    return "\n".join(out)


def _confirm_clear(count: int) -> bool:
    answer = input(f"Delete all {count} recorded attempt(s)? This cannot be undone. [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def _clear(store: AttemptStore, args: argparse.Namespace) -> int:
    if args.scenario is not None:
        return fail("--clear deletes every attempt and does not take --scenario")
    count = store.count()
    if not count:
        print("No attempts to clear.")
        return 0
    if not args.yes:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            return fail("--clear asks before deleting; in a script add --yes")
        try:
            sure = _confirm_clear(count)
        except EOFError:
            sure = False
        if not sure:
            print("Nothing deleted.")
            return 1
    print(f"Deleted {store.clear()} attempt(s).")
    return 0


def _export(store: AttemptStore, args: argparse.Namespace) -> int:
    import io
    from pathlib import Path

    from tutor.storage import write_atomic

    buffer = io.StringIO()
    count = store.export_jsonl(buffer, args.scenario)
    if args.export == "-":
        sys.stdout.write(buffer.getvalue())
    else:
        try:
            write_atomic(Path(args.export), buffer.getvalue())
        except OSError as exc:
            return fail(f"cannot write {args.export}: {exc.strerror or exc}")
    print(f"Exported {count} attempt(s) to {args.export}.", file=sys.stderr)
    return 0


def _import(store: AttemptStore, args: argparse.Namespace) -> int:
    from tutor.store import ImportProblem

    name = "<stdin>" if args.import_file == "-" else args.import_file
    try:
        if args.import_file == "-":
            added, skipped = store.import_jsonl(sys.stdin, name)
        else:
            with open(args.import_file, encoding="utf-8") as file:
                added, skipped = store.import_jsonl(file, name)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return fail(f"cannot read {name}: {reason}")
    except ImportProblem as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Imported {added} attempt(s); {skipped} were already here.")
    return 0


def history_command(args: argparse.Namespace) -> int:
    """``tutor history``: list past attempts, or export, import or clear them."""
    if args.limit is not None and args.limit < 1:
        return fail("--limit takes a number from 1 up")
    from tutor.store import StoreError

    store = _open()
    if store is None:
        return 1
    try:
        with store:
            if args.clear:
                return _clear(store, args)
            if args.export is not None:
                return _export(store, args)
            if args.import_file is not None:
                return _import(store, args)
            limit = args.limit if args.limit is not None or args.json else DEFAULT_LIMIT
            attempts = store.attempts(args.scenario, limit)
    except StoreError as exc:
        return fail(str(exc))
    if args.json:
        print(json.dumps(attempts, ensure_ascii=False, indent=2))
    elif not attempts:
        which = f" of {args.scenario}" if args.scenario else ""
        print(f"No attempts{which} recorded yet.")
    else:
        print(history_text(attempts))
    return 0


def _stats() -> Progress | None:
    """The learner's progress; None (said on stderr) when the store cannot give it."""
    from tutor.store import StoreError

    store = _open()
    if store is None:
        return None
    try:
        with store:
            return store.stats()
    except StoreError as exc:
        fail(str(exc))
        return None


def stats_command(args: argparse.Namespace) -> int:
    """``tutor stats``: progress per principle and per call."""
    stats = _stats()
    if stats is None:
        return 1
    if args.json:
        print(json.dumps(stats.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(stats_text(stats))
    return 0


def keep_attempt(attempt: FinishedCall) -> None:
    """Record a call finished in ``run`` or ``play --plain``: the store's notices are said
    once, and a store that cannot take it is one line on stderr, not a failure."""
    from tutor.session import record
    from tutor.store import StoreError

    try:
        notices = record(attempt)
    except StoreError as exc:
        print(f"tutor: the result was not recorded: {exc}", file=sys.stderr)
        return
    for notice in notices:
        print(f"tutor: {notice}", file=sys.stderr)


def next_text(suggestion: Suggestion | None) -> str:
    """What ``tutor next`` says to a person."""
    if suggestion is None:
        return "Nothing recorded yet: finish a call and tutor will say what to practise next."
    head = (f"Weakest principle: {suggestion.principle} (weakness {suggestion.weakness:.0f} "
            "of 100; recent attempts weigh more)")
    if suggestion.scenario_id is None:
        return head + "\nNo call's closing tests it yet."
    return (head + f"\nPractise next: {suggestion.scenario_id} ({suggestion.title}); its "
            f"closing has {suggestion.tests} line(s) that follow or break it.\n"
            f"Start it with: tutor play {suggestion.scenario_id}")


def next_command(args: argparse.Namespace) -> int:
    """``tutor next``: the weakest principle and the call that trains it."""
    from tutor.practice_next import closing_tests, suggest
    from tutor.scenario.sources import load_all

    stats = _stats()
    if stats is None:
        return 1
    suggestion = None
    if stats.principles:
        scenarios = load_all(args.scenarios)
        suggestion = suggest(stats, scenarios, {s.id: closing_tests(s) for s in scenarios})
    if args.json:
        print(json.dumps(None if suggestion is None else suggestion.to_dict(),
                         ensure_ascii=False, indent=2))
    else:
        print(next_text(suggestion))
    return 0
