"""English line analyzer: each signal on varied phone lines, plus its near misses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tutor.signals import SIGNALS, Analyzer, Signal, analyze, detect_language

POSITIVE: dict[Signal, list[str]] = {
    "thanks": [
        "Thanks so much for your patience today.",
        "thank you, that's really helpful",
        "I really appreciate you sorting this out.",
        "Much appreciated, honestly.",
        "We're very grateful for the quick turnaround.",
        "Cheers, mate.",
        "Oh, thanks a lot!",
        "Many thanks for fitting me in.",
        "THANK YOU for calling back so fast",
        "I can't thank you enough for this.",
        "Thanks again for all your help with the claim.",
        "Right, thankyou, that's everything.",
        "No, thank you, that's all I needed.",
        "I'm so thankful you caught that error.",
        "Great, thx!",
        "Well, thanks to you we made the deadline.",
        "Thanks in advance for looking into it.",
    ],
    "goodbye": [
        "Okay, goodbye then.",
        "Bye for now!",
        "Alright, bye-bye.",
        "Take care, Susan.",
        "Talk soon!",
        "See you later.",
        "Catch you later, mate.",
        "Have a good one.",
        "Good night, sleep well.",
        "Speak to you tomorrow then.",
        "See ya!",
        "Take care of yourself, okay?",
        "Right then, cheerio.",
        "Good-bye, and thanks again.",
        "Talk to you next week.",
        "Until next time!",
    ],
    "offer_help": [
        "Is there anything else I can help you with today?",
        "Anything else I can do for you?",
        "Can I help you with anything else?",
        "If any other questions come up, just give us a call.",
        "Feel free to reach out if the invoice looks wrong.",
        "Don't hesitate to call us back.",
        "If you need anything else, I'm here until six.",
        "You know where to find me.",
        "Let me know if there's anything else you need.",
        "What else can I do for you?",
        "Do you have any other questions for me?",
        "My door is always open, you know.",
        "Call me anytime if something's not clear.",
        "You can always ring us back on this number.",
        "We're always here if you run into trouble.",
        "How else can I help?",
        "Is there anything you need?",
        "Anything I can help with?",
        "Do you need anything at all?",
        "Can I get you anything before you go?",
        "You're fine, Mum. Need a hand with anything?",
        "Shall I pick anything up for you on the way?",
    ],
    "next_steps": [
        "I'll email you the contract this afternoon.",
        "See you on Thursday at half past nine.",
        "We'll call you back by Friday with the quote.",
        "The courier will drop it off tomorrow between 8 and 12.",
        "I'll send the invite by text in five minutes.",
        "Your appointment is booked for Monday at 3pm.",
        "Let's meet at 10:30 outside the office.",
        "You'll get a confirmation email within the hour.",
        "I'm going to ring you first thing tomorrow.",
        "We'll have the parts ready by the end of the week.",
        "Come in on Wednesday at eleven and ask for Dana.",
        "I'll whatsapp you the address right after this call.",
        "Expect a call from our engineer on the 14th.",
        "Talk to you Tuesday at four, then.",
        "The refund will reach your account in three business days.",
        "We're seeing you at 2 o'clock, right?",
    ],
    "warmth": [
        "Have a lovely evening!",
        "Best of luck with the move.",
        "It was a real pleasure talking to you.",
        "Great to hear from you again.",
        "Enjoy the rest of your weekend!",
        "All the best to you and the family.",
        "Say hi to your mum for me.",
        "Hope the interview goes really well.",
        "Stay safe on the roads tonight.",
        "Get well soon, okay?",
        "So glad I could help.",
        "You've been really helpful, honestly.",
        "Happy holidays!",
        "Safe travels, and enjoy Lisbon.",
        "Lovely chatting with you, Tom.",
        "Have a great day!",
        "My pleasure, really.",
    ],
    "rushed": [
        "uh-huh, ok, yep, bye",
        "Sorry, I have to run.",
        "Gotta go, bye!",
        "Yeah yeah, fine.",
        "I'm in a real hurry, can we wrap this up?",
        "Look, I've got another call coming in.",
        "Make it quick, please.",
        "Let me stop you there.",
        "OK, OK, whatever.",
        "mhm, yep, thanks, bye",
        "I'm running late for a meeting.",
        "I can't talk right now.",
        "Okay okay okay.",
        "Anyway, I've got to go.",
        "I don't need the details, just tell me the price.",
        "Right, I need to dash.",
    ],
}

NEGATIVE: dict[Signal, list[str]] = {
    "thanks": [
        "No thanks, not interested.",
        "No thanks.",
        "Thanks for nothing.",
        "Don't thank me, thank the team.",
        "No need to thank me.",
        "Thanks, but we're not interested.",
        "Thank God it's Friday.",
        "Thanks to the traffic, I'm late.",
        "I don't appreciate being put on hold for an hour.",
        "He thinks the bill is wrong.",
        "I'll pass it on to the manager.",
        "Could you spell the street name?",
        "I thanked her yesterday already.",
        "No, thank you, we're fine.",
        "Thanks but no thanks.",
        "I'm not grateful for that at all.",
    ],
    "goodbye": [
        "I wouldn't say goodbye yet.",
        "You can say goodbye to those late fees.",
        "We'll take care of the paperwork.",
        "He left without saying goodbye.",
        "By the way, the form is online.",
        "I can see you in the system now.",
        "We said our goodbyes at the airport.",
        "I'd like to buy a new router.",
        "Let's not say bye just yet, one more thing.",
        "So long as the payment clears, it's fine.",
        "I see you've called before.",
        "Hi, I'm calling about my order.",
        "Take care of the invoice first, please.",
        "Goodbyes are always awkward.",
        "Could you hold the line?",
    ],
    "offer_help": [
        "I can't help you with anything else.",
        "There's nothing else I can do.",
        "Don't call us again.",
        "I have a few more questions about the bill.",
        "Anything else I should know about the car?",
        "Can you help me with the password?",
        "I need help with my account.",
        "If you have any questions, too bad.",
        "Please don't contact us again.",
        "That's everything from my side.",
        "I have one more question.",
        "Is there anything wrong with the device?",
        "The help desk closes at five.",
        "Did you get my email?",
        "Questions about billing go to another team.",
        "Is there anything you need for the booking?",
        "Do I need anything for the visit?",
        "I don't need anything, really.",
        "Is there anything you'd recommend nearby?",
        "Anything I can eat there?",
        "I need help?",
    ],
    "next_steps": [
        "We'll send you the info.",
        "I'll get back to you.",
        "I'll call you back.",
        "We'll be in touch.",
        "I was there on Tuesday.",
        "I called yesterday about this.",
        "It will rain tomorrow, apparently.",
        "I won't be able to call you tomorrow.",
        "Maybe we could meet sometime.",
        "I'm busy on Monday.",
        "What time do you close?",
        "Thanks for your call today.",
        "We'll see how it goes.",
        "Let me think about it.",
        "The parcel was booked last week.",
        "See you soon.",
    ],
    "warmth": [
        "Good luck with that, you'll need it.",
        "We had a great day at the show, thanks.",
        "It wasn't nice talking to you at all.",
        "Not a pleasure, frankly.",
        "Have a look at the second page.",
        "We have a great deal on broadband.",
        "Enjoy the hold music.",
        "Luckily the delivery arrived.",
        "That's the best offer we have.",
        "Hope you don't mind me asking.",
        "No luck with the refund so far.",
        "Nice try, but the code expired.",
        "I'm not happy with the service.",
        "Did you have a good look at the contract?",
        "What's your postcode?",
    ],
    "rushed": [
        "There's no rush at all.",
        "Take your time.",
        "I'm not in a hurry.",
        "I have to go to the bank on Monday.",
        "Okay, thank you, goodbye.",
        "Yes, that's right.",
        "Okay, let me check that for you.",
        "I have to run a quick test on the line.",
        "Don't rush, I'll wait.",
        "Sure, I can hold.",
        "Right, so the first payment is due in May.",
        "Yeah, that sounds good to me.",
        "Thank you so much, that's lovely.",
        "We need to go through the contract together.",
        "Alright, I'll wait for the engineer.",
    ],
}


# The signals of issue 11: pushing your own agenda, brushing the other person off, hedging.
POSITIVE["self_interest"] = [
    "Oh, and while I've got you, do you know anyone else who might be looking for a job?",
    "Would you mind leaving us a review once it's delivered? It really helps us.",
    "Our premium plan is just five pounds more a month. Want me to add it?",
    "If you know any other garages who might want fibre, send them my way!",
    "Twenty percent off banners this month. Interested?",
    "While we're at it, shall I sign you up for the newsletter too?",
    "Can you bring your car too? Saves me petrol.",
    "Could you rate us five stars on Google when you get a minute?",
    "Refer a friend and you both get a month free.",
    "And while you're on the line, our insurance add-on is only ten pounds extra a month.",
    "Don't take too long deciding, we have other candidates lined up.",
    "The offer ends on Friday, so I'd sign today.",
    "We've got 15% off all upgrades this week, want me to add one?",
    "Got anyone at work who might want the same deal?",
    "Please post a quick review on Trustpilot, it means a lot to us.",
]
NEGATIVE["self_interest"] = [
    "Thank you so much for your time today.",
    "Is there anything else I can help you with?",
    "Take your time to think it over; whatever you decide is fine.",
    "I'll email the prices this afternoon and nobody will chase you.",
    "Your refund of eighteen forty is on its way.",
    "The engineer will be there between eight and twelve.",
    "It was lovely talking to you, have a great evening!",
    "No pressure at all, there's no rush.",
    "Have a look at the review of your account when it arrives.",
    "The plan you chose is the right one for you.",
    "We'll see you on Tuesday at eleven.",
    "Good luck with the interview!",
    "I know it's been a long day for you.",
    "The parking is free under the building.",
    "Thanks, and enjoy the new sofa.",
]
POSITIVE["brush_off"] = [
    "Right, gotta run, got another delivery to sort. Bye!",
    "Dunno, it's all in the email, you'll figure it out.",
    "Sorry, I've got another call coming in.",
    "That's not my problem, to be honest.",
    "Look, I'm busy, just read the leaflet.",
    "k, thx, gotta run",
    "Whatever, it's all in the pack.",
    "No idea, mate. Bye.",
    "You'll work it out, it's easy.",
    "I've got a customer waiting, so bye.",
    "I have to dash, sorry.",
    "No time for this, bye.",
    "It's all in the contract, honestly.",
    "Who knows, ask the office.",
    "Must run, talk later.",
]
NEGATIVE["brush_off"] = [
    "Take your time, there's no rush at all.",
    "I'll let you get to your call. Thanks, Nadia, good luck!",
    "I don't have to run anywhere, ask me anything.",
    "Let me check that for you and email you by five.",
    "We need to go through the contract together.",
    "I have to go to the bank on Friday, so Monday suits me better.",
    "Is there anything else I can help with?",
    "Thank you, it was lovely to talk.",
    "Good question! The parking is free under the building.",
    "I'll put it all in the email as well.",
    "See you on Tuesday at eleven.",
    "You'll get a text in a few minutes.",
    "I know it's a lot, so let's go through it slowly.",
    "Happy to help with anything else.",
    "Have a lovely evening!",
]
POSITIVE["hedge"] = [
    "Parking, I'm not sure, to be honest.",
    "I don't know about the dress code.",
    "No idea, sorry.",
    "Maybe on Tuesday.",
    "I think it's around ten.",
    "I'm not entirely sure about the price.",
    "We're not sure yet.",
    "Dunno.",
    "Probably Friday.",
    "I guess that's fine.",
    "I'm honestly not sure about parking.",
    "Perhaps after lunch.",
    "I really don't know.",
    "Not a hundred percent sure, but it should be free.",
    "Possibly next week.",
]
NEGATIVE["hedge"] = [
    "The parking is free under the building.",
    "It's smart casual, no tie.",
    "See you on Tuesday at eleven.",
    "Your refund is eighteen pounds forty.",
    "Thank you so much!",
    "I'm sure you'll do great.",
    "I know exactly where that is.",
    "Is there anything else I can help with?",
    "The engineer will come between eight and twelve.",
    "Goodbye!",
    "I'll email you the answer by five today.",
    "You know where to find us.",
    "It was a pleasure.",
    "Take care!",
    "Your appointment is on Friday at 9:15.",
]

CASES = [(s, line, True) for s in SIGNALS for line in POSITIVE[s]] + [
    (s, line, False) for s in SIGNALS for line in NEGATIVE[s]
]


@pytest.mark.parametrize(("signal", "line", "expected"), CASES)
def test_signal_detection(signal: Signal, line: str, expected: bool) -> None:
    assert analyze(line, "en").has(signal) is expected


@pytest.mark.parametrize("signal", SIGNALS)
def test_enough_lines_per_signal(signal: Signal) -> None:
    assert len(POSITIVE[signal]) >= 15 and len(NEGATIVE[signal]) >= 15


def test_span_points_at_original_text() -> None:
    line = "Okay. THANK you, Bye!"
    result = analyze(line)
    thanks = next(s for s in result.spans if s.signal == "thanks")
    assert (line[thanks.start : thanks.end], thanks.text) == ("THANK you", "THANK you")


def test_spans_survive_casefold_that_changes_length() -> None:
    # "ß" folds to "ss": the offsets must still point into the original line.
    line = "Straße fixed. Thanks, goodbye!"
    result = analyze(line)
    assert [line[s.start : s.end] for s in result.spans] == ["Thanks", "goodbye"]


def test_multi_move_line() -> None:
    result = analyze("Thank you, I'll text you the code at 6pm tonight. Take care, bye!")
    # "Take care" is a wish as well as a goodbye.
    assert result.signals == ("thanks", "goodbye", "next_steps", "warmth")


def test_signals_follow_canonical_order() -> None:
    result = analyze("Bye! Have a great weekend, and thanks!")
    assert result.signals == ("thanks", "goodbye", "warmth")


@pytest.mark.parametrize(
    ("line", "signal"),
    [
        ("I apreciate it.", "thanks"),
        ("Goodbey!", "goodbye"),
        ("Thnaks, that helps.", "thanks"),
        ("See you on Wendesday at 10.", "next_steps"),
        ("Have a lovley evening.", "warmth"),
    ],
)
def test_one_letter_typos_in_long_words(line: str, signal: Signal) -> None:
    assert analyze(line).has(signal)


def test_typo_span_covers_the_misspelt_word() -> None:
    line = "I really apreciate it"
    span = next(s for s in analyze(line).spans if s.signal == "thanks")
    assert line[span.start : span.end].endswith("apreciate")


def test_short_words_are_not_fuzzy_matched() -> None:
    assert not analyze("Bee, bey, bay.").has("goodbye")


@pytest.mark.parametrize(
    "line",
    ["No thanks, not interested.", "No, thank you, I'm good.", "Thanks, but I'll pass."],
)
def test_polite_refusal_is_not_thanks(line: str) -> None:
    assert not analyze(line).has("thanks")


def test_refusal_followed_by_real_thanks_still_thanks() -> None:
    assert analyze("No thanks, not today. But thank you for calling!").has("thanks")


@pytest.mark.parametrize("line", ["", "   ", "[b]", "[/b] ...", "?!", "12:30"])
def test_empty_or_markup_only_lines_give_nothing(line: str) -> None:
    result = analyze(line)
    assert (result.signals, result.spans) == ((), ())


@pytest.mark.parametrize(
    ("line", "lang"),
    [("Thank you!", "en"), ("", "en"), ("Ok, спасибо большое", "ru"), ("Thanks, Иван", "en")],
)
def test_detect_language(line: str, lang: str) -> None:
    assert detect_language(line) == lang


def test_mixed_script_line_uses_both_cue_sets() -> None:
    assert analyze("Спасибо огромное, bye!").signals == ("thanks", "goodbye")


def test_trainer_file_extends_patterns(tmp_path: Path) -> None:
    (tmp_path / "signals").mkdir()
    (tmp_path / "signals" / "en.yaml").write_text(
        "signals:\n  goodbye:\n    match: ['\\bcatch you on the flip side\\b']\n",
        encoding="utf-8",
    )
    trained = Analyzer(extra_dirs=[tmp_path])
    line = "Catch you on the flip side!"
    assert trained.analyze(line).has("goodbye") and not analyze(line).has("goodbye")
    assert trained.analyze("Goodbye!").has("goodbye")  # bundled cues are kept


def test_signals_package_does_not_import_textual() -> None:
    code = (
        "import sys, tutor.signals; tutor.signals.analyze('bye'); print('textual' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert out.stdout.strip() == "False"


def test_literal_gates_never_change_results(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The gates only skip work: an analyzer without them must agree on every test line.
    from tests.signals import test_ru as test_signals_ru
    from tutor.signals import matcher

    monkeypatch.setattr(matcher, "needs", lambda patterns: None)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # a cached gate would hide the patch
    ungated = Analyzer()
    lines = [line for table in (POSITIVE, NEGATIVE) for group in table.values() for line in group]
    lines += [
        line
        for table in (test_signals_ru.POSITIVE, test_signals_ru.NEGATIVE)
        for group in table.values()
        for line in group
    ]
    assert [ungated.analyze(x) for x in lines] == [analyze(x) for x in lines]
