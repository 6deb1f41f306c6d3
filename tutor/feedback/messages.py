"""The evaluator's wording in each language: principle names, verdict reasons, model lines."""

from __future__ import annotations

from tutor.scenario.model import Principle
from tutor.signals.types import Lang

NAMES: dict[Lang, dict[Principle, str]] = {
    "en": {
        "pace": "Keep your pace to the end",
        "last_word": "Let them say goodbye, hang up last",
        "warmth": "Close as with an old friend",
        "offer_help": "Offer further help",
        "person_first": "The person, not the purchase",
        "next_steps": "Leave no loose ends",
        "thanks": "Thank them",
    },
    "ru": {
        "pace": "Держите темп до конца",
        "last_word": "Дайте попрощаться, кладите трубку последним",
        "warmth": "Прощайтесь как со старым другом",
        "offer_help": "Предложите помощь",
        "person_first": "Человек, а не сделка",
        "next_steps": "Никаких недомолвок",
        "thanks": "Поблагодарите",
    },
}

VERDICTS: dict[Lang, dict[str, str]] = {
    "en": {"met": "met", "partly": "partly", "missed": "missed", "n/a": "not scored"},
    "ru": {"met": "выполнено", "partly": "частично", "missed": "упущено", "n/a": "не оценивается"},
}

# Keys are "<principle>.<reason>"; {name} is the other party's name, {facts} a list of facts.
REASONS: dict[Lang, dict[str, str]] = {
    "en": {
        "pace.met": "Your closing kept the same unhurried pace as the rest of the call.",
        "pace.partly": "Part of your closing sped up; the other side can hear the hurry.",
        "pace.missed": "The closing came out in one rushed breath once you had what you wanted.",
        "last_word.met": "You let {name} say goodbye and stayed on the line until they hung up.",
        "last_word.soon": "You waited for {name}'s goodbye, but hung up a beat too soon "
                          "after it; let them put the phone down first.",
        "last_word.no_bye": "You let {name} hang up first, but never said goodbye yourself.",
        "last_word.missed": "You hung up before {name} could say goodbye.",
        "last_word.open": "The call did not end, so there is no last word to judge.",
        "warmth.met": "You closed warmly, with a kind word for {name}.",
        "warmth.partly": "There was some warmth, but it was rushed or undercut by a cold line.",
        "warmth.missed": "The ending was transactional: no well-wishes, no pleasure at the talk.",
        "offer_help.met": "You checked whether {name} needed anything else.",
        "offer_help.partly": "You offered help, but in passing; {name} had no real chance "
                             "to take it up.",
        "offer_help.missed": "You ended without checking that {name} had everything they needed.",
        "person_first.met": "You respected {name}'s time and choices to the end.",
        "person_first.partly": "At one point the call leaned towards your goals over {name}'s.",
        "person_first.missed": "You pushed your own agenda at the close; it made {name} "
                               "a box to tick.",
        "next_steps.met": "You confirmed concretely what happens next.",
        "next_steps.late": "You confirmed the next steps, but only after saying goodbye.",
        "next_steps.facts": "You left out part of the arrangement: {facts}.",
        "next_steps.say_facts": "Before the goodbye, say out loud: {facts}.",
        "next_steps.partly": "The next steps stayed vague.",
        "next_steps.missed": "Nothing concrete was agreed: who does what, and when, is unclear.",
        "thanks.met": "You thanked {name} sincerely.",
        "thanks.partly": "Your thanks was lost in a rushed mumble.",
        "thanks.missed": "You never thanked {name} for their time.",
        "n/a": "This scenario does not weigh this principle.",
    },
    "ru": {
        "pace.met": "Вы завершили разговор в том же спокойном темпе, что и весь звонок.",
        "pace.partly": "К концу вы заметно ускорились, и собеседник это слышит.",
        "pace.missed": "Получив согласие, вы скомкали прощание на одном дыхании.",
        "last_word.met": "Вы дали собеседнику попрощаться и не стали класть трубку первым.",
        "last_word.soon": "Вы дождались прощания, но сразу же положили трубку; "
                          "пусть собеседник сделает это первым.",
        "last_word.no_bye": "Трубку первым положил собеседник, но сами вы так и не попрощались.",
        "last_word.missed": "Вы положили трубку раньше, чем собеседник успел попрощаться.",
        "last_word.open": "Звонок не завершён, оценить финал нельзя.",
        "warmth.met": "Вы попрощались тепло, с добрым словом для собеседника.",
        "warmth.partly": "Теплота была, но её смазала спешка или сухая фраза.",
        "warmth.missed": "Финал вышел сухим и формальным: ни пожеланий, ни радости от разговора.",
        "offer_help.met": "Вы уточнили, не нужно ли собеседнику что-то ещё.",
        "offer_help.partly": "Помощь вы предложили мимоходом, воспользоваться ею было некогда.",
        "offer_help.missed": "Вы не проверили, всё ли собеседнику понятно и не нужно ли "
                             "ему что-то ещё.",
        "person_first.met": "Вы до конца уважали время и выбор собеседника.",
        "person_first.partly": "В какой-то момент ваши цели оказались важнее собеседника.",
        "person_first.missed": "В конце вы давили своей повесткой — человек стал галочкой "
                               "в плане.",
        "next_steps.met": "Вы чётко договорились, что и когда будет дальше.",
        "next_steps.late": "Договорённости прозвучали только после прощания.",
        "next_steps.facts": "Не хватило части договорённости: {facts}.",
        "next_steps.say_facts": "До прощания проговорите вслух: {facts}.",
        "next_steps.partly": "Следующие шаги остались расплывчатыми.",
        "next_steps.missed": "Ничего конкретного не согласовано: кто, что и когда — неясно.",
        "thanks.met": "Вы искренне поблагодарили собеседника.",
        "thanks.partly": "Благодарность потерялась в скороговорке.",
        "thanks.missed": "Вы так и не поблагодарили собеседника за время.",
        "n/a": "В этом сценарии этот принцип не оценивается.",
    },
}

