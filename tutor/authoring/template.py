"""``tutor new``: a minimal, commented call to start from, in English or Russian."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from string import Template

#: The ``kind`` the template's call is filed under unless the trainer names another.
DEFAULT_KIND = "booking"
_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


class TemplateError(Exception):
    """The call cannot be written where asked; the message says why and what to do."""


def template_text(lang: str, call_id: str, kind: str = DEFAULT_KIND) -> str:
    """The text of a new call in ``lang`` with ``call_id`` and ``kind`` filled in."""
    if not _ID.fullmatch(call_id):
        raise TemplateError(f"{call_id!r} is not a valid id; use lower-case letters, digits, "
                            "'-' and '_', e.g. dentist-check-up-en")
    if not _ID.fullmatch(kind):
        raise TemplateError(f"{kind!r} is not a valid kind; use one lower-case word, e.g. "
                            "booking, sales, support")
    source = resources.files("tutor.authoring") / "templates" / f"{lang}.yaml.txt"
    return Template(source.read_text("utf-8")).substitute(id=call_id, kind=kind)


def new_call(folder: Path, lang: str, kind: str = DEFAULT_KIND,
             call_id: str | None = None) -> Path:
    """Write a new call into ``folder`` (created if needed); never overwrite a file."""
    call_id = call_id or f"new-call-{lang}"
    text = template_text(lang, call_id, kind)
    path = folder / f"{call_id}.yaml"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        raise TemplateError(f"{path} already exists; tutor new never overwrites a file "
                            "(give another --id or --out)") from None
    except OSError as exc:
        raise TemplateError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path
