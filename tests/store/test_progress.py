"""Progress per principle and per call, computed from rows (tutor.progress is pure)."""

from __future__ import annotations

from tutor.progress import AttemptRow, VerdictRow, call_progress, principle_progress


def _verdicts(principle: str, *shares: tuple[str, float]) -> list[VerdictRow]:
    return [VerdictRow(principle, verdict, points, 20, f"2026-03-01T10:{n:02}:00+00:00")
            for n, (verdict, points) in enumerate(shares)]


def test_a_principle_counts_its_verdicts_and_compares_first_latest_best() -> None:
    rows = _verdicts("pace", ("missed", 0), ("partly", 10), ("met", 20), ("partly", 10))
    (pace,) = principle_progress(rows)
    assert (pace.attempts, pace.met, pace.partly, pace.missed) == (4, 1, 2, 1)
    assert (pace.first, pace.latest, pace.best) == (0, 50, 100)


def test_the_trend_is_the_last_five_shares_oldest_first() -> None:
    rows = _verdicts("thanks", *[("met", 20)] * 3, *[("missed", 0)] * 3, ("partly", 10))
    (thanks,) = principle_progress(rows)
    assert thanks.trend == (100, 0, 0, 0, 50)


def test_not_applicable_verdicts_are_left_out() -> None:
    rows = _verdicts("offer_help", ("n/a", 0), ("met", 20))
    (offer,) = principle_progress(rows)
    assert (offer.attempts, offer.first) == (1, 100)


def test_principles_come_in_the_advices_order_unknown_ones_last() -> None:
    rows = [*_verdicts("zeal", ("met", 20)), *_verdicts("thanks", ("met", 20)),
            *_verdicts("pace", ("met", 20))]
    assert [p.principle for p in principle_progress(rows)] == ["pace", "thanks", "zeal"]


def test_a_principle_weighted_zero_still_shows_its_verdict() -> None:
    (warmth,) = principle_progress([VerdictRow("warmth", "partly", 0, 0, "t")])
    assert warmth.latest == 50


def test_a_call_has_its_attempts_best_last_and_when() -> None:
    rows = [AttemptRow("b", 40, "t1"), AttemptRow("a", 90, "t2"), AttemptRow("b", 70, "t3"),
            AttemptRow("b", 55, "t4")]
    a, b = call_progress(rows)
    assert (a.scenario_id, a.attempts, a.best, a.last, a.last_at) == ("a", 1, 90, 90, "t2")
    assert (b.scenario_id, b.attempts, b.best, b.last, b.last_at) == ("b", 3, 70, 55, "t4")
