"""The calibrated event model: packaged, loadable, checked."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.cluster.scoring import FEATURES, EventModel, closeness, distance_km


def test_packaged_model_is_calibrated_and_rewards_shared_names():
    model = EventModel.load()
    assert "train" in model.trained_on and 0 < model.threshold < 1
    base = np.array([[0.6, 0.8, 0.3, 0.3, 1.0, 0.0, 0.0]])
    more_names = base.copy()
    more_names[0, FEATURES.index("names")] = 0.9
    assert model.probability(more_names)[0] > model.probability(base)[0]


def test_model_round_trips_through_json(tmp_path):
    model = EventModel(weights=tuple(range(len(FEATURES))), bias=-1.5, threshold=0.6, trained_on="test")
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
