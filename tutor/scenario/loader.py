"""Load scenario files safely and report every problem with its line and column."""

from __future__ import annotations

import codecs
import re
from collections import deque
from pathlib import Path
from typing import Any

import yaml

from tutor.scenario import spec
from tutor.scenario.model import (
    DEFAULT_WEIGHTS,
    END,
    Annotation,
    Brief,
    Choice,
    Condition,
    ExampleLine,
    Examples,
    Fact,
    Farewell,
    Line,
    Party,
    Route,
    Rubric,
    Scenario,
    Step,
    TypedTurn,
)
from tutor.scenario.problems import Problem, ScenarioError
from tutor.suggest import did_you_mean

#: Scenario files are hand-written; anything bigger is a mistake, not a call.
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


class _Collector:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def at(self, line: int, column: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, line, column, message, hint))

    def node(self, node: yaml.Node, message: str, hint: str = "") -> None:
        self.at(*spec.mark_of(node), message, hint)


def load_scenario(path: Path) -> Scenario:
    """Load and validate one file; raise ScenarioError listing every problem."""
    scenario, problems = check_file(path)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario


def check_file(path: Path) -> tuple[Scenario | None, list[Problem]]:
    """Validate one file: the scenario when it is sound, and every problem found."""
    out = _Collector(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        out.at(1, 1, f"cannot read the file: {exc.strerror or exc}",
               "check the path and its permissions")
        return None, out.problems
    text = _decode(data, out)
    if text is None:
        return None, out.problems
    return check_text(text, path, out)


def check_text(
    text: str, path: Path, out: _Collector | None = None
) -> tuple[Scenario | None, list[Problem]]:
    """Validate scenario ``text`` as if it were the file at ``path``."""
    out = out or _Collector(path)
    root = _compose(text, out)
    if root is None:
        return None, out.problems
    if not _check_nodes(root, out):
        return None, out.problems
    raw = spec.SCENARIO.convert(root, out.node)
    _check_references(raw, out)
    if out.problems:
        out.problems.sort(key=lambda p: (p.line, p.column))
        return None, out.problems
    return _build(raw, path), []


def _decode(data: bytes, out: _Collector) -> str | None:
    if len(data) > MAX_BYTES:
        out.at(1, 1, f"the file is larger than {MAX_BYTES // 1024} KiB",
               "a scenario is a few kilobytes of YAML; is this the right file?")
        return None
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            out.at(1, 1, f"the file is {name} text; scenario files are UTF-8",
                   "save it as UTF-8 (in most editors: 'Save with encoding' > UTF-8)")
            return None
    if b"\0" in data:
        out.at(1, 1, "this looks like a binary file, not YAML text",
               "scenario files are UTF-8 text ending in .yaml")
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
        out.at(1, 1, "the file is empty",
               "start from the example in docs/scenario-format.md")
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


def _compose(text: str, out: _Collector) -> yaml.Node | None:
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
                               "a scenario needs only a few levels; check the brackets")
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
        out.at(line, column, f"YAML syntax error: {problem}{context}", _syntax_hint(problem))
        return None
    except yaml.YAMLError as exc:
        out.at(1, 1, f"YAML error: {exc}", "check the file's syntax")
        return None
    if node is None:
        out.at(1, 1, "the file holds no YAML document",
               "start from the example in docs/scenario-format.md")
        return None
    if not isinstance(node, yaml.MappingNode):
        out.node(node, f"the file must be a mapping of keys (id:, title:, ...), "
                       f"found {spec.kind_name(node)}",
                 "start from the example in docs/scenario-format.md")
        return None
    return node


def _syntax_hint(problem: str) -> str:
    if "end of stream" in problem:
        return "close it with the matching quote or bracket"
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "quote text that contains ': ', e.g. text: \"Note: ...\""
    if "could not find expected ':'" in problem:
        return "each key needs a ':' after it; quote text that spans lines"
    return "check indentation and quotes around this place"


