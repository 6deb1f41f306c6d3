"""What can go wrong with the attempt store, as errors a front end can print as they are.

Every message names the file and says what to do; none needs a traceback to be understood.
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The store could not do what was asked; ``str(exc)`` is a message for the learner."""


class StoreUnavailable(StoreError):
    """The store cannot be opened at all (a special file, a folder that cannot be made,
    a file written by a newer tutor). Nothing was moved or changed."""


class StoreWriteError(StoreError):
    """An attempt (or an import, or a clear) could not be written; the store is unchanged."""


class InvalidAttempt(StoreError, ValueError):
    """An attempt dict does not have the documented shape; the message names the field."""


class ImportProblem(StoreError):
    """A JSON Lines file to import has bad lines; nothing from it was added."""


class StoreMovedAside(StoreError):
    """A damaged store file was renamed so that a fresh one could start.

    Not raised: kept in ``AttemptStore.notices`` so the front end can say it once.
    """

    def __init__(self, path: Path, moved_to: Path, why: str) -> None:
        super().__init__(
            f"{path}: the attempt store was damaged ({why}); it was moved to {moved_to.name} "
            "and a new one started. Your past attempts are in that file."
        )
        self.path = path
        self.moved_to = moved_to
