"""Cue files: the format, where they are found, and how files for one language are merged.

A cue file is YAML named for its language: ``data/<code>.yaml`` beside this module (bundled),
and ``<dir>/signals/<code>.yaml`` in any scenario folder (a trainer's). The languages the
analyzer knows are exactly the codes of the files it loaded, so a new language needs only its
cue file. Every pattern is a Python regular expression matched against the NORMALIZED line
(see ``normalize.py``): casefolded, "ё" written "е", curly quotes and backticks written ',
dashes written -. Keys::

    lang: <code>       optional; when given it must be the file's name (a guard for copies)
    letters: <class>   a regex character class of the letters the language is written in,
                       e.g. '[a-zA-Z]'. A line is taken to be in the language with the
                       most of its letters (a tie goes to the language loaded first). Needed
                       once per language: a trainer's file extending a bundled one omits it
    sets:              named lists of regexes, referred to by name from pairs and stacks
      <name>: [regex, ...]
    fuzzy: [word]      words of 6+ letters; a word of the line one typo away (one letter
                       added, dropped, changed, or two neighbours swapped) is read as this word
    known: [word]      real words that must never be "corrected" (e.g. thinks -> thanks)
    signals:
      <signal>:        thanks | goodbye | offer_help | next_steps | warmth | rushed
        match: [regex]     any one match is enough; its text becomes a span. Each list is
                           compiled into one alternation tried in order, so where two cues
                           start at the same place put the longer one first
        unless: [regex]    negations and look-alikes: a hit overlapping one is dropped
        pairs:             two cues that count only together in one sentence
          - {first: <set or [regex]>, second: <set or [regex]>, within: <max chars between>}
        stacks:            a run of tiny tokens ("uh-huh, ok, yep, bye")
          - {fillers: <set>, others: <set>, min_run: 3, min_fillers: 2}

Files of the same language are merged in load order (bundled first, then each folder in turn):
their entries are ADDED (sets of the same name grow), never replaced. Set names are resolved
after the merge, so a trainer's additions to a set reach the bundled pairs that use it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tutor.signals.build_cache import BuildCache
from tutor.signals.types import SIGNALS, Lang, Signal

DATA_DIR = Path(__file__).parent / "data"


class CueFileError(ValueError):
    """A cue file is malformed (bad structure or a regex that does not compile)."""


@dataclass
class LanguageCues:
    """The raw, uncompiled cues of one language, merged from all its files in load order."""

    lang: Lang
    letters: str | None = None
    sets: dict[str, list[str]] = field(default_factory=dict)
    match: dict[Signal, list[str]] = field(default_factory=lambda: {s: [] for s in SIGNALS})
    unless: dict[Signal, list[str]] = field(default_factory=lambda: {s: [] for s in SIGNALS})
    pairs: dict[Signal, list[Mapping[str, Any]]] = field(
        default_factory=lambda: {s: [] for s in SIGNALS})
    stacks: dict[Signal, list[Mapping[str, Any]]] = field(
        default_factory=lambda: {s: [] for s in SIGNALS})
    fuzzy: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    # Set once a trainer's file is merged in: its regexes are then all compiled at build time
    # (see ``matcher.compile``), so its mistakes show at start-up.
    from_trainer: bool = False

    def extend(self, data: Any, source: Path) -> None:
        """Merge one parsed YAML document into these cues (extending, never replacing)."""
        if data is None:
            return
        if not isinstance(data, dict):
            raise CueFileError(f"{source}: expected a mapping at the top level")
        declared = data.get("lang")
        if declared is not None and declared != self.lang:
            raise CueFileError(f"{source}: says 'lang: {declared}' but is named for "
                               f"{self.lang!r}; rename the file or fix the key")
        letters = data.get("letters")
        if letters is not None:
            self.letters = _letters(letters, source)
        for name, items in (data.get("sets") or {}).items():
            self.sets.setdefault(str(name), []).extend(_strings(items, source))
        self.fuzzy.extend(_strings(data.get("fuzzy"), source))
        self.known.extend(_strings(data.get("known"), source))
        for signal, body in (data.get("signals") or {}).items():
            if signal not in SIGNALS:
                raise CueFileError(f"{source}: unknown signal {signal!r}")
            body = body or {}
            self.match[signal].extend(_strings(body.get("match"), source))
            self.unless[signal].extend(_strings(body.get("unless"), source))
            self.pairs[signal].extend(body.get("pairs") or [])
            self.stacks[signal].extend(body.get("stacks") or [])

    def resolve(self, ref: Any) -> list[str]:
        """A pair or stack part: a set name or an inline list of regexes."""
        if isinstance(ref, str):
            if ref not in self.sets:
                raise CueFileError(f"unknown set {ref!r}")
            return self.sets[ref]
        return _strings(ref, Path("<pair>"))


def cue_files(dirs: Sequence[Path] = ()) -> list[Path]:
    """The bundled cue files, then ``<dir>/signals/*.yaml`` of each of ``dirs`` in turn."""
    files = sorted(DATA_DIR.glob("*.yaml"))
    for folder in dirs:
        files += sorted((Path(folder) / "signals").glob("*.yaml"))
    return files


def load_cues(dirs: Sequence[Path], cache: BuildCache) -> dict[Lang, LanguageCues]:
    """Every language's merged cues, in the order the languages were first met."""
    languages: dict[Lang, LanguageCues] = {}
    first: dict[Lang, Path] = {}
    for path in cue_files(dirs):
        if not path.is_file():
            continue
        cues = languages.setdefault(path.stem, LanguageCues(path.stem))
        first.setdefault(path.stem, path)
        cues.extend(cache.load(path, _load_yaml), path)
        cues.from_trainer |= path.parent != DATA_DIR
    for lang, cues in languages.items():
        if cues.letters is None:
            raise CueFileError(
                f"{first[lang]}: a new language must say which letters it is written in, "
                "e.g. letters: '[a-z]'")
    return languages


def _letters(value: Any, source: Path) -> str:
    if not isinstance(value, str) or not value:
        raise CueFileError(f"{source}: 'letters' must be a regex character class like '[a-z]'")
    try:
        re.compile(value)
    except re.error as exc:
        raise CueFileError(f"{source}: bad 'letters' {value!r}: {exc}") from exc
    return value


def _strings(items: Any, source: Path) -> list[str]:
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise CueFileError(f"{source}: expected a list of strings, got {items!r}")
    return list(items)


def _load_yaml(path: Path) -> Any:
    # Imported here: with a warm build cache the files are not parsed, and PyYAML's import
    # alone is a noticeable part of ``tutor check``'s start-up.
    import yaml

    # The C loader is several times faster; fall back when PyYAML was built without libyaml.
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except yaml.YAMLError as exc:
        raise CueFileError(f"{path}: {exc}") from exc
