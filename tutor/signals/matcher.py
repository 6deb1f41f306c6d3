"""The matcher: one language's cues compiled for speed, behind ``compile(cues)``.

Speed comes from three things, none of which may change a result
(``tests/signals/test_golden.py`` checks every span):

- a pre-filter: each line is scanned once, by one trie-shaped regex, for the literals the cues
  need (``literals.py`` derives them from the cues themselves); a cue whose literals are all
  absent cannot match, so it is left out, and so is a stack's run of tokens when fewer places
  than its shortest run hold a token's literal (``_Gate``);
- each list of cues is run as an alternation of only the cues that can hit, compiled on first
  use and kept (``_Alt``): start-up compiles almost nothing;
- deriving the literals is most of a build's time, so it is kept between runs
  (``build_cache.py``).

A trainer's cues (``LanguageCues.untrusted``) run on RE2 (``tutor.patterns``), each on its own
beside the bundled alternation, and are never gated: RE2 ignores case, so literals Python's
parser finds in them need not be the ones RE2 matches.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any, Protocol

from tutor.signals.build_cache import BuildCache
from tutor.signals.cues import CueFileError, LanguageCues, place
from tutor.signals.literals import needs
from tutor.signals.types import SIGNALS, Signal

if TYPE_CHECKING:
    from tutor.patterns import Match

Hit = tuple[int, int]  # a stretch of the normalized line: start, end

# A full stop followed by a space (not "10.30", "a.m.") or ! ? ; ends a sentence: the two halves
# of a pair must not be split by one.
_SENTENCE_END = re.compile(r"[!?;]|\.(?:\s|$)")
_RUN_SEP = r"[\s,.!?…;:()\-]+"
# A numbered group reference (\1, or a conditional "(?(1)...") counts the groups of the whole
# alternation, so dropping a cue could renumber it: an alternation with one is never narrowed.
# A named one ("(?P=twice)") whose group the cue itself defines points at the same group
# whatever else is dropped.
_NUMBERED_REF = re.compile(r"\\[1-9]|\(\?\(")
_NAMED_REF = re.compile(r"\(\?P=(\w+)\)")


class Scanner(Protocol):
    """A compiled alternation of cues: ``re``'s for bundled ones, RE2's for a trainer's."""

    def finditer(self, text: str) -> Iterator[Match]:
        """Every hit in ``text``."""


def compile(cues: LanguageCues, cache: BuildCache | None = None) -> Matcher:
    """Compile one language's cues: each signal's rules, narrowable, plus the line pre-filter.

    ``cache`` keeps what parsing the cues derives between runs (a fresh one when None; the
    caller saves it).
    """
    gate = _GateBuilder(cache or BuildCache(), cues.untrusted)
    rules: dict[Signal, _Rules] = {}
    for signal in SIGNALS:
        pairs = tuple(
            _Pair(
                first=gate.alt(cues.resolve(p["first"])),
                second=gate.alt(cues.resolve(p["second"])),
                within=int(p.get("within", 50)),
            )
            for p in cues.pairs[signal]
        )
        stacks = tuple(_stack(cues, s, gate) for s in cues.stacks[signal])
        match = tuple(gate.alt(group) for group in _split(cues.match[signal], gate))
        mask = 0
        for alt in (*match, *(p.first for p in pairs), *(s.run for s in stacks)):
            mask |= alt.mask
        rules[signal] = _Rules(
            match=match,
            unless=gate.alt(cues.unless[signal]) if cues.unless[signal] else None,
            pairs=pairs,
            stacks=stacks,
            mask=mask,
        )
    if cues.from_trainer:
        # Parsing every cue catches most mistakes, but a few (a variable-width look-behind,
        # a group name used twice in one list) only show when a regex is compiled. The
        # bundled cues are covered by the tests and compile lazily; a trainer's file is
        # checked whole now, so its mistakes are reported at start-up as they always were.
        gate.check()
    return Matcher(rules, gate.build())


