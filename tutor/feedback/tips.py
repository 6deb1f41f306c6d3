"""One-line tips for a single line, from the signals found in it (for ``tutor check``)."""

from __future__ import annotations

from tutor.signals.types import Lang, LineAnalysis

TIPS: dict[Lang, dict[str, str]] = {
    "en": {
        "rushed": "Sounds hurried: slow down and say each part of the goodbye in full.",
        "bye_only": "A bare goodbye: thank them and wish them well before it.",
        "thanks_bye": "Thanks and a goodbye: add a kind word, or confirm what happens next.",
        "complete": "A complete close: thanks, a kind word and a goodbye.",
        "no_bye": "Good so far; when you are done, end with a goodbye and let them hang up first.",
        "nothing": "No closing moves here: thanks, next steps, an offer of help or a goodbye.",
    },
    "ru": {
        "rushed": "Звучит торопливо: сбавьте темп и договорите прощание до конца.",
        "bye_only": "Голое «до свидания»: сначала поблагодарите и пожелайте всего хорошего.",
        "thanks_bye": "Спасибо и «до свидания» есть; добавьте доброе пожелание или "
                      "договорённость о следующем шаге.",
        "complete": "Полноценное прощание: благодарность, доброе слово и «до свидания».",
        "no_bye": "Хорошо; в конце попрощайтесь и дайте собеседнику положить трубку первым.",
        "nothing": "Здесь нет шагов прощания: благодарности, договорённостей, "
                   "предложения помощи или «до свидания».",
    },
}


def tip(analysis: LineAnalysis) -> str:
    """The most useful single piece of advice for this line."""
    words = TIPS[analysis.lang]
    found = set(analysis.signals)
    if "rushed" in found:
        return words["rushed"]
    if "goodbye" in found:
        if "thanks" in found and ("warmth" in found or "next_steps" in found):
            return words["complete"]
        return words["thanks_bye" if "thanks" in found else "bye_only"]
    if found:
        return words["no_bye"]
    return words["nothing"]
