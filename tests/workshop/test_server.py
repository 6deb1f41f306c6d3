"""The workshop server over its real socket, with no browser: a real ``tutor workshop``
process on 127.0.0.1 and scripted participants speaking textual-serve's protocol."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import aiohttp
import pytest

from tests.support.stores import fresh_database
from tests.workshop.helpers import CODE, Workshop, cmdline, start_workshop
from tutor.workshop import results
from tutor.workshop.probe import Participant, Refused
from tutor.workshop.seat import NAME_FILE


@pytest.fixture
def workshop(tmp_path: Path) -> Iterator[Workshop]:
    server = start_workshop(tmp_path, max_sessions=2)
    yield server
    server.stop()


async def test_the_page_without_the_code_is_refused_and_says_how_to_join(
        workshop: Workshop) -> None:
    async with aiohttp.ClientSession() as http, http.get(workshop.base + "/") as page:
        text = await page.text()
    assert page.status == 403
    assert "?code=" in text and "Для входа нужен код" in text


async def test_a_wrong_code_is_refused(workshop: Workshop) -> None:
    with pytest.raises(Refused) as refused:
        async with Participant(f"{workshop.base}/?code=ZZZZ"):
            pass
    assert refused.value.status == 403


async def test_the_socket_without_the_code_is_refused(workshop: Workshop) -> None:
    async with aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(workshop.base.replace("http", "ws") + "/ws",
                                  headers={"Origin": workshop.base})
    assert refused.value.status == 403
    assert workshop.app_pids() == []


async def test_a_socket_from_another_sites_page_is_refused(workshop: Workshop) -> None:
    with pytest.raises(Refused) as refused:
        async with Participant(workshop.join_url, origin="http://evil.example"):
            pass
    assert refused.value.status == 403
    assert workshop.app_pids() == []


# What an https front (the README's nginx with TLS) passes on for a page at
# https://workshop.example: the Host the browser asked for, and the browser's Origin.
FRONT_HOST = {"Host": "workshop.example"}


async def _socket_behind_the_front(workshop: Workshop, origin: str) -> aiohttp.WSMessage:
    """The first message of a socket opened through the front from a page of ``origin``."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(workshop.join_url, headers=FRONT_HOST) as page:
            assert page.status == 200
        async with http.ws_connect(workshop.base.replace("http", "ws") + "/ws",
                                   headers={**FRONT_HOST, "Origin": origin}) as socket:
            return await socket.receive(timeout=30)


async def test_behind_an_https_front_the_socket_of_its_own_page_is_accepted(
        workshop: Workshop) -> None:
    message = await _socket_behind_the_front(workshop, "https://workshop.example")
    assert message.type == aiohttp.WSMsgType.BINARY  # the app has drawn its first screen


async def test_behind_an_https_front_a_socket_from_another_sites_page_is_refused(
        workshop: Workshop) -> None:
    for origin in ("https://evil.example", "https://workshop.example.evil.example",
                   "https://evil.example/workshop.example"):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await _socket_behind_the_front(workshop, origin)
        assert refused.value.status == 403
    assert workshop.app_pids() == []


async def test_the_join_code_is_remembered_by_a_cookie(workshop: Workshop) -> None:
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        async with http.get(workshop.join_url) as first:
            assert first.status == 200
        async with http.get(workshop.base + "/") as again:
            assert again.status == 200
    assert all(CODE not in cookie.value for cookie in jar)  # proof of the code, not the code


async def test_the_page_loads_nothing_from_the_internet(workshop: Workshop) -> None:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(workshop.join_url) as page:
            text = await page.text()
        for asset in ("/static/js/textual.js", "/static/css/xterm.css",
                      "/static/fonts/RobotoMono-VariableFont_wght.ttf"):
            assert asset in text
            async with http.get(workshop.base + asset) as response:
                assert response.status == 200, asset
    assert "https://" not in text and "//fonts." not in text


async def test_past_the_cap_a_participant_is_told_politely_the_workshop_is_full(
        workshop: Workshop) -> None:
    async with Participant(workshop.join_url) as one, Participant(workshop.join_url) as two:
        await one.wait_for("Who is practising?")
        await two.wait_for("Who is practising?")
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http, \
                http.get(workshop.join_url) as page:
            assert page.status == 503
            text = await page.text()
            assert "The workshop is full" in text and "заняты" in text
        # A socket that gets past the page (loaded a moment earlier) is told so too.
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            socket = await http.ws_connect(
                f"{workshop.base.replace('http', 'ws')}/ws?code={CODE}",
                headers={"Origin": workshop.base})
            said = await socket.receive()
            closing = await socket.receive()
        assert b"The workshop is full" in said.data
        assert closing.type == aiohttp.WSMsgType.CLOSE
        assert closing.data == aiohttp.WSCloseCode.TRY_AGAIN_LATER
        assert sum("session started" in line for line in workshop.logged()) == 2


