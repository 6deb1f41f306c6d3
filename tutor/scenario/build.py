"""Building the scenario model from a checked file.

Only what the file says is passed on: a key left out takes the model's default, so each
default is declared once, in ``tutor.scenario.model``. The format's keys are named like the
model's fields, which lets most records pass straight through.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tutor.scenario.model import (
    DEFAULT_WEIGHTS,
    Annotation,
    Brief,
    Choice,
    Condition,
    ExampleLine,
    Examples,
    Fact,
    Farewell,
    Line,
    Party,
    Route,
    Rubric,
    Scenario,
    Silence,
    Step,
    TypedTurn,
)
from tutor.scenario.spec import Fields


def _given(fields: Fields, *names: str, **convert: Callable[[Any], Any]) -> dict[str, Any]:
    """The values written for ``names`` (every key when none are named), each through its
    ``convert`` function if it has one. Read-only: it may be the record's own dict."""
    values = fields.values
    if names:
        values = {k: values[k] for k in names if k in values}
    if not convert:
        return values
    return {k: convert[k](v) if k in convert else v for k, v in values.items()}


def _all(make: Callable[[Fields], Any]) -> Callable[[list[Fields]], tuple[Any, ...]]:
    """A converter for a list of records."""
    return lambda items: tuple(make(item) for item in items)


def _farewell(fields: Fields) -> Farewell:
    return Farewell(**_given(fields))


def _line(fields: Fields) -> Line:
    return Line(**_given(fields))


def _choice(fields: Fields) -> Choice:
    note = Annotation(**_given(fields, "follows", "breaks", "why", "better",
                               follows=tuple, breaks=tuple))
    return Choice(**_given(fields, "text", "next", "pace", "reply", reply=_all(_line)), note=note)


def _route(fields: Fields) -> Route:
    when = Condition(**_given(fields["when"], all=tuple, any=tuple, none=tuple))
    return Route(when, **_given(fields, "next", "reply", reply=_all(_line)))


def _typed(fields: Fields) -> TypedTurn:
    return TypedTurn(**_given(fields, routes=_all(_route)))


def _step(fields: Fields) -> Step:
    return Step(**_given(fields, other=_all(_line), choices=_all(_choice), typed=_typed,
                         farewell=_farewell))


def _fact(fields: Fields) -> Fact:
    return Fact(**_given(fields))


def _rubric(fields: Fields | None) -> Rubric:
    given = {} if fields is None else _given(fields, facts=_all(_fact))
    return Rubric(**{**given, "weights": {**DEFAULT_WEIGHTS, **given.get("weights", {})}})


def _example_line(fields: Fields) -> ExampleLine:
    return ExampleLine(**_given(fields))


def _examples(fields: Fields) -> Examples:
    return Examples(**_given(fields, rushed=_all(_example_line), calm=_all(_example_line)))


def build(raw: Fields, path: Path) -> Scenario:
    """The scenario of a file that passed every check (``raw`` holds every required key)."""
    steps = {step["id"]: _step(step) for step in raw["steps"]}
    return Scenario(
        **_given(raw, "id", "title", "lang", "summary", "difficulty", "kind", "tags", "register",
                 "time_of_day", tags=tuple),
        learner=Brief(**_given(raw["learner"])),
        other=Party(**_given(raw["other"])),
        steps=steps,
        start=raw.get("start", next(iter(steps))),
        farewell=_farewell(raw["farewell"]),
        rubric=_rubric(raw.get("rubric")),
        examples=_examples(raw["examples"]) if "examples" in raw else None,
        source=path,
        **_given(raw, "patience"),
        silence=Silence(**_given(raw["silence"])) if "silence" in raw else Silence(),
    )
