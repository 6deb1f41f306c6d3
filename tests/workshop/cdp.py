"""Just enough of the Chrome DevTools protocol to drive Debian's ``chromium`` in a test.

The browser's download can't be fetched here, so Playwright's own browser is out; this talks to
the system binary over its debugging socket (aiohttp, which the workshop extra brings).
The terminal draws on a canvas, so what it shows is read from the socket frames the page
receives (``Network.webSocketFrameReceived``), the same stream the page draws from.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import re
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

from tutor.workshop.probe import strip_escapes

CHROMIUM = shutil.which("chromium")
_LISTENING = re.compile(r"DevTools listening on (ws://\S+)")


class Browser:
    """One headless chromium and one page in it."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self._socket = socket
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.session = ""  # the page's session id, once attached
        self.text = ""  # the terminal's output so far, escapes removed
        self.downloads: dict[str, str] = {}  # guid -> state
        self.sockets: list[str] = []  # the URL of each websocket the page opened
        self._changed = asyncio.Event()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self._socket:
            data = json.loads(message.data)
            if "id" in data:
                future = self._waiting.pop(data["id"], None)
                if future is not None and not future.done():
                    future.set_result(data)
                continue
            method, params = data.get("method"), data.get("params", {})
            if method == "Network.webSocketFrameReceived":
                frame = params["response"]
                if frame["opcode"] == 2:  # binary: terminal output, base64 in the event
                    raw = base64.b64decode(frame["payloadData"])
                    self.text += strip_escapes(raw.decode("utf-8", "replace"))
            elif method == "Network.webSocketCreated":
                self.sockets.append(params["url"])
            elif method == "Browser.downloadProgress":
                self.downloads[params["guid"]] = params["state"]
            self._changed.set()

    async def send(self, method: str, session: str | None = None,
                   **params: Any) -> dict[str, Any]:
        """Call ``method`` (on the page's session unless ``session`` says otherwise)."""
        number = next(self._ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        target = self.session if session is None else session
        if target:
            message["sessionId"] = target
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[number] = future
        await self._socket.send_str(json.dumps(message))
        answer = await asyncio.wait_for(future, 30)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return dict(answer.get("result", {}))

    async def wait(self, done: Any, timeout: float = 30.0, what: str = "") -> None:
        """Wait until ``done()`` holds."""
        deadline = asyncio.get_running_loop().time() + timeout
        while not done():
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                tail = " ".join(self.text[-800:].split())
                raise TimeoutError(f"{what or done} within {timeout} s; screen: {tail}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(left, 0.5))

    async def wait_for_text(self, text: str, since: int = 0, timeout: float = 30.0) -> None:
        """Wait until the terminal has drawn ``text`` (after position ``since``)."""
        await self.wait(lambda: self.text.find(text, since) >= 0, timeout, repr(text))

    async def settle(self, quiet: float = 0.3) -> None:
        """Wait until the terminal has been quiet for ``quiet`` seconds."""
        for _ in range(40):
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), quiet)
            except TimeoutError:
                return

    async def focus_terminal(self) -> None:
        """Put the keyboard focus in the terminal, as a click on it would."""
        await self.send("Runtime.evaluate",
                        expression="document.querySelector('.xterm-helper-textarea').focus()")

    async def type(self, text: str) -> None:
        """Type into the focused element, as a person would."""
        await self.send("Input.insertText", text=text)

    async def press_enter(self) -> None:
        """Press and release Enter."""
        for kind in ("keyDown", "keyUp"):
            await self.send("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter",
                            windowsVirtualKeyCode=13, text="\r" if kind == "keyDown" else "")

    async def screenshot(self, path: Path) -> Path:
        """Save what the page shows as a PNG."""
        shot = await self.send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))
        return path


@contextlib.asynccontextmanager
async def chromium(profile: Path, downloads: Path,
                   any_certificate: bool = False) -> AsyncIterator[Browser]:
    """A headless chromium with one blank page attached, downloads going to ``downloads``;
    ``any_certificate``: it trusts a test's self-signed certificate."""
    assert CHROMIUM is not None
    trust = ["--ignore-certificate-errors"] if any_certificate else []
    process = subprocess.Popen(
        [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-popup-blocking", "--disable-dev-shm-usage", "--remote-debugging-port=0",
         "--remote-debugging-address=127.0.0.1", f"--user-data-dir={profile}",
         "--window-size=1100,800", *trust, "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        url = ""
        for line in process.stderr:
            found = _LISTENING.search(line)
            if found:
                url = found[1]
                break
        assert url, "chromium did not open its debugging socket"
        async with aiohttp.ClientSession() as http, \
                http.ws_connect(url, max_msg_size=0) as socket:
            browser = Browser(socket)
            await browser.send("Browser.setDownloadBehavior", behavior="allow",
                               downloadPath=str(downloads), eventsEnabled=True)
            targets = await browser.send("Target.getTargets")
            page = next(t for t in targets["targetInfos"] if t["type"] == "page")
            attached = await browser.send("Target.attachToTarget", targetId=page["targetId"],
                                          flatten=True)
            browser.session = attached["sessionId"]
            await browser.send("Page.enable")
            await browser.send("Network.enable")
            yield browser
            browser._reader.cancel()
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
