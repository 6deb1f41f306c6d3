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
from collections.abc import Iterator, Mapping, Sequence
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
        for name, items in _mapping(data.get("sets"), "sets", source).items():
            self.sets.setdefault(str(name), []).extend(_strings(items, source))
        self.fuzzy.extend(_strings(data.get("fuzzy"), source))
        self.known.extend(_strings(data.get("known"), source))
        for signal, body in _mapping(data.get("signals"), "signals", source).items():
            if signal not in SIGNALS:
                raise CueFileError(f"{source}: unknown signal {signal!r}; use one of "
                                   f"{', '.join(SIGNALS)}")
            body = _mapping(body, f"signals.{signal}", source)
            self.match[signal].extend(_strings(body.get("match"), source))
            self.unless[signal].extend(_strings(body.get("unless"), source))
            self.pairs[signal].extend(_parts(body.get("pairs"), ("first", "second"), source))
            self.stacks[signal].extend(_parts(body.get("stacks"), ("fillers",), source))

    def resolve(self, ref: Any) -> list[str]:
        """A pair or stack part: a set name or an inline list of regexes."""
        if isinstance(ref, str):
            if ref not in self.sets:
                raise CueFileError(f"{self.lang}: a pair or stack names the set {ref!r}, which no "
                                   f"{self.lang}.yaml file defines under 'sets'")
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
        data = cache.load(path, _load_yaml)
        cues.extend(data, path)
        if path.parent != DATA_DIR:
            # The bundled cues are covered by the tests; a trainer's mistake is shown at its line.
            cues.from_trainer = True
            if isinstance(data, dict):
                _check_patterns(data, path)
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


def _check_patterns(data: dict[str, Any], path: Path) -> None:
    """Compile each regex of one (well-formed) file, naming the place of the first bad one."""
    for pattern in _patterns(data):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise CueFileError(f"{_place(path, pattern)}: bad pattern {pattern!r}: {exc}; "
                               "fix the regular expression") from exc


def _patterns(data: dict[str, Any]) -> Iterator[str]:
    for items in (data.get("sets") or {}).values():
        yield from items or ()
    for body in (data.get("signals") or {}).values():
        body = body or {}
        yield from body.get("match") or ()
        yield from body.get("unless") or ()
        for part in (*(body.get("pairs") or ()), *(body.get("stacks") or ())):
            if isinstance(part, dict):
                for ref in part.values():
                    if isinstance(ref, list):  # an inline list rather than a set's name
                        yield from (r for r in ref if isinstance(r, str))


def _place(path: Path, value: str) -> str:
    """``path:line:column`` of the first string ``value`` in the YAML file (``path`` if none)."""
    import yaml  # only on this error path

    try:
        node = yaml.compose(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError):
        return str(path)
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode) and node.value == value:
            return f"{path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"
        if isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack += [child for key, value_node in reversed(node.value)
                      for child in (value_node, key)]
    return str(path)


def _mapping(value: Any, where: str, source: Path) -> dict[Any, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CueFileError(f"{source}: '{where}' must be a mapping, got {value!r}")
    return value


def _parts(items: Any, required: tuple[str, ...], source: Path) -> list[Mapping[str, Any]]:
    """Pairs or stacks: a list of mappings, each with the keys in ``required``."""
    if items is None:
        return []
    if not isinstance(items, list) or not all(
        isinstance(i, dict) and all(k in i for k in required) for i in items
    ):
        raise CueFileError(f"{source}: expected a list of mappings with {', '.join(required)}, "
                           f"got {items!r}")
    return list(items)


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
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise CueFileError(f"{where}: not valid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise CueFileError(f"{path}: not valid YAML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CueFileError(f"{path}: cannot read it: {exc}") from exc
