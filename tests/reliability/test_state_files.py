"""State and cache files in a bad state never stop a start: wrong shapes, FIFOs, orphans.

Real files in a temporary config and cache folder, read by the real functions and, where the
user would notice, by a real ``tutor list`` process.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from tests.support.paths import REPO
from tests.support.processes import RunTutor
from tutor import __version__
from tutor.scenario import cards
from tutor.settings import Settings, load_settings
from tutor.storage import SpecialFileError, clean_orphans, read_state

BUNDLED = REPO / "scenarios" / "en" / "delivery.yaml"


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A config folder and a cache folder of this test's own."""
    config, cache = tmp_path / "config", tmp_path / "cache"
    monkeypatch.setenv("TUTOR_CONFIG_DIR", str(config))
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    (cache / "tutor").mkdir(parents=True)
    config.mkdir()
    return config, cache / "tutor"


def _cache_with_card(card: list[object]) -> str:
    stat = BUNDLED.stat()
    key = str(BUNDLED.resolve())
    return json.dumps({"version": __version__,
                       "cards": {key: [[stat.st_mtime_ns, stat.st_size], card]}})


# --- item 12: a cache of the right syntax and the wrong shape ------------------------------

@pytest.mark.parametrize("card", [
    [str(BUNDLED), "delivery-en", 42, "en", "", "easy", "", "", "", "", [], 0],
    [str(BUNDLED), "delivery-en", "T", "en", "", "easy", "", "", "", "", [7], 0],
    [str(BUNDLED), "delivery-en", "T", "en", "", "easy", "", "", "", "", [], "0"],
    [str(BUNDLED), None, "T", "en", "", "easy", "", "", "", "", "tags", 0],
], ids=["number-title", "number-tag", "text-count", "null-id"])
def test_a_card_of_the_wrong_shape_is_read_again_from_its_file(
        folders: tuple[Path, Path], card: list[object]) -> None:
    _, cache = folders
    (cache / "catalog.json").write_text(_cache_with_card(card), "utf-8")
    [read] = cards.read_cards([BUNDLED])
    assert read.title == "The washing machine is on its way"
    assert read.id == "delivery-en"


def test_tutor_list_starts_with_a_number_as_a_cached_title(tmp_path: Path,
                                                           run_tutor: RunTutor) -> None:
    cache = tmp_path / "cache"
    (cache / "tutor").mkdir(parents=True)
    card = [str(BUNDLED), "delivery-en", 42, "en", "", "easy", "", "", "", "", [], 0]
    (cache / "tutor" / "catalog.json").write_text(_cache_with_card(card), "utf-8")
    result = run_tutor("list", env={"XDG_CACHE_HOME": str(cache)})
    assert "Traceback" not in result.stderr
    assert result.returncode == 0
    assert "The washing machine is on its way" in result.stdout


# --- item 13: a FIFO where a state file belongs ---------------------------------------------

def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _in_thread(work: object) -> threading.Thread:
    # A blocking open would hang the test itself: run it where it can be waited for.
    thread = threading.Thread(target=work, daemon=True)  # type: ignore[arg-type]
    thread.start()
    thread.join(20)
    return thread


def test_a_fifo_as_settings_gives_the_defaults(folders: tuple[Path, Path]) -> None:
    config, _ = folders
    fifo = _fifo(config / "settings.json")
    found: list[Settings] = []
    thread = _in_thread(lambda: found.append(load_settings(fifo)))
    assert not thread.is_alive(), "reading settings blocked on a FIFO"
    assert found == [Settings()]


@pytest.mark.parametrize(("ui_lang", "words"), [
    ("en", "Your settings were not read from {path} (it is a FIFO or a device, not a file; "
           "remove it); using the defaults"),
    ("ru", "Настройки не прочитаны из {path} (это FIFO или устройство, а не файл; удалите его)"),
], ids=["en", "ru"])
def test_a_fifo_as_settings_is_told_in_one_line(folders: tuple[Path, Path], run_tutor: RunTutor,
                                                ui_lang: str, words: str) -> None:
    config, _ = folders
    fifo = _fifo(config / "settings.json")
    result = run_tutor("--ui-lang", ui_lang, "run", "delivery-en", "--path", "best", timeout=30)
    assert result.returncode == 0, result.stderr
    [told] = [line for line in result.stderr.splitlines() if str(fifo) in line]
    assert told.startswith("tutor: " + words.format(path=fifo))


async def test_the_app_tells_a_fifo_as_settings(folders: tuple[Path, Path],
                                                tmp_path: Path) -> None:
    from tests.support.tui import build_app, told, until

    config, _ = folders
    fifo = _fifo(config / "settings.json")
    app = build_app(tmp_path, ui_lang="ru")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: bool(told(app)))
        [notice] = [n.message for n in told(app)]
        assert notice.startswith(f"Настройки не прочитаны из {fifo} (это FIFO")


def test_a_fifo_is_refused_by_name(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path / "settings.json")
    errors: list[BaseException] = []

    def read() -> None:
        try:
            read_state(fifo)
        except OSError as exc:
            errors.append(exc)

    assert not _in_thread(read).is_alive()
    [error] = errors
    assert isinstance(error, SpecialFileError)
    assert "settings.json" in str(error)
    assert "not a regular file" in str(error)


def test_tutor_list_starts_with_a_fifo_as_the_card_cache(tmp_path: Path,
                                                         run_tutor: RunTutor) -> None:
    cache = tmp_path / "cache"
    (cache / "tutor").mkdir(parents=True)
    _fifo(cache / "tutor" / "catalog.json")
    result = run_tutor("list", env={"XDG_CACHE_HOME": str(cache)}, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "The washing machine is on its way" in result.stdout


# --- item 11: temporary files orphaned by kill -9 -------------------------------------------

def _aged(path: Path, seconds: float) -> Path:
    path.write_text("{half a", "utf-8")
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_old_orphaned_temp_files_are_removed(folders: tuple[Path, Path]) -> None:
    config, cache = folders
    orphans = [_aged(config / ".scores.json.a1b2c3.tmp", 120),
               _aged(cache / ".catalog.json.x9y8.tmp", 3600)]
    clean_orphans()
    assert not any(p.exists() for p in orphans)


def test_a_temp_file_still_being_written_is_kept(folders: tuple[Path, Path]) -> None:
    config, _ = folders
    young = _aged(config / ".scores.json.a1b2c3.tmp", 5)
    clean_orphans()
    assert young.exists()


def test_only_tutors_own_temp_files_go(folders: tuple[Path, Path]) -> None:
    config, _ = folders
    keep = [_aged(config / "notes.tmp", 120), _aged(config / ".scores.json", 120),
            _aged(config / "scores.json", 120)]
    clean_orphans()
    assert all(p.exists() for p in keep)


def test_any_tutor_command_cleans_up_at_start(tmp_path: Path, run_tutor: RunTutor) -> None:
    config = tmp_path / "config"
    config.mkdir()
    orphan = _aged(config / ".settings.json.k3j4.tmp", 120)
    result = run_tutor("list", env={"TUTOR_CONFIG_DIR": str(config)})
    assert result.returncode == 0
    assert not orphan.exists()
