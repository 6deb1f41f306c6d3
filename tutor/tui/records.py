"""The app's attempt store: opened once, by whichever worker thread needs it first.

Opening it imports sqlite3, may import the old best-scores file and may move a damaged file
aside, so it never happens on the UI thread. What the learner must be told (the store's
notices, or why it cannot be used) is handed out once through :meth:`Records.news`. Plain
Python: no Textual.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from tutor.session import Attempt
    from tutor.store import AttemptStore

NewsKind = Literal["notice", "unavailable", "unwritable"]


class News:
    """One thing to tell the learner about their record, once.

    A plain class: this module is imported for the first frame (see ``tutor.tui.startup``).
    """

    __slots__ = ("detail", "kind")

    def __init__(self, kind: NewsKind, detail: str) -> None:
        self.kind = kind
        self.detail = detail  # the store's own message (file names, what to do)


class Records:
    """The learner's attempt store for the app; safe to use from any thread."""

    def __init__(self, path: str | Path | None = None) -> None:
        # None: the user's own store (``TUTOR_DATA_DIR`` or the data folder); a str may be a
        # workshop's PostgreSQL URL.
        self.path = path
        self._lock = threading.Lock()
        self._store: AttemptStore | None = None
        self._news: list[News] = []
        self._said: set[NewsKind] = set()  # a failure is said once, not at every attempt

    def store(self) -> AttemptStore | None:
        """The open store, or None when it cannot be opened (said once in ``news``)."""
        from tutor.store import StoreError, open_store

        with self._lock:
            if self._store is None:
                try:
                    self._store = open_store(self.path)
                except StoreError as exc:
                    self._tell("unavailable", str(exc))
                    return None
                self._news += [News("notice", n) for n in self._store.notices]
            return self._store

    def keep(self, attempt: Attempt) -> bool:
        """Record one finished call (``tutor.session.record``); False when it could not be
        kept (said once in ``news``)."""
        from tutor.session import record
        from tutor.store import StoreError

        store = self.store()
        if store is None:
            return False
        try:
            record(attempt, store)
        except StoreError as exc:
            with self._lock:
                self._tell("unwritable", str(exc))
            return False
        return True

    def _tell(self, kind: NewsKind, detail: str) -> None:
        if kind not in self._said:
            self._said.add(kind)
            self._news.append(News(kind, detail))

    def news(self) -> list[News]:
        """What has not been told yet; each item is given out only once."""
        with self._lock:
            news, self._news = self._news, []
            return news

    def close(self) -> None:
        """Close the store if it was opened."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
