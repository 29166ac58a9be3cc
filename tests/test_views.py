"""Read models shared by the presenters: an event's places with coordinates, bases located by their town."""

from __future__ import annotations

import json
from dataclasses import replace

from storyline.cluster.storylines import StorylineLinker
from storyline.config import load_settings
from storyline.pipeline import Pipeline
from storyline.store import SQLStore
from storyline.views import mention_summary, storylines


def test_a_located_base_has_its_towns_coordinates_and_names_the_town(featurize, sample_texts):
    # 000 and 003 report the withdrawal from the Qasrak base, "in Hasakeh province" / "حيث تقع قاعدة قسرك".
    mentions = {number: featurize(number, sample_texts[number]).mentions for number in ("000", "003")}

    places = {place["key"]: place for place in mention_summary(mentions)["places"]}

    hasakeh, qasrak = places["geonames:173811"], places["place:ksrk"]
    assert (qasrak["lat"], qasrak["lon"], qasrak["country"]) == (hasakeh["lat"], hasakeh["lon"], "SY")
    assert qasrak["located_by"] == hasakeh["name"] and hasakeh["located_by"] is None
    # Al-Tanf is named beside Jordan, Iraq and Shadadi, and no sentence says it lies by a town.
    tanf = places["place:tnf"]
    assert (tanf["lat"], tanf["lon"], tanf["located_by"]) == (None, None, None)


def test_storylines_are_linked_once_and_again_after_an_ingest(tmp_path, encoder, sample_dir, ecb):
    settings = replace(load_settings(path=tmp_path / "none.toml", environ={}), db=str(tmp_path / "s.db"), extract_facts=False)
    store = SQLStore(settings.db)
    try:
        pipeline = Pipeline(store, settings, encoder)
        pipeline.ingest([sample_dir])
        fingerprint = StorylineLinker(window_days=settings.storyline_window_days).fingerprint

        first = storylines(store, settings.storyline_window_days)
        assert store.cached_storylines(fingerprint) == first  # kept for the next command
        assert storylines(store, settings.storyline_window_days) == first

        extra = tmp_path / "extra.jsonl"
        extra.write_text(json.dumps({"id": "felt", "text": ecb["28_2ecb"]["text"]}) + "\n", encoding="utf-8")
        pipeline.ingest([extra])
        assert store.cached_storylines(fingerprint) is None
        again = storylines(store, settings.storyline_window_days)
        assert {e.id for e in store.events()} == {e for s in again for e in s.event_ids}
        assert len({e for s in again for e in s.event_ids}) > len({e for s in first for e in s.event_ids})
    finally:
        store.close()