def _check_nodes(root: yaml.Node, out: _Collector) -> bool:
    """Reject YAML tags and aliases; they have no place in a hand-written call."""
    seen: set[int] = set()
    stack: list[yaml.Node] = [root]
    ok = True
    while stack:
        node = stack.pop()
        if id(node) in seen:
            out.node(node, "anchors and aliases (&name, *name) are not supported",
                     "write the value out in full where it is used")
            return False
        seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            out.node(node, f"YAML tags like {node.tag!r} are not allowed",
                     "remove the tag; scenario files hold plain text, numbers and lists")
            ok = False
            continue
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((value, key))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return ok


def _check_references(raw: dict[str, Any], out: _Collector) -> None:
    steps: list[dict[str, Any]] = [s for s in raw.get("steps", []) if s is not None]
    ids: dict[str, dict[str, Any]] = {}
    for step in steps:
        sid = step.get("id")
        if sid is None:
            continue
        if sid == END:
            out.node(step["__values__"]["id"], f"{END!r} is reserved for 'the call is over'",
                     "give the step another id")
        elif sid in ids:
            first = spec.mark_of(ids[sid]["__values__"]["id"])[0]
            out.node(step["__values__"]["id"], f"duplicate step id {sid!r}",
                     f"step ids must be unique; the first {sid!r} is at line {first}")
        else:
            ids[sid] = step
    names = list(ids)

    def ref(record: dict[str, Any], key: str) -> str | None:
        target = record.get(key)
        if target is None or target == END or target in ids:
            return target
        out.node(record["__values__"][key],
                 f"{key} refers to a step {target!r} that does not exist",
                 f"{did_you_mean(target, names)}steps: {', '.join(names)}, or 'end'")
        return None

    graph: dict[str, list[str]] = {}
    for step in steps:
        sid = step.get("id")
        targets: list[str | None] = []
        where = step["__node__"]
        label = f"step {sid!r}" if sid else "this step"
        turn = "choices" in step or "typed" in step
        if step.get("end"):
            if turn:
                out.node(where, f"{label} is an end step but also gives the learner a turn",
                         "remove 'end: true', or remove its choices/typed")
        elif not turn:
            out.node(where, f"{label} gives the learner nothing to do",
                     "add choices or typed, or mark it 'end: true'")
        if "farewell" in step and not step.get("end"):
            out.node(step["__keys__"]["farewell"], f"farewell on {label}, which is not an end step",
                     "a step's farewell overrides the call's only where the call ends")
        for choice in step.get("choices", []):
            if choice is None:
                continue
            targets.append(ref(choice, "next"))
            both = set(choice.get("follows", [])) & set(choice.get("breaks", []))
            if both:
                out.node(choice["__node__"],
                         f"a choice both follows and breaks {', '.join(sorted(both))}",
                         "list each principle under follows or breaks, not both")
        typed = step.get("typed")
        if typed:
            targets.append(ref(typed, "default"))
            targets.extend(ref(r, "next") for r in typed.get("routes", []) if r)
            for route in typed.get("routes", []):
                if route and route.get("when") is not None and not any(
                    route["when"].get(k) for k in ("all", "any", "none")
                ):
                    out.node(route["__values__"]["when"], "this condition is empty",
                             "name signals under all, any or none")
        if sid in ids and ids[sid] is step:
            graph[sid] = [t for t in targets if t is not None]

    start = ref(raw, "start") if "start" in raw else (names[0] if names else None)
    if start is None or start == END or not ids:
        if start == END:
            out.node(raw["__values__"]["start"], "the call cannot start at 'end'",
                     "name the first step")
        return
    if out.problems:
        return  # reachability over a broken graph would only repeat the errors above
    reachable = _reach(start, graph)
    for sid, step in ids.items():
        if sid not in reachable:
            out.node(step["__values__"]["id"], f"step {sid!r} can never be reached",
                     f"no choice or route leads to it from {start!r}; link it or remove it")
    ends = {sid for sid, step in ids.items() if step.get("end")}
    finishing = _finishing(graph, ends)
    for sid in reachable:
        if sid not in finishing:
            out.node(ids[sid]["__values__"]["id"], f"from step {sid!r} the call can never end",
                     "give one of its paths a choice with 'next: end' or an end step")
    closing = [sid for sid, step in ids.items() if step.get("closing")]
    if not closing:
        out.node(raw["__keys__"]["steps"], "no step is marked as the closing",
                 "add 'closing: true' to the steps where the learner closes the call")
    elif not any(sid in reachable for sid in closing):
        out.node(ids[closing[0]]["__values__"]["id"], "the closing can never be reached",
                 f"link a step reachable from {start!r} to {closing[0]!r}")
    _check_rubric(raw.get("rubric"), out)


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


