"""The footer keeps its key widgets while the keys stay the same, and follows them when not."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Static
from textual.widgets._footer import FooterKey

from tests.support.tui import until
from tutor.tui.widgets.key_footer import KeyFooter


class Editor(Static, can_focus=True):
    """A widget with a key of its own, shown in the footer while it has focus."""

    BINDINGS = [Binding("ctrl+e", "noop", "Edit")]  # noqa: RUF012

    def action_noop(self) -> None:
        """Nothing: only the footer matters here."""


class Keys(App[None]):
    BINDINGS = [Binding("ctrl+y", "noop", "Quit-ish")]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")
        yield Editor("editor", id="editor")
        yield KeyFooter()

    def action_noop(self) -> None:
        """Nothing: only the footer matters here."""


def _labels(app: Keys) -> list[str]:
    return [str(key.description) for key in app.query(FooterKey)]


async def test_moving_focus_between_widgets_with_the_same_keys_keeps_the_footer() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        app.query_one("#one").focus()
        await until(pilot, lambda: "Quit-ish" in _labels(app))
        before = list(app.query(FooterKey))
        app.query_one("#two").focus()
        for _ in range(3):
            await pilot.pause()
        assert list(app.query(FooterKey)) == before  # the very same widgets: no rebuild


async def test_a_focused_widget_with_its_own_key_adds_it_and_takes_it_away() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        app.query_one("#one").focus()
        await until(pilot, lambda: "Quit-ish" in _labels(app))
        assert "Edit" not in _labels(app)
        app.query_one("#editor").focus()
        await until(pilot, lambda: "Edit" in _labels(app))
        app.query_one("#two").focus()
        await until(pilot, lambda: "Edit" not in _labels(app))
