"""Text for people: the registry of languages tutor speaks and one catalogue per language.

Plain Python, used by every front end and by the evaluator. English and Russian ship as
modules beside this one (``en.py``, ``ru.py``); more languages come from YAML files in the
folders named by ``$TUTOR_LANGUAGES`` (see ``docs/languages.md``). Texts are keyed by
namespaced ids: ``ui.*`` the app, ``feedback.*`` the evaluator, ``report.*`` transcripts and
exported reports, ``plain.*`` plain play, ``cli.*`` other commands, ``speech.*`` why speech
is silent, ``call.*`` what the other party says unscripted (to silence). A language also
needs its cue file for the signals analyzer and its scenarios; nothing else in tutor names
languages.
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple compiles every string
# annotation, which costs more than the rest of this module at every start
# (tutor/tui/startup.py).

import importlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from tutor.locale.grammar import ByGender, Quantity, number_text, plural_form

#: A registered language's code ("en", "ru", ...).
Lang = str
#: Folders (joined with the path separator) holding ``<code>.yaml`` language files.
LANGUAGES_ENV = "TUTOR_LANGUAGES"
#: The language a missing text falls back to.
FALLBACK: Lang = "en"


# A NamedTuple, not a dataclass: the command line reads this registry for its choices, and
# ``tutor list`` starts without importing dataclasses at all.
class Language(NamedTuple):
    """One language: what it is called, how it is voiced and which letters it is written in."""

    code: Lang
    native: str  # its name in itself
    names: Mapping[Lang, str]  # its name in other languages
    voice: str = ""  # the preferred speech voice (an espeak-ng id); "" for the engine's pick
    script: str = "latin"  # the letters that tell a typed line is in it: latin or cyrillic
    plural: str = "one_other"  # its plural rule (tutor.locale.grammar.PLURAL_RULES)
    decimal: str = "."  # its decimal mark

    def name_in(self, lang: Lang) -> str:
        """What the language is called in ``lang`` (its own name when no other is known)."""
        return self.native if lang == self.code else self.names.get(lang, self.native)


class LanguageFileError(ValueError):
    """A language file named by ``$TUTOR_LANGUAGES`` cannot be used; the message says why."""


_BUILT_IN = (
    Language("ru", "Русский", {"en": "Russian"}, voice="zle/ru", script="cyrillic",
             plural="east_slavic", decimal=","),
    Language("en", "English", {"ru": "Английский"}, voice="gmw/en-us", script="latin"),
)
_CATALOGUES: dict[Lang, Mapping[str, str]] = {}


def read_language_file(path: Path) -> tuple[Language, dict[str, str]]:
    """A language and its texts from a ``<code>.yaml`` file; raises LanguageFileError."""
    import yaml  # only when extra languages are configured: start-up stays fast without

    try:
        data: Any = yaml.safe_load(path.read_text("utf-8"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise LanguageFileError(f"{where}: not valid YAML: {exc.problem}") from exc
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LanguageFileError(f"{path}: cannot read this language file: {exc}") from exc
    if not isinstance(data, dict):
        raise LanguageFileError(f"{path}: expected a mapping with code, native and text")
    text = data.get("text")
    if (not isinstance(data.get("code"), str) or not isinstance(data.get("native"), str)
            or not isinstance(text, dict)):
        raise LanguageFileError(
            f"{path}: 'code' and 'native' must be text and 'text' a mapping of ids to text")
    names = data.get("names") or {}
    language = Language(data["code"], data["native"], {str(k): str(v) for k, v in names.items()},
                        voice=str(data.get("voice") or ""),
                        script=str(data.get("script") or "latin"),
                        plural=str(data.get("plural") or "one_other"),
                        decimal=str(data.get("decimal") or "."))
    return language, {str(k): str(v) for k, v in text.items()}


def _register() -> dict[Lang, Language]:
    languages = {language.code: language for language in _BUILT_IN}
    for folder in filter(None, os.environ.get(LANGUAGES_ENV, "").split(os.pathsep)):
        for path in sorted(Path(folder).glob("*.yaml")):
            language, text = read_language_file(path)
            languages[language.code] = language
            _CATALOGUES[language.code] = text
    return languages


#: Every language tutor speaks, by code, built-in ones first.
LANGUAGES: dict[Lang, Language] = _register()
#: Their codes, for command-line choices and validation.
LANGS: tuple[Lang, ...] = tuple(LANGUAGES)


def catalogue(lang: Lang) -> Mapping[str, str]:
    """Every text of ``lang`` by id; loaded on first use."""
    found = _CATALOGUES.get(lang)
    if found is None:
        # A data import, not a cycle: the catalogues import nothing.
        found = _CATALOGUES[lang] = importlib.import_module(f"tutor.locale.{lang}").TEXT
    return found


#: The values that hold a person's gender rather than text: the other party's, the learner's.
GENDERED = ("other", "you")


class _Values(dict[str, object]):
    # A field the caller did not fill is shown as written rather than failing the whole text.
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def text(lang: Lang, key: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` (English if that language lacks it), filled in.

    The values ``other`` and ``you`` are the genders (``"male"``, ``"female"`` or None) of
    the other party and of the learner, for ``{other:…|…|…}`` and ``{you:…|…|…}`` fields;
    numbers may take a noun that agrees with them (see ``tutor.locale.grammar``).
    """
    found = lookup(lang, key)
    if found is None:
        found = catalogue(FALLBACK)[key]
        lang = FALLBACK
    if "{" not in found:
        return found
    language = LANGUAGES.get(lang) or LANGUAGES[FALLBACK]
    filled = _Values()
    for name, value in {"other": None, "you": None, **values}.items():
        if name in GENDERED:
            value = ByGender(value if isinstance(value, str) else None)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            value = Quantity(value, language.plural, language.decimal)
        filled[name] = value
    return found.format_map(filled)


def lookup(lang: Lang, key: str) -> str | None:
    """The text for ``key`` exactly as ``lang``'s catalogue has it, or None without a fallback."""
    return catalogue(lang).get(key) if lang in LANGUAGES else None


def plural(lang: Lang, count: float, forms: str) -> str:
    """``count`` and the form of ``forms`` ("one|few|many" in ``lang``'s rule) it takes:
    ``plural("ru", 21, "балл|балла|баллов")`` is "21 балл"."""
    language = LANGUAGES.get(lang) or LANGUAGES[FALLBACK]
    return f"{number_text(count, language.decimal)} {plural_form(count, forms, language.plural)}"


def number(lang: Lang, value: float) -> str:
    """``value`` written as ``lang`` writes numbers (``7,5`` in Russian)."""
    language = LANGUAGES.get(lang) or LANGUAGES[FALLBACK]
    return number_text(value, language.decimal)


def language_name(code: Lang, lang: Lang) -> str:
    """What the language ``code`` is called in ``lang``."""
    return LANGUAGES[code].name_in(lang)


def as_lang(value: str | None) -> Lang | None:
    """``value`` if it is a registered language's code, else None."""
    return value if value in LANGUAGES else None


def system_lang() -> Lang:
    """The interface language from the environment's locale; English when unsure."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return _match(value)
    import locale  # the standard library's; only when no variable says, to keep start-up fast

    return _match(locale.getlocale()[0] or "")


def _match(locale_name: str) -> Lang:
    code = locale_name.lower().replace("-", "_").split("_")[0].split(".")[0]
    return code if code in LANGUAGES else FALLBACK