def _stack(cues: LanguageCues, spec: Mapping[str, Any], gate: _GateBuilder) -> _Stack:
    fillers = cues.resolve(spec["fillers"])
    others = cues.resolve(spec.get("others", []))
    min_run = int(spec.get("min_run", 3))
    min_fillers = int(spec.get("min_fillers", 2))
    theirs = [item for item in (*fillers, *others) if item in cues.untrusted]
    if not theirs:
        token = _alternation([*fillers, *others])
        run = rf"{token}(?:{_RUN_SEP}{token}){{{min_run - 1},}}"
        filler = _alternation(fillers)
        _compile([filler])  # a bad filler should fail now, not on the first mumbled line
        return _Stack(run=gate.run(run, min_run), token=f"(?:{token})",
                      filler=f"(?:{filler})", min_fillers=min_fillers)
    from tutor.patterns import word_edges  # only a trainer's cues need RE2 (see _re2)

    # A trainer added to the stack's sets: the whole run is theirs, so RE2 runs it. Between a
    # token and a separator a \b always holds; only the run's two ends need one, so the
    # tokens' own are dropped (RE2 could not read one inside a pattern around Cyrillic).
    token = _alternation([word_edges(item)[0] for item in (*fillers, *others)], edges=False)
    run = rf"\b{token}(?:{_RUN_SEP}{token}){{{min_run - 1},}}\b"
    filler = _alternation([word_edges(item)[0] for item in fillers], edges=False)
    try:
        scanners = _re2(run), _re2(token), _re2(filler)
    except CueFileError as exc:  # shown at the trainer's first word in this stack
        first = theirs[0]
        raise CueFileError(f"{place(cues.untrusted[first], first)}: this stack's words cannot "
                           f"run together ({exc}); keep them plain words") from None
    gate.untrusted.add(run)
    return _Stack(run=gate.alt([run]), token=scanners[1], filler=scanners[2],
                  min_fillers=min_fillers)


class Matcher:
    """Every signal's compiled rules for one language, and the pre-filter in front of them."""

    __slots__ = ("_gate", "_rules")

    def __init__(self, rules: dict[Signal, _Rules], gate: _Gate) -> None:
        """Use ``compile`` to make one."""
        self._rules = tuple(rules.items())  # a tuple is the quickest to walk for every line
        self._gate = gate

    def find(self, norm: str, found: dict[Signal, set[Hit]]) -> None:
        """Add to ``found`` every hit of each signal in the normalized line ``norm``."""
        active = self._gate.active(norm)
        seen: dict[int, list[Hit]] = {}
        for signal, rules in self._rules:
            # Most lines have none of a signal's literals: skip the call with one AND.
            if active & rules.mask:
                hits = rules.find(norm, active, seen)
                if hits:
                    found.setdefault(signal, set()).update(hits)


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
        self, norm: str, active: int, seen: dict[int, list[Hit]]
    ) -> list[Hit]:
        """Spans (in ``norm``) that trigger the signal; empty when it is absent.

        ``active`` says which cues can hit in this line (the caller has checked ``mask``);
        ``seen`` caches each alternation's hits for this line, since pairs share their halves.
        """
        # Each group is one piece of evidence; a pair is vetoed if either half is. An
        # alternation none of whose cues can hit is skipped with one AND (most of them).
        groups: list[tuple[Hit, ...]] = []
        for alt in self.match:
            if active & alt.mask:
                regex = alt.regex(active)
                if regex is not None:
                    for m in regex.finditer(norm):  # a loop: no comprehension's call per line
                        span = m.span()
                        if span[1] > span[0]:
                            groups.append((span,))
        for pair in self.pairs:
            if not (active & pair.first.mask and active & pair.second.mask):
                continue  # a pair needs both halves
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
            if not active & stack.run.mask:
                continue
            run = stack.run.regex(active)
            if run is None:
                continue
            for m in run.finditer(norm):
                tokens = [t.group() for t in _finditer(stack.token, m.group())]
                fillers = sum(1 for t in tokens if _fullmatch(stack.filler, t))
                if fillers >= stack.min_fillers:
                    groups.append((m.span(),))
        if not groups:
            return []  # most calls: a cue's literal was there, the cue was not
        if self.unless is not None:
            # Scanned only when there is something to veto: most lines carry no signal.
            unless = self.unless.regex(active)
            if unless is not None:
                blocked = [m.span() for m in unless.finditer(norm)]
                if blocked:  # usually nothing is: then there is nothing to filter
                    groups = [g for g in groups if not any(_overlaps(s, blocked) for s in g)]
        return [span for g in groups for span in g]


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
    # Regex sources, compiled (through re's own cache) only when a run is found; RE2's
    # compiled ones for a trainer's stack.
    token: str | Scanner
    filler: str | Scanner
    min_fillers: int


