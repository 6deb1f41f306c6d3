"""``--from`` and ``--seed`` on ``play`` and ``run``: drilling the close, in a known order."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from tests.support.processes import RunTutor
from tutor.practice import orders
from tutor.scenario.sources import find

RU = find("recruiter-call-ru", [])


def options_shown(out: str) -> list[str]:
    """The numbered lines of the first step offered, as printed."""
    block = out.split("> ", 1)[0]
    return re.findall(r"^  \d\. (.*)$", block, flags=re.MULTILINE)


def drill(run_tutor: RunTutor, *args: str) -> subprocess.CompletedProcess[str]:
    return run_tutor("play", "recruiter-call-ru", "--plain", "--from", "closing", *args,
                     input="/quit\n")


def test_play_from_closing_starts_at_the_close_after_a_recap(run_tutor: RunTutor) -> None:
    out = drill(run_tutor).stdout
    assert "Тренируем прощание. Что было до этого:" in out
    assert f"  Суть: {RU.summary}" in out
    assert "  Вы сказали: " in out  # the opening's last line, as the best path says it
    opening = RU.steps[RU.start].other[0].text
    first_close = RU.steps["agreed"].other[0].text
    assert opening not in out
    assert first_close in out


def test_two_seeds_show_two_orders_and_a_seed_repeats_its_own(run_tutor: RunTutor) -> None:
    seeds = [s for s in range(50) if orders(RU, s)["agreed"] != orders(RU, 0)["agreed"]]
    one = options_shown(drill(run_tutor, "--seed", "0").stdout)
    other = options_shown(drill(run_tutor, "--seed", str(seeds[0])).stdout)
    again = options_shown(drill(run_tutor, "--seed", "0").stdout)
    assert sorted(one) == sorted(other) and one != other
    assert one == again


def test_play_from_an_unknown_step_names_the_steps(run_tutor: RunTutor) -> None:
    result = run_tutor("play", "recruiter-call-ru", "--plain", "--from", "bye", input="")
    assert result.returncode == 1
    assert "has no step 'bye'" in result.stderr and "agreed" in result.stderr


def test_run_reports_the_seed_and_the_order_shown(run_tutor: RunTutor, tmp_path: Path) -> None:
    script = tmp_path / "close.txt"
    script.write_text("choose 1\nhang up\n", "utf-8")
    result = run_tutor("run", "recruiter-call-ru", "--from", "closing", "--seed", "5",
                       "--script", script, "--json", "--no-record")
    report = json.loads(result.stdout)
    assert report["practice"] == {
        "from": "agreed", "seed": 5,
        "order": {sid: list(n) for sid, n in orders(RU, 5).items() if n}}
    # "choose 1" said the line shown first, whichever the file has first.
    first = RU.steps["agreed"].choices[orders(RU, 5)["agreed"][0] - 1].text
    said = [t["text"] for t in report["transcript"] if t["speaker"] == "learner"]
    assert said == [first]


def test_run_without_a_seed_keeps_the_authored_order(run_tutor: RunTutor,
                                                     tmp_path: Path) -> None:
    script = tmp_path / "close.txt"
    script.write_text("choose 1\nhang up\n", "utf-8")
    result = run_tutor("run", "recruiter-call-ru", "--from", "agreed", "--script", script,
                       "--json", "--no-record")
    report = json.loads(result.stdout)
    assert report["practice"]["seed"] is None
    said = [t["text"] for t in report["transcript"] if t["speaker"] == "learner"]
    assert said == [RU.steps["agreed"].choices[0].text]


def test_run_text_output_of_a_drill_starts_with_the_recap(run_tutor: RunTutor,
                                                          tmp_path: Path) -> None:
    script = tmp_path / "close.txt"
    script.write_text("choose 1\nhang up\n", "utf-8")
    result = run_tutor("run", "recruiter-call-ru", "--from", "closing", "--script", script,
                       "--no-record")
    assert result.stdout.startswith("Тренируем прощание.")
