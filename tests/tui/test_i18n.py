"""Both interface languages have every string, with the same placeholders."""

from __future__ import annotations

import string

from tutor.export import _LABELS, PRINCIPLE_TITLES, VERDICT_TITLES
from tutor.tui.i18n import STRINGS, UI_LANGS


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_in_both_languages() -> None:
    en, ru = STRINGS["en"], STRINGS["ru"]
    assert set(en) == set(ru), set(en) ^ set(ru)
    for key in en:
        assert en[key].strip() and ru[key].strip(), key
        assert _fields(en[key]) == _fields(ru[key]), key


def test_export_labels_in_both_languages() -> None:
    for table in (_LABELS, PRINCIPLE_TITLES, VERDICT_TITLES):
        assert set(table) == set(UI_LANGS)
        assert set(table["en"]) == set(table["ru"])
