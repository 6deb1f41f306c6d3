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
_Base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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

_STR_TAG = "tag:yaml.org,2002:str"
#: Tags of plain scalars already resolved. A file repeats its keys and words many times, and
#: resolving runs a list of regexes per scalar: most of the loader's time in Python.
_PLAIN_TAGS: dict[str, str] = {}
_PLAIN_TAGS_MAX = 20_000  # emptied when full: a long-running server keeps no unbounded cache


class _Loader(_Base):  # type: ignore[misc]  # PyYAML's classes are untyped
    """PyYAML's safe loader, with tag resolution memoized.

    A tag depends only on the node's kind and, for a plain scalar, its text, since the safe
    loader has no path resolvers; so each distinct text is resolved once. The loader also
    notes whether every tag it gave is allowed, so that ``compose`` walks the tree only when
    it can hold something to refuse (see ``tags_allowed``).
    """

    odd_tag = False  # an implicit tag outside ``_ALLOWED_TAGS`` (``<<`` and ``=`` give one)
    nodes = 0  # nodes composed (an alias is not a new node)
    resolved = 0  # nodes given a tag here: the others were written with one

    @property
    def tags_allowed(self) -> bool:
        """No node was written with a tag, and every tag resolved here is allowed."""
        return not self.odd_tag and self.nodes == self.resolved

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of a node written with no tag (or the plain ``!``)."""
        self.resolved += 1
        if kind is yaml.ScalarNode and implicit[0]:
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if tag in _ALLOWED_TAGS:
                    if len(_PLAIN_TAGS) >= _PLAIN_TAGS_MAX:
                        _PLAIN_TAGS.clear()
                    _PLAIN_TAGS[value] = tag
                else:
                    self.odd_tag = True
            return tag
        if kind is yaml.ScalarNode:
            return _STR_TAG
        return str(super().resolve(kind, value, implicit))

    # Path resolvers are never registered on the safe loader: nothing to track per node but
    # the count. The composer calls this once for every node it makes.
    def descend_resolver(self, current_node: yaml.Node | None, current_index: Any) -> None:
        """Count the node about to be composed."""
        self.nodes += 1

    def ascend_resolver(self) -> None:
        """Nothing to do (see above)."""


assert not _Base.yaml_path_resolvers, "the memoized resolver assumes no path resolvers"


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


def _compose(text: str, out: Reporter, kind: FileKind) -> tuple[yaml.MappingNode, bool] | None:
    """The root mapping, and whether every node's tag is known to be allowed."""
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
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
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
    finally:
        loader.dispose()
    if node is None:
        out.at(1, 1, "the file holds no YAML document", kind.start)
        return None
    if not isinstance(node, yaml.MappingNode):
        out.at(*mark_of(node), f"the file must be {kind.top}, found {kind_name(node)}",
               kind.start)
        return None
    return node, loader.tags_allowed


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
    composed = _compose(text, out, kind)
    if composed is None:
        return None
    root, tags_allowed = composed
    # An alias needs an anchor (&name) and a '*name'. With neither, and every tag allowed,
    # the walk would find nothing, so it is skipped (most files).
    aliases = "&" in text and "*" in text
    if (aliases or not tags_allowed) and not _check_nodes(root, out, kind):
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
