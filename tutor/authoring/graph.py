"""A map of a call for trainers: steps, choices, typed routes, the closing and the ends.

Two text formats: Mermaid (GitHub and most Markdown viewers draw it) and Graphviz DOT. Labels
come from trainers' files, so every one is escaped for the format: quotes, brackets, ``#``,
``|``, Cyrillic and Textual-style ``[b]`` stay text and never become syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from tutor.scenario.model import END, Condition, Scenario, Step

Format = Literal["mermaid", "dot"]
FORMATS: tuple[Format, ...] = ("mermaid", "dot")
#: Choice texts are cut to this many characters on an edge; the file has the whole line.
LABEL_CHARS = 48
END_NODE = "finish"


EdgeKind = Literal["choice", "typed", "farewell"]


@dataclass(frozen=True, slots=True)
class Edge:
    """One way from a step onwards: a numbered choice, a typed route, or the farewell."""

    source: str
    target: str  # a step id, or END
    kind: EdgeKind
    number: int = 0  # a choice's, from 1
    text: str = ""  # a choice's whole line
    follows: tuple[str, ...] = ()
    breaks: tuple[str, ...] = ()
    when: str = ""  # a typed route's condition; "otherwise" for its default

    @property
    def typed(self) -> bool:
        """True for a typed route (drawn dashed)."""
        return self.kind == "typed"

    @property
    def label(self) -> str:
        """The edge's text on a drawn map: the choice cut short, or the route's condition."""
        if self.kind == "choice":
            return f"{self.number}. {short_text(self.text)}{self.marks}"
        return f"typed: {self.when}" if self.kind == "typed" else "farewell"

    @property
    def marks(self) -> str:
        """`` (follows a; breaks b)`` for an annotated choice, else nothing."""
        parts = [f"{word} {', '.join(names)}" for word, names in
                 (("follows", self.follows), ("breaks", self.breaks)) if names]
        return f" ({'; '.join(parts)})" if parts else ""


@dataclass(frozen=True, slots=True)
class Node:
    """One step and the ways out of it, in file order (the farewell last)."""

    id: str
    start: bool
    closing: bool
    end: bool
    edges: tuple[Edge, ...]

    @property
    def label(self) -> str:
        """``wrap (closing, end)``: the id and what kind of step it is."""
        notes = [n for n, on in (("start", self.start), ("closing", self.closing),
                                 ("end", self.end)) if on]
        return f"{self.id} ({', '.join(notes)})" if notes else self.id


@dataclass(frozen=True, slots=True)
class CallMap:
    """The call as a graph, for any printer or view: steps in file order."""

    id: str
    nodes: tuple[Node, ...]

    def edges(self, *kinds: EdgeKind) -> Iterator[Edge]:
        """Every edge of the given kinds (all when none are given), step by step."""
        for node in self.nodes:
            yield from (e for e in node.edges if not kinds or e.kind in kinds)


def short_text(text: str) -> str:
    """``text`` on one line, cut to ``LABEL_CHARS`` with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _when(when: Condition) -> str:
    return "; ".join(f"{k} {', '.join(v)}" for k, v in
                     (("all", when.all), ("any", when.any), ("none", when.none)) if v)


def _edges(step: Step) -> Iterator[Edge]:
    for number, choice in enumerate(step.choices, start=1):
        yield Edge(step.id, choice.next, "choice", number, choice.text,
                   tuple(choice.note.follows), tuple(choice.note.breaks))
    if step.typed is not None:
        for route in step.typed.routes:
            yield Edge(step.id, route.next, "typed", when=_when(route.when))
        yield Edge(step.id, step.typed.default, "typed", when="otherwise")
    if step.end:
        yield Edge(step.id, END, "farewell")


def call_map(scenario: Scenario) -> CallMap:
    """The neutral graph of ``scenario`` that the printers and the app's map view share."""
    return CallMap(scenario.id, tuple(
        Node(sid, sid == scenario.start, step.closing, step.end, tuple(_edges(step)))
        for sid, step in scenario.steps.items()))


