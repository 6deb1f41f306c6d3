"""Numbers meet nouns in the form each language needs; gendered texts pick by gender."""

from __future__ import annotations

import re

import pytest

from tutor.locale import plural, text
from tutor.locale.grammar import ByGender

POINTS = "балл|балла|баллов"
POINTS_AFTER_OF = "балла|баллов|баллов"  # genitive, as after «из»


@pytest.mark.parametrize(("count", "words"), [
    (0, "0 баллов"), (1, "1 балл"), (2, "2 балла"), (4, "4 балла"), (5, "5 баллов"),
    (11, "11 баллов"), (12, "12 баллов"), (14, "14 баллов"), (21, "21 балл"),
    (22, "22 балла"), (25, "25 баллов"), (101, "101 балл"), (111, "111 баллов"),
    (7.5, "7,5 балла"),
])
def test_russian_nouns_agree_with_the_number(count: float, words: str) -> None:
    assert plural("ru", count, POINTS) == words


@pytest.mark.parametrize(("count", "words"), [
    (1, "из 1 балла"), (5, "из 5 баллов"), (20, "из 20 баллов"), (21, "из 21 балла"),
])
def test_after_iz_russian_takes_the_genitive(count: int, words: str) -> None:
    assert f"из {plural('ru', count, POINTS_AFTER_OF)}" == words


@pytest.mark.parametrize(("count", "words"), [
    (0, "0 points"), (1, "1 point"), (2, "2 points"), (21, "21 points"), (1.5, "1.5 points"),
])
def test_english_nouns_agree_with_the_number(count: float, words: str) -> None:
    assert plural("en", count, "point|points") == words


def test_catalogue_texts_agree_their_nouns_with_the_numbers_given() -> None:
    assert text("ru", "ui.points", points=20, max=20) == "20 из 20 баллов"
    assert text("ru", "ui.points", points=10.5, max=21) == "10,5 из 21 балла"
    assert text("en", "ui.points", points=1, max=1) == "1/1 point"
    assert text("ru", "ui.broken_files", count=3).startswith("Пропущены сценарии с ошибками: "
                                                             "3 файла.")
    assert text("en", "ui.broken_files", count=1).startswith("Skipped 1 scenario file with")


@pytest.mark.parametrize(("gender", "form"), [("male", "он"), ("female", "она"), (None, "они")])
def test_a_gender_field_picks_the_form_of_the_gender_or_the_neutral_one(
        gender: str | None, form: str) -> None:
    assert format(ByGender(gender), "он|она|они") == form


def test_a_gender_field_without_three_forms_is_refused() -> None:
    with pytest.raises(ValueError, match=re.escape("male|female|neutral")):
        format(ByGender("male"), "он|она")


def test_a_text_never_asked_for_a_gender_takes_the_neutral_form() -> None:
    assert text("ru", "ui.after_farewell", name="Мама") == \
        "С вами попрощались, сейчас положат трубку."
    assert text("ru", "ui.after_farewell", name="Мама", other="female") == \
        "Мама попрощалась и вот-вот положит трубку."
