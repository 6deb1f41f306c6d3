"""Every attempt at every call, kept in one SQLite file (:mod:`tutor.store.sqlite`) or, for a
workshop served by several machines, a PostgreSQL database (:mod:`tutor.store.postgres`).
What a store does is the same for both (:mod:`tutor.store.base`); :func:`open_store` picks
the backend, and :mod:`tutor.store.record` is the shape of an attempt."""

from tutor.store.backends import open_store
from tutor.store.base import AttemptStore
from tutor.store.errors import (
    ImportProblem,
    InvalidAttempt,
    StoreError,
    StoreMovedAside,
    StoreUnavailable,
    StoreWriteError,
)
from tutor.store.places import is_database_url
from tutor.store.sqlite import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "AttemptStore",
    "ImportProblem",
    "InvalidAttempt",
    "StoreError",
    "StoreMovedAside",
    "StoreUnavailable",
    "StoreWriteError",
    "is_database_url",
    "open_store",
]
