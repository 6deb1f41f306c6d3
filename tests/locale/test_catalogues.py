"""Every registered language has every text, filled only with values English fills too."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from conftest import REPO

from tutor.locale import (
    FALLBACK,
    LANGS,
    LANGUAGES,
    LanguageFileError,
    as_lang,
    catalogue,
    language_name,
    read_language_file,
    text,
)

KEY_LITERAL = re.compile(r"""["']((?:ui|feedback|report|plain|cli|speech)\.[a-z_.]+[a-z])["']""")


def _fields(value: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(value) if name}


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_every_key_of_english(lang: str) -> None:
    english, own = catalogue(FALLBACK), catalogue(lang)
    assert set(own) == set(english), set(own) ^ set(english)


@pytest.mark.parametrize("lang", LANGS)
def test_texts_are_not_blank_and_ask_for_no_value_english_lacks(lang: str) -> None:
    # A language may leave a value out (Russian avoids declining the other party's name).
    english, own = catalogue(FALLBACK), catalogue(lang)
    for key, value in own.items():
        assert value.strip(), key
        assert _fields(value) <= _fields(english[key]), key


def test_keys_are_namespaced() -> None:
    namespaces = {key.split(".", 1)[0] for key in catalogue(FALLBACK)}
    assert namespaces == {"ui", "feedback", "report", "plain", "cli", "speech", "call"}


def test_every_language_is_named_in_every_other() -> None:
    for code in LANGS:
        for lang in LANGS:
            assert language_name(code, lang) != "", (code, lang)
    assert language_name("ru", "en") == "Russian"
    assert language_name("en", "ru") == "Английский"
    assert language_name("ru", "ru") == "Русский"


def test_text_fills_placeholders_in_the_language_asked() -> None:
    assert text("ru", "ui.best", score=90) == "лучший 90"
    assert text("en", "ui.best", score=90) == "best 90"


def test_only_registered_codes_are_languages() -> None:
    assert as_lang("ru") == "ru"
    assert as_lang("xx") is None
    assert as_lang(None) is None


def test_every_language_says_how_it_is_voiced_and_written() -> None:
    for language in LANGUAGES.values():
        assert language.voice
        assert language.script in ("latin", "cyrillic")


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    # Keys built at run time (``f"ui.action.{reason}"``) are covered by the tests of their
    # screens; this catches a literal id that was mistyped or never written.
    named = {
        match.group(1)
        for path in (REPO / "tutor").rglob("*.py")
        for match in KEY_LITERAL.finditer(path.read_text("utf-8"))
    }
    assert named, "the pattern finds the ids the code names"
    assert sorted(named - set(catalogue(FALLBACK))) == []



def test_a_broken_language_file_is_named_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "xx.yaml"
    path.write_text("code: xx\nnative: [unclosed\n", "utf-8")
    with pytest.raises(LanguageFileError, match=rf"^{re.escape(str(path))}:3:1: not valid YAML"):
        read_language_file(path)


def test_a_language_file_without_its_texts_says_what_it_needs(tmp_path: Path) -> None:
    path = tmp_path / "xx.yaml"
    path.write_text("code: xx\nnative: Ex\n", "utf-8")
    with pytest.raises(LanguageFileError, match="'text' a mapping of ids to text"):
        read_language_file(path)


def test_a_language_file_adds_a_language_with_its_texts() -> None:
    language, texts = read_language_file(REPO / "tests/fixtures/toy-language/languages/pig.yaml")
    assert language.code == "pig"
    assert language.name_in("en") == "Pig Latin"
    assert language.name_in("pig") == "Igpay Atinlay"
    assert texts["ui.you"] == "Ouyay"
