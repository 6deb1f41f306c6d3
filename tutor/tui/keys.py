"""Key bindings declared once, shown translated in the footer and listed in the help screen."""

from __future__ import annotations

from textual.dom import DOMNode

from tutor.locale import Lang, text


class KeySpec:
    """One binding: ``label`` (footer) and ``help`` (help screen) are ``ui.*`` ids.

    The ids are written without the ``ui.`` namespace, which every one of them shares. A plain
    class: every screen's keys are declared at import, on the way to the first frame (see
    ``tutor.tui.startup``).
    """

    __slots__ = ("action", "display", "help", "keys", "label", "priority", "show")

    def __init__(self, keys: str, action: str, label: str, help: str, display: str,
                 show: bool = True, priority: bool = False) -> None:
        self.keys = keys
        self.action = action
        self.label = label
        self.help = help
        self.display = display
        self.show = show
        self.priority = priority


#: Keys every screen offers; actions live on the app.
COMMON_KEYS: tuple[KeySpec, ...] = (
    KeySpec("ctrl+s", "app.toggle_speech", "key_speech", "help_speech", "Ctrl+S", show=False),
    KeySpec("f1,question_mark", "app.help", "key_help", "help_help", "F1 / ?", show=True),
    KeySpec("ctrl+t", "app.toggle_theme", "key_theme", "help_theme", "Ctrl+T", show=False),
    # Not in the row of keys: the footer shows the palette key at its right end, with this label.
    KeySpec("ctrl+p", "app.command_palette", "key_palette", "help_palette", "Ctrl+P", show=False),
    KeySpec("ctrl+q", "app.quit", "key_quit", "help_quit", "Ctrl+Q", show=False),
)


#: The speech key as screens that speak show it in their footer (it works everywhere).
SPEECH_KEY = KeySpec("ctrl+s", "app.toggle_speech", "key_speech", "help_speech", "Ctrl+S")

#: The progress keys of the library and the debrief, kept apart from their other keys.
#: "n" stays out of the footer: the practise-next line names it where it applies.
PROGRESS_KEYS = (
    KeySpec("p", "progress", "key_progress", "help_progress", "p"),
    KeySpec("n", "practise_next", "key_next", "help_next", "n", show=False),
)


def screen_keys(own: tuple[KeySpec, ...]) -> tuple[KeySpec, ...]:
    """A screen's keys, then the common ones it does not declare itself."""
    taken = {spec.keys for spec in own if spec.keys}
    return own + tuple(spec for spec in COMMON_KEYS if spec.keys not in taken)


def install_keys(node: DOMNode, lang: Lang, specs: tuple[KeySpec, ...]) -> None:
    """Bind ``specs`` on ``node`` with descriptions in ``lang``.

    Class-level BINDINGS cannot follow a language chosen at run time, so the translated
    bindings are added to this instance's own map (copied per instance by Textual).
    """
    for spec in specs:
        if not spec.action:
            continue  # handled by a widget; listed for the help screen
        # "{key}" in an action is the key itself: "1,2,3" with "choose({key})".
        for key in spec.keys.split(","):
            node._bindings.bind(
                key, spec.action.format(key=key),
                text(lang, f"ui.{spec.label}") if spec.label else "",
                show=spec.show, key_display=spec.display.split(" / ")[0],
                priority=spec.priority,
            )


def help_rows(lang: Lang, specs: tuple[KeySpec, ...]) -> list[tuple[str, str]]:
    """(keys, what they do) for the help screen."""
    return [(spec.display, text(lang, f"ui.{spec.help}")) for spec in specs]
