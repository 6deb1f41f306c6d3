"""Every piece of interface text, in English and Russian, keyed by a stable id.

Plain Python (no Textual) so a test can check both languages have every key. Scenario text
and the evaluator's messages are not here: they come in the scenario's own language.
"""

from __future__ import annotations

import locale
import os
from typing import Literal

UiLang = Literal["en", "ru"]
UI_LANGS: tuple[UiLang, ...] = ("en", "ru")

STRINGS: dict[UiLang, dict[str, str]] = {
    "en": {
        "app_title": "tutor",
        "app_subtitle": "end phone calls well",
        "library_title": "Calls to practise",
        "search_placeholder": "Search calls (/)",
        "lang_all": "All languages",
        "lang_en": "English",
        "lang_ru": "Russian",
        "loading": "Loading calls…",
        "no_match": "No calls match your search.",
        "no_scenarios": "No scenarios found. Add YAML files with --scenarios DIR.",
        "broken_files": "{count} scenario file(s) have problems and were skipped; "
                        "run 'tutor validate' on them.",
        "best": "best {score}",
        "not_played": "not played yet",
        "difficulty_easy": "easy",
        "difficulty_medium": "medium",
        "difficulty_hard": "hard",
        "you_are": "You are",
        "goal": "Goal",
        "calling": "Calling",
        "enter_starts": "Press Enter to start this call.",
        "speaking": "{name} is speaking…",
        "your_turn_choices": "Your turn: pick a line ({n}) or type your own.",
        "your_turn_only_choices": "Your turn: pick a line ({n}).",
        "your_turn_typed": "Your turn: type what you would say.",
        "farewell_pending": "Your part is done. {name} is about to say goodbye…",
        "after_farewell": "{name} said goodbye and will hang up in a moment.",
        "call_ended": "The call has ended.",
        "rushed": "rushed",
        "you": "You",
        "typed_placeholder": "Your own line, then Enter",
        "hang_up": "Hang up",
        "speech_on": "Speech on.",
        "speech_off": "Speech off.",
        "speech_none": "Speech is not available in this session.",
        "debrief_title": "Debrief",
        "score_line": "{total}/100 · {result} · pass mark {mark}",
        "passed": "passed",
        "failed": "not passed",
        "principles": "Principles",
        "transcript": "Transcript",
        "why": "Why",
        "better": "Better",
        "met": "met",
        "broke": "broke",
        "points": "{points}/{max} pts",
        "exporting": "Saving the report…",
        "exported": "Report saved: {md} (and .json)",
        "export_failed": "Could not save the report: {error}",
        "evaluation_failed": "The call could not be evaluated: {error}",
        "help_title": "Keys",
        "help_close": "Press Escape to close.",
        "key_start": "Start call",
        "key_search": "Search",
        "key_lang": "Language",
        "key_list": "List",
        "key_help": "Help",
        "key_theme": "Theme",
        "key_quit": "Quit",
        "key_hang_up": "Hang up",
        "key_speech": "Speech",
        "key_retry": "Retry",
        "key_library": "Other call",
        "key_export": "Export",
        "key_close": "Close",
        "help_start": "Start the highlighted call",
        "help_move": "Move through the list",
        "help_search": "Search calls by text",
        "help_lang": "Cycle the language filter",
        "help_list": "Back to the list from the search box",
        "help_choose": "Say line 1–9",
        "help_enter_choice": "Say the highlighted line, or send your typed line",
        "help_focus": "Move between the lines, your own line and the button",
        "help_hang_up": "Hang up now (at any moment)",
        "help_speech": "Turn the other side's voice on or off",
        "help_theme": "Switch between light and dark",
        "help_palette": "Command palette",
        "help_help": "Show this list of keys",
        "help_quit": "Quit tutor",
        "help_retry": "Play the same call again",
        "help_library": "Pick another call",
        "help_export": "Save the report as Markdown and JSON",
        "help_scroll": "Scroll the debrief",
        "cmd_theme": "Toggle light/dark theme",
        "cmd_speech": "Toggle speech",
        "cmd_help": "Show keys",
        "cmd_library": "Go to the call library",
        "cmd_play": "Play: {title}",
        "speech_silent": "Speech is on, but this session cannot play sound.",
        "settings_failed": "Could not save your settings: {error}",
        "cmd_quit": "Quit tutor",
    },
    "ru": {
        "app_title": "tutor",
        "app_subtitle": "учимся заканчивать звонки",
        "library_title": "Звонки для тренировки",
        "search_placeholder": "Поиск звонков (/)",
        "lang_all": "Все языки",
        "lang_en": "Английский",
        "lang_ru": "Русский",
        "loading": "Загружаем звонки…",
        "no_match": "Ничего не найдено.",
        "no_scenarios": "Сценариев нет. Добавьте YAML-файлы через --scenarios DIR.",
        "broken_files": "Файлов сценариев с ошибками: {count}, они пропущены; "
                        "проверьте их командой 'tutor validate'.",
        "best": "лучший {score}",
        "not_played": "ещё не сыгран",
        "difficulty_easy": "легко",
        "difficulty_medium": "средне",
        "difficulty_hard": "сложно",
        "you_are": "Вы",
        "goal": "Цель",
        "calling": "Собеседник",
        "enter_starts": "Нажмите Enter, чтобы начать звонок.",
        "speaking": "{name} говорит…",
        "your_turn_choices": "Ваша очередь: выберите реплику ({n}) или напишите свою.",
        "your_turn_only_choices": "Ваша очередь: выберите реплику ({n}).",
        "your_turn_typed": "Ваша очередь: напишите, что бы вы сказали.",
        "farewell_pending": "Ваша часть окончена. {name} сейчас попрощается…",
        "after_farewell": "{name} попрощался(ась) и скоро положит трубку.",
        "call_ended": "Звонок окончен.",
        "rushed": "торопливо",
        "you": "Вы",
        "typed_placeholder": "Своя реплика, затем Enter",
        "hang_up": "Положить трубку",
        "speech_on": "Озвучка включена.",
        "speech_off": "Озвучка выключена.",
        "speech_none": "Озвучка в этом сеансе недоступна.",
        "debrief_title": "Разбор",
        "score_line": "{total}/100 · {result} · порог {mark}",
        "passed": "зачёт",
        "failed": "незачёт",
        "principles": "Принципы",
        "transcript": "Расшифровка",
        "why": "Почему",
        "better": "Лучше",
        "met": "соблюдено",
        "broke": "нарушено",
        "points": "{points}/{max} б.",
        "exporting": "Сохраняем отчёт…",
        "exported": "Отчёт сохранён: {md} (и .json)",
        "export_failed": "Не удалось сохранить отчёт: {error}",
        "evaluation_failed": "Не удалось оценить звонок: {error}",
        "help_title": "Клавиши",
        "help_close": "Escape — закрыть.",
        "key_start": "Начать",
        "key_search": "Поиск",
        "key_lang": "Язык",
        "key_list": "Список",
        "key_help": "Справка",
        "key_theme": "Тема",
        "key_quit": "Выход",
        "key_hang_up": "Положить трубку",
        "key_speech": "Озвучка",
        "key_retry": "Ещё раз",
        "key_library": "Другой звонок",
        "key_export": "Экспорт",
        "key_close": "Закрыть",
        "help_start": "Начать выбранный звонок",
        "help_move": "Перемещаться по списку",
        "help_search": "Искать звонки по тексту",
        "help_lang": "Переключить фильтр языка",
        "help_list": "Из поиска обратно к списку",
        "help_choose": "Сказать реплику 1–9",
        "help_enter_choice": "Сказать выбранную реплику или отправить свою",
        "help_focus": "Переходить между репликами, своей строкой и кнопкой",
        "help_hang_up": "Положить трубку (в любой момент)",
        "help_speech": "Включить или выключить голос собеседника",
        "help_theme": "Светлая или тёмная тема",
        "help_palette": "Палитра команд",
        "help_help": "Показать этот список клавиш",
        "help_quit": "Выйти из tutor",
        "help_retry": "Сыграть этот звонок ещё раз",
        "help_library": "Выбрать другой звонок",
        "help_export": "Сохранить отчёт в Markdown и JSON",
        "help_scroll": "Прокрутить разбор",
        "cmd_theme": "Светлая/тёмная тема",
        "cmd_speech": "Озвучка вкл/выкл",
        "cmd_help": "Показать клавиши",
        "cmd_library": "К списку звонков",
        "cmd_play": "Играть: {title}",
        "speech_silent": "Озвучка включена, но в этом сеансе звук воспроизвести нельзя.",
        "settings_failed": "Не удалось сохранить настройки: {error}",
        "cmd_quit": "Выйти из tutor",
    },
}


def t(lang: UiLang, key: str, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{name}`` placeholders filled in."""
    text = STRINGS[lang].get(key) or STRINGS["en"][key]
    return text.format(**values) if values else text


def as_ui_lang(value: str | None) -> UiLang | None:
    """``value`` if it names an interface language, else None."""
    if value == "en":
        return "en"
    if value == "ru":
        return "ru"
    return None


def system_lang() -> UiLang:
    """The interface language from the environment's locale; English when unsure."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "ru" if value.lower().startswith("ru") else "en"
    code = locale.getlocale()[0] or ""
    return "ru" if code.lower().startswith("ru") else "en"
