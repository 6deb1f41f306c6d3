"""Problems found in a scenario file, each pinned to a line and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from tutor.scenario.spec import mark_of


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file, where it is (1-based) and how to fix it."""

    path: Path
    line: int
    column: int
    message: str
    hint: str = ""

    def format(self) -> str:
        """``path:line:column: message`` plus an indented hint line when there is one."""
        head = f"{self.path}:{self.line}:{self.column}: {self.message}"
        return f"{head}\n    hint: {self.hint}" if self.hint else head

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {
            "path": str(self.path),
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
        }


class ScenarioError(Exception):
    """Raised when a scenario cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))


class Collector:
    """Gathers the problems of one file as each check finds them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def at(self, line: int, column: int, message: str, hint: str = "") -> None:
        """A problem at a 1-based line and column."""
        self.problems.append(Problem(self.path, line, column, message, hint))

    def node(self, node: yaml.Node, message: str, hint: str = "") -> None:
        """A problem where ``node`` starts."""
        self.at(*mark_of(node), message, hint)
