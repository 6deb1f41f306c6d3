"""Which words of an output are in the other language's letters.

An output in Russian must hold no Latin word and one in English no Cyrillic word, apart from
what tutor shows as it is: the scenario's own texts and names, the learner's typed lines, and a
short list of tokens that are the same in every language (key names, the program's name, its
commands). Those are taken out first; every word left must be in the language's script.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from typing import Any

from tutor.scenario.model import Scenario

LETTERS = re.compile(r"[^\W\d_]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")
#: Commands and paths are typed as they are, in any language: /wait, --scenarios, docs/x.md.
COMMANDS = re.compile(r"(?<!\w)/\w+|--[\w-]+|[\w./-]+\.(?:md|json|yaml|py)\b|\btutor \w+")
#: Tokens that are the same whatever the language: key names, the program, file formats,
#: language codes and single-letter keys.
ALLOWED = frozenset({
    "tutor", "Enter", "Esc", "Escape", "Tab", "Ctrl", "PgUp", "PgDn", "F", "N", "DIR",
    "YAML", "JSON", "Markdown", "RU", "EN", "ru", "en",
    *"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
})


def scenario_texts(scenario: Scenario) -> list[str]:
    """Every text a scenario file gives: titles, names, roles, lines, notes, ids, labels."""
    return list(_strings(scenario))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def foreign_words(output: str, lang: str, known: Iterable[str] = ()) -> list[str]:
    """The words of ``output`` not in ``lang``'s letters, once ``known`` texts are taken out.

    A known text is taken out whole where it appears, and its words (or what is left of one
    cut short by the edge of a box or a window on top) wherever they appear.
    """
    phrases = sorted({k for k in known if k.strip()}, key=len, reverse=True)
    text = output
    for phrase in phrases:
        text = text.replace(phrase, " ")
    text = COMMANDS.sub(" ", text)
    vocabulary = {word for phrase in phrases for word in LETTERS.findall(phrase)}
    wrong = LATIN if lang == "ru" else CYRILLIC
    known_words = " ".join(vocabulary)
    return [word for word in LETTERS.findall(text)
            if word not in ALLOWED and wrong.search(word) and word not in known_words]
