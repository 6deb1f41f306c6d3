"""From the bytes of a trainer's file to a YAML node tree, safely.

Scenario files and cue files come from anyone: each is read with a size limit, must be UTF-8
text, is parsed with PyYAML's safe loader, and may hold only plain scalars, lists and mappings
(no tags, no anchors or aliases, no deep nesting: a few hundred bytes of aliases expand to
gigabytes). Every refusal is a problem with its line and column, reported to the caller's
``Reporter``; ``FileKind`` holds the few words that differ between kinds of file.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

from tutor.safe_text import clip

#: Trainers' files are hand-written; anything bigger is a mistake, not a call or a cue list.
MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40

#: Byte order marks of encodings whose text is full of NUL bytes; longest first.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class Reporter(Protocol):
    """Where refusals go (``tutor.scenario.problems.Collector`` is one)."""

    def at(self, line: int, column: int, message: str, hint: str = "") -> None:
        """A problem at a 1-based line and column."""


@dataclass(frozen=True, slots=True)
class FileKind:
    """The words that name one kind of file in a refusal's hint."""

    name: str  # "scenario files"
    start: str  # where a newcomer finds an example to start from
    top: str  # what the file holds at its top level


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


def mark_of(node: yaml.Node) -> tuple[int, int]:  # (line, column)
    """The 1-based line and column where ``node`` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def read_text(path: Path, out: Reporter, kind: FileKind) -> str | None:
    """The text of the file at ``path``, or None after reporting why it is not usable."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        out.at(1, 1, f"cannot read the file: {exc.strerror or exc}",
               "check the path and its permissions")
        return None
    return decode(data, out, kind)


def decode(data: bytes, out: Reporter, kind: FileKind) -> str | None:
    """``data`` as text, or None after reporting that it is too big, binary or not UTF-8."""
    if len(data) > MAX_BYTES:
        out.at(1, 1, f"the file is larger than {MAX_BYTES // 1024} KiB",
               f"{kind.name} are a few kilobytes of YAML; is this the right file?")
        return None
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            out.at(1, 1, f"the file is {name} text; {kind.name} are UTF-8",
                   "save it as UTF-8 (in most editors: 'Save with encoding' > UTF-8)")
            return None
    if b"\0" in data:
        out.at(1, 1, "this looks like a binary file, not YAML text",
               f"{kind.name} are UTF-8 text ending in .yaml")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        out.at(line, column, "the file is not valid UTF-8 text",
               "save it as UTF-8 (in most editors: 'Save with encoding' > UTF-8)")
        return None
    if not text.strip():
        out.at(1, 1, "the file is empty", kind.start)
        return None
    return text


_BRACKETS = re.compile(r"[\[\]{}]")


