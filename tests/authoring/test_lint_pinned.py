"""Lint's results on the bundled calls are pinned: speed work must not move any of them."""

from __future__ import annotations

import json

from tests.authoring.pinned_lint import EXPECTED, record


def test_lint_says_exactly_what_it_said_before_about_every_bundled_call() -> None:
    expected = json.loads(EXPECTED.read_text("utf-8"))
    got = record()
    assert [e["path"] for e in got] == [e["path"] for e in expected]
    for now, before in zip(got, expected, strict=True):
        # One file at a time, so a failure names the call; regenerate only on purpose
        # (python -m tests.authoring.pinned_lint).
        assert now == before, now["path"]
