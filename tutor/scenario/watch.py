"""Noticing that a scenario file was saved, for live preview (``tutor play FILE --watch``).

Polling the size and modification time is enough for one file a trainer is editing, works the
same on every platform and filesystem, and needs no dependency. Editors that save by writing a
new file and renaming it over the old one change both as well.
"""

from __future__ import annotations

from pathlib import Path

#: Seconds between looks: a save shows in the app well within a second.
POLL_SECONDS = 0.25

Stamp = tuple[int, int] | None  # (mtime in ns, size); None while the file is missing


def stamp(path: Path) -> Stamp:
    """The file's modification time and size, or None when it cannot be read."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class FileWatch:
    """Tells whether a file changed since the last look (the first look is the baseline)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._last = stamp(path)

    def changed(self) -> bool:
        """True once for each change seen; a file that went missing counts when it comes back."""
        now = stamp(self.path)
        if now == self._last or now is None:
            return False
        self._last = now
        return True
