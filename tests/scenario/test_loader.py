"""The validator: every malformed scenario is reported at its line and column, with a hint.

Each fixture in ``tests/fixtures/malformed/`` is ``tests/fixtures/minimal.yaml`` with one
thing broken (``many_problems.yaml`` breaks several). Files that cannot live in the repo as
text (binary, invalid UTF-8, UTF-16, 10 MB, 10,000 brackets) are written into ``tmp_path``.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tests.support.paths import MALFORMED, MINIMAL, REPO
from tests.support.processes import RunTutor
from tutor.safe_yaml import MAX_BYTES
from tutor.scenario.loader import check_file
from tutor.scenario.problems import Problem
from tutor.scenario.sources import expand


def problems_in(path: Path) -> list[Problem]:
    scenario, problems = check_file(path)
    assert scenario is None, f"{path.name} should not validate"
    assert problems, f"{path.name} should report at least one problem"
    return problems


def only_problem(name: str | Path) -> Problem:
    path = name if isinstance(name, Path) else MALFORMED / f"{name}.yaml"
    problems = problems_in(path)
    assert len(problems) == 1, "\n".join(p.format() for p in problems)
    return problems[0]


def at(problem: Problem) -> tuple[int, int]:
    return problem.line, problem.column


# --- the baseline --------------------------------------------------------------------------

def test_the_minimal_scenario_the_fixtures_derive_from_is_valid() -> None:
    scenario, problems = check_file(MINIMAL)
    assert problems == []
    assert scenario is not None and scenario.id == "minimal-call"


@pytest.mark.parametrize(
    "path", expand([REPO / "scenarios"]), ids=lambda p: p.relative_to(REPO).as_posix()
)
def test_every_bundled_scenario_validates_clean(path: Path) -> None:
    scenario, problems = check_file(path)
    assert [p.format() for p in problems] == []
    assert scenario is not None


def test_a_problem_formats_as_path_line_column_message_and_an_indented_hint() -> None:
    problem = only_problem("lang_de")
    assert problem.format() == (
        f"{MALFORMED / 'lang_de.yaml'}:3:7: 'de' is not one of ru, en\n"
        "    hint: did you mean 'en'?"
    )


# --- keys and types ------------------------------------------------------------------------

def test_an_unknown_key_is_reported_with_the_key_it_was_probably_meant_to_be() -> None:
    problem = only_problem("unknown_key_typo")
    assert at(problem) == (18, 9)
    assert "unknown key 'follow' in a choice" in problem.message
    assert problem.hint.startswith("did you mean 'follows'?")


def test_a_list_where_text_belongs_is_a_type_error() -> None:
    problem = only_problem("title_is_a_list")
    assert at(problem) == (2, 8)
    assert problem.message == "expected text, found a list"


def test_text_where_a_number_belongs_is_a_type_error_naming_the_range() -> None:
    problem = only_problem("pause_is_text")
    assert at(problem) == (27, 10)
    assert problem.message == "expected a number from 0 to 600, found text"


def test_a_word_other_than_true_or_false_for_a_flag_is_a_type_error() -> None:
    problem = only_problem("closing_is_not_a_flag")
    assert at(problem) == (19, 14)
    assert problem.message == "expected true or false, found text"


def test_a_missing_top_level_key_is_reported_at_the_start_of_the_file() -> None:
    problem = only_problem("missing_title")
    assert at(problem) == (1, 1)
    assert "missing the required key 'title'" in problem.message
    assert "add 'title: ...'" in problem.hint


def test_a_missing_nested_key_is_reported_at_the_mapping_that_lacks_it() -> None:
    problem = only_problem("other_missing_role")
    assert at(problem) == (9, 3)
    assert problem.message == "other is missing the required key 'role'"


def test_a_key_written_twice_is_reported_at_the_repeat_with_the_first_line() -> None:
    problem = only_problem("duplicate_key")
    assert at(problem) == (4, 1)
    assert "key 'title' appears twice" in problem.message
    assert "line 2" in problem.hint


def test_a_language_other_than_ru_or_en_is_rejected() -> None:
    problem = only_problem("lang_de")
    assert at(problem) == (3, 7)
    assert problem.message == "'de' is not one of ru, en"


def test_an_invalid_regular_expression_names_the_error_and_its_character() -> None:
    problem = only_problem("invalid_regex")
    assert at(problem) == (31, 16)
    assert "invalid pattern '(friday'" in problem.message
    assert "at character 1" in problem.message
    assert "escape" in problem.hint


def test_a_pass_mark_over_100_is_out_of_range() -> None:
    problem = only_problem("pass_mark_out_of_range")
    assert at(problem) == (28, 14)
    assert problem.message == "120 is out of range"
    assert problem.hint == "use a whole number from 0 to 100"


def test_weights_that_are_all_zero_are_rejected() -> None:
    problem = only_problem("weights_all_zero")
    assert at(problem) == (29, 5)
    assert problem.message == "every weight is 0"


def test_zeroing_some_weights_is_allowed_because_the_rest_keep_their_defaults(
    tmp_path: Path, minimal_scenario: str
) -> None:
    path = tmp_path / "no-pace.yaml"
    path.write_text(minimal_scenario + "rubric:\n  weights:\n    pace: 0\n", "utf-8")
    scenario, problems = check_file(path)
    assert [p.format() for p in problems] == []
    assert scenario is not None
    assert scenario.rubric.weights["pace"] == 0
    assert scenario.rubric.weights["next_steps"] > 0


def test_a_fact_id_used_twice_is_reported_at_the_repeat() -> None:
    problem = only_problem("duplicate_fact_id")
    assert at(problem) == (30, 12)
    assert problem.message == "duplicate fact id 'day'"


def test_a_choice_that_both_follows_and_breaks_a_principle_is_contradictory() -> None:
    problem = only_problem("choice_follows_and_breaks")
    assert at(problem) == (23, 9)
    assert problem.message == "a choice both follows and breaks warmth"


# --- steps and the shape of the call -------------------------------------------------------

def test_a_next_that_names_a_missing_step_suggests_the_closest_step() -> None:
    problem = only_problem("next_to_missing_step")
    assert at(problem) == (17, 15)
    assert problem.message == "next refers to a step 'wrp' that does not exist"
    assert problem.hint.startswith("did you mean 'wrap'?")


def test_a_step_id_used_twice_is_reported_at_the_second_with_the_first_line() -> None:
    problem = only_problem("duplicate_step_id")
    assert at(problem) == (18, 9)
    assert problem.message == "duplicate step id 'hello'"
    assert "line 12" in problem.hint


def test_end_cannot_be_used_as_a_step_id() -> None:
    problem = only_problem("end_as_step_id")
    assert at(problem) == (18, 9)
    assert "'end' is reserved" in problem.message


def test_a_step_no_path_leads_to_is_unreachable() -> None:
    problem = only_problem("unreachable_step")
    assert at(problem) == (25, 9)
    assert problem.message == "step 'aside' can never be reached"


def test_steps_that_only_lead_to_each_other_can_never_end() -> None:
    problems = problems_in(MALFORMED / "cycle_never_ends.yaml")
    assert [(at(p), p.message) for p in problems] == [
        ((12, 9), "from step 'hello' the call can never end"),
        ((18, 9), "from step 'wrap' the call can never end"),
    ]
    assert all("next: end" in p.hint for p in problems)


def test_a_closing_no_path_leads_to_is_reported() -> None:
    problems = problems_in(MALFORMED / "closing_unreachable.yaml")
    assert [(at(p), p.message) for p in problems] == [
        ((18, 9), "step 'wrap' can never be reached"),
        ((18, 9), "the closing can never be reached"),
    ]


def test_a_call_with_no_closing_step_is_reported_at_steps() -> None:
    problem = only_problem("no_closing_step")
    assert at(problem) == (11, 1)
    assert problem.message == "no step is marked as the closing"
    assert "closing: true" in problem.hint


def test_an_end_step_cannot_also_give_the_learner_choices() -> None:
    problem = only_problem("end_step_with_choices")
    assert at(problem) == (25, 5)
    assert problem.message == "step 'done' is an end step but also gives the learner a turn"


def test_a_step_without_choices_or_typed_gives_the_learner_nothing_to_do() -> None:
    problem = only_problem("step_without_turn")
    assert at(problem) == (18, 5)
    assert problem.message == "step 'wrap' gives the learner nothing to do"


def test_a_farewell_on_a_step_that_does_not_end_the_call_is_rejected() -> None:
    problem = only_problem("farewell_on_non_end_step")
    assert at(problem) == (20, 5)
    assert problem.message == "farewell on step 'wrap', which is not an end step"


def test_every_problem_in_a_file_is_reported_sorted_by_line() -> None:
    problems = problems_in(MALFORMED / "many_problems.yaml")
    assert [(at(p), p.message) for p in problems] == [
        ((3, 7), "'fr' is not one of ru, en"),
        ((11, 3), "unknown key 'mood' in other"),
        ((18, 15), "next refers to a step 'wrapup' that does not exist"),
        ((28, 18), "0 is out of range"),
    ]


# --- YAML itself ---------------------------------------------------------------------------

def test_bad_indentation_is_a_yaml_syntax_error_on_the_misindented_line() -> None:
    problem = only_problem("yaml_bad_indentation")
    assert at(problem) == (10, 9)
    assert problem.message.startswith("YAML syntax error: mapping values are not allowed")


def test_a_key_indented_too_deep_gets_an_indentation_hint_not_a_quoting_one() -> None:
    problem = only_problem("yaml_bad_indentation")
    assert problem.hint.startswith("line this up with the keys it belongs with")
    assert "quote" not in problem.hint


def test_a_list_item_indented_too_little_gets_the_indentation_hint(tmp_path: Path) -> None:
    text = MINIMAL.read_text("utf-8").replace("\n    choices:\n      - text: Hi",
                                              "\n    choices:\n     - text: Hi", 1)
    assert text != MINIMAL.read_text("utf-8")
    path = tmp_path / "shallow.yaml"
    path.write_text(text, "utf-8")
    problem = only_problem(path)
    assert problem.hint.startswith("line this up with the keys it belongs with")


def test_text_holding_colon_space_still_gets_the_quoting_hint(tmp_path: Path) -> None:
    path = tmp_path / "colon.yaml"
    path.write_text(MINIMAL.read_text("utf-8").replace(
        "text: Hello, Sam here.", "text: Note: Sam here.", 1), "utf-8")
    problem = only_problem(path)
    assert "mapping values are not allowed" in problem.message
    assert problem.hint == 'quote text that contains \': \', e.g. text: "Note: ..."'


def test_a_step_id_yes_is_told_to_be_renamed_as_the_guide_says(tmp_path: Path) -> None:
    path = tmp_path / "yes.yaml"
    path.write_text(MINIMAL.read_text("utf-8").replace("id: wrap", "id: yes")
                    .replace("next: wrap", "next: agreed"), "utf-8")
    problems = problems_in(path)
    [bare] = [p for p in problems if "reads as true/false" in p.message]
    assert "rename it" in bare.hint and "'agreed' or 'declined'" in bare.hint
    assert "or quote it" not in bare.hint
    guide = (REPO / "docs/scenario-format.md").read_text("utf-8")
    assert "write `agreed` or `declined` instead" in guide


def test_a_tab_in_the_indentation_is_reported_with_a_spaces_hint() -> None:
    problem = only_problem("yaml_tab")
    assert at(problem) == (7, 1)
    assert "tab character" in problem.message
    assert problem.hint == "indent with spaces, not tabs"


def test_an_unclosed_quote_is_reported_where_the_quote_opens() -> None:
    problem = only_problem("yaml_unclosed_quote")
    assert at(problem) == (2, 8)
    assert "YAML syntax error" in problem.message
    assert "quoted scalar that starts here" in problem.message
    assert "matching quote" in problem.hint


def test_an_empty_file_is_reported_as_empty() -> None:
    problem = only_problem("empty")
    assert at(problem) == (1, 1)
    assert problem.message == "the file is empty"


def test_a_file_of_only_whitespace_is_reported_as_empty() -> None:
    problem = only_problem("whitespace_only")
    assert at(problem) == (1, 1)
    assert problem.message == "the file is empty"


def test_a_top_level_list_is_not_a_scenario() -> None:
    problem = only_problem("top_level_list")
    assert at(problem) == (1, 1)
    assert problem.message.startswith("the file must be a mapping of keys")
    assert problem.message.endswith("found a list")


def test_a_python_tag_is_refused_and_never_executed() -> None:
    problem = only_problem("python_tag")
    assert at(problem) == (2, 8)
    assert "python/object/apply:os.system" in problem.message
    assert "are not allowed" in problem.message


def test_a_custom_tag_is_refused() -> None:
    problem = only_problem("custom_tag")
    assert at(problem) == (2, 8)
    assert problem.message == "YAML tags like '!shout' are not allowed"


@pytest.mark.parametrize(("written", "tag"), [
    ("<<: {goal: Close the call well.}", "merge"),  # YAML's merge key, with no '!' written
    ("title: =", "value"),
])
def test_a_tag_yaml_gives_on_its_own_is_refused(tmp_path: Path, written: str, tag: str) -> None:
    text = MINIMAL.read_text("utf-8").replace("title: A minimal call", written, 1)
    path = tmp_path / "call.yaml"
    path.write_text(text, "utf-8")
    problem = only_problem(path)
    assert problem.message == f"YAML tags like 'tag:yaml.org,2002:{tag}' are not allowed"


def test_anchors_and_aliases_are_refused_at_the_anchor() -> None:
    problem = only_problem("anchors_aliases")
    assert at(problem) == (4, 10)
    assert "anchors and aliases" in problem.message
    assert "write the value out in full" in problem.hint


# --- bytes that are not YAML text ----------------------------------------------------------

def test_a_binary_file_is_reported_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "photo.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    problem = only_problem(path)
    assert at(problem) == (1, 1)
    assert "binary" in problem.message


def test_invalid_utf8_is_reported_at_the_line_and_column_of_the_bad_byte(
    tmp_path: Path, minimal_scenario: str
) -> None:
    path = tmp_path / "latin1.yaml"
    text = minimal_scenario.replace("title: A minimal call", "title: A caf\u00e9 call")
    path.write_bytes(text.encode("latin-1"))  # é becomes the lone byte 0xE9
    problem = only_problem(path)
    assert at(problem) == (2, 13)
    assert problem.message == "the file is not valid UTF-8 text"
    assert "UTF-8" in problem.hint


def test_a_utf16_file_is_named_as_utf16_and_the_hint_says_to_save_as_utf8(
    tmp_path: Path, minimal_scenario: str
) -> None:
    path = tmp_path / "notepad.yaml"
    path.write_bytes(codecs.BOM_UTF16_LE + minimal_scenario.encode("utf-16-le"))
    problem = only_problem(path)
    assert at(problem) == (1, 1)
    assert "UTF-16" in problem.message
    assert "UTF-8" in problem.hint


def test_a_utf8_file_with_a_byte_order_mark_is_accepted(
    tmp_path: Path, minimal_scenario: str
) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(codecs.BOM_UTF8 + minimal_scenario.encode("utf-8"))
    scenario, problems = check_file(path)
    assert problems == [] and scenario is not None


def test_a_10_mb_file_is_refused_without_parsing_it(
    tmp_path: Path, minimal_scenario: str
) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(minimal_scenario + "# padding\n" * (1024 * 1024), "utf-8")
    assert path.stat().st_size > 10 * MAX_BYTES
    problem = only_problem(path)
    assert at(problem) == (1, 1)
    assert problem.message == "the file is larger than 1024 KiB"


def test_10000_nested_brackets_are_reported_not_crashed_on(
    tmp_path: Path, run_tutor: RunTutor
) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("id: deep\ntitle: " + "[" * 10_000 + "\n", "utf-8")
    result = run_tutor("validate", path)
    assert result.returncode == 1, f"exit {result.returncode} (a negative code is a signal)"
    assert result.stdout.startswith(f"{path}:2:")
    assert "nesting" in result.stdout
    assert "Traceback" not in result.stderr


def test_deep_nesting_by_indentation_is_reported_at_the_level_that_is_too_deep(
    tmp_path: Path,
) -> None:
    path = tmp_path / "stairs.yaml"
    path.write_text("a:\n" + "".join(" " * 2 * i + "k:\n" for i in range(1, 200)), "utf-8")
    problem = only_problem(path)
    assert at(problem) == (41, 81)
    assert problem.message == "nesting is deeper than 40 levels"


def test_an_unreadable_path_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    problem = only_problem(tmp_path / "missing.yaml")
    assert at(problem) == (1, 1)
    assert problem.message.startswith("cannot read the file")


def test_there_are_at_least_28_malformed_fixtures() -> None:
    assert len(list(MALFORMED.glob("*.yaml"))) >= 28
