"""A scripted participant that speaks textual-serve's protocol with no browser.

It joins like a browser (the page first, for the cookies; then the socket with the page's
Origin), reads the screen as text and types keys as xterm.js sends them (``["stdin", KEYS]``).
The protocol tests and the workshop bench use it; a trainer can use it to check that a
workshop answers before people arrive:

    python -m tutor.workshop.probe 'http://127.0.0.1:8000/?code=K7Q2'
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import sys
import time
from codecs import getincrementaldecoder
from types import TracebackType
from urllib.parse import urlsplit

import aiohttp

from tutor.workshop.seat import NAME_MAX

#: Keys as xterm.js sends them.
ENTER, ESCAPE, HANG_UP = "\r", "\x1b", "\x07"  # Ctrl+G hangs up
# Escape sequences (CSI, OSC, and two-byte ones): what is left is the text on screen.
_ESCAPES = re.compile(r"\x1b(?:\[[0-9;?<>=$ ]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def strip_escapes(text: str) -> str:
    """Terminal output with its escape sequences replaced by spaces: the text drawn."""
    return _ESCAPES.sub(" ", text)


class Refused(Exception):
    """The server would not open a session; ``status`` is the HTTP status (or 0)."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(f"{status}: {text}")
        self.status = status
        self.text = text


