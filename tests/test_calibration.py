"""Calibration on real labelled streams: the storyline threshold."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.calibration import calibrate_storylines, replay_states
from storyline.cluster.scoring import EventModel
from storyline.cluster.storylines import StorylineLinker


@pytest.fixture(scope="module")
def stream(featurize, ecb):
    """ECB+ dev topics 2, 18 and 35, each two real events of one kind (hirings, shootings, arrests), and two orders."""
    docs = [d for d in ecb.values() if d["split"] == "dev" and d["topic"] in (2, 18, 35)]
    features = [featurize(d["doc_id"], d["text"]) for d in docs]
    orders = [np.random.default_rng(seed).permutation(len(docs)) for seed in (0, 1)]
    return features, [d["event_cluster"] for d in docs], [str(d["topic"]) for d in docs], orders


def test_the_storyline_threshold_keeps_topics_apart_and_leaves_one_topics_events_to_time(stream):
    features, labels, topics, orders = stream
    model = EventModel.load()
    by_topic = calibrate_storylines(model, features, labels, orders, topics)
    by_event = calibrate_storylines(model, features, labels, orders)

    assert by_topic < by_event  # events of one kind may be one story; only different topics must not be
    linker = StorylineLinker(model, threshold=by_topic)
    for order in orders:
        assigned, states = replay_states(model, features, order)
        storyline_of = {e: s.id for s in linker.link(states) for e in s.event_ids}
        topics_of: dict[str, set[str]] = {}
        for index, event_id in zip(order, assigned):
            topics_of.setdefault(storyline_of[event_id], set()).add(topics[index])
        assert all(len(found) == 1 for found in topics_of.values())