#: Model lines used when the scenario has not authored a better one.
BETTER: dict[Lang, dict[Principle, str]] = {
    "en": {
        "pace": "Slow down for the close: it deserves the same care as the rest of the call.",
        "last_word": "Say your goodbye, then wait until you hear them hang up.",
        "warmth": "It was a real pleasure talking to you. Have a lovely evening!",
        "offer_help": "Is there anything else I can help you with?",
        "person_first": "Take your time to think it over; whatever you decide is fine.",
        "next_steps": "Just to confirm: I'll email you everything today, and we'll speak "
                      "again on Thursday at ten.",
        "thanks": "Thank you so much for your time today.",
    },
    "ru": {
        "pace": "Не торопитесь в конце: финал заслуживает того же внимания, что и весь звонок.",
        "last_word": "Попрощайтесь и дождитесь, пока собеседник сам положит трубку.",
        "warmth": "Было очень приятно с вами поговорить. Хорошего вам вечера!",
        "offer_help": "Могу ли я ещё чем-нибудь вам помочь?",
        "person_first": "Подумайте спокойно, любое ваше решение нас устроит.",
        "next_steps": "Итак, договорились: сегодня пришлю письмо со всеми деталями, "
                      "созваниваемся в четверг в десять.",
        "thanks": "Большое спасибо, что уделили время.",
    },
}

SUMMARY: dict[Lang, dict[str, str]] = {
    "en": {
        "passed": "Passed with {total}/100.",
        "failed": "Not passed: {total}/100 (pass mark {mark}).",
        "work_on": " Work on: {names}.",
    },
    "ru": {
        "passed": "Зачёт: {total}/100.",
        "failed": "Не зачтено: {total}/100 (нужно {mark}).",
        "work_on": " Над чем поработать: {names}.",
    },
}
