"""Families of closing phrasings in both languages: warm sign-offs, "I won't keep you", requests
for a review or rating, and the customer's "anything I can do to get..." that is not an offer.

Each family is a set of paraphrases rather than one string, so the cues are held to the move
itself and not to a wording.
"""

from __future__ import annotations

import pytest

from tutor.signals import Lang, analyze

HUGS: list[tuple[str, Lang]] = [
    ("Big hug!", "en"),
    ("Hugs!", "en"),
    ("Sending a hug.", "en"),
    ("Sending you a big hug from all of us.", "en"),
    ("Hugs to the kids from me.", "en"),
    ("Hug the kids for me.", "en"),
    ("I'd give you a hug if I could.", "en"),
    ("Lots of love, and see you at Easter.", "en"),
    ("Love to the kids!", "en"),
    ("Обнимаю!", "ru"),
    ("Крепко обнимаю.", "ru"),
    ("Обнимаю тебя крепко-крепко!", "ru"),
    ("Обнимаем всей семьёй!", "ru"),
    ("Шлю тебе тёплые объятия.", "ru"),
    ("Крепко жму руку.", "ru"),
]

NOT_HUGS: list[tuple[str, Lang]] = [
    ("The road hugs the coast for a few miles.", "en"),
    ("She hugs everyone she meets.", "en"),
    ("He gave her a hug at the station.", "en"),
    ("Он крепко обнял её на вокзале.", "ru"),
]

WANTING_TO: list[tuple[str, Lang]] = [
    ("I'd love to visit a college while I'm there.", "en"),
    ("We'd love to check in on Sunday.", "en"),
    ("I would love to leave after 12:15, please.", "en"),
]

DOUBLED_ENDEARMENTS: list[tuple[str, Lang]] = [
    ("Обнимаю тебя крепко-крепко!", "ru"),
    ("Целую-целую, пока!", "ru"),
]

NOT_KEEPING_YOU: list[tuple[str, Lang]] = [
    ("I won't keep you any longer.", "en"),
    ("I won't hold you up.", "en"),
    ("Well, I won't keep you.", "en"),
    ("Не буду вас больше задерживать.", "ru"),
    ("Ладно, не буду тебя задерживать.", "ru"),
    ("Не смею вас больше задерживать.", "ru"),
]

REVIEW_REQUESTS: list[tuple[str, Lang]] = [
    ("Please leave us a review.", "en"),
    ("Rate us, please.", "en"),
    ("Could you leave us a quick review on Google?", "en"),
    ("We'd love it if you could rate us five stars.", "en"),
    ("How would you rate your experience today?", "en"),
    ("If you have a minute, a review would really help us.", "en"),
    ("You'll get a short survey by text afterwards.", "en"),
    ("It'd mean a lot if you told your friends about us.", "en"),
    ("Оставьте отзыв, пожалуйста.", "ru"),
    ("Оставьте, пожалуйста, отзыв.", "ru"),
    ("Поставьте оценку нашей работе.", "ru"),
    ("Не могли бы вы поставить нам оценку в приложении?", "ru"),
    ("Будем рады, если вы оставите отзыв на сайте.", "ru"),
    ("Оцените, пожалуйста, работу оператора после звонка.", "ru"),
    ("Пройдите, пожалуйста, короткий опрос.", "ru"),
    ("Расскажите о нас друзьям!", "ru"),
]

TALK_OF_RATINGS: list[tuple[str, Lang]] = [
    ("What's the star rating of the hotel?", "en"),
    ("I've read good reviews about that place.", "en"),
    ("Let me just review your booking.", "en"),
    ("Your feedback will be passed on to the team.", "en"),
    ("Какая у этого отеля оценка?", "ru"),
    ("Я слышал хорошие отзывы об этом ресторане.", "ru"),
]

SPEAKERS_OWN_ASK: list[tuple[str, Lang]] = [
    ("Is there anything I can do to get a refund?", "en"),
    ("Is there anything I could do to speed things up?", "en"),
    ("Is there something I could do to get the fee waived?", "en"),
    ("What else can I do to get this sorted?", "en"),
    ("Могу ли я что-нибудь сделать, чтобы мне вернули деньги?", "ru"),
    ("Могу я что-нибудь сделать, чтобы мне вернули деньги?", "ru"),
    ("Я могу что-то сделать, чтобы ускорить возврат?", "ru"),
    ("Могу ли я что-то сделать, чтобы получить компенсацию?", "ru"),
]

