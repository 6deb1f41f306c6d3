"""The hand-graded data for the feedback engine has the shape it promises.

Only the shape: every call and principle named exists, bands are valid, the counts are met. How
the tool's verdicts compare with these labels is the feedback engine's test, not this one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.graded import (
    GradedClosing,
    bundled_scenarios,
    check_closings,
    check_offer_sample,
    load_closings,
    load_offer_sample,
)
from tutor.scenario.model import Scenario


@pytest.fixture(scope="module")
def scenarios() -> dict[str, Scenario]:
    return bundled_scenarios()


def closing(**changes: object) -> GradedClosing:
    """A sound closing of recruiter-call-en, with ``changes`` applied."""
    fields: dict[str, object] = {
        "id": "en-sample", "scenario": "recruiter-call-en", "lang": "en",
        "script": ("choose 1", "choose 2", "choose 1", "choose 1",
                   "say Anything else I can help with?", "say Thanks, Maria, goodbye!"),
        "band": "excellent", "broken": (), "partly": (), "why": "A sample.", "line": 1,
    }
    fields.update(changes)
    return GradedClosing(**fields)  # type: ignore[arg-type]


def faults(closing: GradedClosing, scenarios: dict[str, Scenario]) -> list[str]:
    """The problems of one closing, without the coverage minimums of the whole file."""
    return [p for p in check_closings([closing], scenarios) if "en-sample:" in p]


def test_the_graded_closings_file_reads_without_problems() -> None:
    closings, problems = load_closings()
    assert problems == []
    assert closings


def test_the_graded_closings_name_real_calls_and_principles_and_meet_the_minimums(
    scenarios: dict[str, Scenario],
) -> None:
    closings, _ = load_closings()
    assert check_closings(closings, scenarios) == []


def test_the_offer_sample_reads_and_pairs_every_turn_in_both_languages() -> None:
    labels, problems = load_offer_sample()
    assert problems == []
    assert check_offer_sample(labels) == []


def test_a_sound_closing_has_no_faults(scenarios: dict[str, Scenario]) -> None:
    assert faults(closing(), scenarios) == []


def test_an_unknown_call_is_reported(scenarios: dict[str, Scenario]) -> None:
    assert any("no bundled call" in f for f in faults(closing(scenario="nope-en"), scenarios))


def test_a_call_in_the_other_language_is_reported(scenarios: dict[str, Scenario]) -> None:
    assert any("'ru' call" in f for f in faults(closing(scenario="recruiter-call-ru"), scenarios))


def test_an_unknown_principle_is_reported(scenarios: dict[str, Scenario]) -> None:
    found = faults(closing(broken=("politeness",)), scenarios)
    assert any("'politeness' is not a principle" in f for f in found)


def test_a_principle_both_broken_and_partly_met_is_reported(
    scenarios: dict[str, Scenario],
) -> None:
    found = faults(closing(broken=("pace",), partly=("pace",)), scenarios)
    assert any("both broken and partly" in f for f in found)


def test_an_unknown_band_is_reported(scenarios: dict[str, Scenario]) -> None:
    assert any("band 'great'" in f for f in faults(closing(band="great"), scenarios))


def test_a_choice_that_does_not_exist_is_reported(scenarios: dict[str, Scenario]) -> None:
    found = faults(closing(script=("choose 9", "say Bye!")), scenarios)
    assert any("has no choice 9" in f for f in found)


def test_a_typed_line_where_the_step_takes_none_is_reported(
    scenarios: dict[str, Scenario],
) -> None:
    found = faults(closing(script=("choose 1", "choose 2", "choose 1", "say Bye!")), scenarios)
    assert any("takes no typed line" in f for f in found)


def test_a_script_that_types_nothing_is_reported(scenarios: dict[str, Scenario]) -> None:
    found = faults(closing(script=("choose 1", "choose 2", "choose 1", "choose 2")), scenarios)
    assert any("types no line" in f for f in found)


def test_too_few_closings_fail_the_minimums(scenarios: dict[str, Scenario]) -> None:
    problems = check_closings([closing()], scenarios)
    assert any("the data promises at least" in p for p in problems)


def test_a_closings_file_entry_missing_a_key_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "closings.yaml"
    path.write_text("closings:\n  - id: x\n    scenario: recruiter-call-en\n", encoding="utf-8")
    closings, problems = load_closings(path)
    assert closings == []
    assert any(p.startswith(f"{path}:2:5: missing key 'band'") for p in problems)


def test_an_offer_label_other_than_0_or_1_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "sample.tsv"
    path.write_text("dialogue\tturn\tturns_to_end\tlang\ttext\toffer_help\n"
                    "d1\t3\t0\ten\tAnything else?\tyes\n", encoding="utf-8")
    _, problems = load_offer_sample(path)
    assert problems == [f"{path}:2:1: offer_help is 'yes'; write 1 (an offer of further help) or 0"]


def test_a_turn_labelled_in_one_language_only_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "sample.tsv"
    path.write_text("dialogue\tturn\tturns_to_end\tlang\ttext\toffer_help\n"
                    "d1\t3\t0\ten\tAnything else?\t1\n", encoding="utf-8")
    labels, _ = load_offer_sample(path)
    assert any("has no ru row" in p for p in check_offer_sample(labels, path))
