"""Fault injection over the loader, scripts and plain-mode stdin, in process.

Two kinds of input: a thousand fixed-seed mutants of the bundled calls (the same mutations as
``tools/fuzz_calls.py``), and inputs Hypothesis draws (derandomized, so a failure reproduces).
The promises: the loader answers with a scenario or with located problems, never an
exception; a call the loader accepted can be played by any script, path or stdin, and evaluated,
and the only errors are the ones the front ends report (ScriptError, PathError).
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.fuzz_calls import Mutant, bundled_calls, mutants, random_script, random_stdin
from tutor.dialogue import Call
from tutor.feedback import evaluate
from tutor.plain import play_plain
from tutor.play.paths import PathError, PathName, play
from tutor.play.script import ScriptError, parse_script, play_script
from tutor.scenario.loader import check_text
from tutor.scenario.model import Scenario
from tutor.signals import Analyzer

SEED = 13
MUTANTS = 1000
PATH = Path("mutant.yaml")
FUZZ = settings(max_examples=150, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@cache
def analyzer() -> Analyzer:
    return Analyzer([])


@cache
def loaded() -> list[tuple[Mutant, Scenario | None]]:
    """Every mutant with what the loader made of it (checked once, used by several tests)."""
    return [(m, assert_answer(m.text)) for m in mutants(MUTANTS, SEED)]


def sound_mutants() -> Iterator[tuple[Mutant, Scenario]]:
    for mutant, scenario in loaded():
        if scenario is not None:
            yield mutant, scenario


def assert_answer(text: str) -> Scenario | None:
    """The loader's promise for any text: a scenario, or problems that say where."""
    scenario, problems = check_text(text, PATH)
    assert (scenario is None) == bool(problems)
    lines = text.count("\n") + 2
    for problem in problems:
        assert 1 <= problem.line <= lines and problem.column >= 1, problem.format()
        assert problem.message
    return scenario


def assert_playable(scenario: Scenario, script: str) -> None:
    """A sound call survives any script and is evaluated at its end."""
    call = Call(scenario, analyzer())
    try:
        play_script(call, parse_script(script))
    except ScriptError:
        return
    evaluate(call)


# --- fixed-seed mutants of the bundled calls ------------------------------------------------

def test_the_loader_answers_every_mutant_with_a_scenario_or_located_problems() -> None:
    assert len(loaded()) == MUTANTS  # assert_answer has checked each one


def test_some_mutants_still_load_so_the_run_tests_play_something() -> None:
    assert sum(1 for _ in sound_mutants()) >= 50


@pytest.mark.parametrize("path", ["best", "rushed"])
def test_every_sound_mutant_plays_its_paths(path: PathName) -> None:
    for _, scenario in sound_mutants():
        call = Call(scenario, analyzer())
        try:
            play(call, path)
        except PathError:
            continue
        evaluate(call)


def test_every_sound_mutant_survives_a_random_script() -> None:
    for mutant, scenario in sound_mutants():
        assert_playable(scenario, random_script(random.Random(f"{SEED}:{mutant.number}")))


def test_every_sound_mutant_survives_random_plain_input() -> None:
    for mutant, scenario in sound_mutants():
        stdin = io.StringIO(random_stdin(random.Random(f"{SEED}:{mutant.number}")))
        code = play_plain(scenario, analyzer(), stdin, io.StringIO(), keep=lambda _: None)
        assert code in (0, 1)


# --- drawn by Hypothesis ----------------------------------------------------------------------

CALLS = [path.read_text("utf-8") for path in bundled_calls()]
#: Text a scalar may become: any characters, control characters and YAML's own included.
VALUES = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["~", "&a x", "*a", "!!binary aGk=", "!tag x", "[", "{", "'", '"', "|",
                     "- x", "? x", "@x", "`x", "%YAML 1.1"]),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=1, max_value=6000).map(lambda n: "9" * n),
)


@FUZZ
@given(call=st.sampled_from(CALLS), data=st.data())
def test_the_loader_answers_any_edit_of_a_bundled_call(call: str, data: st.DataObject) -> None:
    lines = call.split("\n")
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        edit = data.draw(st.sampled_from(["value", "delete", "duplicate", "swap", "indent"]))
        if edit == "value" and ":" in lines[i]:
            lines[i] = lines[i][: lines[i].index(":") + 1] + " " + data.draw(VALUES)
        elif edit == "delete" and len(lines) > 1:
            del lines[i]
        elif edit == "duplicate":
            lines.insert(i, lines[i])
        elif edit == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif edit == "indent":
            lines[i] = data.draw(st.sampled_from(["", " ", "  ", "\t"])) + lines[i].lstrip()
    assert_answer("\n".join(lines))


@FUZZ
@given(text=st.text(max_size=400))
def test_any_text_is_a_scenario_or_located_problems(text: str) -> None:
    assert_answer(text)


@cache
def delivery() -> Scenario:
    scenario, problems = check_text(CALLS[[p.name for p in bundled_calls()].index(
        "delivery.yaml")], PATH)
    assert scenario is not None, problems
    return scenario


ACTIONS = st.one_of(
    st.text(max_size=80),
    st.integers(-5, 10).map(lambda n: f"choose {n}"),
    st.text(max_size=80).map(lambda t: f"say {t}"),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: f"wait {f!r}"),
    st.just("hang up"),
)


@FUZZ
@given(script=st.lists(ACTIONS, max_size=15).map("\n".join))
def test_any_script_plays_or_names_its_line(script: str) -> None:
    assert_playable(delivery(), script)


@FUZZ
@given(lines=st.lists(st.one_of(st.text(max_size=60), st.integers(-3, 8).map(str),
                                st.sampled_from(["", "/wait", "/wait 1e308", "/hangup",
                                                 "/help", "/quit", "/x"])), max_size=20))
def test_any_plain_input_ends_with_a_code_not_a_crash(lines: list[str]) -> None:
    stdin = io.StringIO("".join(line.replace("\n", " ") + "\n" for line in lines))
    code = play_plain(delivery(), analyzer(), stdin, io.StringIO(), keep=lambda _: None)
    assert code in (0, 1)
