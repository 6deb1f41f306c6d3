"""The workshop's web server: textual-serve's ``Server`` with a door, a cap and no shell.

What it adds to textual-serve 1.1.3 (read from its source, ``server.py`` and
``app_service.py``):

- a join code, compared in constant time, from ``?code=`` or from the cookie set on the
  first visit; without it the page, the socket and downloads are refused;
- a cap on sessions (each costs about 20 MiB): past it, a friendly page, and
  a socket that says so in the terminal and closes with 1013 ("try again later");
- an Origin check on the socket, so that no other web page a participant visits can open
  sessions in their browser: the Origin must be the host the socket was asked on;
- apps run by session hosts, a few to a process, forked by a session starter that has
  imported the app once (``tutor.workshop.zygote``, ``tutor.workshop.host``; on systems
  without them, one process each, exec'd from an argv list fixed at start: textual-serve runs
  a command string through ``/bin/sh``), each process in its own process group,
  with an environment in which every value taken from a request is checked first
  (``tutor.workshop.seat``);
- a heartbeat of minutes, not 15 s, so a laptop lid closed for a short break keeps the seat;
- the page is ours (no template engine, every value escaped): its font is the copy of
  Roboto Mono that textual-serve ships, not a font service, so it works with no internet;
  it opens its socket with its own scheme, so it also works behind a TLS front (wss://).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import html
import json
import logging
import os
import re
import secrets
import shlex
import signal
from asyncio.subprocess import Process
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any, cast
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from tutor.workshop.seat import DRIVER, DRIVER_ENV, SEAT_ID, clean_name, seat_env
from tutor.workshop.starter import ForkedApp, Starter, StarterGone, starter_argv, supported

log = logging.getLogger("tutor.workshop")

JOIN_COOKIE = "tutor_join"
SEAT_COOKIE = "tutor_seat"
#: Seconds between pings; a browser has half as long again to answer before its seat is
#: given up. A laptop lid closed for a few minutes keeps the session.
HEARTBEAT = 300.0
#: Seconds an app has to quit when asked before its process group is killed.
STOP_GRACE = 3.0
#: Seconds a host may take to end a session once its input is closed: more than the app's
#: own grace (``tutor.workshop.driver.EXIT_GRACE``, 2 s) and its shutdown.
LET_GO_GRACE = 6.0
#: Seconds a starting app may hold its place in the start queue before its first frame.
START_LIMIT = 5.0
#: Terminal sizes a browser may ask for (anything else is clamped into this range).
MIN_CELLS, MAX_CELLS = 10, 1000
#: A ``Host`` header we are willing to write into the page: a name or address and a port.
_HOST = re.compile(r"(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?")

_PAGES = Path(__file__).parent / "pages"

_FULL = ("The workshop is full: all {max} places are taken. Wait a minute and reload the page, "
         "or tell the trainer.",
         "Все {max} мест на тренинге заняты. Подождите минуту и обновите страницу "
         "или скажите тренеру.")
_NO_CODE = ("This workshop needs its join code: open the link the trainer gave you "
            "(it ends with ?code=...).",
            "Для входа нужен код: откройте ссылку, которую дал тренер "
            "(она заканчивается на ?code=...).")


@dataclass(frozen=True, slots=True)
class WorkshopSetup:
    """Everything a workshop server is started with; none of it comes from a request."""

    code: str  # the join code, upper case
    max_sessions: int
    results: str | Path  # the results store every app records into (a file or a URL)
    data_dir: Path  # one folder per seat below it
    workshop: str  # the tag on every attempt
    app_argv: tuple[str, ...]  # the app's command line, exec'd as is
    base_env: Mapping[str, str]  # the environment every app starts from


def clamp_cells(text: str | None, default: int) -> int:
    """A terminal width or height from a request, as a number in a sane range."""
    try:
        value = int(text) if text is not None else default
    except ValueError:
        value = default
    return max(MIN_CELLS, min(MAX_CELLS, value))


def same_origin(origin: str | None, host: str) -> bool:
    """True when a socket's ``Origin`` is the page of this very host (or, from a program
    rather than a browser, absent: the join code still guards the door)."""
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()


def _page(name: str, **values: str) -> str:
    text = (_PAGES / name).read_text("utf-8")
    return Template(text).substitute({k: html.escape(v, quote=True) for k, v in values.items()})


def _notice_page(title: str, lines: tuple[str, str]) -> str:
    return _page("notice.html", title=title, en=lines[0], ru=lines[1])


class SessionService(AppService):
    """One participant's app: forked by the session starter when there is one, else exec'd
    from a fixed argv; never through a shell."""

    def __init__(self, argv: tuple[str, ...], env: dict[str, str],
                 starter: Starter | None = None, start_slots: asyncio.Semaphore | None = None,
                 **kwargs: Any) -> None:
        # textual-serve keeps a command string; ours is only ever shown, never run.
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = argv
        self.env = env
        self.starter = starter
        self.start_slots = start_slots or asyncio.Semaphore(1)
        self._app: Process | ForkedApp | None = None
        self._drawn = asyncio.Event()  # the first frame has come (or the app has ended)

    async def start(self, width: int, height: int) -> None:
        """Start the app once a start slot is free, and hold the slot until its first frame
        (at most START_LIMIT): thirty apps starting at once would each draw late, and
        everyone already playing would wait for the CPU behind them."""
        async with self.start_slots:
            await super().start(width, height)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._drawn.wait(), START_LIMIT)

    async def run(self) -> None:
        """Relay the app's output until it ends (textual-serve's loop), then close the
        browser's socket: an app that ended without saying so (it crashed, or its process
        did) would otherwise leave a frozen screen and keep the seat taken."""
        try:
            await super().run()
        finally:
            self._drawn.set()
        with contextlib.suppress(Exception):
            await self.remote_close()

    async def on_data(self, payload: bytes) -> None:
        """A frame from the app, for the browser."""
        self._drawn.set()
        await super().on_data(payload)

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        env = {**self.env, "COLUMNS": str(width), "ROWS": str(height)}
        if self.starter is not None and self.starter.running:
            try:
                forked = await self.starter.fork_app(env)
            except StarterGone as exc:
                log.warning("%s; starting the app on its own", exc)
            else:
                self._app = forked
                self._stdin = forked.stdin
                # textual-serve reads only the app's stdout and stderr from its process.
                self._process = cast(Process, forked)
                return self._process
        process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=env,
            # Its own group: the trainer's Ctrl+C reaches the server only, which then stops
            # each app and, if one hangs, its whole group.
            start_new_session=True)
        assert process.stdin is not None
        self._app = self._process = process
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        """The app's process id, once started."""
        return self._app.pid if self._app is not None else None

    async def stop(self) -> None:
        """Ask the app to quit; if it has not within STOP_GRACE, close its input (which ends
        it alone in a host that runs others too), and if that fails as well, kill its
        process group."""
        process = self._app
        with contextlib.suppress(Exception):
            await asyncio.wait_for(super().stop(), STOP_GRACE)
        if process is None:
            return
        try:
            await asyncio.wait_for(process.wait(), STOP_GRACE)
        except TimeoutError:
            if isinstance(process, ForkedApp) and await process.let_go(LET_GO_GRACE):
                return
            # Its host did not end it: a host that stuck has stopped every app it runs.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()


