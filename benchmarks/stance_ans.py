"""Relation quality on the ANS Arabic news stance corpus (dev split), as reported in the README.

Every dev pair goes through ``Comparer.compare``, the code behind ``storyline
compare``, and its relation is mapped back to a stance: duplicate, rewrite
and translation are agree; conflicting is disagree; related and unrelated
are other. Prints macro F1 over the three stances, per-stance F1 and the
confusion matrix.

The shipped model's per-stance offsets were tuned on dev itself (the
corpus's protocol: train on train, tune on dev), so the figure is optimistic
for unseen pairs. The script therefore also reports a two-fold check: the
offsets re-tuned on one half of dev and scored on the other, both ways.

    .venv/bin/python benchmarks/stance_ans.py
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score

from storyline.dedup.calibration import macro_f1, read_pairs, tune_offsets
from storyline.dedup.relation import Comparer
from storyline.dedup.stance import STANCES, StanceModel, features
from storyline.enrich import SentenceEncoder

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ans_arabic_news_stance" / "stance"
STANCE_OF = {
    "duplicate": "agree", "rewrite": "agree", "translation": "agree",
    "conflicting": "disagree", "related": "other", "unrelated": "other",
}  # fmt: skip


def main() -> None:
    encoder = SentenceEncoder()
    pairs, labels = read_pairs(DATA / "dev.csv")
    comparer = Comparer(encoder)
    relations = [comparer.compare(p.a, p.b).relation for p in pairs]
    predicted = np.array([STANCES.index(STANCE_OF[r]) for r in relations])
    print(f"ANS dev, {len(pairs)} pairs through `storyline compare`: macro F1 {macro_f1(labels, predicted):.3f}")
    per_stance = f1_score(labels, predicted, labels=range(len(STANCES)), average=None, zero_division=0.0)
    print("  F1 " + ", ".join(f"{s} {v:.3f}" for s, v in zip(STANCES, per_stance)))
    print(f"  confusion (rows gold, columns predicted; {', '.join(STANCES)}):")
    for stance, row in zip(STANCES, confusion_matrix(labels, predicted, labels=range(len(STANCES)))):
        print(f"    {stance:9s} {row.tolist()}")

    model = StanceModel.load()
    rows = features(pairs, encoder)
    bare = replace(model, offsets=np.zeros(len(STANCES)))
    print(f"  model without its offsets: macro F1 {macro_f1(labels, bare.probabilities(rows).argmax(axis=1)):.3f}")
    halves = np.arange(len(pairs)) % 2
    scores = []
    for held in (0, 1):
        tune, test = halves != held, halves == held
        tuned = replace(bare, offsets=tune_offsets(bare, rows[tune], labels[tune]))
        scores.append(macro_f1(labels[test], tuned.probabilities(rows[test]).argmax(axis=1)))
    print(f"  offsets tuned on one half of dev, scored on the other: macro F1 {scores[0]:.3f} and {scores[1]:.3f}")


if __name__ == "__main__":
    main()
