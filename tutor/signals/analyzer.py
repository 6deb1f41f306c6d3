"""Find the six closing signals in one line of a phone call, in Russian or English.

The cues themselves live in ``data/{en,ru}.yaml`` (see the comment at the top of each file);
this module only normalizes the line, fixes one-letter typos in long words, runs the compiled
patterns and maps what they found back to offsets in the original text.

Speed: each line is scanned once per language for the literals the cues need (``_Gate``), and
each list of cues is run as an alternation of only the cues whose literals are present
(``_Alt``), compiled on first use. ``tests/test_signals_golden.py`` checks that none of this
changes a single span.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tutor.signals._cache import BuildCache
from tutor.signals._gate import needs
from tutor.signals.types import LANGS, SIGNALS, Lang, LineAnalysis, Signal, Span

__all__ = ["Analyzer", "analyze", "detect_language"]

_DATA_DIR = Path(__file__).parent / "data"

# Runs, not single letters: counting by runs builds a few strings per line instead of one
# per letter.
_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]+")
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

#: How much of a line is read (see ``Analyzer.analyze``).
MAX_LINE = 2000


class PatternFileError(ValueError):
    """A signal pattern file is malformed (bad structure or a regex that does not compile)."""


class _Alt:
    """One alternation of cues (``(?:p1)|(?:p2)|...``) scanned with ``finditer``.

    Each line is first scanned once for the literals the cues need (see ``_Gate``). A cue whose
    literals are all absent cannot match anywhere in the line, so dropping it from the
    alternation leaves every ``finditer`` hit unchanged, and the leftover alternation (usually
    one or two cues, often none) is far cheaper to run than the whole list. Narrowed regexes
    are compiled on first use and kept, keyed by which cues survived: start-up compiles nothing.
    """

    __slots__ = ("_compiled", "bits", "mask", "narrowable", "patterns")

    def __init__(self, patterns: Sequence[str], bits: Sequence[int], narrowable: bool) -> None:
        self.patterns = tuple(patterns)
        self.bits = tuple(bits)  # one bit per cue: set in a line's mask when the cue can hit
        self.mask = 0
        for bit in self.bits:
            self.mask |= bit
        # A backreference counts groups across the whole alternation, so dropping a cue could
        # renumber it: such an alternation is only ever run whole.
        self.narrowable = narrowable
        self._compiled: dict[int, re.Pattern[str]] = {}

    def regex(self, active: int) -> re.Pattern[str] | None:
        """The alternation of the cues in ``active`` (a line's mask); None when none can hit."""
        chosen = active & self.mask
        if not chosen:
            return None
        if not self.narrowable:
            chosen = self.mask
        compiled = self._compiled.get(chosen)
        if compiled is None:
            kept = [p for p, bit in zip(self.patterns, self.bits, strict=True) if bit & chosen]
            compiled = self._compiled[chosen] = _compile(kept)
        return compiled


def _compile(patterns: Sequence[str]) -> re.Pattern[str]:
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error as exc:
        raise PatternFileError(f"bad pattern in {list(patterns)!r}: {exc}") from exc


@dataclass(frozen=True, slots=True)
class _Pair:
    """Two cues that count only together, e.g. an action and a day or channel."""

    first: _Alt
    second: _Alt
    within: int


@dataclass(frozen=True, slots=True)
class _Stack:
    """A run of tiny tokens ("uh-huh, ok, yep, bye") with enough fillers in it."""

    run: _Alt
    token: str  # regex sources, compiled (through re's own cache) only when a run is found
    filler: str
    min_fillers: int


@dataclass(frozen=True, slots=True)
class _Rules:
    """Everything that detects one signal in one language."""

    match: tuple[_Alt, ...]
    unless: _Alt | None
    pairs: tuple[_Pair, ...]
    stacks: tuple[_Stack, ...]
    # Bits of every cue that can start a piece of evidence: a line with none of them set
    # cannot carry the signal, so it is skipped with one AND.
    mask: int

    def find(
        self, norm: str, active: int, seen: dict[int, list[tuple[int, int]]]
    ) -> list[tuple[int, int]]:
        """Spans (in ``norm``) that trigger the signal; empty when it is absent.

        ``active`` says which cues can hit in this line; ``seen`` caches each alternation's
        hits for this line, since pairs share their halves.
        """
        if not active & self.mask:
            return []
        # Each group is one piece of evidence; a pair is vetoed if either half is.
        groups: list[tuple[tuple[int, int], ...]] = []
        for alt in self.match:
            regex = alt.regex(active)
            if regex is not None:
                groups += [(m.span(),) for m in regex.finditer(norm) if m.end() > m.start()]
        for pair in self.pairs:
            firsts = _hits(pair.first, norm, active, seen)
            if not firsts:
                continue
            seconds = _hits(pair.second, norm, active, seen)
            for a in firsts:
                for b in seconds:
                    lo, hi = (a[1], b[0]) if a[0] <= b[0] else (b[1], a[0])
                    if hi - lo <= pair.within and not _SENTENCE_END.search(norm, lo, max(lo, hi)):
                        groups.append((a, b))
        for stack in self.stacks:
            run = stack.run.regex(active)
            if run is None:
                continue
            for m in run.finditer(norm):
                tokens = [t.group() for t in re.finditer(stack.token, m.group())]
                filler = re.compile(stack.filler)
                if sum(1 for t in tokens if filler.fullmatch(t)) >= stack.min_fillers:
                    groups.append((m.span(),))
        if groups and self.unless is not None:
            # Scanned only when there is something to veto: most lines carry no signal.
            unless = self.unless.regex(active)
            if unless is not None:
                blocked = [m.span() for m in unless.finditer(norm)]
                if blocked:  # usually nothing is: then there is nothing to filter
                    groups = [g for g in groups if not any(_overlaps(s, blocked) for s in g)]
        return [span for g in groups for span in g]


def _hits(
    alt: _Alt, norm: str, active: int, seen: dict[int, list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """All hits of ``alt`` in the line, scanned once per line (pairs share halves)."""
    key = id(alt)
    hits = seen.get(key)
    if hits is None:
        regex = alt.regex(active)
        hits = seen[key] = [] if regex is None else [m.span() for m in regex.finditer(norm)]
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


def _letters(text: str) -> tuple[int, int]:
    """How many Cyrillic and how many Latin letters ``text`` has."""
    latin = sum(map(len, _LATIN.findall(text)))
    # Most English lines are pure ASCII: no need to look for Cyrillic in them.
    return (0 if text.isascii() else sum(map(len, _CYRILLIC.findall(text)))), latin


def detect_language(text: str) -> Lang:
    """Return "ru" when Cyrillic letters outnumber Latin ones, else "en" (also for no letters)."""
    cyrillic, latin = _letters(text)
    return "ru" if cyrillic > latin else "en"


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
        # Set once a trainer's file is merged in: see ``compile``.
        self.untrusted = False

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

    def compile(self, cache: BuildCache) -> tuple[dict[Signal, _Rules], _Gate]:
        """Turn every signal's cues into narrowable alternations, plus the line gate for them."""
        gate = _GateBuilder(cache)
        rules: dict[Signal, _Rules] = {}
        for signal in SIGNALS:
            pairs = tuple(
                _Pair(
                    first=gate.alt(self._resolve(p["first"])),
                    second=gate.alt(self._resolve(p["second"])),
                    within=int(p.get("within", 50)),
                )
                for p in self.pairs[signal]
            )
            stacks = tuple(self._stack(s, gate) for s in self.stacks[signal])
            match = tuple(gate.alt(group) for group in _split(self.match[signal], gate))
            mask = 0
            for alt in (*match, *(p.first for p in pairs), *(s.run for s in stacks)):
                mask |= alt.mask
            rules[signal] = _Rules(
                match=match,
                unless=gate.alt(self.unless[signal]) if self.unless[signal] else None,
                pairs=pairs,
                stacks=stacks,
                mask=mask,
            )
        if self.untrusted:
            # Parsing every cue catches most mistakes, but a few (a variable-width look-behind,
            # a group name used twice in one list) only show when a regex is compiled. The
            # bundled cues are covered by the tests and compile lazily; a trainer's file is
            # checked whole now, so its mistakes are reported at start-up as they always were.
            gate.check()
        return rules, gate.build()

    def _resolve(self, ref: Any) -> list[str]:
        """A pair or stack part is a set name or an inline list of regexes."""
        if isinstance(ref, str):
            if ref not in self.sets:
                raise PatternFileError(f"unknown set {ref!r}")
            return self.sets[ref]
        return _strings(ref, Path("<pair>"))

    def _stack(self, spec: Mapping[str, Any], gate: _GateBuilder) -> _Stack:
        fillers = self._resolve(spec["fillers"])
        others = self._resolve(spec.get("others", []))
        token = _alternation([*fillers, *others])
        min_run = int(spec.get("min_run", 3))
        run = rf"{token}(?:{_RUN_SEP}{token}){{{min_run - 1},}}"
        filler = _alternation(fillers)
        _compile([filler])  # a bad filler should fail now, not on the first mumbled line
        return _Stack(
            run=gate.alt([run]),
            token=f"(?:{token})",
            filler=f"(?:{filler})",
            min_fillers=int(spec.get("min_fillers", 2)),
        )


def _split(patterns: Sequence[str], gate: _GateBuilder) -> tuple[list[str], ...]:
    """Split cues into ones with a selective literal and the rest, scanned as two alternations.

    The split predates the one-scan gate, and it decides which hits can overlap (each
    alternation is scanned on its own), so it stays exactly as it was to keep results.
    """
    strong: list[str] = []
    weak: list[str] = []
    for pattern in patterns:
        literals = gate.literals(pattern)
        selective = literals is not None and min(len(w.strip()) for w in literals) >= 3
        (strong if selective else weak).append(pattern)
    return tuple(group for group in (strong, weak) if group)


class _Gate:
    """One scan of a line for every literal a language's cues need; says which cues can hit.

    A trie-shaped regex inside a lookahead reports, at each position, the longest literal
    starting there; every shorter literal starting there is one of its prefixes, so ORing the
    masks of a found literal's prefixes (precomputed) sets the bit of every cue that has one
    of its literals in the line. One C-level scan replaces about a dozen separate gate
    searches per language, and cues with no guaranteed literal have their bit always set.
    """

    __slots__ = ("_always", "_masks", "_scan")

    def __init__(self, masks: dict[str, int], always: int) -> None:
        self._masks = masks
        self._always = always
        self._scan = re.compile(f"(?=({_trie(masks)}))") if masks else None

    def active(self, norm: str) -> int:
        """The mask of cues that can match somewhere in ``norm``."""
        active = self._always
        if self._scan is not None:
            masks = self._masks
            for literal in self._scan.findall(norm):  # rarely a repeat: no set() needed
                active |= masks[literal]
        return active


class _GateBuilder:
    """Gives each distinct cue of one language a bit and collects the literals it needs."""

    def __init__(self, cache: BuildCache) -> None:
        self._cache = cache
        self._bits: dict[str, int] = {}
        self._needs: dict[str, frozenset[str] | None] = {}
        self._by_literal: dict[str, int] = {}
        self._always = 0
        self._alts: dict[tuple[str, ...], _Alt] = {}

    def literals(self, pattern: str) -> frozenset[str] | None:
        """Literals one of which any match of ``pattern`` contains (None: no such literal)."""
        if pattern not in self._needs:
            try:
                # Parsing the cue is most of the build's time, so its result is cached.
                self._needs[pattern] = self._cache.literals(pattern, _literals_of)
            except re.error as exc:
                raise PatternFileError(f"bad pattern {pattern!r}: {exc}") from exc
        return self._needs[pattern]

    def bit(self, pattern: str) -> int:
        """The cue's bit, registering its literals (or marking it always on) the first time."""
        bit = self._bits.get(pattern)
        if bit is None:
            bit = self._bits[pattern] = 1 << len(self._bits)
            literals = self.literals(pattern)
            if literals is None:
                self._always |= bit
            else:
                for literal in literals:
                    self._by_literal[literal] = self._by_literal.get(literal, 0) | bit
        return bit

    def alt(self, patterns: Sequence[str]) -> _Alt:
        """The alternation of ``patterns``, shared when the same list recurs (pairs' halves)."""
        key = tuple(patterns)
        alt = self._alts.get(key)
        if alt is None:
            # A malformed cue is never cached, so parsing it for its literals rejects it here.
            bits = [self.bit(p) for p in key]
            narrowable = not any(_BACKREF.search(p) for p in key)
            alt = self._alts[key] = _Alt(key, bits, narrowable)
        return alt

    def check(self) -> None:
        """Compile every alternation whole once, raising ``PatternFileError`` for a bad one."""
        for patterns in self._alts:
            _compile(patterns)

    def build(self) -> _Gate:
        """The gate: each literal's mask widened by the masks of the literals it starts with."""
        masks: dict[str, int] = {}
        for literal in self._by_literal:
            mask = 0
            for end in range(1, len(literal) + 1):
                mask |= self._by_literal.get(literal[:end], 0)
            masks[literal] = mask
        return _Gate(masks, self._always)


def _literals_of(pattern: str) -> frozenset[str] | None:
    # Looked up at call time, so a test can swap ``needs`` for one that never gates.
    return needs([pattern])


# A group reference (\1, (?P=name)) ties cues together; such alternations are never narrowed.
_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


def _trie(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, shaped as a trie and trying longer words first.

    A flat alternation of hundreds of literals is tried one by one at every position; the trie
    tries at most one branch per character.
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        # The empty branch goes last, so the longest literal at a position wins.
        return "(?:" + "|".join(branches) + ("|)" if "" in node else ")")

    return emit(root)


def _alternation(words: Iterable[str]) -> str:
    # Longest first so "uh-huh" wins over "uh" and "okay" over "ok"; then alphabetical, so
    # the text is the same in every process (the build cache is keyed by it).
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return r"\b(?:" + "|".join(ordered) + r")\b"


def _strings(items: Any, source: Path) -> list[str]:
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise PatternFileError(f"{source}: expected a list of strings, got {items!r}")
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
        raise PatternFileError(f"{path}: {exc}") from exc


class Analyzer:
    """Detects the six closing signals in a line; satisfies ``SignalDetector``."""

    def __init__(self, extra_dirs: Sequence[Path] = ()) -> None:
        """Load the bundled patterns, then ``<dir>/signals/{en,ru}.yaml`` from each extra dir."""
        cache = BuildCache()
        specs = {lang: _Spec() for lang in LANGS}
        for lang in LANGS:
            files = [_DATA_DIR / f"{lang}.yaml"]
            files += [Path(d) / "signals" / f"{lang}.yaml" for d in extra_dirs]
            for path in files:
                if path.is_file():
                    specs[lang].extend(cache.load(path, _load_yaml), path)
                    specs[lang].untrusted |= path.parent != _DATA_DIR
        self._rules: dict[Lang, tuple[dict[Signal, _Rules], _Gate]] = {
            lang: specs[lang].compile(cache) for lang in LANGS
        }
        cache.save()
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
        """Analyze one line; ``lang`` None means detect it from the script.

        Only the first ``MAX_LINE`` characters are read: a spoken line is far shorter, and
        pairing cues costs more than linear time on pathological input.
        """
        full, text = text, text[:MAX_LINE]
        cyrillic, latin = _letters(text)
        if lang is None:
            lang = "ru" if cyrillic > latin else "en"
        if not cyrillic and not latin:
            return LineAnalysis(text=full, lang=lang, signals=(), spans=())
        norm, index = self._fix_typos(*_normalize(text))
        # Mixed lines ("ок, thanks, пока") get the other language's cues too.
        langs: list[Lang] = [lang]
        other: Lang = "en" if lang == "ru" else "ru"
        if (latin if other == "en" else cyrillic) >= 2:
            langs.append(other)
        found: dict[Signal, set[tuple[int, int]]] = {}
        seen: dict[int, list[tuple[int, int]]] = {}
        for each in langs:
            by_signal, gate = self._rules[each]
            active = gate.active(norm)
            for signal, rules in by_signal.items():
                # Most lines have none of a signal's literals: skip the call with one AND.
                if active & rules.mask:
                    hits = rules.find(norm, active, seen)
                    if hits:
                        found.setdefault(signal, set()).update(hits)
        if not found:
            return LineAnalysis(text=full, lang=lang, signals=(), spans=())
        spans: list[Span] = []
        for signal in SIGNALS:
            if signal not in found:
                continue
            for start, end in _merge(norm, found[signal]):
                if index is not None:
                    start, end = index[start], index[end - 1] + 1
                spans.append(Span(signal=signal, start=start, end=end, text=text[start:end]))
        return LineAnalysis(
            text=full,
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
        # The usual case, no typo at all, costs one findall and a few cached lookups.
        if not any(map(self._fix, _LONG_WORD.findall(norm))):
            return norm, index
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
