"""Best scores per scenario, remembered between runs in a small JSON file.

Location: ``$TUTOR_CONFIG_DIR/scores.json`` when set (tests use it), else
``$XDG_CONFIG_HOME/tutor/scores.json``, else ``~/.config/tutor/scores.json``. A missing or
corrupt file reads as no scores; writes go to a temporary file that replaces the old one, so
a crash mid-write never leaves half a file. Plain Python: callers decide which thread to use.
"""

from __future__ import annotations

import json
from pathlib import Path

from tutor.storage import config_dir, write_atomic


def scores_path() -> Path:
    """Where scores are read from and written to (the folder may not exist yet)."""
    return config_dir() / "scores.json"


def load_scores(path: Path | None = None) -> dict[str, int]:
    """Best total per scenario id; anything unreadable counts as no scores at all."""
    path = path or scores_path()
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    # Keep only well-formed entries so one bad value costs only itself.
    return {k: v for k, v in data.items()
            if isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)}


def save_scores(scores: dict[str, int], path: Path | None = None) -> None:
    """Write ``scores`` atomically (temporary file in the same folder, then ``os.replace``)."""
    write_atomic(path or scores_path(),
                 json.dumps(scores, ensure_ascii=False, indent=2, sort_keys=True))


def record_score(scenario_id: str, total: int, path: Path | None = None) -> dict[str, int]:
    """Remember ``total`` if it beats the best so far; return the updated scores."""
    scores = load_scores(path)
    if total > scores.get(scenario_id, -1):
        scores[scenario_id] = total
        save_scores(scores, path)
    return scores
