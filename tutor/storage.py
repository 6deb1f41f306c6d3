"""Where tutor keeps its files between runs, and how it writes them without tearing.

Settings and scores live in the config folder (``$TUTOR_CONFIG_DIR``, else
``$XDG_CONFIG_HOME/tutor``, else ``~/.config/tutor``); rebuildable caches in the cache folder
(``$XDG_CACHE_HOME/tutor``, else ``~/.cache/tutor``).
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
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


class SpecialFileError(OSError):
    """A FIFO, device or socket where tutor keeps a file: refused, since reading it may block."""


def read_state(path: Path) -> str:
    """The UTF-8 text of a state or cache file; raises OSError (SpecialFileError for a FIFO,
    device or socket) or UnicodeDecodeError.

    Opening a FIFO for reading waits for a writer, so start-up would hang: the file is opened
    without waiting and refused unless it is a regular file.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise SpecialFileError(f"{path} is not a regular file (a FIFO or a device?); "
                                   "tutor ignores it: remove it and tutor writes a new one")
        return fh.read().decode("utf-8")


#: A temporary file younger than this may still be written by a running tutor.
ORPHAN_AGE = 60.0


def clean_orphans() -> None:
    """Remove temporary files that ``write_atomic`` left behind when a process was killed.

    Cheap enough for every start: only the two folders tutor owns, only names it makes
    (``.NAME.*.tmp``), and only files older than a minute.
    """
    cutoff = time.time() - ORPHAN_AGE
    for folder in (config_dir(), cache_dir()):
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if not (entry.name.startswith(".") and entry.name.endswith(".tmp")
                        and entry.name.count(".") >= 3):
                    continue
                with contextlib.suppress(OSError):
                    info = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                        os.unlink(entry.path)


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