class WorkshopServer(Server):
    """Serves the tutor to a workshop's browsers (see the module's docstring)."""

    def __init__(self, setup: WorkshopSetup, host: str, port: int, public_url: str,
                 on_event: Callable[[str], object] | None = None) -> None:
        super().__init__(shlex.join(setup.app_argv), host=host, port=port, title="tutor",
                         public_url=public_url)
        self.setup = setup
        self.starter = Starter(starter_argv(setup.app_argv), self.app_env()) if supported() \
            else None
        self.sessions: set[SessionService] = set()
        # Twice as many apps start at once as there are cores (see SessionService.start).
        self._start_slots = asyncio.Semaphore(2 * (os.cpu_count() or 1))
        self._starting = 0  # sockets admitted whose app is not running yet: they count too
        self._names: dict[str, str] = {}  # seat -> a name suggested by its join link
        self._on_event = on_event or (lambda text: None)
        # What the join cookie holds: proof of the code, not the code itself.
        self._secret = secrets.token_bytes(32)
        self._join_token = hmac.new(self._secret, b"join:" + setup.code.encode(),
                                    hashlib.sha256).hexdigest()

    # --- the door -------------------------------------------------------------------------

    def code_ok(self, request: web.Request) -> bool:
        """True when the request shows the join code (``?code=``) or its cookie."""
        given = request.query.get("code")
        if given is not None and hmac.compare_digest(given.strip().upper().encode(),
                                                     self.setup.code.encode()):
            return True
        cookie = request.cookies.get(JOIN_COOKIE, "")
        return hmac.compare_digest(cookie.encode(), self._join_token.encode())

    @property
    def taken(self) -> int:
        """Seats in use: running apps and those starting."""
        return len(self.sessions) + self._starting

    @property
    def full(self) -> bool:
        """True when no one else can join now."""
        return self.taken >= self.setup.max_sessions

    def _seat(self, request: web.Request) -> tuple[str, bool]:
        seat = request.cookies.get(SEAT_COOKIE, "")
        if SEAT_ID.fullmatch(seat):
            return seat, False
        return secrets.token_hex(16), True

    def _page_host(self, request: web.Request) -> str:
        host = request.host
        return host if _HOST.fullmatch(host) else urlsplit(self.public_url).netloc

    # --- routes ---------------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application()
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Start the session starter, so that it has imported the app before anyone joins."""
        await self._start_starter()

    async def _start_starter(self) -> None:
        if self.starter is None:
            return
        try:
            await self.starter.ensure_running()
        except OSError as exc:
            log.warning("cannot start the session starter (%s); each app starts on its own",
                        exc)

    async def on_shutdown(self, app: web.Application) -> None:
        """Stop every app, then the session starter, before the server goes."""
        await asyncio.gather(*(service.stop() for service in list(self.sessions)),
                             return_exceptions=True)
        if self.starter is not None:
            await self.starter.stop(STOP_GRACE)

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page with the terminal; or why not (no code, workshop full)."""
        if not self.code_ok(request):
            return web.Response(status=403, content_type="text/html",
                                text=_notice_page("tutor", _NO_CODE))
        if self.full:
            lines = (_FULL[0].format(max=self.setup.max_sessions),
                     _FULL[1].format(max=self.setup.max_sessions))
            return web.Response(status=503, content_type="text/html", headers={"Retry-After": "30"},
                                text=_notice_page("tutor", lines))
        seat, new = self._seat(request)
        name = clean_name(request.query.get("name", ""))
        if name:
            self._names[seat] = name
        # ws:// here; the page takes wss:// itself when it was loaded over https (a TLS front
        # the server cannot see, and X-Forwarded-Proto is not to be trusted).
        response = web.Response(content_type="text/html", text=_page(
            "index.html", websocket_url=f"ws://{self._page_host(request)}/ws",
            font_size=str(clamp_cells(request.query.get("fontsize"), 16))))
        response.set_cookie(JOIN_COOKIE, self._join_token, httponly=True, samesite="Lax")
        if new:
            response.set_cookie(SEAT_COOKIE, seat, httponly=True, samesite="Lax",
                                max_age=7 * 24 * 3600)
        return response

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """A report the app delivered; only for those who have joined."""
        if not self.code_ok(request):
            raise web.HTTPForbidden(text=_NO_CODE[0])
        return await super().handle_download(request)

    def app_env(self) -> dict[str, str]:
        """The environment every app shares; the session starter is started with it, since
        Textual reads its variables when it is imported."""
        return {**self.setup.base_env, "TEXTUAL_FPS": "60", "TEXTUAL_COLOR_SYSTEM": "truecolor",
                "TERM_PROGRAM": "textual", DRIVER_ENV: DRIVER}

    def session_env(self, seat: str, width: int, height: int) -> dict[str, str]:
        """The environment of the app for ``seat`` (its own settings and scores folder)."""
        setup = self.setup
        return {**self.app_env(),
                **seat_env(results=setup.results, workshop=setup.workshop,
                           seat_dir=setup.data_dir / seat, name=self._names.get(seat, ""),
                           server_pid=os.getpid()),
                "COLUMNS": str(width), "ROWS": str(height)}

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """The socket that drives one app: checked, capped, then linked to a new process."""
        if not same_origin(request.headers.get("Origin"), request.host):
            raise web.HTTPForbidden(text="cross-origin sockets are refused")
        if not self.code_ok(request):
            raise web.HTTPForbidden(text=_NO_CODE[0])
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT)
        await websocket.prepare(request)
        if self.full:
            await self._refuse_full(websocket)
            return websocket
        width = clamp_cells(request.query.get("width"), 80)
        height = clamp_cells(request.query.get("height"), 24)
        seat, _ = self._seat(request)
        self._starting += 1
        service: SessionService | None = None
        try:
            await self._start_starter()  # if it died, a new one for this participant on
            service = SessionService(
                self.setup.app_argv, self.session_env(seat, width, height), self.starter,
                self._start_slots, write_bytes=websocket.send_bytes,
                write_str=websocket.send_str, close=websocket.close,
                download_manager=self.download_manager)
            await service.start(width, height)
            self.sessions.add(service)
        except BaseException:
            if service is not None:  # started, perhaps, before it went wrong: no orphan
                await service.stop()
            raise
        finally:
            self._starting -= 1
        self._on_event(f"session started ({self.taken}/{self.setup.max_sessions})")
        try:
            await self._process_messages(websocket, service)
        except (asyncio.CancelledError, ConnectionResetError):
            pass
        finally:
            self.sessions.discard(service)
            await service.stop()
            with contextlib.suppress(Exception):
                await websocket.close()
            self._on_event(f"session ended ({self.taken}/{self.setup.max_sessions})")
        return websocket

    async def _refuse_full(self, websocket: web.WebSocketResponse) -> None:
        text = "\r\n".join(line.format(max=self.setup.max_sessions) for line in _FULL)
        await websocket.send_bytes(f"\x1b[2J\x1b[H{text}\r\n".encode())
        await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"workshop full")

    async def _process_messages(self, websocket: web.WebSocketResponse,  # type: ignore[override]
                                app_service: SessionService) -> None:
        """Pass the browser's keys and sizes on; anything malformed is dropped, not raised."""
        handlers: dict[str, Callable[[Any], Awaitable[object]]] = {
            # An empty packet would end the app's input (its reader takes it for EOF).
            "stdin": lambda data: app_service.send_bytes(data.encode("utf-8"))
            if isinstance(data, str) and data else _nothing(),
            "resize": lambda data: app_service.set_terminal_size(
                clamp_cells(str(data.get("width")), 80), clamp_cells(str(data.get("height")), 24))
            if isinstance(data, dict) else _nothing(),
            "ping": lambda data: websocket.send_json(["pong", str(data)]),
            "blur": lambda data: app_service.blur(),
            "focus": lambda data: app_service.focus(),
        }
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope or envelope[0] not in handlers:
                continue
            await handlers[envelope[0]](envelope[1] if len(envelope) > 1 else None)


async def _nothing() -> None:
    return None
