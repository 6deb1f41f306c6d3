"""``tutor workshop``: print the join link, serve the app to browsers, show who plays.

The server's modules need the optional extra; without it the command says how to get it.
The join link goes to stdout first, before anything else, so that scripts (and the tests)
can read it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.console import fail
from tutor.safe_text import for_terminal
from tutor.storage import write_atomic
from tutor.store import StoreError, is_database_url
from tutor.store.places import shown_url
from tutor.workshop import results
from tutor.workshop.addresses import AddressError, Listen, check_code, choose, new_code, url_host
from tutor.workshop.options import DEFAULT_DB

if TYPE_CHECKING:
    from tutor.workshop.server import WorkshopServer

EXTRA_MISSING = ("workshop mode needs its optional extra (a web server); install it with: "
                 "pip install 'tutor[workshop]'")
#: Environment variables of the trainer's own run that must not reach a participant's app.
_PRIVATE = ("TUTOR_CONFIG_DIR", "TUTOR_DATA_DIR", "TUTOR_REPORTS_DIR", "TUTOR_EXIT_WHEN_READY",
            "TEXTUAL", "TEXTUAL_LOG")


def app_argv(args: argparse.Namespace) -> tuple[str, ...]:
    """The command line of each participant's app: fixed here, from the trainer's options."""
    argv = [sys.executable, "-m", "tutor"]
    for folder in args.scenarios:
        argv += ["--scenarios", str(Path(folder).resolve())]
    if args.ui_lang:
        argv += ["--ui-lang", args.ui_lang]
    if args.speed != 1.0:
        argv += ["--speed", repr(args.speed)]
    return tuple(argv)


def _listening_socket(listen: Listen, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in listen.bind else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((listen.bind, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    sock.setblocking(False)
    return sock


def _shown(db: str | Path) -> str:
    """The store as a message names it: a URL never with its password."""
    return shown_url(db) if isinstance(db, str) and is_database_url(db) else str(db)


def _store_failed(db: str | Path, what: str, exc: Exception, fix: str = "") -> str:
    """One line for a store that failed: a database's own message already names its server
    and says what to do; a file's is put in context."""
    if is_database_url(db) and not isinstance(exc, OSError):
        return str(exc)
    return f"{_shown(db)}: {what} ({exc}){fix}"


def report_command(args: argparse.Namespace) -> int:
    """``tutor workshop report DB``: print (or write) the workshop's report."""
    from tutor.workshop.report import render

    db: str = args.results
    if not is_database_url(db) and not Path(db).is_file():
        return fail(f"{db}: no such results store (give the file 'tutor workshop --db' wrote)")
    try:
        text = render(results.attempts(db), args.format)
    except StoreError as exc:
        return fail(_store_failed(db, "cannot read the results", exc))
    except (OSError, ValueError, KeyError) as exc:
        return fail(f"{_shown(db)}: cannot read the results ({exc})")
    if args.out is None:
        sys.stdout.write(for_terminal(text))
        return 0
    try:
        write_atomic(Path(args.out), text)
    except OSError as exc:
        return fail(f"{args.out}: cannot write the report ({exc.strerror})")
    print(f"report written to {args.out}", file=sys.stderr)
    return 0


def import_command(args: argparse.Namespace) -> int:
    """``tutor workshop import DB FILES...``: merge participants' exports into the store;
    one line per file, then a summary. Exit 1 when any file was not imported."""
    from tutor.workshop.imports import import_files, participant_name, summary

    try:
        participant = participant_name(args.participant) if args.participant else ""
    except ValueError as exc:
        return fail(str(exc))
    db: str = args.results
    try:
        store = results.open_for_writing(db)
    except (OSError, StoreError) as exc:
        return fail(_store_failed(db, "cannot open the results store", exc,
                                  "; pick another DB"))
    outcomes = []
    with store:
        for outcome in import_files(store, list(args.files), participant):
            for problem in outcome.problems:
                print(for_terminal(problem), file=sys.stderr, flush=True)
            print(for_terminal(outcome.line()), flush=True)
            outcomes.append(outcome)
    print(for_terminal(summary(outcomes)))
    return 1 if any(o.failed for o in outcomes) else 0


