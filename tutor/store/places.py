"""Where the attempt store lives: the user data folder, or ``$TUTOR_DATA_DIR`` when set.

The data folder holds what cannot be rebuilt (past attempts); settings stay in the config
folder (:mod:`tutor.storage`) and caches in the cache folder.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from tutor.storage import config_dir

DATA_DIR_ENV = "TUTOR_DATA_DIR"
STORE_NAME = "attempts.sqlite3"


def data_dir() -> Path:
    """The folder for the attempt store (not created here): ``$TUTOR_DATA_DIR`` overrides
    the platform's user data folder (tests and portable installs use it)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs  # only the store needs it, and only when no override is set

    return platformdirs.user_data_path("tutor", appauthor=False)


def store_path() -> Path:
    """The SQLite file holding every attempt."""
    return data_dir() / STORE_NAME


def legacy_scores_path() -> Path:
    """The best-scores file older versions kept in the config folder: imported into the
    store once (``tutor.store.legacy``), never written any more."""
    return config_dir() / "scores.json"


def aside_name(path: Path, label: str) -> Path:
    """A free name beside ``path`` for a file moved out of the way: ``NAME.LABEL-<UTC time>``.

    The time has no colons so the name is valid on every platform; a counter follows when
    two files are moved aside in the same second.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
    return candidate