class Participant:
    """One browser's worth of a workshop, driven from code (an async context manager)."""

    def __init__(self, join_url: str, *, origin: str | None = None,
                 size: tuple[int, int] = (100, 30)) -> None:
        parts = urlsplit(join_url)
        self.join_url = join_url
        self.base = f"{parts.scheme}://{parts.netloc}"
        self.origin = self.base if origin is None else origin
        self.size = size
        self.text = ""  # everything drawn so far, escape sequences removed
        self.frames = 0
        self.closed: tuple[int | None, str] | None = None  # close code and message
        self.key_to_frame: list[float] = []  # seconds from a keystroke to its frame
        self.deliveries: list[str] = []  # keys of files the app delivered, for /download/KEY
        self.connected_at = 0.0
        self.first_frame_at = 0.0
        self._decode = getincrementaldecoder("utf-8")(errors="replace").decode
        self._session: aiohttp.ClientSession | None = None
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()

    async def __aenter__(self) -> Participant:
        # unsafe: keep cookies from an IP address, as a browser does.
        self._session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        try:
            async with self._session.get(self.join_url) as page:
                if page.status != 200:
                    raise Refused(page.status, await page.text())
            width, height = self.size
            headers = {"Origin": self.origin} if self.origin else {}
            self.connected_at = time.perf_counter()
            try:
                self._socket = await self._session.ws_connect(
                    f"ws{self.base[4:]}/ws?width={width}&height={height}", headers=headers)
            except aiohttp.WSServerHandshakeError as exc:
                raise Refused(exc.status, exc.message) from None
        except BaseException:
            await self._session.close()
            raise
        self._reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)
        if self._session is not None:
            await self._session.close()

    async def _read(self) -> None:
        assert self._socket is not None
        reason = ""
        while True:
            message = await self._socket.receive()
            if message.type == aiohttp.WSMsgType.BINARY:
                now = time.perf_counter()
                if not self.frames:
                    self.first_frame_at = now
                self.frames += 1
                self.text += strip_escapes(self._decode(message.data))
            elif message.type == aiohttp.WSMsgType.TEXT:
                envelope = json.loads(message.data)
                if envelope[0] == "deliver_file_start":  # the browser would open the download
                    self.deliveries.append(str(envelope[1]))
            else:  # CLOSE (with the server's reason), CLOSED or ERROR
                if message.type == aiohttp.WSMsgType.CLOSE:
                    reason = str(message.extra or "")
                break
            self._changed.set()
        self.closed = (self._socket.close_code, reason)
        self._changed.set()

    @property
    def first_screen(self) -> float:
        """Seconds from opening the socket to the first frame (0 before it came)."""
        return self.first_frame_at - self.connected_at if self.frames else 0.0

    async def type(self, keys: str) -> None:
        """Send keys as the browser's terminal does."""
        assert self._socket is not None
        await self._socket.send_str(json.dumps(["stdin", keys]))

    async def keystroke(self, key: str, expect: str, timeout: float = 10.0) -> float:
        """Send one key and wait until ``expect`` is drawn after it (a letter typed into a
        box redraws the box's text); the seconds between them, also kept in
        :attr:`key_to_frame`. (Waiting for any frame would count a cursor blink.)"""
        mark = len(self.text)
        start = time.perf_counter()
        await self.type(key)
        await self.wait_for(expect, timeout, since=mark)
        took = time.perf_counter() - start
        self.key_to_frame.append(took)
        return took

    async def wait_for(self, text: str, timeout: float = 20.0, since: int = 0) -> int:
        """Wait until ``text`` is drawn (after position ``since`` of :attr:`text`); return
        where it was found. Raises ``TimeoutError`` with the end of the screen."""
        deadline = time.monotonic() + timeout
        while (found := self.text.find(text, since)) < 0:
            if self.closed is not None:
                raise TimeoutError(f"session closed {self.closed} before {text!r}")
            left = deadline - time.monotonic()
            if left <= 0:
                tail = " ".join(self.text[-1500:].split())
                raise TimeoutError(f"{text!r} not drawn within {timeout} s; last: {tail}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), left)
        return found

    async def download(self, key: str) -> tuple[str, bytes]:
        """Fetch a delivered file as the browser does; its Content-Disposition and bytes."""
        assert self._session is not None
        async with self._session.get(f"{self.base}/download/{key}") as response:
            response.raise_for_status()
            return response.headers.get("Content-Disposition", ""), await response.read()

    async def wait_closed(self, timeout: float = 10.0) -> tuple[int | None, str]:
        """Wait for the server to close the socket; its close code and message."""
        if self._reader is not None:
            await asyncio.wait_for(asyncio.shield(self._reader), timeout)
        assert self.closed is not None
        return self.closed

    async def join(self, name: str) -> None:
        """Answer the name question, one key at a time, and wait for the library."""
        await self.wait_for("Who is practising?")
        await self.settle()
        for end in range(1, min(len(name), NAME_MAX) + 1):
            # The box scrolls a long name: its last few letters are what is redrawn.
            await self.keystroke(name[end - 1], name[max(0, end - 10):end])
        if len(name) > NAME_MAX:
            await self.type(name[NAME_MAX:])  # the box takes no more: nothing to wait for
        await self.settle()
        await self.type(ENTER)
        await self.wait_for("Speech is off in a workshop")

    async def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Wait until nothing has been drawn for ``quiet`` seconds: the app has taken the
        last keys (a key sent while a screen is still being swapped may go astray)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), quiet)
            except TimeoutError:
                return

    async def play(self, search: str, expect_debrief: str = "Debrief",
                   timeout: float = 60.0) -> None:
        """Open the first call that ``search`` finds and choose line 1 at every turn until
        the debrief is drawn."""
        await self.settle()
        await self.type("/")
        await self.settle()
        await self.type(search)
        await self.settle()
        mark = len(self.text)
        await self.type(ENTER)
        await self.wait_for("Hang up", since=mark)  # the call screen's footer
        deadline = time.monotonic() + timeout
        while self.text.find(expect_debrief, mark) < 0:
            if time.monotonic() > deadline:
                tail = " ".join(self.text[-1500:].split())
                raise TimeoutError(f"no debrief within {timeout} s; last: {tail}")
            await self.type("1")
            await self.settle(quiet=0.2, timeout=1.0)


async def _check(join_url: str) -> int:
    try:
        async with Participant(join_url) as one:
            await one.wait_for("Who is practising?", timeout=30)
            print(f"OK: the app answered in {one.first_screen:.2f} s")
    except (Refused, TimeoutError, aiohttp.ClientError) as exc:
        print(f"the workshop did not answer: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(_check(sys.argv[1])) if len(sys.argv) == 2 else 2)
