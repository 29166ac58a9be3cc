"""Clustering scores against gold labels: BCubed, pairwise F1, NMI and ARI.

BCubed is the measure of choice for event clustering because it rewards
getting each article's company right, whatever the cluster sizes; pairwise F1,
NMI and ARI are reported too so results compare with published systems.

>>> scores(["a", "a", "b"], [1, 1, 2])["bcubed_f1"]
1.0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def scores(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[str, float]:
    """All four scores for one labelling of the same items."""
    if len(gold) != len(predicted) or not gold:
        raise ValueError("gold and predicted must be non-empty and of equal length")
    n = len(gold)
    joint = Counter(zip(gold, predicted))
    gold_sizes = Counter(gold)
    predicted_sizes = Counter(predicted)
    precision = sum(c * c / predicted_sizes[p] for (_, p), c in joint.items()) / n
    recall = sum(c * c / gold_sizes[g] for (g, _), c in joint.items()) / n
    same_both = sum(c * (c - 1) / 2 for c in joint.values())
    same_predicted = sum(c * (c - 1) / 2 for c in predicted_sizes.values())
    same_gold = sum(c * (c - 1) / 2 for c in gold_sizes.values())
    pair_precision = same_both / same_predicted if same_predicted else 1.0
    pair_recall = same_both / same_gold if same_gold else 1.0
    gold_ids = [str(g) for g in gold]
    predicted_ids = [str(p) for p in predicted]
    return {
        "bcubed_precision": precision,
        "bcubed_recall": recall,
        "bcubed_f1": _f1(precision, recall),
        "pairwise_precision": pair_precision,
        "pairwise_recall": pair_recall,
        "pairwise_f1": _f1(pair_precision, pair_recall),
        "nmi": float(normalized_mutual_info_score(gold_ids, predicted_ids)),
        "ari": float(adjusted_rand_score(gold_ids, predicted_ids)),
    }
