"""Where the parts of a sound scenario file are written, so findings can name line and column.

The model the loader builds carries no positions; this reads the file's YAML nodes again (only
for files that loaded, so it never meets a syntax error) and indexes the ones lint points at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Mark = tuple[int, int]
START: Mark = (1, 1)


NodePath = tuple[str | int, ...]


def _nodes(text: str) -> dict[NodePath, tuple[Mark, str | None]]:
    """Where each node starts, by its path of keys and indices (scalars keep their value).

    Read from the parser's events rather than a composed tree: it skips resolving every
    scalar's type, which is most of the cost of composing, and lint runs on every save.
    """
    out: dict[NodePath, tuple[Mark, str | None]] = {}
    # Each open collection: its path, and for a mapping the key whose value comes next
    # (None while a key is awaited); for a sequence, the index of the next item.
    stack: list[list[Any]] = []
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        path: NodePath = ()
        if stack:
            frame = stack[-1]
            if frame[0] == "map":
                if frame[2] is None:  # this node is a key
                    frame[2] = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                    if isinstance(event, yaml.CollectionStartEvent):
                        stack.append(["skip", (), None])
                    continue
                path, frame[2] = (*frame[1], frame[2]), None
            elif frame[0] == "seq":
                path = (*frame[1], frame[2])
                frame[2] += 1
            else:
                path = ("?",)
        start = event.start_mark
        mark = (start.line + 1, start.column + 1) if start is not None else START
        out[path] = (mark, event.value if isinstance(event, yaml.ScalarEvent) else None)
        if isinstance(event, yaml.MappingStartEvent):
            stack.append(["map", path, None])
        elif isinstance(event, yaml.SequenceStartEvent):
            stack.append(["seq", path, 0])
    return out


@dataclass
class Positions:
    """Line and column of the call's id, each step, choice, typed route and fact."""

    id: Mark = START
    steps: dict[str, Mark] = field(default_factory=dict)
    choices: dict[tuple[str, int], Mark] = field(default_factory=dict)  # (step, 1-based)
    typed: dict[str, Mark] = field(default_factory=dict)
    routes: dict[tuple[str, int], Mark] = field(default_factory=dict)  # (step, 0-based)
    facts: dict[str, Mark] = field(default_factory=dict)

    def step(self, step_id: str) -> Mark:
        """Where step ``step_id`` starts (its id), or the top of the file."""
        return self.steps.get(step_id, START)


def positions(path: Path) -> Positions:
    """Index the nodes of the scenario file at ``path`` (the top of the file when unreadable)."""
    try:
        nodes = _nodes(path.read_text("utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return Positions()
    out = Positions()
    for key, (mark, value) in nodes.items():
        match key:
            case ("id",):
                out.id = mark
            case ("steps", int(i), "id") if value is not None:
                out.steps.setdefault(value, mark)
            case ("rubric", "facts", int(i), "id") if value is not None:
                out.facts.setdefault(value, nodes[("rubric", "facts", i)][0])
    for key, (mark, _) in nodes.items():
        step = nodes.get(("steps", key[1], "id"), (START, None))[1] if len(key) > 2 else None
        if step is None or key[0] != "steps":
            continue
        match key:
            case ("steps", int(), "choices", int(n)):
                out.choices[(step, n + 1)] = mark
            case ("steps", int(), "typed"):
                out.typed[step] = mark
            case ("steps", int(), "typed", "routes", int(n)):
                out.routes[(step, n)] = mark
    return out
