"""The map of a call: steps, the ways out of each, the closing and the end, and where you are.

Built from ``tutor.authoring.graph``'s ``CallMap``, the same graph ``tutor graph`` prints.
Every step is a branch of the tree and every way out a leaf naming the step it leads to;
Enter on a leaf jumps to that step.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Tree

from tutor.authoring.graph import CallMap, Edge, Node, short_text
from tutor.locale import Lang, text
from tutor.scenario.model import END

#: What marks the current step, before its id.
HERE = "▶ "


def edge_text(lang: Lang, edge: Edge) -> str:
    """A way out of a step, in the learner's language: ``1. Thanks! (follows x) → wrap``.

    Choices are cut short so that where they lead stays in view; the file has the whole line.
    """
    target = text(lang, "ui.map_end") if edge.target == END else edge.target
    if edge.kind == "choice":
        marks = [text(lang, f"ui.map_{word}", names=", ".join(names)) for word, names in
                 (("follows", edge.follows), ("breaks", edge.breaks)) if names]
        shown = f" ({'; '.join(marks)})" if marks else ""
        return f"{edge.number}. {short_text(edge.text)}{shown} → {target}"
    if edge.kind == "typed":
        when = text(lang, "ui.map_otherwise") if edge.when == "otherwise" else edge.when
        return f"{text(lang, 'ui.map_typed')}: {when} → {target}"
    return f"{text(lang, 'ui.map_farewell')} → {target}"


def node_text(lang: Lang, node: Node, current: bool) -> str:
    """A step: ``▶ wrap (closing, end)`` when the call is there."""
    notes = [text(lang, f"ui.map_{kind}") for kind, on in
             (("start", node.start), ("closing", node.closing), ("end_step", node.end)) if on]
    label = f"{node.id} ({', '.join(notes)})" if notes else node.id
    return HERE + label if current else label


class CallMapScreen(ModalScreen[None]):
    """The call's steps as a tree over the call; Escape or F2 closes it."""

    CSS_PATH = "call_map.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f2,q", "dismiss", show=False),
    ]

    def __init__(self, lang: Lang, title: str, graph: CallMap, current: str) -> None:
        super().__init__()
        self.lang = lang
        self.title_text = title
        self.graph = graph
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="map-box") as box:
            box.border_title = Content(text(self.lang, "ui.map_title", title=self.title_text))
            box.border_subtitle = Content(text(self.lang, "ui.map_close"))
            yield Tree(Text(self.graph.id), id="call-map")

    def on_mount(self) -> None:
        tree: Tree[str] = self.query_one("#call-map", Tree)
        tree.show_root = False
        here = None
        for node in self.graph.nodes:
            current = node.id == self.current
            branch = tree.root.add(Text(node_text(self.lang, node, current),
                                        style="bold reverse" if current else "bold"),
                                   data=node.id, expand=True)
            for edge in node.edges:
                branch.add_leaf(Text(edge_text(self.lang, edge)), data=edge.target)
            if current:
                here = branch
        tree.root.expand()
        if here is not None:
            tree.move_cursor(here)
        tree.focus()

    @on(Tree.NodeSelected, "#call-map")
    def _jump(self, event: Tree.NodeSelected[str]) -> None:
        """Enter on a way out goes to the step it leads to."""
        if event.node.children or event.node.data is None:
            return
        tree: Tree[str] = self.query_one("#call-map", Tree)
        for branch in tree.root.children:
            if branch.data == event.node.data:
                tree.move_cursor(branch)
                tree.scroll_to_node(branch)
