"""What building an analyzer derives from its cue files, kept between runs.

Building spends most of its time parsing every cue's regex to find the literals it needs
(``literals.needs``), and importing PyYAML to read the files. Both results depend only on their
inputs, so they are kept in ``$XDG_CACHE_HOME/tutor/signals.json``:

- the parsed YAML of each file, while its modification time and size are unchanged;
- each cue's literals, keyed by the cue's own text (a pure function of it), under a key that
  changes with the Python version (its regex parser) and the source of ``literals.py``.

Only what a build used is written back, and only when it had to derive something, so the file
stays small and is not rewritten on every run. A missing, damaged or unwritable cache (or one of
the wrong shape, or a FIFO in its place) just means the work is done again; results never
depend on it (``tests/signals/test_golden.py``).
Compiled regexes cannot be stored: they are still compiled at start-up or on first use.
"""

from __future__ import annotations

import contextlib
import json
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tutor.signals import literals as _literals
from tutor.storage import cache_dir, read_state, write_atomic

Literals = frozenset[str] | None

_VERSION = 1  # bump when the layout of the file changes


def cache_file() -> Path:
    """Where the build cache is kept."""
    return cache_dir() / "signals.json"


def _key() -> str:
    # The literals come from Python's regex parser and from literals.py's walk over its output.
    source = Path(_literals.__file__).read_bytes()
    return f"{_VERSION}|{sys.version}|{zlib.crc32(source):08x}"


def _json_safe(data: Any) -> bool:
    """True when ``data`` survives a trip through JSON unchanged (not every YAML value does)."""
    try:
        return bool(json.loads(json.dumps(data)) == data)
    except (TypeError, ValueError):
        return False


class BuildCache:
    """The cache as one build sees it: read once, written back at most once."""

    def __init__(self) -> None:
        """Read the cache file, or start empty when it is missing, damaged or stale."""
        self._key = _key()
        self._old_files: dict[str, Any] = {}
        self._old_literals: dict[str, Any] = {}
        self._files: dict[str, Any] = {}  # what this build used, to be written back
        self._literals: dict[str, list[str] | None] = {}
        self._missed = False
        try:
            data = json.loads(read_state(cache_file()))  # a FIFO there must not block
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("key") == self._key:
            files, literals = data.get("files"), data.get("literals")
            if isinstance(files, dict) and isinstance(literals, dict):
                self._old_files, self._old_literals = files, literals

    def load(self, path: Path, read: Callable[[Path], Any], sound: Callable[[Any], bool]) -> Any:
        """The parsed contents of ``path`` (``read`` parses it when the cache cannot).

        A cached value is used only if ``sound`` says its shape is right: valid JSON of the
        wrong shape (a hand-edited or damaged cache) is read again from the file.
        """
        stat = path.stat()
        stamp = [stat.st_mtime_ns, stat.st_size]
        name = str(path.resolve())
        entry = self._old_files.get(name)
        if (isinstance(entry, dict) and entry.get("stamp") == stamp and "data" in entry
                and sound(entry["data"])):
            self._files[name] = entry
            return entry["data"]
        data = read(path)
        if _json_safe(data):
            self._files[name] = {"stamp": stamp, "data": data}
            self._missed = True
        return data

    def literals(self, pattern: str, derive: Callable[[str], Literals]) -> Literals:
        """The literals ``pattern`` needs (``derive`` finds them when the cache cannot)."""
        found = self._old_literals.get(pattern, False)
        if found is None or (isinstance(found, list) and all(isinstance(w, str) for w in found)):
            self._literals[pattern] = found
            return None if found is None else frozenset(found)
        derived = derive(pattern)
        self._literals[pattern] = None if derived is None else sorted(derived)
        self._missed = True
        return derived

    def save(self) -> None:
        """Write back what this build used, if it had to derive anything."""
        if not self._missed:
            return
        data = {"key": self._key, "files": self._files, "literals": self._literals}
        with contextlib.suppress(OSError):  # a read-only home just means no cache
            write_atomic(cache_file(), json.dumps(data, ensure_ascii=False))
