"""Calibrating the article-to-event model on a labelled stream.

Training simulates the online setting it serves: articles arrive one at a
time in shuffled orders; each is compared with every gold event formed so
far, and its own event (when it already exists) is the positive example.
A logistic regression over those similarity features gives the weights; the
joining threshold is then chosen by replaying the streams through the real
:class:`~storyline.cluster.EventClusterer` with merges off and maximising
BCubed F1, and the threshold for merging two events (and below which an event
is cut in two) the same way, with the joining one fixed. The joining
threshold is chosen first and alone because it is the decision an article
faces on its own; chosen with merges on, it can fall very low (ECB+ train
preferred 0.075, each wrong join undone by a later cut), which only holds
where every stream is one topic's reports.

With ``--headlines`` the same training articles also go in as two headline
feeds: each reduced to its first sentence, once as written and once lower-cased,
the ways feeds of headlines and of cleaned text arrive (one short sentence, with
or without capitals to tell names by). Those streams fit the model's short-item
weights (:meth:`EventModel.judging`) the same way, with their joining threshold
folded into their bias; the full model is fitted on the articles alone, exactly
as without the option. The packaged model is fitted with it (figures in the
README's Measurements).

The storyline threshold comes last, from the same replays of the full articles:
the loosest link between events that joins no events of different topics.
Storylines are meant to be broader than events, so the looser the better. Whether
two events of one topic (two withdrawals from one country, two arrests of one
team's players) are one story is a matter of time, weeks or years, which the
storyline window decides: ECB+ comes without dates, and where its train articles
write one, articles of two events of one topic are never within 60 days of each
other (130 of 163 such pairs are over a year apart). Without topics, the loosest
link that does not lower BCubed F1 against the gold events. The topic cosine is
the one that best tells the gold events of one topic from the rest.

    python -m storyline.calibration DATA.jsonl --label event_cluster --topic topic --where split=train \
        --headlines --out event_model.json
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from storyline.cluster import EventClusterer
from storyline.cluster.membership import Membership
from storyline.cluster.metrics import scores
from storyline.cluster.online import grown_state, new_state
from storyline.cluster.scoring import FEATURES, EventModel, unit
from storyline.cluster.storylines import StorylineLinker
from storyline.enrich import SentenceEncoder, enrich, split_sentences
from storyline.errors import Rejected
from storyline.models import EventState, Features, Rejection
from storyline.normalize import normalize
from storyline.sources.records import to_document

THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.025), 3)
MERGE_THRESHOLDS = (0.85, 0.9, 0.925, 0.95, 0.975, 0.99, 1.0)
STORYLINE_THRESHOLDS = np.round(np.arange(0.5, 0.991, 0.025), 3)
TOPIC_COSINES = np.round(np.arange(0.5, 0.951, 0.025), 3)


def load_labelled(
    path: Path,
    label: str,
    where: dict[str, str],
    encoder: SentenceEncoder,
    topic: str = "topic",
    headlines: Callable[[str], str] | None = None,
) -> tuple[list[Features], list[str], list[str]]:
    """Features, gold labels and topics (empty when the record has none) of the JSONL records matching ``where``;
    with ``headlines``, of each record's first sentence passed through it (a headline feed's items)."""
    documents, labels, topics = [], [], []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            record = json.loads(line)
            if any(str(record.get(k)) != v for k, v in where.items()):
                continue
            if headlines:
                first = split_sentences(str(record.get("text") or ""))[:1]
                record = record | {"text": headlines(first[0]) if first else ""}
            document = to_document(record, default_id=f"{path.name}:{number}", origin=f"{path}:{number}")
            if isinstance(document, Rejection):
                continue
            try:
                documents.append(normalize(document))
            except Rejected:
                continue
            labels.append(str(record[label]))
            topics.append(str(record.get(topic, "")))
    return enrich(documents, encoder, facts=False), labels, topics


HARD_NEGATIVES = 3
"""Other events per article used as negatives: the ones most similar to it, which the live decision faces."""
MASKED = {"names": ("names", "names_known"), "geo": ("geo", "geo_known")}
"""Evidence that real inputs may lack (no capitalised names, no known place): training rows are
repeated with it masked, so the model learns to decide without it instead of reading absence as 'different'."""


def training_pairs(
    features: Sequence[Features], labels: Sequence[str], order: Sequence[int]
) -> tuple[np.ndarray, np.ndarray]:
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
    """The event of each article (in ``order``) at the end of an online run, merges and splits applied."""
    return replay_states(model, features, order)[0]


def replay_states(
    model: EventModel, features: Sequence[Features], order: Sequence[int]
) -> tuple[list[str], list[EventState]]:
    """The event of each article (in ``order``) after an online run with merges and splits, and the events' final states."""
    clusterer = EventClusterer(model=model, max_live=len(features) + 1)
    event_of, _, _ = run_stream(clusterer, features, order)
    return [event_of[index] for index in order], list(clusterer.live.values())


