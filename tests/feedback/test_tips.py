"""``tutor check`` tips: each names what the line lacks and never contradicts what it has."""

from __future__ import annotations

import pytest

from tutor.feedback.tips import TIPS, tip, tip_key
from tutor.signals import analyze


@pytest.mark.parametrize(("line", "lang"), [
    ("Всего хорошего!", "ru"),
    ("Take care!", "en"),
    ("See you Thursday", "en"),
    ("Have a great day!", "en"),
    ("Спасибо, до четверга!", "ru"),
    ("Thanks, see you Thursday at 11!", "en"),
    ("k, thx, gotta run", "en"),
    ("Parking, I'm not sure.", "en"),
    ("Is there anything else?", "en"),
    ("Спасибо, всего доброго, хорошего вечера!", "ru"),
])
def test_a_tip_fits_the_line_it_is_given_for(line: str, lang: str) -> None:
    found = set(analyze(line, lang).signals)
    key = tip_key(found)
    has, lacks = next(((h, lk) for k, h, lk in TIPS if k == key), (frozenset(), frozenset()))
    assert has <= found and not lacks & found


@pytest.mark.parametrize(("line", "lang", "wrong"), [
    ("Всего хорошего!", "ru", "пожелайте всего"),
    ("Take care!", "en", "wish them well"),
    ("See you Thursday", "en", "bare goodbye"),
])
def test_the_tips_of_the_issue_no_longer_contradict_the_line(
    line: str, lang: str, wrong: str
) -> None:
    assert wrong.casefold() not in tip(analyze(line, lang)).casefold()


def test_a_pitch_gets_the_tip_about_pushing_your_agenda_first() -> None:
    assert tip_key(set(analyze("Thanks! While I've got you, twenty percent off banners?",
                               "en").signals)) == "self_interest"
