"""Read models shared by the presenters: an event's places with coordinates, bases located by their town."""

from __future__ import annotations

from storyline.views import mention_summary


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
