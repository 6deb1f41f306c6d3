"""The analyzer's languages are its cue files: a third one needs nothing but a file.

``fixtures/signals_toy_language/signals/xx.yaml`` is a toy language written in Greek letters;
passing its folder as a scenario folder, as a trainer would, teaches the analyzer "xx".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.signals import Analyzer, CueFileError, build_detector, detect_language

TOY = Path(__file__).resolve().parents[1] / "fixtures" / "signals_toy_language"


@pytest.fixture(scope="module")
def toy() -> Analyzer:
    return Analyzer(extra_dirs=[TOY])


def _trainer(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / "signals").mkdir()
    (tmp_path / "signals" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_bundled_languages_are_the_bundled_cue_files() -> None:
    assert Analyzer().langs == ("en", "ru")


def test_a_trainers_cue_file_adds_its_language_after_the_bundled_ones(toy: Analyzer) -> None:
    assert toy.langs == ("en", "ru", "xx")


def test_a_line_in_the_toy_language_is_detected_as_it(toy: Analyzer) -> None:
    result = toy.analyze("Ευχαριστώ πολύ, αντίο!")
    assert result.lang == "xx"
    assert result.signals == ("thanks", "goodbye")
    assert [s.text for s in result.spans] == ["Ευχαριστώ", "αντίο"]


def test_the_toy_languages_unless_pairs_and_typos_work(toy: Analyzer) -> None:
    assert not toy.analyze("Όχι, ευχαριστώ.").has("thanks")
    assert toy.analyze("Τηλεφωνώ αύριο.").signals == ("next_steps",)
    assert toy.analyze("Ευχαριστό!").has("thanks")  # one letter off a fuzzy word
    assert not toy.analyze("Ευχαριστεί").has("thanks")  # a known word is left alone


def test_a_few_toy_words_in_an_english_line_bring_their_cues(toy: Analyzer) -> None:
    result = toy.analyze("Thanks, αντίο!")
    assert (result.lang, result.signals) == ("en", ("thanks", "goodbye"))


def test_the_toy_language_does_not_change_english_or_russian_lines(toy: Analyzer) -> None:
    bundled = Analyzer()
    for line in ("Thank you, goodbye!", "Спасибо, до свидания!", "Ok, спасибо большое"):
        assert toy.analyze(line) == bundled.analyze(line)


def test_the_caller_may_name_the_language(toy: Analyzer) -> None:
    assert toy.analyze("Αντίο", "xx").signals == ("goodbye",)


def test_a_language_without_a_cue_file_has_no_cues_of_its_own() -> None:
    # Named by the caller (say, a scenario's language): only mixed-in languages' cues run.
    result = Analyzer().analyze("Ευχαριστώ, thanks!", "xx")
    assert (result.lang, result.signals) == ("xx", ("thanks",))


def test_build_detector_reads_the_cue_files_of_the_folders_it_is_given() -> None:
    assert build_detector([TOY]).analyze("Γεια σας!").lang == "xx"
    assert build_detector([]).analyze("Γεια σας!").signals == ()


def test_detect_language_picks_among_the_bundled_languages() -> None:
    assert detect_language("Γεια σας") == "en"  # no letters of a known language: the first


def test_a_new_language_must_say_which_letters_it_is_written_in(tmp_path: Path) -> None:
    folder = _trainer(tmp_path, "yy.yaml", "signals:\n  goodbye:\n    match: ['\\bciao\\b']\n")
    with pytest.raises(CueFileError, match=r"yy\.yaml: .*letters"):
        Analyzer(extra_dirs=[folder])


def test_a_cue_file_named_for_one_language_cannot_declare_another(tmp_path: Path) -> None:
    folder = _trainer(tmp_path, "yy.yaml", "lang: zz\nletters: '[a-z]'\n")
    with pytest.raises(CueFileError, match=r"yy\.yaml:1:7: says 'lang: zz'"):
        Analyzer(extra_dirs=[folder])


def test_letters_must_be_a_regex(tmp_path: Path) -> None:
    folder = _trainer(tmp_path, "yy.yaml", "letters: '[a-'\n")
    with pytest.raises(CueFileError, match=r"yy\.yaml:1:10: 'letters' must be one regex "
                                           r"character class"):
        Analyzer(extra_dirs=[folder])


def test_letters_are_one_character_class_so_counting_them_cannot_backtrack(
        tmp_path: Path) -> None:
    folder = _trainer(tmp_path, "yy.yaml", "letters: '(a|a)*c'\n")
    with pytest.raises(CueFileError, match=r"yy\.yaml:1:10: 'letters' must be one regex "
                                           r"character class like '\[a-zA-Z\]'"):
        Analyzer(extra_dirs=[folder])
