"""The app's interface text, looked up in the ``ui.*`` namespace of ``tutor.locale``.

A thin bridge kept for the app module while it is being slimmed; screens use the locale
package directly.
"""

from __future__ import annotations

from tutor.locale import Lang as UiLang
from tutor.locale import as_lang as as_ui_lang
from tutor.locale import system_lang, text

__all__ = ["UiLang", "as_ui_lang", "system_lang", "t"]


def t(lang: UiLang, key: str, **values: object) -> str:
    """The ``ui.<key>`` text in ``lang``, with ``{name}`` placeholders filled in."""
    return text(lang, f"ui.{key}", **values)