def workshop_command(args: argparse.Namespace) -> int:
    """Run a workshop until Ctrl+C (or Ctrl+Q on the dashboard)."""
    action = getattr(args, "workshop_action", None)
    if action == "report":
        return report_command(args)
    if action == "import":
        return import_command(args)
    try:
        from tutor.workshop.server import WorkshopServer, WorkshopSetup
    except ImportError:
        return fail(EXTRA_MISSING)
    if not 1 <= args.max <= 1000:
        return fail(f"--max {args.max}: give a number of participants from 1 to 1000")
    if not 0 <= args.port <= 65535:
        return fail(f"--port {args.port}: give a port from 1 to 65535 (0: any free one)")
    try:
        listen = choose(args.host)
        code = check_code(args.code) if args.code else new_code()
    except AddressError as exc:
        return fail(str(exc))
    db: str | Path = args.db if is_database_url(args.db) else Path(args.db).resolve()
    try:
        results.create(db)
    except (OSError, StoreError) as exc:
        return fail(_store_failed(db, "cannot create the results store", exc,
                                  "; pick another --db"))
    try:
        sock = _listening_socket(listen, args.port)
    except OSError as exc:
        return fail(f"cannot listen on {listen.bind}:{args.port} ({exc.strerror}); "
                    "try another --port")
    port = sock.getsockname()[1]
    public_url = f"http://{url_host(listen.public)}:{port}"
    join_url = f"{public_url}/?code={code}"
    base_env = {k: v for k, v in os.environ.items() if k not in _PRIVATE}
    setup = WorkshopSetup(
        code=code, max_sessions=args.max, results=db,
        # Participants' settings stay on the server that serves them: beside a store file,
        # or in tutor-workshop/participants when the store is a database.
        data_dir=(DEFAULT_DB.parent / "participants").resolve() if isinstance(db, str)
        else db.with_name(f"{db.stem}.participants"),
        workshop=f"{datetime.now(UTC):%Y-%m-%d} {code}", app_argv=app_argv(args),
        base_env=base_env)
    if listen.warning:
        print(for_terminal(f"tutor: warning: {listen.warning}"), file=sys.stderr)
    print(f"Join: {join_url}\nCode: {code}", flush=True)
    log = _Log()
    server = WorkshopServer(setup, listen.bind, port, public_url,
                            on_event=None if args.dashboard else log.line)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(server, sock, join_url, args.dashboard, log))
    return 0


class _Log:
    """Lines for a workshop without its table: events, and each attempt as it is recorded."""

    def __init__(self) -> None:
        self.seen: set[str] = set()  # ids of the attempts already shown

    def line(self, text: str) -> None:
        print(for_terminal(f"{datetime.now():%H:%M:%S} {text}"), flush=True)

    async def follow(self, db: str | Path) -> None:
        while True:
            with contextlib.suppress(OSError, StoreError):
                for attempt in await asyncio.to_thread(results.recorded_since, db, self.seen):
                    self.line(f"{attempt.participant}: {attempt.scenario_id} "
                              f"{attempt.total}/100")
            await asyncio.sleep(1.0)


async def _serve(server: WorkshopServer, sock: socket.socket, join_url: str,
                 dashboard: bool, log: _Log) -> None:
    from aiohttp import web

    runner = web.AppRunner(await server._make_app(), handle_signals=False)
    await runner.setup()
    await web.SockSite(runner, sock).start()
    try:
        if dashboard:
            from tutor.workshop.dashboard import Dashboard

            board = Dashboard(join_url, server.setup.code, server.setup.results,
                              lambda: f"{server.taken}/{server.setup.max_sessions} seats taken")
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(signum, board.exit)
            await board.run_async()
        else:
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(signum, stop.set)
            log.line("serving; Ctrl+C stops the workshop")
            follower = asyncio.create_task(log.follow(server.setup.results))
            await stop.wait()
            follower.cancel()
            log.line("stopping: closing every session")
    finally:
        await runner.cleanup()
