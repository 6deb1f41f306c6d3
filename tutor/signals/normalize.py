"""The line as the cues see it: casefolded, spelling variants unified, one-letter typos fixed.

Both steps keep an index back to the original text, so every span the matcher finds in the
normalized line can be shown on the line the learner typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

Index = list[int] | None  # normalized offset -> original offset; None when they are the same

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
# Typo fixing only looks at long words: short ones have too many real neighbours.
_LONG_WORD = re.compile(r"[^\W\d_]{6,}")


def normalize(text: str) -> tuple[str, Index]:
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


def normalize_word(word: str) -> str:
    """A cue file's word as it appears in a normalized line."""
    return word.casefold().replace("ё", "е")


def one_edit_apart(a: str, b: str) -> bool:
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


class TypoFixer:
    """Reads a long word one typo away from a cue file's ``fuzzy`` word as that word."""

    def __init__(self, fuzzy: Iterable[str], known: Iterable[str]) -> None:
        """``fuzzy``: words to recognise when misspelt; ``known``: real words to leave alone."""
        vocab = {normalize_word(w) for w in fuzzy}
        self._by_length: dict[int, tuple[str, ...]] = {}
        for word in sorted(vocab):
            self._by_length.setdefault(len(word), ())
            self._by_length[len(word)] += (word,)
        self._leave_alone = frozenset(vocab | {normalize_word(w) for w in known})
        # Per-token work is cached: real lines repeat the same words over and over.
        self._fix: Callable[[str], str | None] = lru_cache(maxsize=50_000)(self._fix_token)

    def _fix_token(self, token: str) -> str | None:
        """The fuzzy word one typo away from ``token``, or None to leave it as it is."""
        if token in self._leave_alone:
            return None
        for size in (len(token) - 1, len(token), len(token) + 1):
            for word in self._by_length.get(size, ()):
                if one_edit_apart(token, word):
                    return word
        return None

    def fix(self, norm: str, index: Index) -> tuple[str, Index]:
        """Replace long misspelt words of a normalized line, keeping the offset index."""
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
