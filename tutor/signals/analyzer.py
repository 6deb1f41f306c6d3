"""Find the six closing signals in one line of a phone call, in Russian or English.

The cues themselves live in ``data/{en,ru}.yaml`` (see the comment at the top of each file);
this module only normalizes the line, fixes one-letter typos in long words, runs the compiled
patterns and maps what they found back to offsets in the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tutor.signals._gate import needs
from tutor.signals.types import LANGS, SIGNALS, Lang, LineAnalysis, Signal, Span

__all__ = ["Analyzer", "analyze", "detect_language"]

_DATA_DIR = Path(__file__).parent / "data"
# The C loader is several times faster; fall back when PyYAML was built without libyaml.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
# Typo fixing only looks at long words: short ones have too many real neighbours.
_LONG_WORD = re.compile(r"[^\W\d_]{6,}")
# A full stop followed by a space (not "10.30", "a.m.") or ! ? ; ends a sentence: the two halves
# of a pair must not be split by one.
_SENTENCE_END = re.compile(r"[!?;]|\.(?:\s|$)")
# One-char replacements only, so offsets stay aligned with the casefolded text.
_CHAR_MAP = str.maketrans(
    {
        "ё": "е",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "–": "-",
        "—": "-",
        "‑": "-",
        "−": "-",
        "\u00a0": " ",
    }
)
_RUN_SEP = r"[\s,.!?…;:()\-]+"


class PatternFileError(ValueError):
    """A signal pattern file is malformed (bad structure or a regex that does not compile)."""


@dataclass(frozen=True, slots=True)
class _Pair:
    """Two cues that count only together, e.g. an action and a day or channel."""

    first: re.Pattern[str]
    second: re.Pattern[str]
    within: int
    gate: re.Pattern[str] | None  # a first-half hit contains one of its literals


@dataclass(frozen=True, slots=True)
class _Stack:
    """A run of tiny tokens ("uh-huh, ok, yep, bye") with enough fillers in it."""

    run: re.Pattern[str]
    token: re.Pattern[str]
    filler: re.Pattern[str]
    min_fillers: int


@dataclass(frozen=True, slots=True)
class _Rules:
    """Everything that detects one signal in one language."""

    # (gate, regex): the regex can only hit where its gate finds a literal (None: always scan)
    match: tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...]
    unless: re.Pattern[str] | None
    pairs: tuple[_Pair, ...]
    stacks: tuple[_Stack, ...]

    def find(self, norm: str, seen: dict[int, list[tuple[int, int]]]) -> list[tuple[int, int]]:
        """Spans (in ``norm``) that trigger the signal; empty when it is absent.

        ``seen`` caches each regex's hits for this line, since pairs share their halves.
        """
        # Each group is one piece of evidence; a pair is vetoed if either half is.
        groups: list[tuple[tuple[int, int], ...]] = []
        for gate, regex in self.match:
            if gate is None or gate.search(norm):
                groups += [(m.span(),) for m in regex.finditer(norm) if m.end() > m.start()]
        for pair in self.pairs:
            firsts = _hits(pair.first, pair.gate, norm, seen)
            if not firsts:
                continue
            for a in firsts:
                for b in _hits(pair.second, None, norm, seen):
                    lo, hi = (a[1], b[0]) if a[0] <= b[0] else (b[1], a[0])
                    if hi - lo <= pair.within and not _SENTENCE_END.search(norm, lo, max(lo, hi)):
                        groups.append((a, b))
        for stack in self.stacks:
            for m in stack.run.finditer(norm):
                tokens = [t.group() for t in stack.token.finditer(m.group())]
                if sum(1 for t in tokens if stack.filler.fullmatch(t)) >= stack.min_fillers:
                    groups.append((m.span(),))
        if groups and self.unless is not None:
            # Scanned only when there is something to veto: most lines carry no signal.
            blocked = [m.span() for m in self.unless.finditer(norm)]
            groups = [g for g in groups if not any(_overlaps(span, blocked) for span in g)]
        return [span for g in groups for span in g]


def _hits(
    pattern: re.Pattern[str],
    gate: re.Pattern[str] | None,
    norm: str,
    seen: dict[int, list[tuple[int, int]]],
) -> list[tuple[int, int]]:
    """All hits of ``pattern`` in the line, scanned once per line (pairs share halves)."""
    # Keyed by id: hashing a Pattern rehashes its whole source on every call.
    key = id(pattern)
    hits = seen.get(key)
    if hits is None:
        if gate is not None and gate.search(norm) is None:
            hits = []
        else:
            hits = [m.span() for m in pattern.finditer(norm)]
        seen[key] = hits
    return hits


def _overlaps(span: tuple[int, int], others: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


_EDGE = " \t,.!?;:-()\"'…"


def _merge(norm: str, hits: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Trim punctuation off the edges of each hit and merge the ones that overlap."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(hits):
        while start < end and norm[start] in _EDGE:
            start += 1
        while end > start and norm[end - 1] in _EDGE:
            end -= 1
        if start == end:
            continue
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def detect_language(text: str) -> Lang:
    """Return "ru" when Cyrillic letters outnumber Latin ones, else "en" (also for no letters)."""
    return "ru" if len(_CYRILLIC.findall(text)) > len(_LATIN.findall(text)) else "en"


def _normalize(text: str) -> tuple[str, list[int] | None]:
    """Casefold and unify ё/е, quotes and dashes; the index maps back when lengths differ."""
    folded = text.casefold()
    if len(folded) == len(text):  # the usual case: every char folds to exactly one char
        return folded.translate(_CHAR_MAP), None
    pieces: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        f = ch.casefold()
        pieces.append(f)
        index.extend([i] * len(f))
    return "".join(pieces).translate(_CHAR_MAP), index


def _one_edit_apart(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one insertion, deletion, substitution or swap."""
    la, lb = len(a), len(b)
    if a == b or abs(la - lb) > 1:
        return False
    i = 0
    while i < la and i < lb and a[i] == b[i]:
        i += 1
    if la > lb:
        return a[i + 1 :] == b[i:]
    if la < lb:
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]


