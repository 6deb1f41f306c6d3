"""The scenario format: every key of every record, its type, and what an optional key means.

Written with the machinery of ``tutor.scenario.spec``; drives the validator and ``tutor schema``.
The defaults of optional keys are the model's own (``default_of``), declared once there.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from tutor.scenario.model import (
    DIFFICULTIES,
    GENDERS,
    PACES,
    PRINCIPLES,
    REGISTERS,
    TIMES_OF_DAY,
    Choice,
    ExampleLine,
    Farewell,
    Line,
    Rubric,
    Scenario,
    Silence,
    Step,
)
from tutor.scenario.spec import (
    Enum,
    Flag,
    Key,
    ListOf,
    MapOf,
    Number,
    Record,
    Regex,
    Spec,
    Text,
)
from tutor.signals.types import LANGS, SIGNALS


def default_of(model: type[Any], name: str) -> Any:
    """The default of field ``name`` of the dataclass ``model``."""
    [found] = [f for f in dataclasses.fields(model) if f.name == name]
    if found.default is dataclasses.MISSING:
        raise ValueError(f"{model.__name__}.{name} has no default")
    return found.default


def optional(model: type[Any], name: str, spec: Spec, description: str = "") -> Key:
    """A key that may be left out, when the model's field ``name`` takes its default."""
    return Key(spec, description=description, default=default_of(model, name))


ID = r"[a-z0-9][a-z0-9_-]*"
PACE = Enum(PACES, "How the line is said: calm, or rushed (spoken fast, as in the post).")
PRINCIPLE_LIST = ListOf(Enum(PRINCIPLES), unique=True)
SIGNAL_LIST = ListOf(Enum(SIGNALS), unique=True)
SECONDS = Number(0, 600)

FAREWELL = Record(
    name="farewell",
    example="farewell: {text: 'Goodbye, and thank you!', pause: 1.0, hang_up_after: 3}",
    description="The other party's goodbye once the learner's part is over.",
    keys={
        "text": Key(Text(), True, "What they say."),
        "pause": optional(Farewell, "pause", SECONDS, "Seconds before they say it."),
        "pace": optional(Farewell, "pace", PACE),
        "hang_up_after": optional(Farewell, "hang_up_after", Number(0.1, 600),
                                  "Seconds after their farewell before they hang up "
                                  "themselves if the learner has not."),
    },
)

LINE = Record(
    name="a line of the other party",
    example="- {text: 'Hello?', pace: calm, pause: 0.5}",
    keys={
        "text": Key(Text(), True, "What the other party says (shown literally)."),
        "pace": optional(Line, "pace", PACE),
        "pause": optional(Line, "pause", SECONDS, "Seconds of silence before the line."),
    },
)

#: A choice's or a route's own answer from the other party (issue 12).
REPLY = ListOf(LINE, min_items=1,
               description="What the other party says when this is taken, instead of the "
                           "next step's 'other' lines (same shape as those lines).")

CHOICE = Record(
    name="a choice",
    example="- {text: 'Thank you for your time!', next: goodbye, follows: [thanks]}",
    keys={
        "text": Key(Text(), True, "The line the learner says when picking this choice."),
        "next": Key(Text(pattern=ID, pattern_hint="step id"), True,
                    "The step it leads to, or 'end' when the learner's part is over."),
        "pace": optional(Choice, "pace", PACE),
        "follows": Key(PRINCIPLE_LIST, description="Principles of the advice this line follows."),
        "breaks": Key(PRINCIPLE_LIST, description="Principles of the advice this line breaks."),
        "why": Key(Text(), description="Why: shown in the debrief."),
        "better": Key(Text(), description="A better line to say instead."),
        "reply": Key(REPLY),
    },
)

CONDITION = Record(
    name="a condition",
    example="when: {all: [goodbye], none: [thanks]}",
    keys={
        "all": Key(SIGNAL_LIST, description="Every one of these signals is in the line."),
        "any": Key(SIGNAL_LIST, description="At least one of these signals is in the line."),
        "none": Key(SIGNAL_LIST, description="None of these signals is in the line."),
    },
)

ROUTE = Record(
    name="a route",
    example="- {when: {all: [goodbye]}, next: farewell}",
    keys={
        "when": Key(CONDITION, True),
        "next": Key(Text(pattern=ID, pattern_hint="step id"), True),
        "reply": Key(REPLY),
    },
)

TYPED = Record(
    name="typed",
    example="typed: {prompt: 'Close the call in your own words', default: wrap-up}",
    description="A turn where the learner types their own line.",
    keys={
        "prompt": Key(Text(), description="A hint shown above the text box."),
        "routes": Key(ListOf(ROUTE), description="Tried in order; the first match wins."),
        "default": Key(Text(pattern=ID, pattern_hint="step id"), True,
                       "Where the line goes when no route matches."),
        "better": Key(Text(), description="A model line shown in the debrief."),
    },
)

STEP = Record(
    name="a step",
    example="- id: wrap-up\n  other: [{text: 'Great, see you then.'}]\n  choices: [...]",
    keys={
        "id": Key(Text(pattern=ID, pattern_hint="step id"), True, "Stable id of the step."),
        "closing": optional(Step, "closing", Flag(),
                            "True for the steps that form the closing phase."),
        "other": Key(ListOf(LINE), description="What the other party says, in order."),
        "choices": Key(ListOf(CHOICE, min_items=1), description="Numbered lines to pick from."),
        "typed": Key(TYPED),
        "end": optional(Step, "end", Flag(),
                        "True when the learner's part of the call is over here."),
        "farewell": Key(FAREWELL, description="On an end step: overrides the call's farewell."),
    },
)

