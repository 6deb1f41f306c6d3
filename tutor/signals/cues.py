"""Cue files: the format, where they are found, and how files for one language are merged.

A cue file is YAML named for its language: ``data/<code>.yaml`` beside this module (bundled),
and ``<dir>/signals/<code>.yaml`` in any scenario folder (a trainer's). The languages the
analyzer knows are exactly the codes of the files it loaded, so a new language needs only its
cue file. Every pattern is a regular expression matched against the NORMALIZED line
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

The bundled files are Python regular expressions (look-arounds and all; the tests cover them).
A trainer's file is read like a scenario file (``tutor.safe_yaml``: size, nesting, no aliases)
and its patterns run on RE2 like fact patterns (``tutor.patterns``: linear time, no
look-arounds or backreferences), each kept apart from the bundled alternations; a mistake is
reported at its line and column.

Files of the same language are merged in load order (bundled first, then each folder in turn):
their entries are ADDED (sets of the same name grow), never replaced. Set names are resolved
after the merge, so a trainer's additions to a set reach the bundled pairs that use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from tutor.scenario.sources import CUE_FOLDER
from tutor.signals.build_cache import BuildCache
from tutor.signals.types import SIGNALS, Lang, Signal

DATA_DIR = Path(__file__).parent / "data"
#: A cue may be longer than a fact pattern (the bundled ones reach ~500 characters).
MAX_PATTERN = 1000
#: The most characters a pair may have between its halves: a line is read up to 2,000.
MAX_WITHIN = 2000
#: The longest run of tiny tokens a stack may ask for.
MAX_RUN = 20

Keys = tuple[str | int, ...]  # where in a file: ("signals", "next_steps", "pairs", 0)


class CueFileError(ValueError):
    """A cue file is malformed (bad structure or a regex that does not compile)."""


class _Misshapen(CueFileError):
    """A structural mistake at ``keys`` of one file; the loader adds the line and column."""

    def __init__(self, keys: Keys, message: str) -> None:
        super().__init__(message)
        self.keys = keys


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
    # The patterns of trainers' files that no bundled file has, each with the first file that
    # holds it: they run on RE2 (see above).
    untrusted: dict[str, Path] = field(default_factory=dict)

    def extend(self, data: Any, source: Path) -> None:
        """Merge one parsed YAML document into these cues (extending, never replacing)."""
        if data is None:
            return
        if not isinstance(data, dict):
            raise _Misshapen((), "expected a mapping (sets:, signals:, ...) at the top level")
        declared = data.get("lang")
        if declared is not None and declared != self.lang:
            raise _Misshapen(("lang",), f"says 'lang: {declared}' but is named for "
                                        f"{self.lang!r}; rename the file or fix the key")
        letters = data.get("letters")
        if letters is not None:
            self.letters = _letters(letters)
        for name, items in _mapping(data.get("sets"), ("sets",)).items():
            self.sets.setdefault(str(name), []).extend(_strings(items, ("sets", name)))
        self.fuzzy.extend(_strings(data.get("fuzzy"), ("fuzzy",)))
        self.known.extend(_strings(data.get("known"), ("known",)))
        for signal, body in _mapping(data.get("signals"), ("signals",)).items():
            keys: Keys = ("signals", signal)
            if signal not in SIGNALS:
                raise _Misshapen(keys, f"unknown signal {signal!r}; use one of "
                                       f"{', '.join(SIGNALS)}")
            body = _mapping(body, keys)
            self.match[signal].extend(_strings(body.get("match"), (*keys, "match")))
            self.unless[signal].extend(_strings(body.get("unless"), (*keys, "unless")))
            self.pairs[signal].extend(_pairs(body.get("pairs"), (*keys, "pairs")))
            self.stacks[signal].extend(_stacks(body.get("stacks"), (*keys, "stacks")))

    def resolve(self, ref: Any) -> list[str]:
        """A pair or stack part: a set name or an inline list of regexes."""
        if isinstance(ref, str):
            if ref not in self.sets:
                raise CueFileError(_no_such_set(self.lang, ref))
            return self.sets[ref]
        return _strings(ref, ())


def _no_such_set(lang: Lang, name: str) -> str:
    return (f"a pair or stack names the set {name!r}, which no {lang}.yaml file defines under "
            "'sets'; define it there or fix the name")


def cue_files(dirs: Sequence[Path] = ()) -> list[Path]:
    """The bundled cue files, then ``<dir>/signals/*.yaml`` of each of ``dirs`` in turn."""
    files = sorted(DATA_DIR.glob("*.yaml"))
    for folder in dirs:
        files += sorted((Path(folder) / CUE_FOLDER).glob("*.yaml"))
    return files


def load_cues(dirs: Sequence[Path], cache: BuildCache) -> dict[Lang, LanguageCues]:
    """Every language's merged cues, in the order the languages were first met."""
    return read_cues(cue_files(dirs), cache)


def read_cues(files: Sequence[Path], cache: BuildCache) -> dict[Lang, LanguageCues]:
    """The merged cues of ``files`` (the bundled ones first), by language in order first met."""
    languages: dict[Lang, LanguageCues] = {}
    first: dict[Lang, Path] = {}
    trusted: set[str] = set()
    theirs: list[tuple[Path, Any]] = []  # trainers' files, to place a set name none defines
    for path in files:
        if not path.is_file():
            continue
        cues = languages.setdefault(path.stem, LanguageCues(path.stem))
        first.setdefault(path.stem, path)
        bundled = path.parent == DATA_DIR
        if bundled:
            # Ours, and covered by the tests: the fast loader, and the cache checks the shape.
            data = cache.load(path, _load_bundled, partial(_sound, lang=path.stem))
            cues.extend(data, path)
            trusted.update(_patterns(data))
            continue
        data = cache.load(path, _load_trainer, partial(_sound, lang=path.stem))
        try:
            cues.extend(data, path)
        except _Misshapen as exc:
            raise CueFileError(f"{_locate(path, exc.keys)}: {exc}") from None
        # A trainer's mistake is shown at its line before anything runs.
        _check_patterns(data, path)
        cues.from_trainer = True
        for pattern in _patterns(data):
            if pattern not in trusted:
                cues.untrusted.setdefault(pattern, path)
        theirs.append((path, data))
    for path, data in theirs:  # set names are resolved after the merge: now all sets are known
        for name in _set_names(data):
            if name not in languages[path.stem].sets:
                raise CueFileError(f"{place(path, name)}: {_no_such_set(path.stem, name)}")
    for lang, cues in languages.items():
        if cues.letters is None:
            raise CueFileError(
                f"{first[lang]}: a new language must say which letters it is written in, "
                "e.g. letters: '[a-z]'")
    return languages


def _sound(data: Any, lang: Lang) -> bool:
    """True when ``data`` (a cached file) merges cleanly: a cache of the wrong shape is not used."""
    try:
        LanguageCues(lang).extend(data, Path())
    except CueFileError:
        return False
    return True


#: A character class such as '[a-zA-Z]' or '[\u0400-\u04ff]': nothing that could backtrack.
_CLASS = re.compile(r"\[\^?\]?(?:\\.|[^\]\\])*\]")


def _letters(value: Any) -> str:
    if not isinstance(value, str) or not _CLASS.fullmatch(value):
        raise _Misshapen(("letters",), "'letters' must be one regex character class like "
                                       "'[a-zA-Z]'")
    try:
        re.compile(value)
    except re.error as exc:
        raise _Misshapen(("letters",), f"bad 'letters' {value!r}: {exc}") from exc
    return value


def _check_patterns(data: dict[str, Any], path: Path) -> None:
    """Compile each regex of one (well-formed) file, naming the place of the first bad one."""
    # Only a trainer's file needs RE2: without one, ``tutor check`` never imports it.
    from tutor.patterns import PatternError, compile_pattern

    for pattern in _patterns(data):
        try:
            compile_pattern(pattern, MAX_PATTERN)
        except PatternError as exc:
            raise CueFileError(f"{place(path, pattern)}: bad pattern {pattern!r}: "
                               f"{exc.problem}; {exc.hint}") from exc


def _patterns(data: Any) -> Iterator[str]:
    """Every regex of one well-formed file."""
    if not isinstance(data, dict):
        return
    for items in (data.get("sets") or {}).values():
        yield from items or ()
    for body in (data.get("signals") or {}).values():
        body = body or {}
        yield from body.get("match") or ()
        yield from body.get("unless") or ()
        for part in (*(body.get("pairs") or ()), *(body.get("stacks") or ())):
            for ref in part.values():
                if isinstance(ref, list):  # an inline list rather than a set's name
                    yield from ref


def _read_nodes(path: Path) -> Any:
    """The node tree of a trainer's file; the first refusal is raised as a ``CueFileError``."""
    # Imported here: with a warm build cache the files are not parsed, and PyYAML's import
    # alone is a noticeable part of ``tutor check``'s start-up.
    from tutor.safe_yaml import FileKind, compose, read_text

    kind = FileKind(name="cue files", top="a mapping of keys (sets:, signals:, ...)",
                    start="start from the cue file format in docs/languages.md")
    out = _Refusals(path)
    text = read_text(path, out, kind)
    return None if text is None else compose(text, out, kind)


def _set_names(data: Any) -> Iterator[str]:
    """The set names that the pairs and stacks of one well-formed file refer to."""
    if isinstance(data, dict):
        for body in (data.get("signals") or {}).values():
            for part in (*((body or {}).get("pairs") or ()), *((body or {}).get("stacks") or ())):
                yield from (ref for key, ref in part.items()
                            if key in ("first", "second", "fillers", "others")
                            and isinstance(ref, str))


def _nodes(path: Path) -> Any:
    """The node tree of a trainer's file, read again to place a mistake (None if it fails)."""
    try:
        return _read_nodes(path)
    except CueFileError:
        return None


def _locate(path: Path, keys: Keys) -> str:
    """``path:line:column`` of the value at ``keys`` (or of the nearest one above it)."""
    import yaml

    from tutor.safe_yaml import mark_of

    node = _nodes(path)
    if node is None:
        return str(path)
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            found = [v for k, v in node.value if k.value == str(key)]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            found = node.value[key:key + 1]
        else:
            found = []
        if not found:
            break
        node = found[0]
    line, column = mark_of(node)
    return f"{path}:{line}:{column}"


def place(path: Path, value: str) -> str:
    """``path:line:column`` of the first string ``value`` in the YAML file (``path`` if none)."""
    import yaml

    from tutor.safe_yaml import mark_of

    stack = [_nodes(path)]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode) and node.value == value:
            line, column = mark_of(node)
            return f"{path}:{line}:{column}"
        if isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack += [child for key, value_node in reversed(node.value)
                      for child in (value_node, key)]
    return str(path)


def _mapping(value: Any, keys: Keys) -> dict[Any, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        where = ".".join(map(str, keys))
        raise _Misshapen(keys, f"'{where}' must be a mapping (name: value), got {_kind(value)}")
    return value


def _pairs(items: Any, keys: Keys) -> list[Mapping[str, Any]]:
    """A signal's pairs: mappings with ``first`` and ``second``, and ``within`` a count."""
    parts = _parts(items, ("first", "second"), keys)
    for i, part in enumerate(parts):
        _count(part, "within", (*keys, i), 0, MAX_WITHIN)
    return parts


def _stacks(items: Any, keys: Keys) -> list[Mapping[str, Any]]:
    """A signal's stacks: mappings with ``fillers``, and counts ``min_run``, ``min_fillers``."""
    parts = _parts(items, ("fillers",), keys)
    for i, part in enumerate(parts):
        _count(part, "min_run", (*keys, i), 1, MAX_RUN)
        _count(part, "min_fillers", (*keys, i), 0, MAX_RUN)
    return parts


def _parts(items: Any, required: tuple[str, ...], keys: Keys) -> list[Mapping[str, Any]]:
    """Pairs or stacks: a list of mappings, each with the keys in ``required``."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise _Misshapen(keys, f"expected a list of mappings with {', '.join(required)}, "
                               f"got {_kind(items)}")
    for i, item in enumerate(items):
        missing = [k for k in required if not isinstance(item, dict) or k not in item]
        if missing:
            raise _Misshapen((*keys, i), f"expected a list of mappings with "
                                         f"{', '.join(required)}; this one has no "
                                         f"{', '.join(missing)}")
        for key in (*required, "others"):
            ref = item.get(key)
            if ref is not None and not isinstance(ref, str):
                _strings(ref, (*keys, i, key))
    return list(items)


def _count(part: Mapping[str, Any], key: str, keys: Keys, lowest: int, highest: int) -> None:
    value = part.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                              or not lowest <= value <= highest):
        raise _Misshapen((*keys, key), f"'{key}' must be a whole number from {lowest} to "
                                       f"{highest}, got {_kind(value)}")


def _strings(items: Any, keys: Keys) -> list[str]:
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise _Misshapen(keys, f"expected a list of strings (quoted regexes), got "
                               f"{_kind(items)}")
    return list(items)


def _kind(value: Any) -> str:
    """A short account of a value for a message (a file's value may be huge)."""
    from tutor.safe_text import clip

    return clip(repr(value), 60)


class _Refusals:
    """The first refusal of the safe YAML reader, raised as a located ``CueFileError``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def at(self, line: int, column: int, message: str, hint: str = "") -> None:
        raise CueFileError(f"{self.path}:{line}:{column}: {message}; {hint}")


def _load_trainer(path: Path) -> Any:
    """A trainer's file through the safe reader: size, UTF-8, nesting, no aliases or tags."""
    from tutor.safe_yaml import to_python

    node = _read_nodes(path)
    return None if node is None else to_python(node, _Refusals(path))


def _load_bundled(path: Path) -> Any:
    import yaml

    # The C loader is several times faster; fall back when PyYAML was built without libyaml.
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
