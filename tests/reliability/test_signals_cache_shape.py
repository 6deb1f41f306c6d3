"""The analyzer's build cache (``signals.json``), damaged in shape, or a FIFO: start anyway.

tutor/signals is being split into modules on another branch, so these tests are written
here and marked as expected failures; the fix belongs in tutor/signals (validate each cached
entry by shape, read the file with ``tutor.storage.read_state``). Remove the marks with it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.support.processes import RunTutor

PENDING = pytest.mark.xfail(strict=True, reason="the fix is tutor/signals' (issue 13, item 12)")


def _warm_cache(cache: Path, run_tutor: RunTutor) -> Path:
    result = run_tutor("run", "delivery-en", "--path", "best", env={"XDG_CACHE_HOME": str(cache)})
    assert result.returncode == 0, result.stderr
    path = cache / "tutor" / "signals.json"
    assert path.is_file()
    return path


@PENDING
def test_cached_signal_data_of_the_wrong_shape_is_read_again(tmp_path: Path,
                                                             run_tutor: RunTutor) -> None:
    path = _warm_cache(tmp_path / "cache", run_tutor)
    data = json.loads(path.read_text("utf-8"))
    assert data["files"]
    for entry in data["files"].values():
        entry["data"] = [1, 2]  # valid JSON, stamps still fresh: only the shape is wrong
    path.write_text(json.dumps(data), "utf-8")
    result = run_tutor("run", "delivery-en", "--path", "best",
                       env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert "Traceback" not in result.stderr
    assert result.returncode == 0


@PENDING
def test_a_fifo_as_the_signals_cache_does_not_block(tmp_path: Path,
                                                    run_tutor: RunTutor) -> None:
    cache = tmp_path / "cache"
    (cache / "tutor").mkdir(parents=True)
    os.mkfifo(cache / "tutor" / "signals.json")
    result = run_tutor("run", "delivery-en", "--path", "best",
                       env={"XDG_CACHE_HOME": str(cache)}, timeout=20)
    assert result.returncode == 0
