"""The generic machinery for describing a YAML format: node types, keys and records.

One description drives both the validator (types, required and unknown keys, with
positions) and JSON Schema for editors, so the two never disagree. The scenario format
itself is declared with it in ``tutor.scenario.schema``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from tutor.patterns import PatternError, compile_pattern
from tutor.safe_text import clip
from tutor.safe_yaml import MAX_NUMBER_CHARS
from tutor.safe_yaml import kind_name as kind_name
from tutor.safe_yaml import mark_of as mark_of
from tutor.suggest import closest, did_you_mean

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
            report(node, f"{clip(value)!r} reads as true/false in YAML, not as an id",
                   "rename it to a word that says what happened, e.g. 'agreed' or "
                   "'declined' (quoting it still trips other YAML tools)")
            return None
        if self._pattern is not None and not self._pattern.fullmatch(value):
            report(node, f"{clip(value)!r} is not a valid {self.pattern_hint}", self.hint())
            return None
        return value

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        # Compiled once per spec, not looked up in re's cache for every id in every file.
        return re.compile(self.pattern) if self.pattern else None

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
    """A case-insensitive regular expression, run by RE2 (see ``tutor.patterns``)."""

    def convert(self, node: yaml.Node, report: Report) -> Any:
        value = super().convert(node, report)
        if value is None:
            return None
        try:
            return compile_pattern(value)
        except PatternError as exc:
            report(node, f"invalid pattern {clip(value)!r}: {exc.problem}", exc.hint)
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
            report(node, f"{clip(value)!r} is not one of {', '.join(self.values)}",
                   self.hint_for(value))
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
        if len(str(node.value)) > MAX_NUMBER_CHARS:
            # int() refuses more than 4,300 digits, and no count or score here needs 30.
            report(node, f"this number is {len(str(node.value)):,} characters long",
                   f"use {self.expected()}")
            return None
        value = (
            _CONSTRUCT.construct_yaml_int(node)
            if node.tag.endswith("int")
            else _CONSTRUCT.construct_yaml_float(node)
        )
        if value != value or value < self.minimum or (
            self.maximum is not None and value > self.maximum
        ):
            report(node, f"{clip(node.value)} is out of range", f"use {self.expected()}")
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
                    report(child, f"{clip(value)!r} is listed twice", "remove the repeat")
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
    """A key of a mapping; ``default`` is what an optional key means when left out."""

    spec: Spec
    required: bool = False
    description: str = ""
    default: Any = None


@dataclass(frozen=True, slots=True)
class Fields:
    """A checked mapping: the sound values written in it, and where each key and value is.

    A key that was left out, empty, or wrong has no value here; where it was written still
    points messages at it.
    """

    node: yaml.MappingNode
    values: dict[str, Any]
    key_nodes: dict[str, yaml.Node]
    value_nodes: dict[str, yaml.Node]

    def __contains__(self, key: str) -> bool:
        return key in self.values

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, or ``default`` when it has none."""
        return self.values.get(key, default)


@dataclass
class Record(Spec):
    """A mapping with known keys."""

    name: str = ""
    keys: dict[str, Key] = field(default_factory=dict)
    example: str = ""
    description: str = ""

    def convert(self, node: yaml.Node, report: Report) -> Fields | None:
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
                report(key_node, f"key {clip(key)!r} appears twice in {self.name}",
                       f"keep one; the first is at line {mark_of(marks[key])[0]}")
                continue
            marks[key] = key_node
            values[key] = value_node
            spec = self.keys.get(key)
            if spec is None:
                report(key_node, f"unknown key {clip(key)!r} in {self.name}",
                       f"{did_you_mean(key, self.keys)}allowed keys: {', '.join(self.keys)}")
                continue
            if value_node.tag == "tag:yaml.org,2002:null":
                if spec.required:
                    report(value_node if value_node.start_mark.line == key_node.start_mark.line
                           else key_node,
                           f"{clip(key)!r} in {self.name} has no value",
                           f"write {spec.spec.expected()} after '{key}:'")
                continue
            value = spec.spec.convert(value_node, report)
            if value is not None:
                out[key] = value
        for key in self._required:
            if key in marks:
                continue
            report(node, f"{self.name} is missing the required key {clip(key)!r}",
                   f"add '{key}: ...' ({self.keys[key].spec.expected()})")
        return Fields(node, out, marks, values)

    @cached_property
    def _required(self) -> tuple[str, ...]:
        return tuple(k for k, spec in self.keys.items() if spec.required)

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
            if key.default is not None:
                sub = {**sub, "default": key.default}
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
