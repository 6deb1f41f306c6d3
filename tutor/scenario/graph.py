"""Checks on the steps of a call as a graph: ids, links, reachability, endings, the closing."""

from __future__ import annotations

from collections import deque

import yaml

from tutor.safe_text import clip
from tutor.scenario.model import END
from tutor.scenario.problems import Collector
from tutor.scenario.spec import Fields, mark_of
from tutor.suggest import did_you_mean


def check_steps(raw: Fields, out: Collector) -> bool:
    """Check the steps as a graph; False when it is too broken to check what depends on it.

    Ids are unique, every ``next`` and ``default`` names a step, and only then: every step can
    be reached from the start, every reachable step can reach an end, and a closing exists and
    can be reached.
    """
    steps: list[Fields] = [s for s in raw.get("steps", []) if s is not None]
    ids: dict[str, Fields] = {}
    for step in steps:
        sid = step.get("id")
        if sid is None:
            continue
        if sid == END:
            out.node(step.value_nodes["id"], f"{END!r} is reserved for 'the call is over'",
                     "give the step another id")
        elif sid in ids:
            first = mark_of(ids[sid].value_nodes["id"])[0]
            out.node(step.value_nodes["id"], f"duplicate step id {clip(sid)!r}",
                     f"step ids must be unique; the first {clip(sid)!r} is at line {first}")
        else:
            ids[sid] = step
    names = list(ids)

    def ref(record: Fields, key: str) -> str | None:
        target: str | None = record.get(key)
        if target is None or target == END or target in ids:
            return target
        out.node(record.value_nodes[key],
                 f"{key} refers to a step {clip(target)!r} that does not exist",
                 f"{did_you_mean(target, names)}steps: {', '.join(names)}, or 'end'")
        return None

    graph: dict[str, list[str]] = {}
    for step in steps:
        sid = step.get("id")
        targets: list[str | None] = []
        where = step.node
        label = f"step {clip(sid)!r}" if sid else "this step"
        turn = "choices" in step or "typed" in step
        if step.get("end"):
            if turn:
                out.node(where, f"{label} is an end step but also gives the learner a turn",
                         "remove 'end: true', or remove its choices/typed")
        elif not turn:
            out.node(where, f"{label} gives the learner nothing to do",
                     "add choices or typed, or mark it 'end: true'")
        if "farewell" in step and not step.get("end"):
            out.node(step.key_nodes["farewell"], f"farewell on {label}, which is not an end step",
                     "a step's farewell overrides the call's only where the call ends")
        for choice in step.get("choices", []):
            if choice is None:
                continue
            targets.append(ref(choice, "next"))
            both = set(choice.get("follows", [])) & set(choice.get("breaks", []))
            if both:
                out.node(choice.node,
                         f"a choice both follows and breaks {', '.join(sorted(both))}",
                         "list each principle under follows or breaks, not both")
        typed = step.get("typed")
        if typed:
            targets.append(ref(typed, "default"))
            targets.extend(ref(r, "next") for r in typed.get("routes", []) if r)
            earlier: list[tuple[int, Fields]] = []
            for number, route in enumerate(typed.get("routes", []), start=1):
                if route and route.get("when") is not None:
                    if _check_condition(route["when"], route.value_nodes["when"], out):
                        _check_shadowed(number, route, earlier, out)
                    earlier.append((number, route["when"]))
        if sid in ids and ids[sid] is step:
            graph[sid] = [t for t in targets if t is not None]

    start = ref(raw, "start") if "start" in raw else (names[0] if names else None)
    if start is None or start == END or not ids:
        if start == END:
            out.node(raw.value_nodes["start"], "the call cannot start at 'end'",
                     "name the first step")
        return False
    if out.problems:
        return False  # reachability over a broken graph would only repeat the errors above
    reachable = _reach(start, graph)
    for sid, step in ids.items():
        if sid not in reachable:
            out.node(step.value_nodes["id"], f"step {clip(sid)!r} can never be reached",
                     f"no choice or route leads to it from {clip(start)!r}; link it or remove it")
    ends = {sid for sid, step in ids.items() if step.get("end")}
    finishing = _finishing(graph, ends)
    for sid in reachable:
        if sid not in finishing:
            out.node(ids[sid].value_nodes["id"], f"from step {clip(sid)!r} the call can never end",
                     "give one of its paths a choice with 'next: end' or an end step")
    closing = [sid for sid, step in ids.items() if step.get("closing")]
    if not closing:
        out.node(raw.key_nodes["steps"], "no step is marked as the closing",
                 "add 'closing: true' to the steps where the learner closes the call")
    elif not any(sid in reachable for sid in closing):
        out.node(ids[closing[0]].value_nodes["id"], "the closing can never be reached",
                 f"link a step reachable from {clip(start)!r} to {clip(closing[0])!r}")
    return True


def _check_condition(when: Fields, node: yaml.Node, out: Collector) -> bool:
    """A route's condition names signals, and some line could meet it; False if not."""
    need, some, never = (set(when.get(k, [])) for k in ("all", "any", "none"))
    if not (need or some or never):
        out.node(node, "this condition is empty", "name signals under all, any or none")
        return False
    both = sorted(need & never)
    if both:
        out.node(node, f"this condition can never match: {', '.join(both)} is under both "
                       "'all' and 'none'", "keep each signal under one of them")
        return False
    if some and some <= never:
        out.node(node, "this condition can never match: every signal under 'any' is also "
                       "under 'none'", "keep each signal under one of them")
        return False
    return True


def _check_shadowed(number: int, route: Fields, earlier: list[tuple[int, Fields]],
                    out: Collector) -> None:
    """Routes are tried in order: one an earlier route always catches is dead, reply and all."""
    need, some, never = (set(route["when"].get(k, [])) for k in ("all", "any", "none"))
    for before, when in earlier:
        b_need, b_some, b_never = (set(when.get(k, [])) for k in ("all", "any", "none"))
        # Every line this route matches has all of b_need, none of b_never, and one of b_some.
        catches = (b_need <= need and b_never <= never
                   and (not b_some or bool(b_some & need) or bool(some and some <= b_some)))
        if catches:
            out.node(route.value_nodes["when"],
                     f"route {number} can never be taken: every line it matches is taken by "
                     f"route {before} above it", "put the narrower route first, or remove it")
            return


def _reach(start: str, graph: dict[str, list[str]]) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        for nxt in graph.get(queue.popleft(), []):
            if nxt != END and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _finishing(graph: dict[str, list[str]], ends: set[str]) -> set[str]:
    """Steps from which some path reaches an end (fixed point over the reverse graph)."""
    back: dict[str, list[str]] = {}
    done = set(ends)
    for sid, targets in graph.items():
        if END in targets:
            done.add(sid)
        for t in targets:
            back.setdefault(t, []).append(sid)
    queue = deque(done)
    while queue:
        for prev in back.get(queue.popleft(), []):
            if prev not in done:
                done.add(prev)
                queue.append(prev)
    return done
