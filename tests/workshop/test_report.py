"""``tutor workshop report``: 30 participants x 3 calls as Markdown, CSV and HTML."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.processes import RunTutor
from tests.support.stores import BACKENDS, new_stores
from tests.workshop.cdp import CHROMIUM, chromium
from tests.workshop.test_results import add, attempt
from tutor.workshop.report import render, summarize
from tutor.workshop.results import attempts

CALLS = ("recruiter-call-en", "bank-card-en", "mum-call-en")


@pytest.fixture(scope="module", params=BACKENDS)
def store(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[str | Path]:
    """30 participants who each played 3 calls twice, doing better the second time; in a
    file, then in a PostgreSQL database."""
    with new_stores(request.param, tmp_path_factory.mktemp("report")) as new_store:
        db = new_store()
        played = []
        for n in range(30):
            name = "=HYPERLINK(1)" if n == 0 else f"Participant <{n:02d}>"
            for call in CALLS:
                for round_ in (0, 1):
                    pace = 15.0 if round_ else 0.0
                    played.append(attempt(call, 50 + 10 * round_ + n % 5,
                                          {"pace": (pace, 15), "thanks": (10, 10)},
                                          participant=name))
        add(db, *played)
        yield db


def test_first_best_and_last_per_participant_and_call(store: str | Path) -> None:
    summary = summarize(attempts(store))
    assert len(summary.calls) == 90
    row = next(r for r in summary.calls if r.participant == "Participant <01>")
    assert (row.attempts, row.first, row.best, row.last) == (2, 51, 61, 61)
    pace = next(p for p in summary.principles if p.principle == "pace")
    assert (pace.first, pace.best, pace.missed) == (0.0, 1.0, 90)
    assert summary.principles[0].principle == "pace"  # most missed first


def test_markdown(run_tutor: RunTutor, store: str | Path) -> None:
    result = run_tutor("workshop", "report", str(store), "--format", "md")
    assert result.returncode == 0, result.stderr
    assert "| Participant &lt;01&gt; | `bank-card-en` | 2 | 51 | 61 | 61 |" in result.stdout
    assert "| Don't speed up at the end | 0% | 100% | 90 |" in result.stdout


def test_csv_keeps_a_name_that_looks_like_a_formula_as_text(run_tutor: RunTutor,
                                                            store: str | Path) -> None:
    result = run_tutor("workshop", "report", str(store), "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["participant", "call", "attempts", "first", "best", "last"]
    assert len(rows) == 91
    assert ["'=HYPERLINK(1)", "bank-card-en", "2", "50", "60", "60"] in rows


def test_a_missing_store_is_explained(run_tutor: RunTutor, tmp_path: Path) -> None:
    result = run_tutor("workshop", "report", str(tmp_path / "none.sqlite3"))
    assert result.returncode == 1 and "no such results store" in result.stderr


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install "
                                             "chromium; .ci/run installs it)")
async def test_the_html_opens_offline_in_chromium_with_its_chart_drawn(
        store: str | Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "report.html"
    page.write_text(render(attempts(store), "html"), "utf-8")
    text = page.read_text("utf-8")
    assert "Participant &lt;01&gt;" in text and "http" not in text.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    async with chromium(tmp_path / "profile", tmp_path) as browser:
        await browser.send("Page.navigate", url=page.as_uri())
        await browser.wait(lambda: True)
        drawn = await browser.send("Runtime.evaluate", expression=(
            "new Promise(r => (document.readyState === 'complete' ? r() : "
            "window.addEventListener('load', r))).then(() => "
            "[...document.querySelectorAll('svg rect')].filter("
            "e => e.getBoundingClientRect().width > 0).length)"), awaitPromise=True)
        shot = await browser.screenshot(tmp_path / "report.png")
        with capsys.disabled():  # shown in the test run's output, not captured
            print(f"\nscreenshot of the report: {shot}")
    assert drawn["result"]["value"] >= 2 * 2  # two bars per principle, and the legend
    assert shot.stat().st_size > 5_000