class _Spec:
    """Raw, uncompiled contents of the pattern files for one language, merged in load order."""

    def __init__(self) -> None:
        self.sets: dict[str, list[str]] = {}
        self.match: dict[Signal, list[str]] = {s: [] for s in SIGNALS}
        self.unless: dict[Signal, list[str]] = {s: [] for s in SIGNALS}
        self.pairs: dict[Signal, list[Mapping[str, Any]]] = {s: [] for s in SIGNALS}
        self.stacks: dict[Signal, list[Mapping[str, Any]]] = {s: [] for s in SIGNALS}
        self.fuzzy: list[str] = []
        self.known: list[str] = []
        self._compiled: dict[str, re.Pattern[str]] = {}

    def extend(self, data: Any, source: Path) -> None:
        """Merge one parsed YAML document into the spec (extending, never replacing)."""
        if data is None:
            return
        if not isinstance(data, dict):
            raise PatternFileError(f"{source}: expected a mapping at the top level")
        for name, items in (data.get("sets") or {}).items():
            self.sets.setdefault(str(name), []).extend(_strings(items, source))
        self.fuzzy.extend(_strings(data.get("fuzzy"), source))
        self.known.extend(_strings(data.get("known"), source))
        for signal, body in (data.get("signals") or {}).items():
            if signal not in SIGNALS:
                raise PatternFileError(f"{source}: unknown signal {signal!r}")
            body = body or {}
            self.match[signal].extend(_strings(body.get("match"), source))
            self.unless[signal].extend(_strings(body.get("unless"), source))
            self.pairs[signal].extend(body.get("pairs") or [])
            self.stacks[signal].extend(body.get("stacks") or [])

    def compile(self) -> dict[Signal, _Rules]:
        """Compile every signal's cues into regexes."""
        rules: dict[Signal, _Rules] = {}
        for signal in SIGNALS:
            pairs = tuple(
                _Pair(
                    first=self._compile(self._resolve(p["first"])),
                    second=self._compile(self._resolve(p["second"])),
                    within=int(p.get("within", 50)),
                    gate=_gate(self._resolve(p["first"])),
                )
                for p in self.pairs[signal]
            )
            stacks = tuple(self._stack(s) for s in self.stacks[signal])
            rules[signal] = _Rules(
                match=self._gated(self.match[signal]),
                unless=self._compile(self.unless[signal]) if self.unless[signal] else None,
                pairs=pairs,
                stacks=stacks,
            )
        return rules

    def _gated(
        self, patterns: Sequence[str]
    ) -> tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...]:
        """Split cues into ones with a selective literal gate and the rest, each compiled once.

        A few cues built on short words ("ok", "so") would otherwise force a scan of all of
        them on nearly every line.
        """
        strong: list[str] = []
        weak: list[str] = []
        for pattern in patterns:
            literals = needs([pattern])
            selective = literals is not None and min(len(w.strip()) for w in literals) >= 3
            (strong if selective else weak).append(pattern)
        groups: list[tuple[re.Pattern[str] | None, re.Pattern[str]]] = []
        for group in (strong, weak):
            if group:
                groups.append((_gate(group), self._compile(group)))
        return tuple(groups)

    def _resolve(self, ref: Any) -> list[str]:
        """A pair or stack part is a set name or an inline list of regexes."""
        if isinstance(ref, str):
            if ref not in self.sets:
                raise PatternFileError(f"unknown set {ref!r}")
            return self.sets[ref]
        return _strings(ref, Path("<pair>"))

    def _stack(self, spec: Mapping[str, Any]) -> _Stack:
        fillers = self._resolve(spec["fillers"])
        others = self._resolve(spec.get("others", []))
        token = _alternation([*fillers, *others])
        min_run = int(spec.get("min_run", 3))
        run = rf"{token}(?:{_RUN_SEP}{token}){{{min_run - 1},}}"
        return _Stack(
            run=self._compile([run]),
            token=self._compile([token]),
            filler=self._compile([_alternation(fillers)]),
            min_fillers=int(spec.get("min_fillers", 2)),
        )

    def _compile(self, patterns: Sequence[str]) -> re.Pattern[str]:
        source = "|".join(f"(?:{p})" for p in patterns)
        # One object per distinct source, so a line scans a shared set (e.g. "when") once.
        if source not in self._compiled:
            try:
                self._compiled[source] = re.compile(source)
            except re.error as exc:
                raise PatternFileError(f"bad pattern in {list(patterns)!r}: {exc}") from exc
        return self._compiled[source]


