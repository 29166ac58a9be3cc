"""Places from the gazetteer: found in English and Arabic, resolved by context, one key across scripts."""

from __future__ import annotations

from storyline.enrich import split_sentences
from storyline.enrich.places import fold, places_of


def _places(text: str, language: str = "en", dateline: str | None = None):
    return places_of([(language, split_sentences(text))], dateline)


def test_same_city_in_two_scripts_has_one_key():
    english, _ = _places("Fighting resumed on Tuesday near Mosul, the army said.")
    arabic, _ = _places("استؤنف القتال يوم الثلاثاء قرب الموصل، بحسب الجيش العراقي.", "ar")
    assert {p.key for p in english if p.kind == "city"} == {p.key for p in arabic if p.kind == "city"}
    (mosul,) = [p for p in english if p.kind == "city"]
    assert mosul.country == "IQ" and 35 < mosul.latitude < 37 and 42 < mosul.longitude < 44


def test_dateline_is_the_focal_place_and_resolves_ambiguity():
    _, focal = _places(
        "Police said the fire started in a warehouse in Beirut and spread to nearby homes overnight.",
        dateline="TRIPOLI, Lebanon",
    )
    assert focal is not None and focal.name == "Tripoli" and focal.country == "LB"


def test_ambiguous_city_resolves_to_the_country_the_article_names():
    places, _ = _places("Protesters gathered in Tripoli on Friday. Lebanon's army deployed in the city.")
    tripoli = [p for p in places if p.kind == "city"]
    assert tripoli and tripoli[0].country == "LB"


def test_common_words_and_person_names_are_not_places():
    places, focal = _places(
        "Reading the report, Michael Jackson said the White House would decide. "
        "The Nice weather helped, a Mobile phone user said."
    )
    assert [p.name for p in places if p.kind == "city"] == []
    assert focal is None


def test_arabic_function_words_are_not_towns():
    places, _ = _places("وقال مسؤولون إن القوات لن تبقي أي قواعد في البلاد، ومن بينها قاعدة في الحسكة.", "ar")
    assert [p.name for p in places] == ["Al Ḩasakah"]


def test_focal_place_of_a_sample_without_dateline_is_named_in_its_text(featurize, sample_texts):
    features = featurize("bilingual", sample_texts["003"])
    assert features.focal is not None and features.focal.country == "SY" and features.focal.kind == "city"


def test_fold_ignores_accents_article_and_final_vowel():
    assert fold("Al Ḩasakah") == fold("Hasakeh") == fold("al-Hasakah")
    assert fold("The") != fold("Tha")


def test_place_after_a_sentence_initial_word_is_found_and_inside_a_person_name_is_not():
    places, _ = _places("In Paris, police said the suspect was arrested.")
    assert [p.name for p in places] == ["Paris"]
    places, _ = _places("Fighting in the Gaza Strip continued as Tara Reid arrived.")
    assert [p.name for p in places if p.kind == "city"] == ["Gaza"]
