"""A declarative description of the scenario format.

One description drives both the validator (types, required and unknown keys, with
positions) and ``tutor schema`` (JSON Schema for editors), so the two never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from tutor.scenario.model import DIFFICULTIES, PACES, PRINCIPLES
from tutor.signals.types import LANGS, SIGNALS
from tutor.suggest import closest, did_you_mean

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]  # 1-based line, column
Report = Callable[[yaml.Node, str, str], None]

_STR_LIKE = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:timestamp",
}
_NUMBER = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_CONSTRUCT = yaml.constructor.SafeConstructor()


def mark_of(node: yaml.Node) -> Mark:
    """The 1-based line and column where ``node`` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def kind_name(node: yaml.Node) -> str:
    """How a newcomer would call what they wrote."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping (key: value)"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    tag = node.tag.rsplit(":", 1)[-1]
    if node.tag == "tag:yaml.org,2002:null":
        return "nothing (an empty value)"
    return {"str": "text", "int": "a whole number", "float": "a number", "bool": "true/false"}.get(
        tag, f"a value tagged {node.tag}"
    )


class Spec:
    """A node type of the format."""

    description: str = ""

    def convert(self, node: yaml.Node, report: Report) -> Any:
        """The Python value of ``node``, or None after reporting what is wrong."""
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        """This node type as JSON Schema."""
        raise NotImplementedError

    def expected(self) -> str:
        """What belongs here, for messages."""
        raise NotImplementedError

    def _text(self, node: yaml.Node, report: Report) -> str | None:
        """A scalar's text as written (``yes`` stays "yes"), or None after reporting."""
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _STR_LIKE:
            self._wrong(node, report)
            return None
        return str(node.value)

    def _wrong(self, node: yaml.Node, report: Report) -> None:
        report(node, f"expected {self.expected()}, found {kind_name(node)}", self.hint())

    def hint(self) -> str:
        """A one-line example of a right value."""
        return ""

    def _schema(self, base: dict[str, Any]) -> dict[str, Any]:
        if self.description:
            base["description"] = self.description
        return base


@dataclass
class Text(Spec):
    """Non-empty text."""

    description: str = ""
    pattern: str | None = None
    pattern_hint: str = ""

    def convert(self, node: yaml.Node, report: Report) -> Any:
        value = self._text(node, report)
        if value is None:
            return None
        if not value.strip():
            report(node, "this text is empty", "write the text, or remove the key")
            return None
        if self.pattern and node.tag == "tag:yaml.org,2002:bool":
            # Most YAML tools (PyYAML among them) read a bare yes/no/on/off as true/false.
            report(node, f"{value!r} reads as true/false in YAML, not as an id",
                   f"rename it (e.g. '{value.lower()}-step') or quote it: \"{value}\"")
            return None
        if self.pattern and not re.fullmatch(self.pattern, value):
            report(node, f"{value!r} is not a valid {self.pattern_hint}", self.hint())
            return None
        return value

    def expected(self) -> str:
        return "text"

    def hint(self) -> str:
        if self.pattern:
            return "use lowercase letters, digits, '-' and '_', e.g. recruiter-call"
        return 'quote text that starts with a special character: text: "..."'

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.pattern:
            schema["pattern"] = f"^{self.pattern}$"
        return self._schema(schema)


@dataclass
class Regex(Text):
    """A regular expression (Python syntax)."""

    def convert(self, node: yaml.Node, report: Report) -> Any:
        value = super().convert(node, report)
        if value is None:
            return None
        try:
            return re.compile(value, re.IGNORECASE)
        except re.error as exc:
            pos = "" if exc.pos is None else f" at character {exc.pos + 1}"
            report(node, f"invalid pattern {value!r}: {exc.msg}{pos}",
                   r"patterns are Python regular expressions; escape ( ) [ ] . with a backslash")
            return None

    def expected(self) -> str:
        return "a regular expression"


@dataclass
class Enum(Spec):
    """One of a fixed set of words."""

    values: tuple[str, ...] = ()
    description: str = ""

    def convert(self, node: yaml.Node, report: Report) -> Any:
        value = self._text(node, report)
        if value is None:
            return None
        if value not in self.values:
            report(node, f"{value!r} is not one of {', '.join(self.values)}", self.hint_for(value))
            return None
        return value

    def hint_for(self, value: str) -> str:
        """Suggest the closest allowed word."""
        near = closest(value.lower(), self.values, cutoff=0.5)
        return f"did you mean {near!r}?" if near else f"use one of: {', '.join(self.values)}"

    def expected(self) -> str:
        return "one of " + ", ".join(self.values)

    def hint(self) -> str:
        return f"use one of: {', '.join(self.values)}"

    def json_schema(self) -> dict[str, Any]:
        return self._schema({"enum": list(self.values)})


