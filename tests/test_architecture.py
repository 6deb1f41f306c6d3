"""The layering of ``tutor/``, read from the imports themselves (module level and in functions).

Imports under ``if TYPE_CHECKING:`` count as well: a type that comes from above is a layer
crossed all the same.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tutor"
#: The front ends: only they may import Textual, the CLI or the TUI. The workshop server is
#: one (textual-serve, its app's web driver, the trainer's dashboard).
FRONT_ENDS = ("tutor.tui", "tutor.cli", "tutor.__main__", "tutor.workshop")
ABOVE_THE_CORE = ("textual", "tutor.cli", "tutor.tui")

#: The layers of the package, lowest first: a module imports only from its own layer or below.
#: Data flows up: files -> scenarios and cues -> a played call -> its evaluation -> a record
#: -> what people see. Every module must be listed (a new one is placed on purpose).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("tutor", "tutor.locale", "tutor.principles", "tutor.storage", "tutor.safe_text",
     "tutor.console", "tutor.suggest", "tutor.safe_yaml", "tutor.patterns"),
    ("tutor.scenario", "tutor.signals"),
    ("tutor.dialogue", "tutor.play", "tutor.practice"),
    ("tutor.feedback", "tutor.hints"),
    ("tutor.report", "tutor.session", "tutor.store", "tutor.progress", "tutor.practice_next",
     "tutor.settings"),
    ("tutor.export", "tutor.listen", "tutor.plain", "tutor.authoring",
     "tutor.commands", "tutor.speech"),
    ("tutor.cli", "tutor.tui", "tutor.workshop", "tutor.__main__"),
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name."""
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imported(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, wherever the import statement sits."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                # ``from tutor.scenario import sources`` imports the module, not the package's
                # own code beyond what every submodule import runs.
                sub = f"{base}.{alias.name}"
                yield sub if sub in modules() else base


@cache
def graph() -> dict[str, frozenset[str]]:
    """Module -> the tutor modules it imports."""
    return {name: frozenset(m for m in imported(path) if m in modules() and m != name)
            for name, path in modules().items()}


def cycles(edges: dict[str, frozenset[str]]) -> list[frozenset[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_a_cycle_is_found_however_long_it_is() -> None:
    edges = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}),
             "d": frozenset({"a"})}
    assert cycles(edges) == [frozenset({"a", "b", "c"})]


def test_the_graph_sees_imports_inside_functions() -> None:
    # tutor.cli imports its commands' modules only when a command runs.
    assert "tutor.scenario.sources" in graph()["tutor.cli"]


def test_no_import_cycles_among_tutor_modules() -> None:
    assert [sorted(c) for c in cycles(graph())] == []


def layer_of(name: str) -> int | None:
    """The index in LAYERS of the most specific prefix that names ``name``."""
    best: tuple[int, int] | None = None  # (prefix length, layer)
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            # "tutor" names the package's own __init__ only, not everything below it.
            below = prefix != "tutor" and name.startswith(prefix + ".")
            if (name == prefix or below) and (
                    best is None or len(prefix) > best[0]):
                best = (len(prefix), index)
    return None if best is None else best[1]


def test_every_module_has_a_layer() -> None:
    assert [name for name in sorted(modules()) if layer_of(name) is None] == []


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    upward = sorted(
        f"{name} (layer {layer_of(name)}) imports {target} (layer {layer_of(target)})"
        for name, targets in graph().items()
        for target in targets
        if (layer_of(target) or 0) > (layer_of(name) or 0)
    )
    assert upward == []


def test_the_layer_rule_sees_an_upward_import() -> None:
    # The check above would pass vacuously if layer_of put everything on one layer.
    loader, evaluator = layer_of("tutor.scenario.loader"), layer_of("tutor.feedback.evaluator")
    assert loader is not None and evaluator is not None and loader < evaluator
    assert layer_of("tutor.tui.app") == len(LAYERS) - 1


def test_only_the_front_ends_import_textual_the_cli_or_the_tui() -> None:
    crossings = sorted(
        f"{name} imports {target}"
        for name, path in modules().items()
        if not name.startswith(FRONT_ENDS)
        for target in imported(path)
        if target.startswith(ABOVE_THE_CORE)
    )
    assert crossings == []
