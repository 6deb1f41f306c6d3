"""Every attempt at every call, kept in one SQLite file: see :mod:`tutor.store.sqlite` for
the store and :mod:`tutor.store.record` for the shape of an attempt."""

from tutor.store.errors import (
    ImportProblem,
    InvalidAttempt,
    StoreError,
    StoreMovedAside,
    StoreUnavailable,
    StoreWriteError,
)
from tutor.store.sqlite import SCHEMA_VERSION, AttemptStore, open_store

__all__ = [
    "SCHEMA_VERSION",
    "AttemptStore",
    "ImportProblem",
    "InvalidAttempt",
    "StoreError",
    "StoreMovedAside",
    "StoreUnavailable",
    "StoreWriteError",
    "open_store",
]