def _gate(patterns: Sequence[str]) -> re.Pattern[str] | None:
    """A literal-only regex that any match of ``patterns`` must hit; None when none exists.

    One C-level search of plain literals is much cheaper than the cue regexes, and most lines
    carry none of a signal's words, so the real scan is skipped for them.
    """
    literals = needs(patterns) if patterns else None
    if not literals:
        return None
    return re.compile("|".join(map(re.escape, sorted(literals))))


def _alternation(words: Iterable[str]) -> str:
    # Longest first so "uh-huh" wins over "uh" and "okay" over "ok".
    ordered = sorted(set(words), key=len, reverse=True)
    return r"\b(?:" + "|".join(ordered) + r")\b"


def _strings(items: Any, source: Path) -> list[str]:
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise PatternFileError(f"{source}: expected a list of strings, got {items!r}")
    return list(items)


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise PatternFileError(f"{path}: {exc}") from exc


class Analyzer:
    """Detects the six closing signals in a line; satisfies ``SignalDetector``."""

    def __init__(self, extra_dirs: Sequence[Path] = ()) -> None:
        """Load the bundled patterns, then ``<dir>/signals/{en,ru}.yaml`` from each extra dir."""
        specs = {lang: _Spec() for lang in LANGS}
        for lang in LANGS:
            files = [_DATA_DIR / f"{lang}.yaml"]
            files += [Path(d) / "signals" / f"{lang}.yaml" for d in extra_dirs]
            for path in files:
                if path.is_file():
                    specs[lang].extend(_load_yaml(path), path)
        self._rules: dict[Lang, dict[Signal, _Rules]] = {
            lang: specs[lang].compile() for lang in LANGS
        }
        vocab = {w.casefold().replace("ё", "е") for s in specs.values() for w in s.fuzzy}
        known = {w.casefold().replace("ё", "е") for s in specs.values() for w in s.known}
        self._by_length: dict[int, tuple[str, ...]] = {}
        for word in sorted(vocab):
            self._by_length.setdefault(len(word), ())
            self._by_length[len(word)] += (word,)
        self._leave_alone = frozenset(vocab | known)
        # Per-token work is cached: real lines repeat the same words over and over.
        self._fix: Callable[[str], str | None] = lru_cache(maxsize=50_000)(self._fix_token)

    def analyze(self, text: str, lang: Lang | None = None) -> LineAnalysis:
        """Analyze one line; ``lang`` None means detect it from the script."""
        cyrillic = len(_CYRILLIC.findall(text))
        latin = len(_LATIN.findall(text))
        if lang is None:
            lang = "ru" if cyrillic > latin else "en"
        if not cyrillic and not latin:
            return LineAnalysis(text=text, lang=lang, signals=(), spans=())
        norm, index = self._fix_typos(*_normalize(text))
        # Mixed lines ("ок, thanks, пока") get the other language's cues too.
        langs: list[Lang] = [lang]
        other: Lang = "en" if lang == "ru" else "ru"
        if (latin if other == "en" else cyrillic) >= 2:
            langs.append(other)
        found: dict[Signal, set[tuple[int, int]]] = {}
        seen: dict[int, list[tuple[int, int]]] = {}
        for each in langs:
            for signal, rules in self._rules[each].items():
                hits = rules.find(norm, seen)
                if hits:
                    found.setdefault(signal, set()).update(hits)
        spans: list[Span] = []
        for signal in SIGNALS:
            for start, end in _merge(norm, found.get(signal, ())):
                if index is not None:
                    start, end = index[start], index[end - 1] + 1
                spans.append(Span(signal=signal, start=start, end=end, text=text[start:end]))
        return LineAnalysis(
            text=text,
            lang=lang,
            signals=tuple(s for s in SIGNALS if s in found),
            spans=tuple(spans),
        )

    def _fix_token(self, token: str) -> str | None:
        """The pattern word one typo away from ``token``, or None to leave it as it is."""
        if token in self._leave_alone:
            return None
        for size in (len(token) - 1, len(token), len(token) + 1):
            for word in self._by_length.get(size, ()):
                if _one_edit_apart(token, word):
                    return word
        return None

    def _fix_typos(self, norm: str, index: list[int] | None) -> tuple[str, list[int] | None]:
        """Replace long misspelt words with their pattern word, keeping the offset index."""
        pieces: list[str] = []
        new_index: list[int] = []
        last = 0
        for m in _LONG_WORD.finditer(norm):
            word = self._fix(m.group())
            if word is None:
                continue
            start, end = m.span()
            pieces.append(norm[last:start])
            new_index.extend(index[last:start] if index else range(last, start))
            pieces.append(word)
            # Each letter of the fixed word points into the typo; the last one at its end.
            size = end - start
            offsets = [start + min(k, size - 1) for k in range(len(word) - 1)] + [end - 1]
            new_index.extend([index[o] for o in offsets] if index else offsets)
            last = end
        if not pieces:
            return norm, index
        pieces.append(norm[last:])
        new_index.extend(index[last:] if index else range(last, len(norm)))
        return "".join(pieces), new_index


_default: Analyzer | None = None


def default_analyzer() -> Analyzer:
    """The shared analyzer over the bundled patterns, built on first use."""
    global _default
    if _default is None:
        _default = Analyzer()
    return _default


def analyze(text: str, lang: Lang | None = None) -> LineAnalysis:
    """Analyze one line with the shared default analyzer (bundled patterns only)."""
    return default_analyzer().analyze(text, lang)
