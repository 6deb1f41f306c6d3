"""``tutor graph``: Mermaid a renderer accepts whatever the text, and DOT that Graphviz takes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.authoring.helpers import HEAD
from tests.support.paths import REPO
from tests.support.processes import RunTutor
from tutor.authoring.graph import to_dot, to_mermaid
from tutor.scenario.loader import check_file
from tutor.scenario.model import Scenario

EXPECTED = Path(__file__).parent / "expected" / "recruiter-call-en.mmd"
BUNDLED = sorted((REPO / "scenarios").rglob("*.yaml"))
NODE_ID = r"[A-Za-z_][A-Za-z0-9_]*"
DECLARED = re.compile(rf'^    ({NODE_ID})(\["|\(\["|\(\(")(?P<label>[^"]*)("\]|"\]\)|"\)\))$')
EDGE = re.compile(rf'^    ({NODE_ID}) (-->|-\.->)\|"(?P<label>[^"]*)"\| ({NODE_ID})$')
STYLE = re.compile(rf"^    (classDef {NODE_ID} .+|class {NODE_ID}(,{NODE_ID})* {NODE_ID})$")

#: Text that would break Mermaid or DOT if it went in raw.
NASTY = HEAD + """\
steps:
  - id: close-1
    other: [{{text: "Hello"}}]
    choices:
      - text: 'She said "fine" [b]bold[/b] {{x}} | a#1 <tag> `code` \\\\ end'
        next: close_1
        follows: [person_first]
  - id: close_1
    closing: true
    other: [{{text: "Ну что ж"}}]
    choices:
      - {{text: "Спасибо! До свидания (и [всего] доброго)", next: end, follows: [thanks]}}
    typed: {{routes: [{{when: {{any: [goodbye]}}, next: end}}], default: end}}
farewell: {{text: "Bye"}}
"""


def _nasty(tmp_path: Path) -> Scenario:
    path = tmp_path / "nasty.yaml"
    path.write_text(NASTY.format(id="nasty-en"), "utf-8")
    scenario, problems = check_file(path)
    assert scenario is not None, problems
    return scenario


def assert_mermaid_parses(text: str) -> None:
    """The structure a Mermaid flowchart needs: header, declared nodes, quoted safe labels."""
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    declared: set[str] = set()
    for line in lines[1:]:
        if node := DECLARED.match(line):
            declared.add(node.group(1))
            label = node.group("label")
        elif edge := EDGE.match(line):
            assert edge.group(1) in declared, f"edge from an undeclared node: {line}"
            assert edge.group(4) in declared, f"edge to an undeclared node: {line}"
            label = edge.group("label")
        else:
            assert STYLE.match(line), f"not a Mermaid flowchart line: {line}"
            continue
        # Only entity codes (#quot; #91; ...) may stand for the characters Mermaid reads.
        assert not re.search(r"[\"\[\]{}|<>#`]", re.sub(r"#\w+;", "", label)), line


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_bundled_call_draws_as_mermaid(path: Path) -> None:
    scenario, _ = check_file(path)
    assert scenario is not None
    assert_mermaid_parses(to_mermaid(scenario))


def test_quotes_brackets_cyrillic_and_markup_stay_label_text(tmp_path: Path) -> None:
    text = to_mermaid(_nasty(tmp_path))
    assert_mermaid_parses(text)
    assert "#quot;fine#quot; #91;b#93;bold#91;/b#93; #123;x#125; #124; a#35;1" in text
    assert "Спасибо! До свидания (и #91;всего#93; доброго)" in text
    # Two step ids that sanitise alike still get a node each.
    assert 's_close_1["close-1 (start)"]' in text
    assert 's_close_1_2["close_1 (closing)"]' in text


def test_recruiter_call_matches_its_snapshot(run_tutor: RunTutor) -> None:
    result = run_tutor("graph", "recruiter-call-en", "--format", "mermaid")
    assert result.returncode == 0
    # On a deliberate change to the call, regenerate:
    #   tutor graph recruiter-call-en > tests/authoring/expected/recruiter-call-en.mmd
    assert result.stdout == EXPECTED.read_text("utf-8")


def test_choices_show_what_they_follow_or_break_and_routes_their_condition() -> None:
    text = EXPECTED.read_text("utf-8")
    assert "(breaks pace, next_steps, warmth, last_word, offer_help)" in text
    assert 's_check -.->|"typed: any offer_help"| s_questions' in text
    assert 's_check -.->|"typed: otherwise"| s_questions' in text
    assert "class s_agreed,s_check,s_questions closing" in text


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")
@pytest.mark.parametrize("which", ["bundled", "nasty"])
def test_dot_output_is_accepted_by_graphviz(which: str, tmp_path: Path) -> None:
    if which == "nasty":
        scenarios = [_nasty(tmp_path)]
    else:
        scenarios = [s for s in (check_file(p)[0] for p in BUNDLED) if s is not None]
    for scenario in scenarios:
        result = subprocess.run(["dot", "-Tsvg"], input=to_dot(scenario), text=True,
                                capture_output=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert "<svg" in result.stdout


def test_an_unknown_call_is_a_one_line_error(run_tutor: RunTutor) -> None:
    result = run_tutor("graph", "no-such-call")
    assert result.returncode == 1
    assert result.stderr.startswith("tutor: no scenario with id 'no-such-call'")
