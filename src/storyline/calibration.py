"""Calibrating the article-to-event model on a labelled stream.

Training simulates the online setting it serves: articles arrive one at a
time in shuffled orders; each is compared with every gold event formed so
far, and its own event (when it already exists) is the positive example.
A logistic regression over those similarity features gives the weights; the
joining threshold is then chosen by replaying the streams through the real
:class:`~storyline.cluster.EventClusterer` and maximising BCubed F1.

    python -m storyline.calibration DATA.jsonl --label event_cluster --where split=train --out event_model.json
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from storyline.cluster import EventClusterer
from storyline.cluster.metrics import scores
from storyline.cluster.online import grown_state, new_state
from storyline.cluster.scoring import FEATURES, EventModel
from storyline.enrich import SentenceEncoder, enrich
from storyline.errors import Rejected
from storyline.models import Features, Rejection
from storyline.normalize import normalize
from storyline.sources.records import to_document

THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.025), 3)


def load_labelled(
    path: Path, label: str, where: dict[str, str], encoder: SentenceEncoder
) -> tuple[list[Features], list[str]]:
    """Features and gold labels of the JSONL records matching ``where``."""
    documents, labels = [], []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            record = json.loads(line)
            if any(str(record.get(k)) != v for k, v in where.items()):
                continue
            document = to_document(record, default_id=f"{path.name}:{number}", origin=f"{path}:{number}")
            if isinstance(document, Rejection):
                continue
            try:
                documents.append(normalize(document))
            except Rejected:
                continue
            labels.append(str(record[label]))
    return enrich(documents, encoder, facts=False), labels


HARD_NEGATIVES = 3
"""Other events per article used as negatives: the ones most similar to it, which the live decision faces."""
MASKED = {"names": ("names", "names_known"), "geo": ("geo", "geo_known")}
"""Evidence that real inputs may lack (no capitalised names, no known place): training rows are
repeated with it masked, so the model learns to decide without it instead of reading absence as 'different'."""


def training_pairs(features: Sequence[Features], labels: Sequence[str], order: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows (article vs its own gold event, if formed, and its closest other events) and targets."""
    clusterer = EventClusterer(model=EventModel(weights=(0.0,) * len(FEATURES), bias=0.0, threshold=1.0, trained_on=""))
    rows, targets = [], []
    for index in order:
        event_ids = clusterer.nearest(features[index], HARD_NEGATIVES + 1)
        own = labels[index]
        event_ids = [e for e in event_ids if e != own][:HARD_NEGATIVES] + ([own] if own in clusterer.live else [])
        if event_ids:
            rows.append(clusterer.features(features[index], event_ids))
            targets.extend(event_id == own for event_id in event_ids)
        state = clusterer.live.get(own)
        clusterer.restore(grown_state(state, features[index]) if state else new_state(features[index], own))
    return np.vstack(rows), np.array(targets, dtype=int)


def with_masked_evidence(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rows, plus a copy of them for each kind of evidence in :data:`MASKED` with it zeroed."""
    copies = [x]
    for columns in MASKED.values():
        masked = x.copy()
        masked[:, [FEATURES.index(c) for c in columns]] = 0.0
        copies.append(masked)
    return np.vstack(copies), np.concatenate([y] * len(copies))


def replay(model: EventModel, features: Sequence[Features], order: Sequence[int]) -> list[str]:
    """The event assigned to each article (in ``order``) by the online clusterer."""
    clusterer = EventClusterer(model=model)
    assigned = []
    for index in order:
        assigned.append(clusterer.learn_one(features[index], clusterer.predict_one(features[index])).id)
    return assigned


def calibrate(features: Sequence[Features], labels: Sequence[str], name: str, shuffles: int = 3, seed: int = 0) -> EventModel:
    """Fit the weights on pairs from shuffled streams, then the threshold on BCubed F1 of replays."""
    rng = np.random.default_rng(seed)
    orders = [rng.permutation(len(features)) for _ in range(shuffles)]
    pairs = [training_pairs(features, labels, order) for order in orders]
    x = np.vstack([p[0] for p in pairs])
    y = np.concatenate([p[1] for p in pairs])
    x, y = with_masked_evidence(x, y)
    regression = LogisticRegression(C=10.0, class_weight="balanced", max_iter=1000).fit(x, y)
    weights = tuple(float(w) for w in regression.coef_[0])
    bias = float(regression.intercept_[0])
    best = (-1.0, 0.5)
    for threshold in THRESHOLDS:
        model = EventModel(weights=weights, bias=bias, threshold=float(threshold), trained_on=name)
        f1 = float(np.mean([
            scores([labels[i] for i in order], replay(model, features, order))["bcubed_f1"] for order in orders
        ]))
        best = max(best, (f1, float(threshold)))
    return EventModel(weights=weights, bias=bias, threshold=best[1], trained_on=name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--label", default="event_cluster")
    parser.add_argument("--where", action="append", default=[], help="FIELD=VALUE filter, e.g. split=train")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    where = dict(item.split("=", 1) for item in args.where)
    features, labels = load_labelled(args.data, args.label, where, SentenceEncoder())
    name = f"{args.data.name} ({', '.join(args.where) or 'all'}), {len(features)} articles"
    model = calibrate(features, labels, name)
    model.save(args.out)
    print(json.dumps({"weights": model.weights, "bias": model.bias, "threshold": model.threshold}))


if __name__ == "__main__":
    main()
