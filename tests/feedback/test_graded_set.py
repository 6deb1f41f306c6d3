"""The feedback engine against the closings graded by hand before it was run on them.

The grades live in ``tests/fixtures/feedback/graded_closings.yaml`` (see ``tools/graded.py``);
``python -m tools.graded_score --verbose`` lists every disagreement.
"""

from __future__ import annotations

import pytest

from tools.graded_score import Agreement, agreement, spearman


@pytest.fixture(scope="module")
def measured() -> Agreement:
    return agreement()


def test_principles_graded_broken_are_found_missed_with_precision_of_at_least_090(
    measured: Agreement,
) -> None:
    assert measured.precision >= 0.90


def test_principles_graded_broken_are_found_missed_with_recall_of_at_least_090(
    measured: Agreement,
) -> None:
    assert measured.recall >= 0.90


def test_scores_rank_the_closings_as_the_bands_do(measured: Agreement) -> None:
    assert measured.spearman >= 0.95


def test_rank_correlation_shares_ranks_between_ties() -> None:
    # Bands tie; Spearman's rho on average ranks is 1 for a perfectly monotone pairing.
    assert spearman([1, 1, 2, 3], [10, 10, 20, 30]) == pytest.approx(1.0)
    assert spearman([1, 2, 3], [30, 20, 10]) == pytest.approx(-1.0)
