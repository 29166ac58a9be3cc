"""Clustering scores on hand-checkable labellings."""

from __future__ import annotations

import pytest

from storyline.cluster.metrics import scores


def test_perfect_clustering_scores_one_whatever_the_names():
    result = scores(["a", "a", "b", "b", "c"], [7, 7, 3, 3, 9])
    assert result["bcubed_f1"] == result["pairwise_f1"] == pytest.approx(1.0)
    assert result["nmi"] == pytest.approx(1.0) and result["ari"] == pytest.approx(1.0)


def test_everything_in_one_cluster_has_full_recall_and_low_precision():
    result = scores(["a", "a", "b", "b"], [1, 1, 1, 1])
    assert result["bcubed_recall"] == 1.0
    assert result["bcubed_precision"] == pytest.approx(0.5)
    assert result["pairwise_precision"] == pytest.approx(2 / 6)
    assert result["nmi"] == pytest.approx(0.0)


def test_singletons_have_full_precision():
    result = scores(["a", "a", "b"], [1, 2, 3])
    assert result["bcubed_precision"] == 1.0
    assert result["bcubed_recall"] == pytest.approx((0.5 + 0.5 + 1) / 3)


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError):
        scores(["a"], [1, 2])
