"""A plain keyword detector: the honest default until the full analyzer lands."""

from __future__ import annotations

import re

from tutor.signals.types import SIGNALS, Lang, LineAnalysis, Signal, Span

_WORDS: dict[Signal, str] = {
    "thanks": r"thank|спасибо|благодар",
    "goodbye": r"\bbye\b|goodbye|take care|до свидания|\bпока\b|всего доброго",
    "offer_help": r"anything else|any questions|чем-(?:то|нибудь) (?:ещё|еще )?помочь|вопрос",
    "next_steps": r"monday|tuesday|wednesday|thursday|friday|email|понедельник|вторник|сред[уа]"
                  r"|четверг|пятниц|почт|\d{1,2}[:.]\d{2}",
    "warmth": r"pleasure|good luck|nice (?:day|evening)|приятно|удачи"
              r"|хорош(?:его|их) (?:дня|вечера)",
    "rushed": r"uh-huh|gotta go|have to run|\bага\b|бегу|некогда",
}
_RE = {s: re.compile(p, re.IGNORECASE) for s, p in _WORDS.items()}


class KeywordDetector:
    """Finds the six signals by keywords; no inflection, negation or typo handling."""

    def analyze(self, text: str, lang: Lang | None = None) -> LineAnalysis:
        """Analyze ``text``; the language is guessed from its letters when not given."""
        if lang is None:
            lang = "ru" if re.search("[а-яё]", text, re.IGNORECASE) else "en"
        spans = []
        for signal in SIGNALS:
            m = _RE[signal].search(text)
            if m:
                spans.append(Span(signal, m.start(), m.end(), m.group()))
        return LineAnalysis(text, lang, tuple(s.signal for s in spans), tuple(spans))
