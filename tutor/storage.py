"""Where tutor keeps its files between runs, and how it writes them without tearing.

Settings and scores live in the config folder (``$TUTOR_CONFIG_DIR``, else
``$XDG_CONFIG_HOME/tutor``, else ``~/.config/tutor``); rebuildable caches in the cache folder
(``$XDG_CACHE_HOME/tutor``, else ``~/.cache/tutor``).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

CONFIG_DIR_ENV = "TUTOR_CONFIG_DIR"


def config_dir() -> Path:
    """The folder holding settings and scores (not created here)."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return (Path(xdg) if xdg else Path.home() / ".config") / "tutor"


def cache_dir() -> Path:
    """The folder holding caches that can always be rebuilt (not created here)."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "tutor"


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to ``path`` so readers see the old file or the new one, never half.

    A symlink (settings kept in a dotfiles repository) stays a symlink: its target is written.
    The folder is created if needed; an OSError is the caller's to handle.
    """
    import tempfile  # only writers pay for it: start-up reads, it rarely writes

    if path.is_symlink():
        # os.replace would put a regular file in the link's place.
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