def _check_rubric(rubric: dict[str, Any] | None, out: _Collector) -> None:
    if not rubric:
        return
    weights = rubric.get("weights")
    # Weights not written keep their defaults, so only zeroing all seven leaves no points.
    if weights is not None and not any({**DEFAULT_WEIGHTS, **weights}.values()):
        out.node(rubric["__values__"]["weights"], "every weight is 0",
                 "give at least one principle some points")
    seen: dict[str, yaml.Node] = {}
    for fact in rubric.get("facts", []):
        if fact and "id" in fact:
            if fact["id"] in seen:
                out.node(fact["__values__"]["id"], f"duplicate fact id {fact['id']!r}",
                         "fact ids must be unique")
            seen[fact["id"]] = fact["__values__"]["id"]


# --- building the model ----------------------------------------------------------------------

def _farewell(raw: dict[str, Any]) -> Farewell:
    return Farewell(raw["text"], raw.get("pause", 1.0), raw.get("pace", "calm"),
                    raw.get("hang_up_after", 3.0))


def _step(raw: dict[str, Any]) -> Step:
    typed = raw.get("typed")
    return Step(
        id=raw["id"],
        other=tuple(Line(r["text"], r.get("pace", "calm"), r.get("pause", 0.0))
                    for r in raw.get("other", [])),
        choices=tuple(
            Choice(c["text"], c["next"], c.get("pace", "calm"),
                   Annotation(tuple(c.get("follows", ())), tuple(c.get("breaks", ())),
                              c.get("why"), c.get("better")))
            for c in raw.get("choices", [])
        ),
        typed=None if typed is None else TypedTurn(
            default=typed["default"],
            prompt=typed.get("prompt"),
            routes=tuple(
                Route(Condition(tuple(r["when"].get("all", ())), tuple(r["when"].get("any", ())),
                                tuple(r["when"].get("none", ()))), r["next"])
                for r in typed.get("routes", [])
            ),
            better=typed.get("better"),
        ),
        closing=raw.get("closing", False),
        end=raw.get("end", False),
        farewell=_farewell(raw["farewell"]) if "farewell" in raw else None,
    )


def _build(raw: dict[str, Any], path: Path) -> Scenario:
    steps = {s["id"]: _step(s) for s in raw["steps"]}
    rubric = raw.get("rubric", {})
    examples = raw.get("examples")
    return Scenario(
        id=raw["id"],
        title=raw["title"],
        lang=raw["lang"],
        summary=raw["summary"],
        learner=Brief(raw["learner"]["role"], raw["learner"]["goal"]),
        other=Party(raw["other"]["name"], raw["other"]["role"], raw["other"].get("gender")),
        steps=steps,
        start=raw.get("start", next(iter(steps))),
        farewell=_farewell(raw["farewell"]),
        rubric=Rubric(
            weights={**DEFAULT_WEIGHTS, **rubric.get("weights", {})},
            pass_mark=rubric.get("pass_mark", 80),
            facts=tuple(Fact(f["id"], f["label"], f["pattern"]) for f in rubric.get("facts", [])),
        ),
        difficulty=raw.get("difficulty", "medium"),
        kind=raw.get("kind", ""),
        tags=tuple(raw.get("tags", ())),
        examples=None if examples is None else Examples(
            *(tuple(ExampleLine(e["who"], e["text"], e.get("pace", "calm"), e.get("pause", 0.0))
                    for e in examples[k]) for k in ("rushed", "calm"))
        ),
        source=path,
    )