def _bracket_depth(text: str) -> int:
    """An upper bound on flow nesting (brackets inside quotes count too; that only errs safe)."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(text):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _compose(text: str, out: Reporter, kind: FileKind) -> yaml.MappingNode | None:
    # libyaml's composer recurses in C and crashes on very deep nesting: measure the depth
    # on the flat event stream first, but only when the text could be that deep.
    if _bracket_depth(text) > MAX_DEPTH or "\n" + " " * (MAX_DEPTH * 2) in text:
        depth = 0
        try:
            for event in yaml.parse(text, Loader=_Loader):
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        start = event.start_mark
                        line, column = (start.line + 1, start.column + 1) if start else (1, 1)
                        out.at(line, column,
                               f"nesting is deeper than {MAX_DEPTH} levels",
                               f"{kind.name} need only a few levels; check the brackets")
                        return None
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
        except yaml.MarkedYAMLError:
            pass  # compose below reports it with its position
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        if "end of stream" in problem and exc.context_mark is not None:
            # The end of the file is no place to look: point at what was left open.
            mark = exc.context_mark
            context = f" ({exc.context} that starts here)" if exc.context else ""
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        out.at(line, column, f"YAML syntax error: {problem}{context}",
               _syntax_hint(problem, _line_at(text, line)[:column - 1]))
        return None
    except yaml.YAMLError as exc:
        out.at(1, 1, f"YAML error: {exc}", "check the file's syntax")
        return None
    if node is None:
        out.at(1, 1, "the file holds no YAML document", kind.start)
        return None
    if not isinstance(node, yaml.MappingNode):
        out.at(*mark_of(node), f"the file must be {kind.top}, found {kind_name(node)}",
               kind.start)
        return None
    return node


#: An indented line's start that holds only a key, maybe as a list item: ``  - next``.
_INDENTED_KEY = re.compile(r"\s+(-\s+)?[\w-]+\s*")
_INDENT_HINT = ("line this up with the keys it belongs with: keys of one mapping start in the "
                "same column (indent with spaces)")


def _line_at(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _syntax_hint(problem: str, before: str = "") -> str:
    """How to fix a syntax error; ``before`` is its line up to where YAML stopped."""
    if "end of stream" in problem:
        return "close it with the matching quote or bracket"
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "expected <block end>" in problem:
        return _INDENT_HINT
    if "mapping values are not allowed" in problem:
        # A bare key there was indented deeper than its neighbours; anything else is text
        # holding ': ' that YAML took for a key.
        if _INDENTED_KEY.fullmatch(before):
            return _INDENT_HINT
        return "quote text that contains ': ', e.g. text: \"Note: ...\""
    if "could not find expected ':'" in problem:
        return "each key needs a ':' after it; quote text that spans lines"
    return "check indentation and quotes around this place"


def _check_nodes(root: yaml.Node, out: Reporter, kind: FileKind) -> bool:
    """Reject YAML tags and aliases; they have no place in a hand-written call."""
    seen: set[int] = set()
    stack: list[yaml.Node] = [root]
    ok = True
    while stack:
        node = stack.pop()
        if id(node) in seen:
            out.at(*mark_of(node), "anchors and aliases (&name, *name) are not supported",
                   "write the value out in full where it is used")
            return False
        seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            out.at(*mark_of(node), f"YAML tags like {clip(node.tag)!r} are not allowed",
                   f"remove the tag; {kind.name} hold plain text, numbers and lists")
            ok = False
            continue
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((value, key))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return ok


def compose(text: str, out: Reporter, kind: FileKind) -> yaml.MappingNode | None:
    """The node tree of ``text``: a mapping of plain values, or None after reporting."""
    root = _compose(text, out, kind)
    if root is None or not _check_nodes(root, out, kind):
        return None
    return root


def to_python(node: yaml.Node, out: Reporter) -> Any:
    """The plain Python value of a node tree that ``compose`` accepted, or None after reporting.

    Even plain YAML can hold what Python cannot build: a list as a mapping's key, a number of
    5,000 digits (past ``int()``'s limit).
    """
    for scalar in _scalars(node):
        if scalar.tag in _NUMBERS and len(scalar.value) > MAX_NUMBER_CHARS:
            out.at(*mark_of(scalar), f"a number {len(scalar.value)} characters long",
                   "numbers are at most a few digits; quote a long one to make it text")
            return None
    try:
        return yaml.constructor.SafeConstructor().construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        out.at(line, column, f"cannot read this value: {exc.problem}",
               "keys are plain words; write lists and mappings only as values")
    except (ValueError, OverflowError) as exc:  # what the scan above cannot foresee
        out.at(*mark_of(node), f"cannot read a value: {clip(str(exc))}",
               "write plain text, numbers and lists")
    return None


_NUMBERS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
#: Longer than any sound number in a trainer's file, short of ``int()``'s limit.
MAX_NUMBER_CHARS = 30


def _scalars(root: yaml.Node) -> list[yaml.ScalarNode]:
    found: list[yaml.ScalarNode] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            found.append(node)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return found
