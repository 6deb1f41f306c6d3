"""The footer draws the active keys as one line, redrawn only when they change; a click presses."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Static

from tests.support.tui import until
from tutor.tui.widgets.key_footer import KeyFooter


class Editor(Static, can_focus=True):
    """A widget with a key of its own, shown in the footer while it has focus."""

    BINDINGS = [Binding("ctrl+e", "app.pressed('edit')", "[b]Edit[/b]")]  # noqa: RUF012


class CountingFooter(KeyFooter):
    """The footer, counting how often it is drawn."""

    draws = 0

    def render(self) -> object:  # type: ignore[override]
        self.draws += 1
        return super().render()


class Keys(App[None]):
    BINDINGS = [Binding("ctrl+y", "pressed('quit')", "Quit-ish")]  # noqa: RUF012

    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")
        yield Editor("editor", id="editor")
        yield CountingFooter()

    def action_pressed(self, what: str) -> None:
        """Note which key's action ran."""
        self.pressed.append(what)


def _footer(app: Keys) -> CountingFooter:
    return app.query_one(CountingFooter)


def _labels(app: Keys) -> list[str]:
    return [key.description for key in _footer(app).shown or ()]


def _line(app: Keys) -> str:
    return str(_footer(app).render())


async def test_moving_focus_between_widgets_with_the_same_keys_keeps_the_footer() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        app.query_one("#one").focus()
        await until(pilot, lambda: "Quit-ish" in _line(app))
        for _ in range(3):
            await pilot.pause()
        draws = _footer(app).draws
        app.query_one("#two").focus()
        for _ in range(3):
            await pilot.pause()
        assert _footer(app).draws == draws  # not drawn again: the keys are the same


async def test_a_focused_widget_with_its_own_key_adds_it_and_takes_it_away() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        app.query_one("#one").focus()
        await until(pilot, lambda: "Quit-ish" in _line(app))
        assert "Edit" not in _line(app)
        app.query_one("#editor").focus()
        await until(pilot, lambda: "Edit" in _line(app))
        app.query_one("#two").focus()
        await until(pilot, lambda: "Edit" not in _line(app))


async def test_each_key_shows_its_display_name_then_its_description() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        await until(pilot, lambda: "Quit-ish" in _line(app))
        assert " ^y Quit-ish " in _line(app)


async def test_a_description_is_shown_as_written_not_as_markup() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        app.query_one("#editor").focus()
        await until(pilot, lambda: "Edit" in _line(app))
        assert "^e [b]Edit[/b] " in _line(app)


async def test_clicking_a_key_runs_its_action() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        app.query_one("#editor").focus()
        await until(pilot, lambda: "[b]Edit[/b]" in _labels(app))
        edit_at = _line(app).index("[b]Edit[/b]")
        await pilot.click(CountingFooter, offset=(edit_at, 0))
        await until(pilot, lambda: app.pressed == ["edit"])
        await pilot.click(CountingFooter, offset=(_line(app).index("Quit-ish"), 0))
        await until(pilot, lambda: app.pressed == ["edit", "quit"])


class TwoKeysOneAction(App[None]):
    BINDINGS = [Binding("f1,question_mark", "noop", "Help")]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        yield KeyFooter()

    def action_noop(self) -> None:
        """Nothing: only the footer matters here."""


async def test_an_action_bound_to_two_keys_shows_only_the_first() -> None:
    app = TwoKeysOneAction()
    async with app.run_test() as pilot:
        footer = app.query_one(KeyFooter)
        await until(pilot, lambda: bool(footer.shown))
        assert [(key.key, key.description) for key in footer.shown or ()
                if key.key != "ctrl+p"] == [("f1", "Help")]
