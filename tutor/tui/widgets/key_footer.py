"""The footer of keys: one widget drawing one line, redrawn only when its keys change."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class FooterKey(NamedTuple):
    """One key as the footer shows it."""

    key: str
    display: str
    description: str
    enabled: bool


#: Where a key is drawn, its index in the keys shown (the palette key is the last).
_META = "key_footer"


class KeyFooter(Widget, can_focus=False):
    """The active bindings as one line: each key, then what it does; the palette key at the right.

    Textual's ``Footer`` composes a widget per key, each styled and laid out on its own, and
    rebuilds them all whenever the bindings *may* have changed (each focus change). Here the
    keys are text in a single widget, redrawn only when the keys shown have changed. It looks
    like Textual's footer in its default (not compact) style.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key", "key-footer--description", "key-footer--hover", "key-footer--border",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--hover {
            background: $block-hover-background;
        }
        & > .key-footer--border {
            color: $foreground 20%;
        }
    }
    """

    #: The keys drawn, the palette key last when there is one; None until the bindings are ready.
    shown: tuple[FooterKey, ...] | None = None
    _has_palette = False
    _hover: int | None = None

    def _keys(self) -> tuple[tuple[FooterKey, ...], bool]:
        """The keys to show now, and whether the last of them is the palette key."""
        app = self.app
        bindings = self.screen.active_bindings
        # Like Textual's footer, one key per action: the first bound ("f1" of "f1" and "?").
        by_action: dict[str, FooterKey] = {}
        for _node, binding, enabled, _tooltip in bindings.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = FooterKey(
                    binding.key, app.get_key_display(binding), binding.description, enabled)
        keys = list(by_action.values())
        palette = bindings.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        if palette is not None:
            _node, binding, enabled, _tooltip = palette
            keys.append(FooterKey(binding.key, app.get_key_display(binding),
                                  binding.description, enabled))
        return tuple(keys), palette is not None

    def _item(self, index: int, key: FooterKey, compact: bool) -> Text:
        """One key and its description; ``compact`` without the padding around the key."""
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        pad = "" if compact else " "
        # Text.assemble takes the strings literally: descriptions are never read as markup.
        item = Text.assemble((f"{pad}{key.display}{pad}", key_style))
        if key.description:
            item.append(f" {key.description}" if compact else f"{key.description} ",
                        description_style)
        if index == self._hover:
            hover = self.get_component_rich_style("key-footer--hover")
            item.stylize(Style(bgcolor=hover.bgcolor))
        if not key.enabled:
            item.stylize(Style(dim=True))
        item.stylize(Style.from_meta({_META: index}))
        return item

    def render(self) -> Text:
        """The keys from the left, cut where the palette key starts at the right."""
        if not self.shown:
            return Text()
        keys = self.shown[:-1] if self._has_palette else self.shown
        line = Text.assemble(*(self._item(index, key, False) for index, key in enumerate(keys)))
        if not self._has_palette:
            return line
        palette = Text.assemble(("▏", self.get_component_rich_style("key-footer--border")),
                                self._item(len(keys), self.shown[-1], True), " ")
        line.truncate(max(0, self.size.width - palette.cell_len), overflow="crop", pad=True)
        return line + palette

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Redraw after the next refresh, unless the keys are still the ones shown."""
        # Before the first keys are drawn, even without the app's focus (as in a test).
        if self.is_attached and screen is self.screen and (
                self.shown is None or screen.app.app_focus):
            self.call_after_refresh(self._redraw_if_changed)

    def _redraw_if_changed(self) -> None:
        if not self.is_attached:
            return
        keys, has_palette = self._keys()
        if keys != self.shown or has_palette != self._has_palette:
            self.shown, self._has_palette = keys, has_palette
            self.refresh()

    def _key_at(self, event: events.MouseEvent) -> int | None:
        index = event.style.meta.get(_META)
        return index if isinstance(index, int) else None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on a key presses it (a bell if it is disabled), as in Textual's footer."""
        index = self._key_at(event)
        if index is None or self.shown is None:
            return
        key = self.shown[index]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the key under the pointer."""
        self._set_hover(self._key_at(event))

    def on_leave(self, _event: events.Leave) -> None:
        """No key is highlighted once the pointer has left."""
        self._set_hover(None)

    def _set_hover(self, index: int | None) -> None:
        if index != self._hover:
            self._hover = index
            self.refresh()

    def on_mount(self) -> None:
        """Follow the screen's bindings."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        """Stop following them."""
        self.screen.bindings_updated_signal.unsubscribe(self)
