"""Find the closing signals in one line of a phone call, in any language with a cue file.

The rules, in the order ``Analyzer.analyze`` applies them:

1. Only the first ``MAX_LINE`` characters are read.
2. The line is in the language with the most of its letters in it (each cue file says which
   letters its language is written in); a tie, or a line with no letters at all, goes to the
   language loaded first. A caller that knows the language passes it instead.
3. A line with no letter of any known language carries no signal.
4. The line is normalized and its one-letter typos in long words fixed (``normalize.py``).
5. The cues of the line's language run on it, and so do those of every other language with at
   least two of its letters in the line: people mix ("ок, thanks, пока").
6. Each hit is trimmed of the punctuation at its edges, overlapping hits of one signal merge
   into one span, and spans are mapped back to offsets in the original line.

What a cue file holds and how trainers' files add to the bundled ones: ``cues.py``. How the
cues run fast (a pre-filter, alternations narrowed per line, a build cache): ``matcher.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from tutor.signals import matcher
from tutor.signals.build_cache import BuildCache
from tutor.signals.cues import CueFileError, cue_files, load_cues, read_cues
from tutor.signals.normalize import TypoFixer, normalize
from tutor.signals.types import SIGNALS, Lang, LineAnalysis, Signal, SignalDetector, Span

__all__ = ["MAX_LINE", "Analyzer", "analyze", "build_detector", "check_cue_file",
           "detect_language"]

#: How much of a line is read: a spoken line is far shorter, and pairing cues costs more than
#: linear time on pathological input.
MAX_LINE = 2000

#: A language's cues also run on a line written mostly in another when it has this many of
#: the language's letters.
MIXED_LETTERS = 2

# Punctuation trimmed off the edges of a span.
_EDGE = " \t,.!?;:-()\"'…"
_ASCII = "".join(map(chr, range(128)))


class Analyzer:
    """Detects the closing signals in a line; satisfies ``SignalDetector``."""

    def __init__(self, extra_dirs: Sequence[Path] = ()) -> None:
        """Load the bundled cue files, then ``<dir>/signals/*.yaml`` of each extra dir."""
        cache = BuildCache()
        cues = load_cues(extra_dirs, cache)
        self._matchers = {lang: matcher.compile(each, cache) for lang, each in cues.items()}
        cache.save()
        self._langs: tuple[Lang, ...] = tuple(cues)
        # For each language, the others (their place in ``_count``'s list, their matcher), and
        # for a language with no cue file (named by a caller), all of them.
        self._everyone = tuple(enumerate(self._matchers.values()))
        self._others = {
            lang: tuple(pair for pair in self._everyone if pair[0] != i)
            for i, lang in enumerate(self._langs)
        }
        # Letters are counted in runs, not one by one: a few strings per line, not one per letter.
        # On a pure-ASCII line (most English ones) a language with no ASCII letters counts 0.
        self._runs = tuple(re.compile(f"(?:{each.letters})+") for each in cues.values())
        self._ascii = tuple(  # None for a language with no ASCII letters
            runs if runs.search(_ASCII) else None for runs in self._runs
        )
        self._typos = TypoFixer(
            [w for each in cues.values() for w in each.fuzzy],
            [w for each in cues.values() for w in each.known],
        )

    @property
    def langs(self) -> tuple[Lang, ...]:
        """The languages it has cues for, in the order they were loaded."""
        return self._langs

    def detect_language(self, text: str) -> Lang:
        """The language with the most letters in ``text`` (rule 2 above)."""
        counts = self._count(text)
        return self._langs[counts.index(max(counts))]

    def analyze(self, text: str, lang: Lang | None = None) -> LineAnalysis:
        """Analyze one line; ``lang`` None means detect it from its letters."""
        full, text = text, text[:MAX_LINE]
        counts = self._count(text)
        most = max(counts)
        if lang is None:
            lang = self._langs[counts.index(most)]  # the first maximum: ties go to the first
        if not most:
            return LineAnalysis(text=full, lang=lang, signals=(), spans=())
        norm, index = self._typos.fix(*normalize(text))
        found: dict[Signal, set[matcher.Hit]] = {}
        own = self._matchers.get(lang)
        if own is not None:  # a language with no cue file just has no cues of its own
            own.find(norm, found)
        for i, other in self._others.get(lang, self._everyone):
            if counts[i] >= MIXED_LETTERS:
                other.find(norm, found)
        if not found:
            return LineAnalysis(text=full, lang=lang, signals=(), spans=())
        signals: list[Signal] = []
        spans: list[Span] = []
        for signal in SIGNALS:
            if signal not in found:
                continue
            signals.append(signal)
            for start, end in _merge(norm, found[signal]):
                if index is not None:
                    start, end = index[start], index[end - 1] + 1
                spans.append(Span(signal, start, end, text[start:end]))
        return LineAnalysis(text=full, lang=lang, signals=tuple(signals), spans=tuple(spans))

    def _count(self, text: str) -> list[int]:
        """How many letters of each language ``text`` has, in the order of ``langs``."""
        if text.isascii():
            return [len("".join(runs.findall(text))) if runs else 0 for runs in self._ascii]
        return [len("".join(runs.findall(text))) for runs in self._runs]


def _merge(norm: str, hits: Iterable[matcher.Hit]) -> list[matcher.Hit]:
    """Trim punctuation off the edges of each hit and merge the ones that overlap."""
    merged: list[matcher.Hit] = []
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


#: The last analyzer ``build_detector`` built: its folders, the stamps of the cue files it
#: read, and the analyzer, handed out again while those files are unchanged.
_built: tuple[tuple[Path, ...], tuple[tuple[Path, int, int], ...], Analyzer] | None = None


def _stamps(files: Sequence[Path]) -> tuple[tuple[Path, int, int], ...] | None:
    """Each file with its modification time and size; None if one cannot be read."""
    try:
        stats = [(f, f.stat()) for f in files]
    except OSError:
        return None
    return tuple((f, stat.st_mtime_ns, stat.st_size) for f, stat in stats)


def build_detector(dirs: Sequence[Path]) -> SignalDetector:
    """The line analyzer for a session: bundled cues plus the ``signals/`` files in ``dirs``.

    ``dirs`` are the scenario folders in use (bundled first, then trainers'), already resolved.
    Built again only when a cue file has changed since the last build for the same folders:
    an analyzer holds no state of its own use, and a workshop's apps, forked from a starter
    that built one, each share its pages instead of building their own copy.
    """
    global _built
    folders = tuple(dirs)
    stamps = _stamps(cue_files(folders))  # before the build: one changed during it is read again
    if _built is not None and stamps is not None and _built[:2] == (folders, stamps):
        return _built[2]
    analyzer = Analyzer(folders)
    _built = None if stamps is None else (folders, stamps, analyzer)
    return analyzer


def check_cue_file(path: Path) -> CueFileError | None:
    """The first mistake in a trainer's cue file, read over the bundled files (None: sound).

    Each part is compiled as a build would, so what this passes cannot fail at start-up.
    """
    cache = BuildCache()
    try:
        for each in read_cues([*cue_files(), path], cache).values():
            matcher.compile(each, cache)
    except CueFileError as exc:
        return exc
    return None


_default: Analyzer | None = None


def default_analyzer() -> Analyzer:
    """The shared analyzer over the bundled cue files, built on first use."""
    global _default
    if _default is None:
        _default = Analyzer()
    return _default


def analyze(text: str, lang: Lang | None = None) -> LineAnalysis:
    """Analyze one line with the shared default analyzer (bundled cues only)."""
    return default_analyzer().analyze(text, lang)


def detect_language(text: str) -> Lang:
    """The language of ``text`` among the bundled ones (see ``Analyzer.detect_language``)."""
    return default_analyzer().detect_language(text)
