"""The schedule of example lines that both listen modes follow, and the headless one using it."""

from __future__ import annotations

import io

import pytest

from tutor.dialogue import speaking_time
from tutor.listen import PART_GAP, listen, schedule
from tutor.scenario import sources
from tutor.scenario.model import ExampleLine, Examples
from tutor.speech import FakeBackend

EXAMPLES = Examples(
    rushed=(ExampleLine("other", "Anything else?"),
            ExampleLine("learner", "Nope bye", "rushed")),
    calm=(ExampleLine("other", "Anything else?", pause=0.5),
          ExampleLine("learner", "No, thank you. Goodbye!", pause=0.8),
          ExampleLine("other", "Goodbye!", pause=1.0)),
)


def test_lines_follow_each_other_with_their_pauses() -> None:
    plan = schedule(EXAMPLES)
    cues = plan.cues
    assert [c.part for c in cues] == ["rushed"] * 2 + ["calm"] * 3
    assert [c.first for c in cues] == [True, False, True, False, False]
    assert cues[0].at == 0.0
    assert cues[1].at == pytest.approx(cues[0].end)
    assert cues[1].duration == speaking_time("Nope bye", "rushed")
    # The calm part starts a gap after the rushed one; its first line waits its own pause.
    assert plan.calm_start == pytest.approx(cues[1].end + PART_GAP)
    assert cues[2].at == pytest.approx(plan.calm_start + 0.5)
    assert cues[2].silence == pytest.approx(PART_GAP + 0.5)
    assert cues[3].at == pytest.approx(cues[2].end + 0.8)
    assert plan.end == pytest.approx(cues[-1].end)


def test_voiced_headless_listen_keeps_the_silences() -> None:
    scenario = sources.find("recruiter-call-en")
    assert scenario.examples is not None
    slept: list[float] = []
    fake = FakeBackend()
    out = io.StringIO()
    assert listen(scenario, speech=True, out=out, backend=fake, speed=2.0,
                  sleep=slept.append) == 0
    plan = schedule(scenario.examples)
    assert slept == [c.silence / 2.0 for c in plan.cues if c.silence > 0]
    assert fake.spoken_texts == [c.line.text for c in plan.cues]
    assert fake.closed
    text = out.getvalue()
    assert text.index("The rushed closing") < text.index("The calm, complete closing")


def test_text_only_listen_does_not_wait() -> None:
    scenario = sources.find("recruiter-call-en")
    slept: list[float] = []
    listen(scenario, speech=False, out=io.StringIO(), sleep=slept.append)
    assert slept == []