# --- Mermaid ---------------------------------------------------------------------------------

_MERMAID_ESCAPES = {'"': "#quot;", "#": "#35;", "|": "#124;", "<": "#lt;", ">": "#gt;",
                    "[": "#91;", "]": "#93;", "{": "#123;", "}": "#125;", "`": "#96;"}
_MERMAID_SPECIAL = re.compile("[" + re.escape("".join(_MERMAID_ESCAPES)) + "]")


def mermaid_text(text: str) -> str:
    """``text`` as the inside of a quoted Mermaid label."""
    return _MERMAID_SPECIAL.sub(lambda m: _MERMAID_ESCAPES[m.group()], " ".join(text.split()))


def mermaid_ids(scenario: Scenario) -> dict[str, str]:
    """A Mermaid-safe node id for each step, unique even where sanitising would merge two."""
    out: dict[str, str] = {END: END_NODE}
    used = {END_NODE}
    for sid in scenario.steps:
        base = "s_" + re.sub(r"[^A-Za-z0-9_]", "_", sid)
        name, n = base, 2
        while name in used:
            name, n = f"{base}_{n}", n + 1
        used.add(name)
        out[sid] = name
    return out


def to_mermaid(scenario: Scenario) -> str:
    """The call as a Mermaid flowchart."""
    ids = mermaid_ids(scenario)
    graph = call_map(scenario)
    lines = ["flowchart TD"]
    for node in graph.nodes:
        shape = ('(["', '"])') if node.end else ('["', '"]')
        lines.append(f"    {ids[node.id]}{shape[0]}{mermaid_text(node.label)}{shape[1]}")
    lines.append(f'    {END_NODE}(("end"))')
    # The farewells last: a reader meets the call's own ways first.
    for edge in [*graph.edges("choice", "typed"), *graph.edges("farewell")]:
        arrow = "-.->" if edge.typed else "-->"
        lines.append(f'    {ids[edge.source]} {arrow}|"{mermaid_text(edge.label)}"| '
                     f"{ids[edge.target]}")
    lines.append("    classDef closing fill:#fff3cd,stroke:#b58900")
    lines.append("    classDef start stroke-width:3px")
    closing = [ids[s] for s in scenario.closing_steps]
    if closing:
        lines.append(f"    class {','.join(closing)} closing")
    lines.append(f"    class {ids[scenario.start]} start")
    return "\n".join(lines) + "\n"


# --- DOT -------------------------------------------------------------------------------------

def dot_string(text: str) -> str:
    """``text`` as a double-quoted DOT string."""
    flat = " ".join(text.split())
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(scenario: Scenario) -> str:
    """The call as a Graphviz digraph."""
    end = dot_string("(end)")
    lines = [f"digraph {dot_string(scenario.id)} {{", "    rankdir=TB;",
             '    node [shape=box, fontname="sans-serif"];',
             '    edge [fontname="sans-serif", fontsize=10];']
    graph = call_map(scenario)
    for node in graph.nodes:
        attrs = [f"label={dot_string(node.label)}"]
        if node.closing:
            attrs.append('style=filled, fillcolor="#fff3cd"')
        if node.end:
            attrs.append("shape=ellipse")
        if node.start:
            attrs.append("penwidth=3")
        lines.append(f"    {dot_string(node.id)} [{', '.join(attrs)}];")
    lines.append(f"    {end} [shape=doublecircle, label=\"end\"];")
    for edge in [*graph.edges("choice", "typed"), *graph.edges("farewell")]:
        target = end if edge.target == END else dot_string(edge.target)
        style = ", style=dashed" if edge.typed else ""
        lines.append(f"    {dot_string(edge.source)} -> {target} "
                     f"[label={dot_string(edge.label)}{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(scenario: Scenario, fmt: Format) -> str:
    """The call's map in ``fmt``."""
    return to_mermaid(scenario) if fmt == "mermaid" else to_dot(scenario)
