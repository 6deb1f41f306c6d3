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


def _mark(node: yaml.Node) -> Mark:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _items(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _seq(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


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
        root = yaml.compose(path.read_text("utf-8-sig"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return Positions()
    top = _items(root)
    out = Positions()
    if "id" in top:
        out.id = _mark(top["id"])
    for step in _seq(top.get("steps")):
        fields = _items(step)
        sid = fields.get("id")
        if not isinstance(sid, yaml.ScalarNode):
            continue
        name = str(sid.value)
        out.steps.setdefault(name, _mark(sid))
        for number, choice in enumerate(_seq(fields.get("choices")), start=1):
            out.choices[(name, number)] = _mark(choice)
        typed = fields.get("typed")
        if typed is not None:
            out.typed[name] = _mark(typed)
            for index, route in enumerate(_seq(_items(typed).get("routes"))):
                out.routes[(name, index)] = _mark(route)
    for fact in _seq(_items(top.get("rubric")).get("facts")):
        fid = _items(fact).get("id")
        if isinstance(fid, yaml.ScalarNode):
            out.facts[str(fid.value)] = _mark(fact)
    return out
