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

from tutor.scenario.model import END, Choice, Condition, Scenario

Format = Literal["mermaid", "dot"]
FORMATS: tuple[Format, ...] = ("mermaid", "dot")
#: Choice texts are cut to this many characters on an edge; the file has the whole line.
LABEL_CHARS = 48
END_NODE = "finish"


@dataclass(frozen=True, slots=True)
class Edge:
    """One way from a step to the next: a numbered choice or a typed route."""

    source: str
    target: str  # a step id, or END
    label: str
    typed: bool


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _marks(choice: Choice) -> str:
    parts = []
    if choice.note.follows:
        parts.append("follows " + ", ".join(choice.note.follows))
    if choice.note.breaks:
        parts.append("breaks " + ", ".join(choice.note.breaks))
    return f" ({'; '.join(parts)})" if parts else ""


def _when(when: Condition) -> str:
    return "; ".join(f"{k} {', '.join(v)}" for k, v in
                     (("all", when.all), ("any", when.any), ("none", when.none)) if v)


def edges(scenario: Scenario) -> Iterator[Edge]:
    """Every edge of the call, in file order."""
    for step in scenario.steps.values():
        for number, choice in enumerate(step.choices, start=1):
            yield Edge(step.id, choice.next, f"{number}. {_short(choice.text)}{_marks(choice)}",
                       typed=False)
        if step.typed is not None:
            for route in step.typed.routes:
                yield Edge(step.id, route.next, f"typed: {_when(route.when)}", typed=True)
            yield Edge(step.id, step.typed.default, "typed: otherwise", typed=True)


def _node_label(scenario: Scenario, sid: str) -> str:
    step = scenario.steps[sid]
    notes = [n for n, on in (("start", sid == scenario.start), ("closing", step.closing),
                             ("end", step.end)) if on]
    return f"{sid} ({', '.join(notes)})" if notes else sid


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
    lines = ["flowchart TD"]
    for sid, step in scenario.steps.items():
        label = mermaid_text(_node_label(scenario, sid))
        shape = ('(["', '"])') if step.end else ('["', '"]')
        lines.append(f"    {ids[sid]}{shape[0]}{label}{shape[1]}")
    lines.append(f'    {END_NODE}(("end"))')
    for edge in edges(scenario):
        arrow = "-.->" if edge.typed else "-->"
        lines.append(f'    {ids[edge.source]} {arrow}|"{mermaid_text(edge.label)}"| '
                     f"{ids[edge.target]}")
    for sid, step in scenario.steps.items():
        if step.end:
            lines.append(f'    {ids[sid]} -->|"farewell"| {END_NODE}')
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
    for sid, step in scenario.steps.items():
        attrs = [f"label={dot_string(_node_label(scenario, sid))}"]
        if step.closing:
            attrs.append('style=filled, fillcolor="#fff3cd"')
        if step.end:
            attrs.append("shape=ellipse")
        if sid == scenario.start:
            attrs.append("penwidth=3")
        lines.append(f"    {dot_string(sid)} [{', '.join(attrs)}];")
    lines.append(f"    {end} [shape=doublecircle, label=\"end\"];")
    for edge in edges(scenario):
        target = end if edge.target == END else dot_string(edge.target)
        style = ", style=dashed" if edge.typed else ""
        lines.append(f"    {dot_string(edge.source)} -> {target} "
                     f"[label={dot_string(edge.label)}{style}];")
    for sid, step in scenario.steps.items():
        if step.end:
            lines.append(f"    {dot_string(sid)} -> {end} [label=\"farewell\"];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(scenario: Scenario, fmt: Format) -> str:
    """The call's map in ``fmt``."""
    return to_mermaid(scenario) if fmt == "mermaid" else to_dot(scenario)
