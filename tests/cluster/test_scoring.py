"""The calibrated event model: packaged, loadable, checked."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from storyline.calibration import replay
from storyline.cluster.metrics import scores
from storyline.cluster.online import new_state
from storyline.cluster.scoring import FEATURES, EventModel, closeness, distance_km, pair_features, pairwise_features
from storyline.enrich import enrich
from storyline.errors import Rejected
from storyline.models import Document
from storyline.normalize import normalize


def test_packaged_model_is_calibrated_and_rewards_shared_names():
    model = EventModel.load()
    assert "train" in model.trained_on and 0 < model.threshold < 1
    base = np.array([[0.6, 0.8, 0.3, 0.3, 1.0, 0.0, 0.0]])
    more_names = base.copy()
    more_names[0, FEATURES.index("names")] = 0.9
    assert model.probability(more_names)[0] > model.probability(base)[0]


def test_model_round_trips_through_json(tmp_path):
    model = EventModel(
        weights=tuple(range(len(FEATURES))),
        bias=-1.5,
        threshold=0.6,
        trained_on="test",
        short_weights=(1.0,) * len(FEATURES),
        short_bias=-0.5,
    )
    model.save(tmp_path / "m.json")
    assert EventModel.load(tmp_path / "m.json") == model


def test_wrong_number_of_weights_is_refused():
    with pytest.raises(ValueError, match="weights"):
        EventModel(weights=(1.0, 2.0), bias=0.0, threshold=0.5, trained_on="test")


def test_geo_closeness_falls_with_distance_and_is_unknown_without_places():
    damascus, aleppo, paris = (33.51, 36.29), (36.20, 37.16), (48.85, 2.35)
    assert distance_km(damascus, aleppo) == pytest.approx(310, abs=15)
    near, known = closeness(damascus, (aleppo,))
    far, _ = closeness(damascus, (paris,))
    assert known == 1.0 and near > far > 0
    assert closeness(None, (aleppo,)) == (0.0, 0.0)
    assert closeness(damascus, ()) == (0.0, 0.0)


def test_a_one_sentence_item_is_judged_by_the_short_item_weights(featurize):
    model = EventModel.load()
    assert model.short_weights is not None and "first sentences" in model.trained_on
    headline = featurize("h", "troops leave base near border")
    article = featurize("a", "Troops left the base on Monday. The convoy crossed the border at noon.")
    assert model.judging(headline).weights == model.short_weights
    assert model.judging(headline).threshold == model.threshold
    assert model.judging(article) is model


def test_a_headline_stream_clusters_better_with_the_short_item_weights(encoder, mstream_news):
    """MStream's cleaned headlines, in file order: the weights fitted on headlines beat the full-article ones."""
    articles, gold = [], []
    for record in mstream_news[:600]:
        try:
            articles.append(normalize(Document(id=record["Id"], origin="mstream", text=record["textCleaned"])))
        except Rejected:  # one- and two-word headlines, as the pipeline rejects them
            continue
        gold.append(str(record["clusterNo"]))
    items = enrich(articles, encoder)
    model = EventModel.load()
    f1 = {
        name: scores(gold, replay(candidate, items, range(len(items))))["bcubed_f1"]
        for name, candidate in (("short", model), ("full", replace(model, short_weights=None)))
    }
    assert f1["short"] > f1["full"] + 0.03


def test_pairs_scored_together_score_as_each_pair_alone(featurize, sample_dir):
    """A split check scores all pairs of an event's articles at once; each must get the features it has alone,
    the Arabic-and-English report's words compared with an English one's over English only."""
    texts = {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(sample_dir.glob("*.txt"))}
    states = [new_state(featurize(key, texts[key])) for key in ("000", "001", "002", "003")]
    pairs = [(i, j) for i in range(len(states)) for j in range(i + 1, len(states))]
    together = pairwise_features(states, pairs)
    for row, (i, j) in zip(together, pairs):
        assert row == pytest.approx(pair_features(states[i], states[j]), abs=1e-6)
    terms = FEATURES.index("terms")
    assert together[pairs.index((1, 2)), terms] > together[pairs.index((0, 1)), terms]  # the rewrite shares 001's words
    assert together[pairs.index((0, 3)), terms] > together[pairs.index((1, 3)), terms] > 0  # 003's English half
    assert pairwise_features(states, []).shape == (0, len(FEATURES))