FACT = Record(
    name="a fact",
    example="- {id: day, label: the interview day, pattern: 'tuesday|вторник'}",
    keys={
        "id": Key(Text(pattern=ID, pattern_hint="fact id"), True),
        "label": Key(Text(), True, "How the debrief names it."),
        "pattern": Key(Regex(), True,
                       "A case-insensitive regular expression that a learner line in the "
                       "closing must match: write the value (the day, the time, the amount), "
                       "not just the topic."),
        "step": Key(Text(pattern=ID, pattern_hint="step id"),
                    description="The step that brings the fact up; it is demanded only "
                                "once the call has been through that step."),
    },
)

RUBRIC = Record(
    name="rubric",
    example="rubric: {pass_mark: 80, weights: {next_steps: 30}}",
    keys={
        "weights": Key(MapOf(Enum(PRINCIPLES), Number(0, 100, integer=True)),
                       description="Points per principle; the total is scaled to 100."),
        "pass_mark": optional(Rubric, "pass_mark", Number(0, 100, integer=True),
                              "The score (out of 100) that passes."),
        "facts": Key(ListOf(FACT), description="Facts the closing should confirm."),
    },
)

EXAMPLE_LINE = Record(
    name="an example line",
    example="- {who: other, text: 'Thanks, bye.', pace: rushed}",
    keys={
        "who": Key(Enum(("learner", "other")), True),
        "text": Key(Text(), True),
        "pace": optional(ExampleLine, "pace", PACE),
        "pause": optional(ExampleLine, "pause", SECONDS),
    },
)

EXAMPLES = Record(
    name="examples",
    example="examples: {rushed: [...], calm: [...]}",
    description="Authored example closings, played by 'tutor listen'.",
    keys={
        "rushed": Key(ListOf(EXAMPLE_LINE, min_items=1), True),
        "calm": Key(ListOf(EXAMPLE_LINE, min_items=1), True),
    },
)

SILENCE = Record(
    name="silence",
    example="silence: {prompt: 'Hello? Are you still there?', hang_up: 'I'll call back.'}",
    description="The other party's words when the learner stays silent (default: the words "
                "of the call's language).",
    keys={
        "prompt": optional(Silence, "prompt", Text(),
                           "Said after 'patience' seconds of silence in the learner's turn."),
        "hang_up": optional(Silence, "hang_up", Text(),
                            "Said after as long again, just before they hang up."),
    },
)

SCENARIO = Record(
    name="the scenario",
    example="id: recruiter-call-en",
    keys={
        "format": Key(Number(1, 1, integer=True), description="Format version; 1."),
        "id": Key(Text(pattern=ID, pattern_hint="scenario id"), True,
                  "Stable id, unique across all scenarios."),
        "title": Key(Text(), True),
        "lang": Key(Enum(LANGS), True, "Language of the call: ru or en."),
        "summary": Key(Text(), True),
        "difficulty": optional(Scenario, "difficulty", Enum(DIFFICULTIES)),
        "kind": Key(Text(), description="What sort of call, e.g. recruiting, sales, support."),
        "tags": Key(ListOf(Text(), unique=True)),
        "learner": Key(Record(
            name="learner",
            example="learner: {role: Recruiter, goal: Book the interview and close warmly}",
            keys={"role": Key(Text(), True), "goal": Key(Text(), True),
                  "gender": Key(Enum(GENDERS), description="Whom the learner plays, for "
                                "feedback in the right grammatical gender; when left out, "
                                "the learner's own setting.")},
        ), True, "Who the learner plays."),
        "other": Key(Record(
            name="other",
            example="other: {name: Anna, role: Candidate, gender: female}",
            keys={
                "name": Key(Text(), True),
                "role": Key(Text(), True),
                "gender": Key(Enum(GENDERS), description="For the voice, and for feedback "
                              "in the right grammatical gender."),
            },
        ), True, "The other party."),
        "start": Key(Text(pattern=ID, pattern_hint="step id"),
                     description="The first step (default: the first in the list)."),
        "steps": Key(ListOf(STEP, min_items=1), True),
        "farewell": Key(FAREWELL, True),
        "rubric": Key(RUBRIC),
        "examples": Key(EXAMPLES),
        "patience": optional(Scenario, "patience", Number(1, 600),
                             "Seconds of silence in the learner's turn before the other party "
                             "asks whether they are still there; as long again and they hang "
                             "up."),
        "silence": Key(SILENCE),
        "register": Key(Enum(REGISTERS),
                        description="How the learner speaks to the other party: formal or "
                                    "informal. Picks the feedback's generic lines; by default "
                                    "it is read from the learner's own lines."),
        "time_of_day": Key(Enum(TIMES_OF_DAY),
                           description="When the call happens; generic wishes in the feedback "
                                       "fit it. Without it they are neutral."),
    },
)


def json_schema() -> dict[str, Any]:
    """The whole format as a JSON Schema document."""
    schema = SCENARIO.json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "tutor scenario, format 1",
        **schema,
    }
