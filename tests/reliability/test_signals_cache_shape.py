"""The analyzer's build cache (``signals.json``), damaged in shape, or a FIFO: start anyway."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.support.processes import RunTutor


def _warm_cache(cache: Path, run_tutor: RunTutor) -> Path:
    result = run_tutor("run", "delivery-en", "--path", "best", env={"XDG_CACHE_HOME": str(cache)})
    assert result.returncode == 0, result.stderr
    path = cache / "tutor" / "signals.json"
    assert path.is_file()
    return path


@pytest.mark.parametrize("wrong", [[1, 2], {"signals": [1, 2]}, {"sets": {"filler": 5}},
                                   {"signals": {"next_steps": {"pairs": [{"first": "x"}]}}}])
def test_cached_signal_data_of_the_wrong_shape_is_read_again(tmp_path: Path, wrong: object,
                                                             run_tutor: RunTutor) -> None:
    path = _warm_cache(tmp_path / "cache", run_tutor)
    data = json.loads(path.read_text("utf-8"))
    assert data["files"]
    for entry in data["files"].values():
        entry["data"] = wrong  # valid JSON, stamps still fresh: only the shape is wrong
    path.write_text(json.dumps(data), "utf-8")
    result = run_tutor("run", "delivery-en", "--path", "best",
                       env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert "Traceback" not in result.stderr
    assert result.returncode == 0


def test_a_fifo_as_the_signals_cache_does_not_block(tmp_path: Path,
                                                    run_tutor: RunTutor) -> None:
    cache = tmp_path / "cache"
    (cache / "tutor").mkdir(parents=True)
    os.mkfifo(cache / "tutor" / "signals.json")
    result = run_tutor("run", "delivery-en", "--path", "best",
                       env={"XDG_CACHE_HOME": str(cache)}, timeout=20)
    assert result.returncode == 0