OFFERS_TO_DO_SOMETHING: list[tuple[str, Lang]] = [
    ("Is there anything I can do?", "en"),
    ("Is there anything I can do to help?", "en"),
    ("Is there anything I can do to make your stay more comfortable?", "en"),
    ("Is there anything else I can do for you?", "en"),
    ("What else can I do to help you today?", "en"),
    ("Могу ли я ещё что-нибудь для вас сделать?", "ru"),
    ("Могу я что-то сделать, чтобы вам было удобнее?", "ru"),
    ("Могу я ещё что-то сделать, чтобы вам помочь?", "ru"),
]


LETS_WITHOUT_A_TIME: list[tuple[str, Lang]] = [
    ("Давайте я вам перезвоню.", "ru"),
    ("Давай в другой раз.", "ru"),
    ("Давайте не будем.", "ru"),
]

OFFERS_WITH_A_TIME: list[tuple[str, Lang]] = [
    ("Is there anything else I can do for you today?", "en"),
    ("Is there anything more we can do for you this afternoon?", "en"),
    ("Anything else I can do for you tonight?", "en"),
    ("Is there something else I could do for you this evening?", "en"),
]

TIMES_OFFERED: list[tuple[str, Lang]] = [
    ("Давайте во вторник в три.", "ru"),
    ("Давай завтра в семь?", "ru"),
    ("Завтра не могу. Давайте в четверг, после шести я дома.", "ru"),
    ("Давайте на следующей неделе, в среду.", "ru"),
    ("I can do Tuesday at 3 if that suits you.", "en"),
    ("We can do the fitting today at 4pm.", "en"),
    ("Is there anything else I can do? I'll email you the form tomorrow.", "en"),
    ("Anything else I can do for you today? Then I'll text you the details tomorrow.", "en"),
]

@pytest.mark.parametrize(("line", "lang"), HUGS)
def test_a_hug_sent_at_parting_is_warmth(line: str, lang: Lang) -> None:
    assert analyze(line, lang).has("warmth")


@pytest.mark.parametrize(("line", "lang"), NOT_HUGS)
def test_a_hug_told_about_is_not_warmth(line: str, lang: Lang) -> None:
    assert not analyze(line, lang).has("warmth")


@pytest.mark.parametrize(("line", "lang"), WANTING_TO)
def test_loving_to_do_something_is_not_warmth(line: str, lang: Lang) -> None:
    assert not analyze(line, lang).has("warmth")


@pytest.mark.parametrize(("line", "lang"), DOUBLED_ENDEARMENTS)
def test_a_doubled_endearment_is_not_a_rush(line: str, lang: Lang) -> None:
    assert not analyze(line, lang).has("rushed")


@pytest.mark.parametrize(("line", "lang"), NOT_KEEPING_YOU)
def test_not_keeping_them_longer_carries_no_signal_of_its_own(line: str, lang: Lang) -> None:
    # No line signal fits: it is not a rush or a brush-off, and it is no offer of help either
    # (the scenarios count it as deciding for the other person that the call is over).
    assert analyze(line, lang).signals == ()


@pytest.mark.parametrize(("line", "lang"), REVIEW_REQUESTS)
def test_asking_for_a_review_or_rating_is_self_interest(line: str, lang: Lang) -> None:
    assert analyze(line, lang).has("self_interest")


@pytest.mark.parametrize(("line", "lang"), TALK_OF_RATINGS)
def test_talking_about_ratings_or_reviews_is_not_self_interest(line: str, lang: Lang) -> None:
    assert not analyze(line, lang).has("self_interest")


@pytest.mark.parametrize(("line", "lang"), SPEAKERS_OWN_ASK)
def test_asking_what_you_can_do_to_get_something_is_not_offer_help(line: str, lang: Lang) -> None:
    assert not analyze(line, lang).has("offer_help")


@pytest.mark.parametrize(("line", "lang"), OFFERS_TO_DO_SOMETHING)
def test_offering_to_do_something_for_them_is_still_offer_help(line: str, lang: Lang) -> None:
    assert analyze(line, lang).has("offer_help")


@pytest.mark.parametrize(("line", "lang"), OFFERS_WITH_A_TIME)
def test_an_offer_of_help_for_today_agrees_no_next_step(line: str, lang: Lang) -> None:
    found = analyze(line, lang)
    assert found.has("offer_help") and not found.has("next_steps")


@pytest.mark.parametrize(("line", "lang"), TIMES_OFFERED)
def test_a_time_offered_or_a_step_beside_the_offer_is_still_a_next_step(line: str,
                                                                      lang: Lang) -> None:
    assert analyze(line, lang).has("next_steps")


@pytest.mark.parametrize(("line", "lang"), LETS_WITHOUT_A_TIME)
def test_lets_with_no_time_agreed_is_no_next_step(line: str, lang: Lang) -> None:
    assert not analyze(line, lang).has("next_steps")