@dataclass
class Number(Spec):
    """A number within bounds."""

    minimum: float = 0
    maximum: float | None = None
    integer: bool = False
    description: str = ""

    def convert(self, node: yaml.Node, report: Report) -> Any:
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _NUMBER:
            self._wrong(node, report)
            return None
        if node.tag.endswith("float") and self.integer:
            self._wrong(node, report)
            return None
        value = (
            _CONSTRUCT.construct_yaml_int(node)
            if node.tag.endswith("int")
            else _CONSTRUCT.construct_yaml_float(node)
        )
        if value != value or value < self.minimum or (
            self.maximum is not None and value > self.maximum
        ):
            report(node, f"{node.value} is out of range", f"use {self.expected()}")
            return None
        return value if self.integer else float(value)

    def expected(self) -> str:
        what = "a whole number" if self.integer else "a number"
        if self.maximum is None:
            return f"{what} of at least {self.minimum:g}"
        return f"{what} from {self.minimum:g} to {self.maximum:g}"

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer" if self.integer else "number",
                                  "minimum": self.minimum}
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return self._schema(schema)


@dataclass
class Flag(Spec):
    """true or false."""

    description: str = ""

    def convert(self, node: yaml.Node, report: Report) -> Any:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            self._wrong(node, report)
            return None
        return bool(_CONSTRUCT.construct_yaml_bool(node))

    def expected(self) -> str:
        return "true or false"

    def json_schema(self) -> dict[str, Any]:
        return self._schema({"type": "boolean"})


@dataclass
class ListOf(Spec):
    """A list of items of one type."""

    item: Spec = field(default_factory=Text)
    min_items: int = 0
    unique: bool = False
    description: str = ""

    def convert(self, node: yaml.Node, report: Report) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            self._wrong(node, report)
            return None
        if len(node.value) < self.min_items:
            report(node, f"this list needs at least {self.min_items} item(s)", "add an item")
            return None
        out = [self.item.convert(child, report) for child in node.value]
        if self.unique:
            seen: set[Any] = set()
            for child, value in zip(node.value, out, strict=True):
                if value is not None and value in seen:
                    report(child, f"{value!r} is listed twice", "remove the repeat")
                seen.add(value)
        return out

    def expected(self) -> str:
        return f"a list of {self.item.expected()}"

    def hint(self) -> str:
        return "write each item on its own line starting with '- '"

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return self._schema(schema)


@dataclass
class Key:
    """A key of a mapping."""

    spec: Spec
    required: bool = False
    description: str = ""


@dataclass
class Record(Spec):
    """A mapping with known keys."""

    name: str = ""
    keys: dict[str, Key] = field(default_factory=dict)
    example: str = ""
    description: str = ""

    def convert(self, node: yaml.Node, report: Report) -> Any:
        if not isinstance(node, yaml.MappingNode):
            self._wrong(node, report)
            return None
        out: dict[str, Any] = {}
        marks: dict[str, yaml.Node] = {}
        values: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _STR_LIKE:
                report(key_node, f"keys must be plain words, found {kind_name(key_node)}",
                       f"allowed keys in {self.name}: {', '.join(self.keys)}")
                continue
            key = str(key_node.value)
            if key in marks:
                report(key_node, f"key {key!r} appears twice in {self.name}",
                       f"keep one; the first is at line {mark_of(marks[key])[0]}")
                continue
            marks[key] = key_node
            values[key] = value_node
            spec = self.keys.get(key)
            if spec is None:
                report(key_node, f"unknown key {key!r} in {self.name}",
                       f"{did_you_mean(key, self.keys)}allowed keys: {', '.join(self.keys)}")
                continue
            if value_node.tag == "tag:yaml.org,2002:null":
                if spec.required:
                    report(value_node if value_node.start_mark.line == key_node.start_mark.line
                           else key_node,
                           f"{key!r} in {self.name} has no value",
                           f"write {spec.spec.expected()} after '{key}:'")
                continue
            value = spec.spec.convert(value_node, report)
            if value is not None:
                out[key] = value
        missing = [k for k, spec in self.keys.items() if spec.required and k not in marks]
        for key in missing:
            report(node, f"{self.name} is missing the required key {key!r}",
                   f"add '{key}: ...' ({self.keys[key].spec.expected()})")
        out["__node__"] = node
        out["__keys__"] = marks
        out["__values__"] = values
        return out

    def expected(self) -> str:
        return f"{self.name} (a mapping of key: value)"

    def hint(self) -> str:
        return self.example

    def json_schema(self) -> dict[str, Any]:
        props: dict[str, Any] = {}
        for name, key in self.keys.items():
            sub = key.spec.json_schema()
            if key.description:
                sub = {**sub, "description": key.description}
            props[name] = sub
        schema: dict[str, Any] = {
            "type": "object",
            "properties": props,
            "additionalProperties": False,
        }
        required = [k for k, v in self.keys.items() if v.required]
        if required:
            schema["required"] = required
        return self._schema(schema)


