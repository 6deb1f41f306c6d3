"""The grammar catalogue texts need: forms chosen by a person's gender, nouns that agree with
a number, and numbers written the way a language writes them.

Both work as values of ``str.format``, so a catalogue says what it needs in its own words:

- ``{other:he|she|they}`` picks a form by the other party's gender (``{you:…}`` by the
  learner's): male, female, then the neutral form used when the gender is unknown. A form may
  hold other fields: ``{other:{name} положил|{name} положила|Звонок завершил собеседник}``.
- ``{max:балл|балла|баллов}`` writes the number and the noun in the form the number needs,
  by the language's plural rule (``1 балл``, ``3 балла``, ``21 балл``). Genitive after «из»
  is just another list of forms: ``из {max:балла|баллов|баллов}``.
- ``{total}`` alone writes the number with the language's decimal mark (``7,5`` in Russian).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

#: A person's gender, where a scenario or the learner's setting says it.
Gender = Literal["male", "female"]
GENDERS: tuple[Gender, ...] = ("male", "female")
#: Which of a gender field's three forms each gender takes; anything else takes the neutral one.
_GENDER_FORM = {"male": 0, "female": 1}
NEUTRAL_FORM = 2


class ByGender:
    """A person's gender (``"male"``, ``"female"`` or None) as a value for ``str.format``."""

    __slots__ = ("gender",)

    def __init__(self, gender: str | None) -> None:
        self.gender = gender

    def __format__(self, spec: str) -> str:
        forms = spec.split("|")
        if len(forms) != 3:
            raise ValueError(f"a gender field needs three forms, male|female|neutral: {spec!r}")
        return forms[_GENDER_FORM.get(self.gender or "", NEUTRAL_FORM)]


def _one_other(n: float) -> int:
    """English and most Western languages: 1 point, 0 points, 2 points, 1.5 points."""
    return 0 if n == 1 else 1


def _east_slavic(n: float) -> int:
    """Russian, Ukrainian, Belarusian: 1 балл (and 21, 101), 2–4 балла, 5–20 баллов.

    A fraction takes the second form: 7,5 балла.
    """
    if n != int(n):
        return 1
    whole = abs(int(n))
    if whole % 10 == 1 and whole % 100 != 11:
        return 0
    if 2 <= whole % 10 <= 4 and not 12 <= whole % 100 <= 14:
        return 1
    return 2


#: Plural rules by name (a language file names one as ``plural:``): the form a number takes.
PLURAL_RULES: dict[str, Callable[[float], int]] = {
    "one_other": _one_other,
    "east_slavic": _east_slavic,
}


def number_text(value: float, decimal: str = ".") -> str:
    """``value`` without a needless ``.0``, with ``decimal`` as the decimal mark."""
    return f"{value:g}".replace(".", decimal)


def plural_form(value: float, forms: str, rule: str = "one_other") -> str:
    """The form of ``forms`` (``"one|few|many"``, as many as the rule has) that ``value`` takes."""
    options = forms.split("|")
    index = PLURAL_RULES.get(rule, _one_other)(value)
    return options[min(index, len(options) - 1)]


class Quantity:
    """A number as a value for ``str.format``: ``{n}`` writes it, ``{n:point|points}`` with
    its noun in the form the number needs."""

    __slots__ = ("decimal", "rule", "value")

    def __init__(self, value: float, rule: str = "one_other", decimal: str = ".") -> None:
        self.value = value
        self.rule = rule
        self.decimal = decimal

    def __format__(self, spec: str) -> str:
        number = number_text(self.value, self.decimal)
        if not spec:
            return number
        if "|" not in spec:
            return format(self.value, spec)  # an ordinary format spec, e.g. ``{n:>3}``
        return f"{number} {plural_form(self.value, spec, self.rule)}"

    def __str__(self) -> str:
        return number_text(self.value, self.decimal)
