"""How far the event model's evidence goes on ECB+, however the articles are grouped.

The online clusterer sees each article once, in arrival order. To tell whether
its BCubed F1 on ECB+ is limited by that procedure or by the evidence it
weighs, this groups the same articles in batch, with every pair known in
advance: average-linkage clustering of the model's probability for each pair
of articles (the features of :func:`~storyline.cluster.scoring.pairwise_features`),
cut at the threshold that scores best on the split itself. It does so with the
packaged weights, and with weights refitted on the split's own pairs (both
optimistic: tuned on what they are scored on). The online replays of the same
split, in shuffled orders, are printed beside them.

When the batch figures, with all the hindsight online clustering lacks, come no
nearer the goal than the online replays, a better grouping procedure is not
where the gap is: it needs evidence the features do not carry. (A bound in
practice, not a proof: other weights or linkages could do better.)

    .venv/bin/python benchmarks/cluster_ceiling.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.linear_model import LogisticRegression

from storyline.calibration import load_labelled, replay
from storyline.cluster.metrics import scores
from storyline.cluster.online import new_state
from storyline.cluster.scoring import EventModel, pairwise_features
from storyline.enrich import SentenceEncoder

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus" / "docs.jsonl"
CUTS = np.round(np.arange(0.02, 0.99, 0.02), 2)
SHUFFLES = 4


def best_batch_f1(probabilities: np.ndarray, labels: list[str]) -> tuple[float, float]:
    """The best BCubed F1 of average-linkage groups over :data:`CUTS`, and the probability it cuts at."""
    tree = linkage(1.0 - probabilities, "average")  # pairs in condensed-matrix order
    found = []
    for cut in CUTS:
        groups = fcluster(tree, 1.0 - cut, "distance")
        found.append((scores(labels, [str(g) for g in groups])["bcubed_f1"], float(cut)))
    return max(found)


def main() -> None:
    model = EventModel.load()
    encoder = SentenceEncoder()
    print(f"{'split':6} {'online replays':>22} {'batch, packaged':>22} {'batch, refitted':>22}")
    for split in ("train", "dev"):
        features, labels, _ = load_labelled(DATA, "event_cluster", {"split": split}, encoder)
        first, second = np.triu_indices(len(features), 1)
        rows = pairwise_features([new_state(f, str(i)) for i, f in enumerate(features)], list(zip(first, second)))
        same = np.array([labels[a] == labels[b] for a, b in zip(first, second)])
        refitted = LogisticRegression(C=10.0, class_weight="balanced", max_iter=3000).fit(rows, same)
        packaged_f1, packaged_cut = best_batch_f1(model.probability(rows), labels)
        refitted_f1, refitted_cut = best_batch_f1(refitted.predict_proba(rows)[:, 1], labels)
        rng = np.random.default_rng(0)
        online = [
            scores([labels[i] for i in order], replay(model, features, order))["bcubed_f1"]
            for order in (rng.permutation(len(features)) for _ in range(SHUFFLES))
        ]
        print(
            f"{split:6} {np.mean(online):>10.3f} ({SHUFFLES} orders) "
            f"{packaged_f1:>10.3f} (cut {packaged_cut:.2f}) {refitted_f1:>10.3f} (cut {refitted_cut:.2f})",
            flush=True,
        )


if __name__ == "__main__":
    main()
