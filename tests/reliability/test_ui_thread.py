"""The app evaluates a finished call off its UI thread: a slow evaluation never stops the clock."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.support.tui import FAST, build_app, dentist, play
from tutor import feedback
from tutor.feedback.types import Evaluation


async def test_a_finished_call_is_evaluated_in_a_worker(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[threading.Thread] = []
    real = feedback.evaluate

    def watched(*args: object, **kwargs: object) -> Evaluation:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(feedback, "evaluate", watched)
    app = build_app(tmp_path, scenario=dentist(), speed=FAST)
    async with app.run_test(size=(100, 30)) as pilot:
        debrief = await play(pilot, app, "calm")
        await app.workers.wait_for_complete()
    assert debrief.evaluation.total > 0
    assert threads
    assert threading.main_thread() not in threads
