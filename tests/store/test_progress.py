"""Progress per principle, assembled from what the store counts (tutor.progress is pure)."""

from __future__ import annotations

from tutor.progress import PrincipleProgress, VerdictRow, VerdictTally, principle_progress


def _rows(principle: str, *verdicts: tuple[str, float]) -> list[VerdictRow]:
    return [VerdictRow(principle, verdict, points, 20, f"2026-03-01T10:{n:02}:00+00:00")
            for n, (verdict, points) in enumerate(verdicts)]


def _tallies(rows: list[VerdictRow]) -> list[VerdictTally]:
    counted: dict[tuple[str, str, float, float], int] = {}
    for r in rows:
        key = (r.principle, r.verdict, r.points, r.max)
        counted[key] = counted.get(key, 0) + 1
    return [VerdictTally(*key, times) for key, times in counted.items()]


def _progress(*groups: list[VerdictRow]) -> tuple[PrincipleProgress, ...]:
    rows = [r for g in groups for r in g]
    applied = [g for g in groups if any(r.verdict != "n/a" for r in g)]
    recent = {g[0].principle: [r for r in g if r.verdict != "n/a"][-5:] for g in applied}
    first = {g[0].principle: next(r for r in g if r.verdict != "n/a") for g in applied}
    return principle_progress(_tallies(rows), recent, first)


def test_a_principle_counts_its_verdicts_and_compares_first_latest_best() -> None:
    (pace,) = _progress(_rows("pace", ("missed", 0), ("partly", 10), ("met", 20),
                              ("partly", 10)))
    assert (pace.attempts, pace.met, pace.partly, pace.missed) == (4, 1, 2, 1)
    assert (pace.first, pace.latest, pace.best) == (0, 50, 100)


def test_the_trend_is_the_last_five_shares_oldest_first() -> None:
    (thanks,) = _progress(_rows("thanks", *[("met", 20)] * 3, *[("missed", 0)] * 3,
                                ("partly", 10)))
    assert thanks.trend == (100, 0, 0, 0, 50)


def test_not_applicable_verdicts_are_left_out() -> None:
    (offer,) = _progress(_rows("offer_help", ("n/a", 0), ("met", 20)))
    assert (offer.attempts, offer.first) == (1, 100)


def test_a_principle_that_never_applied_is_not_shown() -> None:
    assert _progress(_rows("offer_help", ("n/a", 0))) == ()


def test_principles_come_in_the_advices_order_unknown_ones_last() -> None:
    shown = _progress(_rows("zeal", ("met", 20)), _rows("thanks", ("met", 20)),
                      _rows("pace", ("met", 20)))
    assert [p.principle for p in shown] == ["pace", "thanks", "zeal"]


def test_a_principle_weighted_zero_still_shows_its_verdict() -> None:
    (warmth,) = _progress([VerdictRow("warmth", "partly", 0, 0, "t")])
    assert warmth.latest == 50
