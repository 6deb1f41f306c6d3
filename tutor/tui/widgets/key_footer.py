"""The footer of keys, rebuilt only when the keys it shows have changed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

#: What the footer shows of one binding: key, action, label, enabled, tooltip.
KeyView = tuple[str, str, str, bool, str]


class KeyFooter(Footer):
    """Textual's ``Footer`` without the rebuilds that change nothing.

    The footer rebuilds every key widget whenever the bindings *may* have changed, which
    includes each focus change: twice while the first screen appears, and whenever the learner
    moves between a call's lines and its text box. Most of those leave the keys as they were.
    """

    _shown: tuple[KeyView, ...] | None = None

    def _keys(self) -> tuple[KeyView, ...]:
        bindings = self.screen.active_bindings
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for _node, binding, enabled, tooltip in bindings.values() if binding.show
        )
        palette = bindings.get(self.app.COMMAND_PALETTE_BINDING)
        return shown + ((("palette", "", "", palette[2], ""),) if palette else ())

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Rebuild after the next refresh, unless the keys are still the ones shown."""
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        if self.is_attached and self._keys() != self._shown:
            await self.recompose()
