"""One real browser: Debian's chromium opens the join link, a participant gives a name,
plays a call to its debrief and downloads the report. A screenshot of the debrief is kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.workshop.cdp import CHROMIUM, chromium
from tests.workshop.front import NGINX, OPENSSL, start_tls_front
from tests.workshop.helpers import Workshop, start_workshop
from tutor.workshop import results

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Debian's chromium on PATH (apt-get install chromium; "
                             ".ci/run installs it)")


@pytest.fixture
def workshop(tmp_path: Path) -> Iterator[Workshop]:
    server = start_workshop(tmp_path)
    yield server
    server.stop()


async def test_a_participant_plays_a_call_in_chromium_and_downloads_the_report(
        workshop: Workshop, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    async with chromium(tmp_path / "profile", downloads) as browser:
        await browser.send("Page.navigate", url=workshop.join_url)
        await browser.wait_for_text("Who is practising?")
        await browser.settle()
        await browser.focus_terminal()
        await browser.type("Ada Lovelace")
        await browser.settle()
        await browser.press_enter()
        await browser.wait_for_text("Speech is off in a workshop")
        await browser.settle()
        await browser.type("/")
        await browser.settle()
        await browser.type("minimal")
        await browser.settle()
        mark = len(browser.text)
        await browser.press_enter()
        await browser.wait_for_text("Hang up", since=mark)
        while browser.text.find("Debrief", mark) < 0:
            await browser.type("1")
            await browser.settle(0.2)
        await browser.settle()
        shot = await browser.screenshot(tmp_path / "debrief.png")
        with capsys.disabled():  # shown in the test run's output, not captured
            print(f"\nscreenshot of the debrief: {shot}")
        await browser.type("e")
        await browser.wait(lambda: "completed" in browser.downloads.values(), what="download")
    [report] = downloads.iterdir()
    assert report.name.startswith("minimal-call-") and report.suffix == ".md"
    assert report.read_text("utf-8").startswith("# Call report: A minimal call")
    [attempt] = results.attempts(workshop.db)
    assert attempt["participant"] == "Ada Lovelace"
    assert shot.stat().st_size > 10_000


@pytest.mark.skipif(NGINX is None or OPENSSL is None,
                    reason="needs nginx and openssl on PATH (apt-get install nginx openssl)")
async def test_behind_an_https_front_the_page_opens_its_socket_over_wss(
        workshop: Workshop, tmp_path: Path) -> None:
    front = start_tls_front(tmp_path / "nginx", workshop.base)
    try:
        query = workshop.join_url.split("/?", 1)[1]
        async with chromium(tmp_path / "profile", tmp_path, any_certificate=True) as browser:
            await browser.send("Page.navigate", url=f"{front.base}/?{query}")
            await browser.wait_for_text("Who is practising?")
    finally:
        front.stop()
    [socket] = browser.sockets
    assert socket.startswith(front.base.replace("https://", "wss://", 1) + "/ws?")