def run_stream(
    clusterer: EventClusterer, features: Sequence[Features], order: Sequence[int]
) -> tuple[dict[int, str], int, int]:
    """Each article (in ``order``) through ``clusterer`` as the pipeline runs it: assigned, merges, split check.

    Returns the event each article (by position in ``features``) ended in, and
    how many merges and splits were made.
    """
    membership = Membership[int]()
    merged = split = 0
    for arrival, index in enumerate(order):
        scores = clusterer.scores(features[index])
        membership.join(index, arrival, clusterer.learn_one(features[index], clusterer.choose(scores)).id)
        for gone, kept, _ in clusterer.merges(membership.event(index), clusterer.bridges(scores)):
            membership.merge(gone, kept)
            merged += 1
        event_id = membership.event(index)
        if clusterer.split_due(event_id) and (
            cut := clusterer.split(event_id, [features[i] for i in membership.members(event_id)])
        ):
            membership.split(event_id, cut[0].id, cut[1])
            split += 1
    return {index: membership.event(index) for index in order}, merged, split


def calibrate_storylines(
    model: EventModel,
    features: Sequence[Features],
    labels: Sequence[str],
    orders: Sequence[Sequence[int]],
    topics: Sequence[str] = (),
) -> float:
    """The lowest storyline threshold whose storylines join no more events of different topics than the events do
    (BCubed precision against the topics no lower); without topics, whose storylines score no lower BCubed F1
    against the gold events than the events themselves.

    Events of one topic are left to the time window: whether two withdrawals, two
    hirings, two arrests are one story is a matter of weeks or years, which
    labelled sets without dates cannot say.
    """
    runs = [(order, *replay_states(model, features, order)) for order in orders]
    gold, measure = (topics, "bcubed_precision") if any(topics) else (labels, "bcubed_f1")
    events = np.mean([scores([gold[i] for i in order], assigned)[measure] for order, assigned, _ in runs])
    for threshold in STORYLINE_THRESHOLDS:
        linker = StorylineLinker(model, threshold=float(threshold))
        found = []
        for order, assigned, states in runs:
            storyline_of = {event_id: s.id for s in linker.link(states) for event_id in s.event_ids}
            found.append(scores([gold[i] for i in order], [storyline_of[a] for a in assigned])[measure])
        if np.mean(found) >= events:
            return float(threshold)
    return float(STORYLINE_THRESHOLDS[-1])


def calibrate_topics(features: Sequence[Features], labels: Sequence[str], topics: Sequence[str]) -> float | None:
    """The body-centroid cosine that best tells gold events of one topic from the rest (F1 over event pairs).

    None when the data has no topics, or no two events share one.
    """
    states: dict[str, EventState] = {}
    topic_of: dict[str, str] = {}
    for item, label, topic in zip(features, labels, topics, strict=True):
        states[label] = grown_state(states[label], item) if label in states else new_state(item, label)
        topic_of[label] = topic
    ids = sorted(states)
    bodies = np.array([unit(states[i].body_sum) for i in ids])
    first, second = np.triu_indices(len(ids), 1)
    cosines = np.einsum("ij,ij->i", bodies[first], bodies[second])
    same = np.array([topic_of[ids[a]] == topic_of[ids[b]] != "" for a, b in zip(first, second)], dtype=bool)
    if not same.any():
        return None
    best = (-1.0, 1.0)
    for threshold in TOPIC_COSINES:
        found = cosines >= threshold
        true = int((found & same).sum())
        best = max(best, (2 * true / (int(found.sum()) + int(same.sum())), float(threshold)))
    return best[1]


Stream = tuple[Sequence[Features], Sequence[str], Sequence[Sequence[int]]]
"""Features, gold labels and the shuffled orders it is replayed in."""


def _mean_f1(model: EventModel, streams: Sequence[Stream]) -> float:
    """BCubed F1 of replays, averaged over each stream's orders, then over the streams."""
    return float(
        np.mean(
            [
                np.mean([scores([labels[i] for i in order], replay(model, features, order))["bcubed_f1"] for order in orders])
                for features, labels, orders in streams
            ]
        )
    )


