"""A participant's seat: what the workshop server tells each app it starts, and nothing more.

The server passes everything through environment variables (never the command line, which is
fixed when the workshop starts). Each value it takes from a request is checked first: the
participant name suggested by a join link goes through :func:`clean_name`, the seat id is
hex the server made itself. Plain Python: the app reads its seat before Textual starts.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from tutor.storage import CONFIG_DIR_ENV, write_atomic

#: Set to "1" in every app the workshop server starts: the app runs without a terminal,
#: asks the participant's name first and records into the workshop's results.
SERVED_ENV = "TUTOR_WORKSHOP"
RESULTS_ENV = "TUTOR_WORKSHOP_DB"
WORKSHOP_ENV = "TUTOR_WORKSHOP_ID"
PARTICIPANT_ENV = "TUTOR_PARTICIPANT"
SERVER_PID_ENV = "TUTOR_WORKSHOP_SERVER"
#: ``tutor.store.places.DATA_DIR_ENV``: each seat keeps its own attempts in its folder. Not
#: imported from there: that package loads sqlite3, which the app's start-up does without.
DATA_DIR_ENV = "TUTOR_DATA_DIR"
#: Textual's own variable: which driver links the app to its parent.
DRIVER_ENV = "TEXTUAL_DRIVER"
DRIVER = "tutor.workshop.driver:WorkshopDriver"

#: The longest participant name kept; a table column, not an essay.
NAME_MAX = 40
#: A seat id as the server makes it (``secrets.token_hex(16)``).
SEAT_ID = re.compile(r"[0-9a-f]{32}")
#: Remembered in the seat's config folder, so a reloaded page suggests the same name.
NAME_FILE = "participant.txt"


class Seat:
    """One participant's place in a workshop, as the app sees it.

    A plain class: every start of the app reads this module (see ``tutor.tui.startup``).
    """

    __slots__ = ("config_dir", "results", "server_pid", "suggested_name", "workshop")

    def __init__(self, results: str | Path, workshop: str, suggested_name: str, config_dir: Path,
                 server_pid: int) -> None:
        self.results = results  # the workshop's store (a file or a URL), shared by every seat
        self.workshop = workshop  # the tag each attempt carries
        self.suggested_name = suggested_name  # from the join link or an earlier visit; or ""
        self.config_dir = config_dir  # this participant's settings, scores and name
        self.server_pid = server_pid  # the server that started the app; 0 when not known

    def _values(self) -> tuple[str | Path, str, str, Path, int]:
        return (self.results, self.workshop, self.suggested_name, self.config_dir,
                self.server_pid)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Seat) and self._values() == other._values()

    def __repr__(self) -> str:
        return f"Seat{self._values()!r}"


def clean_name(text: str) -> str:
    """``text`` as a participant name: no control or formatting characters, spaces collapsed,
    at most ``NAME_MAX`` characters; "" when nothing is left. Never shell-quoted: a name only
    ever travels as data (an environment value, a SQL parameter)."""
    kept = "".join(" " if ch.isspace() else ch for ch in text
                   if ch.isspace() or unicodedata.category(ch)[0] != "C")
    return " ".join(kept.split())[:NAME_MAX].strip()


def served(environ: Mapping[str, str] = os.environ) -> bool:
    """True in an app the workshop server started (it has a browser, not a terminal)."""
    return environ.get(SERVED_ENV) == "1"


def seat_from_env(environ: Mapping[str, str] = os.environ) -> Seat | None:
    """The seat the server described, or None outside a workshop (or if it is incomplete)."""
    if not served(environ):
        return None
    results = environ.get(RESULTS_ENV, "")
    config = environ.get(CONFIG_DIR_ENV, "")
    if not results or not config:
        return None
    pid = environ.get(SERVER_PID_ENV, "")
    name = clean_name(environ.get(PARTICIPANT_ENV, "")) or load_name(Path(config))
    return Seat(results=results, workshop=environ.get(WORKSHOP_ENV, ""),
                suggested_name=name, config_dir=Path(config),
                server_pid=int(pid) if pid.isdigit() else 0)


def seat_env(*, results: str | Path, workshop: str, seat_dir: Path, name: str,
             server_pid: int) -> dict[str, str]:
    """The variables that make an app a workshop session (added to the server's own). The
    store's URL goes here, not on the command line, where ``ps`` would show its password."""
    return {
        SERVED_ENV: "1",
        RESULTS_ENV: str(results),
        WORKSHOP_ENV: workshop,
        PARTICIPANT_ENV: clean_name(name),
        SERVER_PID_ENV: str(server_pid),
        CONFIG_DIR_ENV: str(seat_dir),
        DATA_DIR_ENV: str(seat_dir),
        DRIVER_ENV: DRIVER,
    }


def load_name(config_dir: Path) -> str:
    """The name this seat gave last time, or ""."""
    try:
        return clean_name((config_dir / NAME_FILE).read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return ""


def save_name(config_dir: Path, name: str) -> None:
    """Remember the seat's name for its next page load (an OSError is the caller's)."""
    write_atomic(config_dir / NAME_FILE, clean_name(name) + "\n")
