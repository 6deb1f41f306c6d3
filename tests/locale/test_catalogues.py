"""Every registered language has every text, filled only with values English fills too."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from tests.support.paths import REPO
from tutor.feedback.principles import name_key
from tutor.locale import (
    FALLBACK,
    GENDERED,
    LANGS,
    LANGUAGES,
    LanguageFileError,
    as_lang,
    catalogue,
    language_name,
    read_language_file,
    text,
)
from tutor.principles import PRINCIPLES
from tutor.signals.types import SIGNALS

KEY_LITERAL = re.compile(r"""["']((?:ui|feedback|report|plain|cli|speech)\.[a-z_.]+[a-z])["']""")


def _fields(value: str) -> set[str]:
    """The fields a text fills, also those inside the forms of a gender field."""
    found: set[str] = set()
    for _, name, spec, _ in string.Formatter().parse(value):
        found |= {name} if name else set()
        found |= _fields(spec) if spec else set()
    return found


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
        # The genders of the two people are always at hand, for languages that need them.
        assert _fields(value) <= _fields(english[key]) | set(GENDERED), key


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
    assert text("ru", "ui.best", score=90) == "лучший: 90"
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



def test_every_signal_has_a_name_to_show() -> None:
    # ``tutor check`` and the report name each signal they found through a key built at run
    # time; a signal added to the detector without its name crashed ``check``.
    assert [s for s in SIGNALS if f"report.signal.{s}" not in catalogue(FALLBACK)] == []


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


@pytest.mark.parametrize("lang", LANGS)
def test_principle_names_are_short_and_have_no_comma(lang: str) -> None:
    # Reports join several names with commas; a comma inside one would garble the list.
    for principle in PRINCIPLES:
        name = text(lang, name_key(principle))
        assert "," not in name, name
        assert len(name.split()) <= 7, name


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("gender", ["male", "female", None])
def test_every_text_renders_for_every_gender(lang: str, gender: str | None) -> None:
    # A gender field with the wrong number of forms, or a plural field on a value that is
    # not a number, fails here rather than on the learner's screen.
    for key, value in catalogue(lang).items():
        values = {name: 3 for name in _fields(value) - set(GENDERED)}
        shown = text(lang, key, other=gender, you=gender, **values)
        assert "{" not in shown and "|" not in shown, key


# Words that drifted from the glossary at the top of each catalogue, or that misled: closing
# is «прощание», a call is practised, not played, «скороговоркой» is the one word for rushed...
RETIRED = {
    "ru": ["финал", "сыгра", "играть", "игра", "торопливо", "скомкан", "заметк", "незачёт",
           "зачёт", "выполнено", "упущено", "Держите темп", "Никаких недомолвок",
           "Здесь нет шагов прощания", "повесткой", "на одном дыхании", "Ваша часть",
           "Это оба варианта", "Голое", "(а)", "(ась)", "последним"],
    "en": ["Play:", "play this", "play the", "not played", "Leave no loose ends", "Keep your pace",
           "That was both", "Your part", "(s)"],
}


@pytest.mark.parametrize("lang", sorted(RETIRED))
def test_retired_words_stay_out_of_the_catalogue(lang: str) -> None:
    for key, value in catalogue(lang).items():
        for word in RETIRED[lang]:
            assert word not in value, (key, word)


def test_each_catalogue_opens_with_its_glossary() -> None:
    for lang in ("en", "ru"):
        source = (REPO / "tutor" / "locale" / f"{lang}.py").read_text("utf-8")
        head = source.split("TEXT", 1)[0]
        assert "Glossary" in head or "Словарь" in head, lang
