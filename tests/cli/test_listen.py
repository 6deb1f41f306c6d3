"""``tutor listen``: the example closings of a call, read out or printed."""

from __future__ import annotations

from pathlib import Path

from tests.support.processes import RunTutor


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


def test_listen_without_speech_says_why_there_is_no_sound(run_tutor: RunTutor) -> None:
    result = run_tutor("listen", "recruiter-call-en")
    assert result.stdout.startswith("(Text only: speech is off. Add --speech")


def test_listen_with_speech_on_a_machine_without_audio_says_why(run_tutor: RunTutor) -> None:
    # No engine on PATH: the learner is told why nothing is heard, then reads the lines.
    result = run_tutor("listen", "recruiter-call-ru", "--speech", env={"PATH": "/nonexistent"})
    assert result.returncode == 0
    first = result.stdout.splitlines()[0]
    assert first and "Maria" not in first and "Скомканное" not in first


def test_listen_to_a_scenario_without_examples_says_so(
    run_tutor: RunTutor, tmp_path: Path, minimal_scenario: str
) -> None:
    path = tmp_path / "minimal.yaml"
    path.write_text(minimal_scenario, "utf-8")
    result = run_tutor("listen", path)
    assert result.returncode == 1
    assert "has no example closings" in result.stderr