async def test_each_participant_has_a_settings_folder_of_their_own(workshop: Workshop) -> None:
    async with Participant(workshop.join_url) as one, Participant(workshop.join_url) as two:
        await one.join("Ada")
        await two.join("Grace")
        seats = workshop.db.with_name("results.participants")
        names = seats.glob(f"*/{NAME_FILE}")
        deadline = time.monotonic() + 10  # the app saves the name in a worker
        while len(list(names)) < 2 and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
    saved = {path.parent.name: path.read_text("utf-8").strip()
             for path in seats.glob(f"*/{NAME_FILE}")}
    assert sorted(saved.values()) == ["Ada", "Grace"]
    assert len(saved) == 2  # two folders, one per participant


async def test_a_call_played_over_the_socket_lands_in_the_store_with_the_name(
        workshop: Workshop) -> None:
    async with Participant(workshop.join_url) as ada:
        await ada.join("Ada Lovelace")
        await ada.play("minimal")
        workshop.wait_for_line("Ada Lovelace: minimal-call")
    [attempt] = results.attempts(workshop.db)
    assert attempt["participant"] == "Ada Lovelace"
    assert attempt["scenario_id"] == "minimal-call"
    assert attempt["front_end"] == "web"
    assert attempt["workshop"].endswith(CODE)


async def test_a_call_played_over_the_socket_lands_in_a_postgresql_store(
        tmp_path: Path) -> None:
    # The apps are forked from a starter that keeps ``ssl`` out: psycopg must not need it.
    with fresh_database() as url:
        server = start_workshop(tmp_path, "--db", url)
        try:
            async with Participant(server.join_url) as ada:
                await ada.join("Ada Lovelace")
                await ada.play("minimal")
                server.wait_for_line("Ada Lovelace: minimal-call")
        finally:
            server.stop()
        [attempt] = results.attempts(url)
    assert attempt["participant"] == "Ada Lovelace"
    assert attempt["scenario_id"] == "minimal-call"


async def test_the_report_is_delivered_to_the_browser_as_a_download(
        workshop: Workshop) -> None:
    async with Participant(workshop.join_url) as ada:
        await ada.join("Ada")
        await ada.play("minimal")
        mark = len(ada.text)
        await ada.type("e")
        await ada.wait_for("Report sent to your browser", since=mark)
        [key] = ada.deliveries
        disposition, body = await ada.download(key)
    assert disposition.startswith("attachment; filename=minimal-call-")
    assert body.decode("utf-8").startswith("# Call report: A minimal call")
    assert not (workshop.db.parent / "home" / "tutor-reports").exists()


async def test_nothing_a_participant_sends_reaches_a_shell(workshop: Workshop,
                                                            tmp_path: Path) -> None:
    trap = tmp_path / "pwned"
    hostile = f"$(touch {trap}); `touch {trap}` | touch {trap}"
    url = (f"{workshop.base}/?code={CODE}&name={quote(hostile)}"
           f"&fontsize=$(touch%20{trap})")
    async with Participant(url, size=(100, 30)) as eve:
        await eve.wait_for("Who is practising?")
        await eve.wait_for("$(touch ")  # the name the link suggested, drawn as text
        [pid] = workshop.app_pids()
        # The app runs with the argv the trainer's options built, word for word.
        assert cmdline(pid) == workshop.expected_argv()
        await eve.settle()
        await eve.type("\x15")  # Ctrl+U: clear the suggested name, then type it again
        await eve.join(hostile)
        await eve.play("minimal")
        workshop.wait_for_line("minimal-call")
    [attempt] = results.attempts(workshop.db)
    assert attempt["participant"] == hostile[:40].strip()
    assert not trap.exists()


async def test_malformed_messages_are_ignored_and_the_session_goes_on(
        workshop: Workshop) -> None:
    async with Participant(workshop.join_url) as bob:
        await bob.wait_for("Who is practising?")
        socket = bob._socket
        assert socket is not None
        for junk in ("not json", "{}", "[]", '["stdin", 5]', '["stdin", ""]', '["resize", "big"]',
                     json.dumps(["resize", {"width": "$(id)", "height": -5}]), '["nope"]'):
            await socket.send_str(junk)
        await socket.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        await bob.join("Bob")