def _hits(
    alt: _Alt, norm: str, active: int, seen: dict[int, list[Hit]]
) -> list[Hit]:
    """All hits of ``alt`` in the line, scanned once per line (pairs share halves)."""
    key = id(alt)
    hits = seen.get(key)
    if hits is None:
        regex = alt.regex(active)
        hits = seen[key] = [] if regex is None else [m.span() for m in regex.finditer(norm)]
    return hits


def _finditer(regex: str | Scanner, text: str) -> Iterator[Match]:
    return re.finditer(regex, text) if isinstance(regex, str) else regex.finditer(text)


def _fullmatch(regex: str | Scanner, text: str) -> bool:
    if isinstance(regex, str):
        return re.fullmatch(regex, text) is not None
    return any(m.span() == (0, len(text)) for m in regex.finditer(text))


def _overlaps(span: Hit, others: Sequence[Hit]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


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


class _Alt:
    """One alternation of cues (``(?:p1)|(?:p2)|...``) scanned with ``finditer``.

    Each line is first scanned once for the literals the cues need (see ``_Gate``). A cue whose
    literals are all absent cannot match anywhere in the line, so dropping it from the
    alternation leaves every ``finditer`` hit unchanged, and the leftover alternation (usually
    one or two cues, often none) is far cheaper to run than the whole list. Narrowed regexes
    are compiled on first use and kept, keyed by which cues survived: start-up compiles nothing.
    """

    __slots__ = ("_compiled", "bits", "mask", "narrowable", "patterns", "untrusted")

    def __init__(self, patterns: Sequence[str], bits: Sequence[int], narrowable: bool,
                 untrusted: frozenset[str] = frozenset()) -> None:
        self.patterns = tuple(patterns)
        self.untrusted = untrusted  # those of ``patterns`` that RE2 runs
        self.bits = tuple(bits)  # one bit per cue: set in a line's mask when the cue can hit
        self.mask = 0
        for bit in self.bits:
            self.mask |= bit
        # False when a cue refers to a group by number (see ``_stands_alone``): then the
        # alternation is only ever run whole.
        self.narrowable = narrowable
        self._compiled: dict[int, Scanner] = {}

    def regex(self, active: int) -> Scanner | None:
        """The alternation of the cues in ``active`` (a line's mask); None when none can hit."""
        chosen = active & self.mask
        if not chosen:
            return None
        if not self.narrowable:
            chosen = self.mask
        compiled = self._compiled.get(chosen)
        if compiled is None:
            kept = [p for p, bit in zip(self.patterns, self.bits, strict=True) if bit & chosen]
            compiled = self._compiled[chosen] = _compile(kept, self.untrusted)
        return compiled


def _compile(patterns: Sequence[str], untrusted: frozenset[str] = frozenset()) -> Scanner:
    """One alternation of ``patterns``; those in ``untrusted`` are run by RE2, one by one."""
    theirs = [_re2(p) for p in patterns if p in untrusted]
    ours = [p for p in patterns if p not in untrusted]
    try:
        bundled = re.compile(_shared_edges(ours)) if ours else None
    except re.error:
        try:  # compiled as written, to say what is wrong in the cues as written
            bundled = re.compile("|".join(f"(?:{p})" for p in ours))
        except re.error as exc:
            raise CueFileError(f"bad pattern in {list(ours)!r}: {exc}") from exc
    if not theirs and bundled is not None:
        return bundled
    return _Several(([bundled] if bundled is not None else []) + theirs)


def _shared_edges(patterns: Sequence[str]) -> str:
    """The alternation of ``patterns``, neighbours that open with ``\\b`` sharing one.

    ``(?:\\bA)|(?:\\bB)`` and ``\\b(?:(?:A)|(?:B))`` match the same, but the engine tries
    each branch at every place of the line, and a branch opening with a literal fails at once
    where one opening with ``\\b`` is entered first: most cues open with ``\\b``.
    """
    parts: list[str] = []
    shared: list[str] = []
    for pattern in [*patterns, ""]:  # the empty one closes the last run
        rest = _after_edge(pattern)
        if rest is not None:
            shared.append(f"(?:{rest})")
            continue
        if shared:
            parts.append(rf"\b(?:{'|'.join(shared)})")
            shared = []
        if pattern:
            parts.append(f"(?:{pattern})")
    return "|".join(parts)


@functools.cache
def _after_edge(pattern: str) -> str | None:
    """``pattern`` without the ``\\b`` it opens with, or None when it does not open with one
    that applies to all of it (``\\ba|b``)."""
    if not pattern.startswith("\\b") or pattern[2:3] in ("", "{", "*", "+", "?", "|"):
        return None
    try:
        items = sre_parse.parse(pattern).data
    except re.error:
        return None
    return pattern[2:] if items[0] == (sre_constants.AT, sre_constants.AT_BOUNDARY) else None


def _re2(pattern: str) -> Scanner:
    """A trainer's pattern (or a stack built from one) on RE2; checked with its place at load."""
    # Imported here: with only the bundled cues, the analyzer never loads RE2.
    from tutor.patterns import PatternError, compile_pattern

    try:
        return compile_pattern(pattern, len(pattern))
    except PatternError as exc:
        raise CueFileError(f"bad pattern {pattern!r}: {exc.problem}; {exc.hint}") from exc


class _Several:
    """Scanners run one after another, their hits together (a trainer's cues beside ours)."""

    __slots__ = ("_scanners",)

    def __init__(self, scanners: Sequence[Scanner]) -> None:
        self._scanners = tuple(scanners)

    def finditer(self, text: str) -> Iterator[Match]:
        for scanner in self._scanners:
            yield from scanner.finditer(text)


class _Gate:
    """One scan of a line for every literal a language's cues need; says which cues can hit.

    A trie-shaped regex inside a lookahead reports, at each position, the longest literal
    starting there; every shorter literal starting there is one of its prefixes, so ORing the
    masks of a found literal's prefixes (precomputed) sets the bit of every cue that has one
    of its literals in the line. One C-level scan replaces about a dozen separate gate
    searches per language, and cues with no guaranteed literal have their bit always set.

    A stack's run of tokens needs one of its literals in each token, so at least ``min_run``
    places of the line: with fewer, its bit is cleared again (most lines have a token or two).
    """

    __slots__ = ("_always", "_masks", "_runs", "_scan")

    def __init__(self, masks: dict[str, int], always: int,
                 runs: Sequence[tuple[int, int]] = ()) -> None:
        self._masks = masks
        self._always = always
        # Each run of tokens: its bit, how many tokens it needs, and the literals (as found at
        # a place) that hold one of its own.
        self._runs = tuple((bit, least, frozenset(lit for lit, mask in masks.items() if mask & bit))
                           for bit, least in runs)
        self._scan = re.compile(f"(?=({_trie(masks)}))") if masks else None

    def active(self, norm: str) -> int:
        """The mask of cues that can match somewhere in ``norm``."""
        active = self._always
        if self._scan is not None:
            masks = self._masks
            found = self._scan.findall(norm)  # the literal at each place: rarely a repeat
            for literal in found:
                active |= masks[literal]
            for bit, least, holds in self._runs:
                if active & bit and sum(map(holds.__contains__, found)) < least:
                    active &= ~bit
        return active


class _GateBuilder:
    """Gives each distinct cue of one language a bit and collects the literals it needs."""

    def __init__(self, cache: BuildCache, untrusted: Iterable[str]) -> None:
        self._cache = cache
        self.untrusted = set(untrusted)  # a trainer's cues, and stacks built from them
        self._bits: dict[str, int] = {}
        self._needs: dict[str, frozenset[str] | None] = {}
        self._by_literal: dict[str, int] = {}
        self._always = 0
        self._alts: dict[tuple[str, ...], _Alt] = {}
        self._runs: dict[int, int] = {}  # a run of tokens' bit: how many tokens it needs

    def literals(self, pattern: str) -> frozenset[str] | None:
        """Literals one of which any match of ``pattern`` contains (None: no such literal)."""
        if pattern not in self._needs:
            try:
                # Parsing the cue is most of the build's time, so its result is cached.
                self._needs[pattern] = self._cache.literals(pattern, _literals_of)
            except re.error as exc:
                raise CueFileError(f"bad pattern {pattern!r}: {exc}") from exc
        return self._needs[pattern]

    def bit(self, pattern: str) -> int:
        """The cue's bit, registering its literals (or marking it always on) the first time."""
        bit = self._bits.get(pattern)
        if bit is None:
            bit = self._bits[pattern] = 1 << len(self._bits)
            literals = None if pattern in self.untrusted else self.literals(pattern)
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
            narrowable = all(_stands_alone(p) for p in key)
            alt = self._alts[key] = _Alt(key, bits, narrowable,
                                         frozenset(self.untrusted.intersection(key)))
        return alt

    def run(self, pattern: str, min_run: int) -> _Alt:
        """The alternation of one stack's run of at least ``min_run`` tokens (bundled words)."""
        alt = self.alt([pattern])
        if not alt.mask & self._always:  # gated: each token holds one of its literals
            self._runs[alt.mask] = min_run
        return alt

    def check(self) -> None:
        """Compile every alternation whole once, raising ``CueFileError`` for a bad one."""
        for patterns, alt in self._alts.items():
            _compile(patterns, alt.untrusted)

    def build(self) -> _Gate:
        """The gate: each literal's mask widened by the masks of the literals it starts with."""
        masks: dict[str, int] = {}
        for literal in self._by_literal:
            mask = 0
            for end in range(1, len(literal) + 1):
                mask |= self._by_literal.get(literal[:end], 0)
            masks[literal] = mask
        return _Gate(masks, self._always, tuple(self._runs.items()))


def _stands_alone(pattern: str) -> bool:
    """Every group the cue refers to is its own, so it means the same in any alternation."""
    return not _NUMBERED_REF.search(pattern) and all(
        f"(?P<{name}>" in pattern for name in _NAMED_REF.findall(pattern))


def _literals_of(pattern: str) -> frozenset[str] | None:
    # Looked up at call time, so a test can swap ``needs`` for one that never gates.
    return needs([pattern])


def _trie(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, shaped as a trie and trying longer words first.

    A flat alternation of hundreds of literals is tried one by one at every position; the trie
    tries at most one branch per character. A node's branches are tried in order, so those
    that most words go through come first (a rough guess at what text holds most often).
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> tuple[str, int]:
        """The node's regex, and how many words go through it (counted once, bottom up)."""
        children = [(re.escape(ch), *emit(child)) for ch, child in sorted(node.items()) if ch]
        children.sort(key=lambda child: -child[2])  # stable: ties keep their order
        words = sum(child[2] for child in children) + ("" in node)
        branches = [ch + regex for ch, regex, _ in children]
        if not branches:
            return "", words
        if len(branches) == 1 and "" not in node:
            return branches[0], words
        # The empty branch goes last, so the longest literal at a position wins.
        return "(?:" + "|".join(branches) + ("|)" if "" in node else ")"), words

    return emit(root)[0]


def _alternation(words: Iterable[str], edges: bool = True) -> str:
    # Longest first so "uh-huh" wins over "uh" and "okay" over "ok"; then alphabetical, so
    # the text is the same in every process (the build cache is keyed by it).
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    alternation = "(?:" + "|".join(ordered) + ")"
    return rf"\b{alternation}\b" if edges else alternation
