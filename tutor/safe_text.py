"""Text from files and learners, made safe for the place where it is shown or saved.

A scenario file is written by a trainer the learner may not know. YAML's ``"\\e"`` escape puts
a real ESC in a title, and an escape sequence printed as is retitles or clears the terminal,
writes its clipboard (OSC 52) or hides a link (OSC 8). In a Markdown report, a newline and a
``#`` forge a heading and ``<script>`` becomes HTML. Every sink runs such text through one of
these functions; the text itself stays as the file has it.
"""

from __future__ import annotations

import operator
import re
from typing import Any, TypeVar, cast

T = TypeVar("T")

# C0 controls except tab and newline, DEL, and the C1 controls (0x9b is a one-byte CSI).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# The same, minus what JSON escapes on its own (every C0 control).
_JSON_RAW = re.compile(r"[\x7f-\x9f]")


#: How much of a value a message repeats; the rest is counted, not shown.
CLIP = 80


def clip(value: str, limit: int = CLIP) -> str:
    """``value`` itself when short, else its first ``limit`` characters and how long it was.

    A message that names a 5,000-character value should still fit on a screen.
    """
    if len(value) <= limit:
        return value
    return f"{value[:limit]}… ({len(value):,} characters)"


def for_terminal(text: str) -> str:
    """``text`` with every control character but newline and tab shown as ``\\xNN``.

    ESC becomes the four visible characters ``\\x1b``, so no escape sequence can start.
    """
    if _CONTROL.search(text) is None:  # nearly always: the listing checks every card's text
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def terminal_safe(value: T) -> T:
    """``value`` with ``for_terminal`` applied to every string in it, for a front end to show.

    Walks dataclasses, named tuples, tuples, lists and dict values (keys are ids, left alone);
    anything else, and anything with nothing to change, comes back as the very same object.
    """
    return cast(T, _safe(value))


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        return for_terminal(value)
    if isinstance(value, tuple | list):
        items = [_safe(v) for v in value]
        if all(map(operator.is_, items, value)):
            return value
        if hasattr(value, "_fields"):  # a NamedTuple
            return cast(Any, type(value))._make(items)
        return type(value)(items)
    if isinstance(value, dict):
        changed = {k: _safe(v) for k, v in value.items()}
        if all(changed[k] is v for k, v in value.items()):
            return value
        return type(value)(changed)
    # A dataclass instance (tested without importing dataclasses, which `tutor list` and
    # every other start would otherwise pay for: about 6 ms).
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        import dataclasses

        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            new = _safe(old)
            if new is not old and f.init:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


def json_for_terminal(document: str) -> str:
    """JSON text whose DEL and C1 characters are written as ``\\u00NN`` escapes.

    ``json.dumps(..., ensure_ascii=False)`` escapes C0 controls but leaves these raw; they
    can only occur inside strings, where the escape reads back as the same character.
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


# Characters with a meaning in Markdown wherever they stand (CommonMark lets a backslash escape
# any ASCII punctuation). '<', '>' and '&' become entities instead, which HTML reads too.
# The patterns are strings, compiled (and cached by ``re``) on the first report: every start
# of the CLI reads this module, and compiling them cost more than the rest of it.
_MD_PUNCT = r"([\\`*_{}\[\]()#|~!])"
_MD_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_NEWLINES = r"\s*[\n\r\x0b\x0c\x85\u2028\u2029]+\s*"
# What makes a list item or a heading only at the start of a line ('>' is an entity already).
_MD_ORDERED = r"^(\s*\d+)\."
_MD_BULLET = r"^(\s*)([-+=])"


def for_markdown(text: str) -> str:
    """``text`` as literal inline Markdown: one line, no markup, no HTML, no link.

    Newlines become spaces (a field must not start a heading or a list of its own), Markdown
    punctuation is backslash-escaped, and ``<``, ``>`` and ``&`` become HTML entities.
    """
    line = for_terminal(re.sub(_MD_NEWLINES, " ", text))
    line = re.sub(_MD_PUNCT, r"\\\1", line)
    line = "".join(_MD_HTML.get(c, c) for c in line)
    # Where the field opens a line, "1." or "-" would start a list and "=" a heading.
    line = re.sub(_MD_ORDERED, r"\1\\.", line, count=1)
    return re.sub(_MD_BULLET, r"\1\\\2", line, count=1)
