"""What the server tells each app, and what a participant name may hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.store.places import store_path
from tutor.workshop.seat import (
    NAME_MAX,
    SERVED_ENV,
    Seat,
    clean_name,
    save_name,
    seat_env,
    seat_from_env,
)


def test_a_seat_read_back_is_the_seat_the_server_described(tmp_path: Path) -> None:
    env = seat_env(results=tmp_path / "r.sqlite3", workshop="2026-11-27 K7Q2",
                   seat_dir=tmp_path / "seat", name="Ada", server_pid=4242)
    assert seat_from_env(env) == Seat(str(tmp_path / "r.sqlite3"), "2026-11-27 K7Q2", "Ada",
                                      tmp_path / "seat", 4242)


def test_a_database_url_reaches_the_app_whole(
        tmp_path: Path) -> None:
    url = "postgresql://trainer:secret@db.example:5432/workshop"
    env = seat_env(results=url, workshop="w", seat_dir=tmp_path / "seat", name="Ada",
                   server_pid=1)
    seat = seat_from_env(env)
    assert seat is not None and seat.results == url


def test_outside_a_workshop_there_is_no_seat() -> None:
    assert seat_from_env({}) is None
    assert seat_from_env({SERVED_ENV: "1"}) is None  # incomplete: no store, no folder


def test_the_name_given_last_time_is_suggested_again(tmp_path: Path) -> None:
    save_name(tmp_path / "seat", "Grace Hopper")
    env = seat_env(results=tmp_path / "r.sqlite3", workshop="w", seat_dir=tmp_path / "seat",
                   name="", server_pid=1)
    seat = seat_from_env(env)
    assert seat is not None and seat.suggested_name == "Grace Hopper"


def test_a_name_loses_control_characters_and_extra_spaces() -> None:
    assert clean_name("  Ada \x1b[31m\u202e Lovelace\n\t ") == "Ada [31m Lovelace"


def test_a_name_is_cut_to_its_maximum() -> None:
    assert len(clean_name("x" * 200)) == NAME_MAX


def test_shell_characters_are_kept_as_text() -> None:
    assert clean_name("$(touch /tmp/x); `id`") == "$(touch /tmp/x); `id`"


def test_each_seat_keeps_its_own_attempts_where_the_store_looks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = seat_env(results=tmp_path / "r.sqlite3", workshop="w", seat_dir=tmp_path / "seat",
                   name="Ada", server_pid=1)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert store_path().parent == tmp_path / "seat"
