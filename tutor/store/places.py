"""Where the attempt store lives: the user data folder, or ``$TUTOR_DATA_DIR`` when set; or,
for a workshop, a file or a PostgreSQL database named by a ``postgresql://`` URL.

The data folder holds what cannot be rebuilt (past attempts); settings stay in the config
folder (:mod:`tutor.storage`) and caches in the cache folder.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tutor.storage import config_dir

DATA_DIR_ENV = "TUTOR_DATA_DIR"
STORE_NAME = "attempts.sqlite3"
#: How a store's location says it is a PostgreSQL database rather than a file.
DATABASE_URL_SCHEMES = ("postgresql://", "postgres://")


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


def is_database_url(where: str | Path) -> bool:
    """True when ``where`` names a PostgreSQL database (a ``Path`` is always a file)."""
    return isinstance(where, str) and where.lower().startswith(DATABASE_URL_SCHEMES)


def shown_url(url: str) -> str:
    """``url`` as a message may show it: user, host, port and database, never the password
    (the query is left out too, since libpq accepts ``?password=`` there)."""
    parts = urlsplit(url)
    user, at, host = parts.netloc.rpartition("@")
    login = user.partition(":")[0] + at
    return urlunsplit((parts.scheme, login + host, parts.path, "", ""))