def fit_weights(streams: Sequence[Stream]) -> tuple[tuple[float, ...], float]:
    """Logistic weights and bias on the pairs of every stream's orders (masked copies included)."""
    pairs = [training_pairs(items, gold, order) for items, gold, orders in streams for order in orders]
    x = np.vstack([p[0] for p in pairs])
    y = np.concatenate([p[1] for p in pairs])
    x, y = with_masked_evidence(x, y)
    regression = LogisticRegression(C=10.0, class_weight="balanced", max_iter=1000).fit(x, y)
    return tuple(float(w) for w in regression.coef_[0]), float(regression.intercept_[0])


def calibrate(
    features: Sequence[Features],
    labels: Sequence[str],
    name: str,
    topics: Sequence[str] = (),
    shuffles: int = 3,
    seed: int = 0,
    headlines: Sequence[tuple[Sequence[Features], Sequence[str]]] = (),
) -> EventModel:
    """Fit the weights on pairs from shuffled streams of the articles, then the thresholds on BCubed F1 of
    replays; with ``headlines`` (streams of one-sentence items), the short-item weights on those
    (:func:`calibrate_short`)."""
    rng = np.random.default_rng(seed)
    streams: list[Stream] = [(features, labels, [rng.permutation(len(features)) for _ in range(shuffles)])]
    weights, bias = fit_weights(streams)
    best = (-1.0, 0.5)
    for threshold in THRESHOLDS:
        model = EventModel(weights=weights, bias=bias, threshold=float(threshold), trained_on=name, merge_threshold=1.0)
        best = max(best, (_mean_f1(model, streams), float(threshold)))
    model = EventModel(weights=weights, bias=bias, threshold=best[1], trained_on=name, merge_threshold=1.0)
    model = replace(model, merge_threshold=calibrate_merges(model, streams))
    model = replace(model, storyline_threshold=calibrate_storylines(model, features, labels, streams[0][2], topics))
    topic_cosine = calibrate_topics(features, labels, topics) if topics else None
    model = model if topic_cosine is None else replace(model, topic_cosine=topic_cosine)
    if not headlines:
        return model
    return calibrate_short(
        model, [(items, gold, [rng.permutation(len(items)) for _ in range(shuffles)]) for items, gold in headlines]
    )


def calibrate_short(model: EventModel, streams: Sequence[Stream]) -> EventModel:
    """The model with short-item weights fitted on streams of one-sentence items.

    Their joining threshold is the one with the best BCubed F1 of replays (merges
    by the full model, as live); it is folded into the short bias so that the
    model's one threshold applies to both.
    """
    weights, bias = fit_weights(streams)

    def shifted(threshold: float) -> float:
        return bias - _logit(threshold) + _logit(model.threshold)

    best = (-1.0, model.threshold)
    for threshold in THRESHOLDS:
        candidate = replace(model, short_weights=weights, short_bias=shifted(float(threshold)))
        best = max(best, (_mean_f1(candidate, streams), float(threshold)))
    return replace(model, short_weights=weights, short_bias=shifted(best[1]))


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def calibrate_merges(model: EventModel, streams: Sequence[Stream]) -> float:
    """The merge (and cut) threshold with the best BCubed F1 of replays (1.0: neither helps)."""
    best = (-1.0, 1.0)
    for threshold in MERGE_THRESHOLDS:
        best = max(best, (_mean_f1(replace(model, merge_threshold=float(threshold)), streams), float(threshold)))
    return best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--label", default="event_cluster")
    parser.add_argument("--topic", default="topic", help="field grouping gold events into topics")
    parser.add_argument("--where", action="append", default=[], help="FIELD=VALUE filter, e.g. split=train")
    parser.add_argument(
        "--headlines", action="store_true", help="fit short-item weights on first sentences, as written and lower-cased"
    )
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    where = dict(item.split("=", 1) for item in args.where)
    encoder = SentenceEncoder()
    features, labels, topics = load_labelled(args.data, args.label, where, encoder, args.topic)
    name = f"{args.data.name} ({', '.join(args.where) or 'all'}), {len(features)} articles"
    headlines = []
    if args.headlines:
        for case in (str, str.casefold):
            items, gold, _ = load_labelled(args.data, args.label, where, encoder, args.topic, headlines=case)
            headlines.append((items, gold))
        name += f" and their first sentences as written and lower-cased ({len(headlines[0][0])} each)"
    model = calibrate(features, labels, name, topics, headlines=headlines)
    model.save(args.out)
    print(
        json.dumps(
            {
                "weights": model.weights,
                "bias": model.bias,
                "threshold": model.threshold,
                "merge_threshold": model.merge_threshold,
                "storyline_threshold": model.storyline_threshold,
                "topic_cosine": model.topic_cosine,
                "short_weights": model.short_weights,
                "short_bias": model.short_bias,
            }
        )
    )


if __name__ == "__main__":
    main()
