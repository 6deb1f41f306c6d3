"""``tutor list``, ``schema``, ``play --plain``, ``check`` and ``listen`` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REFERENCE, RunTutor

from tutor.scenario.schema import SCENARIO

# --- list ----------------------------------------------------------------------------------

def test_list_shows_each_scenario_with_its_language_and_title(run_tutor: RunTutor) -> None:
    result = run_tutor("list")
    assert result.returncode == 0
    rows = [line.split(maxsplit=2) for line in result.stdout.splitlines()]
    assert ["recruiter-call-en", "en", "The recruiter's call"] in rows


def test_list_filters_by_language(run_tutor: RunTutor) -> None:
    assert "recruiter-call-en" in run_tutor("list", "--lang", "en").stdout
    assert "recruiter-call-en" not in run_tutor("list", "--lang", "ru").stdout


def test_list_json_describes_each_scenario(run_tutor: RunTutor) -> None:
    result = run_tutor("list", "--json")
    assert result.returncode == 0
    [entry] = [e for e in json.loads(result.stdout) if e["id"] == "recruiter-call-en"]
    assert entry["lang"] == "en"
    assert entry["title"] == "The recruiter's call"
    assert Path(entry["file"]).name == "recruiter-call.yaml"
    assert set(entry) == {"id", "title", "lang", "kind", "difficulty", "summary", "file"}


def test_list_warns_about_broken_files_in_a_trainers_folder(
    run_tutor: RunTutor, tmp_path: Path
) -> None:
    (tmp_path / "broken.yaml").write_text("id: [\n", "utf-8")
    result = run_tutor("--scenarios", tmp_path, "list")
    assert result.returncode == 0
    assert "recruiter-call-en" in result.stdout
    assert "skipped 1 file with problems" in result.stderr


# --- schema --------------------------------------------------------------------------------

def test_schema_is_json_with_a_property_for_every_key_of_the_format(run_tutor: RunTutor) -> None:
    result = run_tutor("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert set(schema["properties"]) == set(SCENARIO.keys)
    assert schema["additionalProperties"] is False
    assert {"id", "title", "lang", "steps", "farewell"} <= set(schema["required"])


# --- play --plain --------------------------------------------------------------------------

def play(run_tutor: RunTutor, *lines: str) -> subprocess.CompletedProcess[str]:
    return run_tutor("play", REFERENCE, "--plain", input="".join(f"{x}\n" for x in lines))


def test_play_plain_introduces_the_call_and_offers_numbered_choices(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "/quit")
    out = result.stdout
    assert out.startswith("The recruiter's call\nYou are: Alex, a recruiter")
    assert "Maria Lopez: Hello, Maria speaking." in out
    assert "  1. Hi Maria, it's Alex from Brightpath Logistics." in out


def test_play_plain_quit_leaves_the_call_with_exit_1(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "/quit")
    assert result.returncode == 1
    assert result.stdout.rstrip().endswith("Left the call.")


def test_play_plain_end_of_input_leaves_the_call_unfinished_with_exit_1(
    run_tutor: RunTutor,
) -> None:
    result = play(run_tutor, "1")
    assert result.returncode == 1
    assert "Input ended; the call is left unfinished." in result.stdout
    assert "Traceback" not in result.stderr


def test_play_plain_a_whole_calm_call_by_numbers_ends_with_the_other_party_hanging_up(
    run_tutor: RunTutor,
) -> None:
    result = play(run_tutor, "1", "1", "1", "1", "1", "1", "", "")
    assert result.returncode == 0, result.stdout
    assert "Maria Lopez: Goodbye, Alex, see you on Tuesday!" in result.stdout
    assert "Maria Lopez hung up first; you stayed on the line to the end.\n" in result.stdout


def test_play_plain_ends_with_the_debrief(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "1", "1", "1", "1", "1", "1", "", "")
    debrief = result.stdout.split("you stayed on the line to the end.", 1)[1]
    assert "Passed with 100/100." in debrief
    assert "[met] Let them hang up first (20/20 points)" in debrief


def test_play_plain_wait_lets_the_next_line_arrive(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "1", "/wait 1", "/quit")
    before_wait, after_wait = result.stdout.split("> ", 2)[1:]
    assert "What's the role?" not in before_wait
    assert "Maria Lopez: Sure, I have a few minutes. What's the role?" in after_wait


def test_play_plain_a_number_typed_before_the_line_arrives_still_chooses(
    run_tutor: RunTutor,
) -> None:
    result = play(run_tutor, "1", "1", "", "/quit")  # the second 1 answers the unheard pitch
    assert "> ! " not in result.stdout
    assert "Maria Lopez: Sure, I have a few minutes. What's the role?" in result.stdout
    assert "Maria Lopez: That actually sounds interesting." in result.stdout


def test_play_plain_a_typed_line_is_routed_by_what_it_says(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "1", "1", "1", "1",
                  "Is there anything else you would like to know?", "", "/quit")
    assert "Maria Lopez: No, I think that's everything." in result.stdout


def test_play_plain_hangup_ends_the_call_with_the_learner_first(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "1", "1", "1", "2", "/hangup")
    assert result.returncode == 0
    assert "You hung up first, before Maria Lopez could say goodbye.\n" in result.stdout
    assert "[missed] Let them hang up first" in result.stdout


def test_play_plain_explains_an_action_that_does_not_fit(run_tutor: RunTutor) -> None:
    result = play(run_tutor, "9", "/bogus", "/wait soon", "/quit")
    # In the learner's words: no step ids, which belong to the scenario's author.
    assert "! There is no line 9 here: pick one of the numbered lines." in result.stdout
    assert "'hello'" not in result.stdout
    assert "No such command: /bogus." in result.stdout
    assert "! /wait takes a number of seconds" in result.stdout


# --- check ---------------------------------------------------------------------------------

LINES = ["Thank you, goodbye!", "Спасибо, до свидания", "[b]", ""]


def test_check_prints_each_line_with_its_language_signals_and_a_tip(run_tutor: RunTutor) -> None:
    result = run_tutor("check", *LINES)
    assert result.returncode == 0
    out = result.stdout.splitlines()
    assert out[0:2] == ["Thank you, goodbye!", '  [en] thanks: "Thank you"  goodbye: "goodbye"']
    assert out[3:5] == ["Спасибо, до свидания",
                        '  [ru] благодарность: "Спасибо"  прощание: "до свидания"']
    assert out[6:8] == ["[b]", "  [en] -"]
    assert out[9:11] == ["", "  [en] -"]
    assert [line.split(":")[0] for line in out[2::3]] == ["  tip", "  совет", "  tip", "  tip"]
    assert len(out) == 12


def test_check_json_prints_one_object_per_line_in_order(run_tutor: RunTutor) -> None:
    result = run_tutor("check", "--json", *LINES)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == LINES
    assert [r["lang"] for r in records] == ["en", "ru", "en", "en"]
    assert [r["signals"] for r in records] == [["thanks", "goodbye"], ["thanks", "goodbye"], [], []]
    assert records[1]["spans"][0] == {"signal": "thanks", "start": 0, "end": 7, "text": "Спасибо"}
    assert all(r["tip"] for r in records)


def test_check_reads_lines_from_stdin(run_tutor: RunTutor) -> None:
    result = run_tutor("check", "--json", "-", input="\n".join(LINES) + "\n")
    assert [json.loads(x)["text"] for x in result.stdout.splitlines()] == LINES


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_check_lang_forces_the_language(run_tutor: RunTutor, lang: str) -> None:
    result = run_tutor("check", "--json", "--lang", lang, "ok")
    assert json.loads(result.stdout)["lang"] == lang


# --- listen --------------------------------------------------------------------------------

def test_listen_prints_the_rushed_closing_then_the_calm_one(run_tutor: RunTutor) -> None:
    result = run_tutor("listen", "recruiter-call-en")
    assert result.returncode == 0
    out = result.stdout
    rushed = out.index("The rushed closing, as in the post:")
    calm = out.index("The calm, complete closing:")
    assert rushed < out.index("You: Thanks, we'll send you the info. Uh-huh. Thanks. Bye. (rushed)")
    assert calm < out.index("You: Thank you, Maria, it was a pleasure.")
    assert rushed < calm
    assert out.rstrip().endswith("Maria Lopez: Goodbye, Alex!")


def test_listen_to_a_scenario_without_examples_says_so(
    run_tutor: RunTutor, tmp_path: Path, minimal_scenario: str
) -> None:
    path = tmp_path / "minimal.yaml"
    path.write_text(minimal_scenario, "utf-8")
    result = run_tutor("listen", path)
    assert result.returncode == 1
    assert "has no example closings" in result.stderr


def test_play_plain_speaks_the_language_of_the_call(run_tutor: RunTutor) -> None:
    result = run_tutor("play", "recruiter-call-ru", "--plain", input="/quit\n")
    assert "Ваша цель: " in result.stdout
    assert "Your goal" not in result.stdout


def test_a_trainers_folder_can_add_phrases_to_the_analyzer(
    run_tutor: RunTutor, tmp_path: Path
) -> None:
    (tmp_path / "signals").mkdir()
    (tmp_path / "signals" / "en.yaml").write_text(
        "signals:\n  thanks:\n    match: ['\\bta muchly\\b']\n", "utf-8")
    assert json.loads(run_tutor("check", "--json", "ta muchly").stdout)["signals"] == []
    result = run_tutor("--scenarios", tmp_path, "check", "--json", "ta muchly")
    assert json.loads(result.stdout)["signals"] == ["thanks"]


def test_a_non_finite_wait_is_refused_with_its_line(run_tutor: RunTutor, tmp_path: Path) -> None:
    script = tmp_path / "wait.txt"
    script.write_text("wait inf\n", "utf-8")
    result = run_tutor("run", REFERENCE, "--script", script)
    assert result.returncode == 1
    assert "wait.txt:1: cannot wait inf seconds" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_reads_stray_bytes_without_a_traceback(run_tutor: RunTutor) -> None:
    result = subprocess.run([sys.executable, "-m", "tutor", "check", "-"], input=b"\xff bye\n",
                            capture_output=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0
    assert "goodbye" in result.stdout.decode("utf-8")


def test_the_schema_in_docs_is_what_tutor_schema_prints(run_tutor: RunTutor) -> None:
    shipped = (Path(__file__).resolve().parents[1] / "docs" / "scenario.schema.json")
    assert json.loads(run_tutor("schema").stdout) == json.loads(shipped.read_text("utf-8"))


def test_the_annotated_example_in_the_format_guide_is_valid_and_passes(
    run_tutor: RunTutor, tmp_path: Path
) -> None:
    guide = (Path(__file__).resolve().parents[1] / "docs" / "scenario-format.md").read_text("utf-8")
    example = guide.split("## A complete annotated example", 1)[1].split("```yaml\n", 1)[1]
    path = tmp_path / "example.yaml"
    path.write_text(example.split("```", 1)[0], "utf-8")
    assert run_tutor("validate", path).returncode == 0
    best = json.loads(run_tutor("run", path, "--path", "best", "--json").stdout)
    assert best["evaluation"]["passed"] is True


def test_the_app_without_a_terminal_says_how_to_play_instead(run_tutor: RunTutor) -> None:
    result = run_tutor("play", "recruiter-call-en", input="")
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr
    assert "tutor play recruiter-call-en --plain" in result.stderr
    assert result.stdout == ""