@dataclass
class MapOf(Spec):
    """A mapping from a fixed set of words to values of one type."""

    keys: Enum = field(default_factory=Enum)
    value: Spec = field(default_factory=Text)
    description: str = ""

    def convert(self, node: yaml.Node, report: Report) -> Any:
        if not isinstance(node, yaml.MappingNode):
            self._wrong(node, report)
            return None
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.keys.convert(key_node, report)
            value = self.value.convert(value_node, report)
            if key is not None and value is not None:
                out[key] = value
        return out

    def expected(self) -> str:
        return f"a mapping from {self.keys.expected()} to {self.value.expected()}"

    def json_schema(self) -> dict[str, Any]:
        return self._schema({
            "type": "object",
            "propertyNames": self.keys.json_schema(),
            "additionalProperties": self.value.json_schema(),
        })


def walk(value: Any) -> Iterator[dict[str, Any]]:
    """Every converted record inside ``value``, depth first."""
    if isinstance(value, dict):
        if "__node__" in value:
            yield value
        for child in value.values():
            if isinstance(child, dict | list):
                yield from walk(child)
    elif isinstance(value, list):
        for child in value:
            yield from walk(child)


# --- the format ------------------------------------------------------------------------------

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
        "pause": Key(SECONDS, description="Seconds before they say it (default 1)."),
        "pace": Key(PACE),
        "hang_up_after": Key(Number(0.1, 600),
                             description="Seconds after their farewell before they hang up "
                                         "themselves if the learner has not (default 3)."),
    },
)

LINE = Record(
    name="a line of the other party",
    example="- {text: 'Hello?', pace: calm, pause: 0.5}",
    keys={
        "text": Key(Text(), True, "What the other party says (shown literally)."),
        "pace": Key(PACE),
        "pause": Key(SECONDS, description="Seconds of silence before the line (default 0)."),
    },
)

CHOICE = Record(
    name="a choice",
    example="- {text: 'Thank you for your time!', next: goodbye, follows: [thanks]}",
    keys={
        "text": Key(Text(), True, "The line the learner says when picking this choice."),
        "next": Key(Text(pattern=ID, pattern_hint="step id"), True,
                    "The step it leads to, or 'end' when the learner's part is over."),
        "pace": Key(PACE),
        "follows": Key(PRINCIPLE_LIST, description="Principles of the advice this line follows."),
        "breaks": Key(PRINCIPLE_LIST, description="Principles of the advice this line breaks."),
        "why": Key(Text(), description="Why: shown in the debrief."),
        "better": Key(Text(), description="A better line to say instead."),
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
        "closing": Key(Flag(), description="True for the steps that form the closing phase."),
        "other": Key(ListOf(LINE), description="What the other party says, in order."),
        "choices": Key(ListOf(CHOICE, min_items=1), description="Numbered lines to pick from."),
        "typed": Key(TYPED),
        "end": Key(Flag(), description="True when the learner's part of the call is over here."),
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
                       "closing must match."),
    },
)

RUBRIC = Record(
    name="rubric",
    example="rubric: {pass_mark: 80, weights: {next_steps: 30}}",
    keys={
        "weights": Key(MapOf(Enum(PRINCIPLES), Number(0, 100, integer=True)),
                       description="Points per principle; the total is scaled to 100."),
        "pass_mark": Key(Number(0, 100, integer=True), description="Default 80."),
        "facts": Key(ListOf(FACT), description="Facts the closing should confirm."),
    },
)

EXAMPLE_LINE = Record(
    name="an example line",
    example="- {who: other, text: 'Thanks, bye.', pace: rushed}",
    keys={
        "who": Key(Enum(("learner", "other")), True),
        "text": Key(Text(), True),
        "pace": Key(PACE),
        "pause": Key(SECONDS),
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
        "difficulty": Key(Enum(DIFFICULTIES)),
        "kind": Key(Text(), description="What sort of call, e.g. recruiting, sales, support."),
        "tags": Key(ListOf(Text(), unique=True)),
        "learner": Key(Record(
            name="learner",
            example="learner: {role: Recruiter, goal: Book the interview and close warmly}",
            keys={"role": Key(Text(), True), "goal": Key(Text(), True)},
        ), True, "Who the learner plays."),
        "other": Key(Record(
            name="other",
            example="other: {name: Anna, role: Candidate, gender: female}",
            keys={
                "name": Key(Text(), True),
                "role": Key(Text(), True),
                "gender": Key(Enum(("male", "female")), description="A hint for the voice."),
            },
        ), True, "The other party."),
        "start": Key(Text(pattern=ID, pattern_hint="step id"),
                     description="The first step (default: the first in the list)."),
        "steps": Key(ListOf(STEP, min_items=1), True),
        "farewell": Key(FAREWELL, True),
        "rubric": Key(RUBRIC),
        "examples": Key(EXAMPLES),
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
