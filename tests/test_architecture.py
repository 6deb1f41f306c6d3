"""The layering of ``tutor/``, read from the imports themselves (module level and in functions).

Imports under ``if TYPE_CHECKING:`` count as well: a type that comes from above is a layer
crossed all the same.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tutor"
#: The front ends: only they may import Textual, the CLI or the TUI. The workshop server is
#: one (textual-serve, its app's web driver, the trainer's dashboard).
FRONT_ENDS = ("tutor.tui", "tutor.cli", "tutor.__main__", "tutor.workshop")
ABOVE_THE_CORE = ("textual", "tutor.cli", "tutor.tui")

#: Imports that close a cycle in another piece of work, with why they are still there. Each
#: must go; the day its cycle is gone, its xfail below fails (strict) and the entry is removed.
KNOWN_CYCLES: dict[tuple[str, str], str] = {
    ("tutor.tui.app", "tutor.cli"):
        "tutor/tui/app.py imports detector() from tutor/cli.py, which imports the TUI "
        "(the detector is moving into tutor/signals)",
    ("tutor.tui.commands", "tutor.tui.app"):
        "tutor/tui/commands.py imports TutorApp from tutor/tui/app.py (for type hints), "
        "which imports the command palette from tutor/tui/commands.py",
}


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
    known = {importer: {target} for importer, target in KNOWN_CYCLES}
    edges = {name: targets - known.get(name, set()) for name, targets in graph().items()}
    assert [sorted(c) for c in cycles(edges)] == []


@pytest.mark.parametrize("edge", list(KNOWN_CYCLES), ids=" imports ".join)
def test_a_known_cycle_is_still_there(edge: tuple[str, str], request: pytest.FixtureRequest
                                      ) -> None:
    request.applymarker(pytest.mark.xfail(reason=KNOWN_CYCLES[edge], strict=True))
    assert not any(set(edge) <= component for component in cycles(graph()))


def test_only_the_front_ends_import_textual_the_cli_or_the_tui() -> None:
    crossings = sorted(
        f"{name} imports {target}"
        for name, path in modules().items()
        if not name.startswith(FRONT_ENDS)
        for target in imported(path)
        if target.startswith(ABOVE_THE_CORE)
    )
    assert crossings == []
