"""People, organisations and places: English through spaCy, Arabic through cue words and lists, one key across scripts."""

from __future__ import annotations

from storyline.enrich import split_sentences
from storyline.enrich.entities import Entity, entities_of, find_entities, find_entities_batch


def _sample(text: str) -> list[Entity]:
    return find_entities(split_sentences(text), "en")


def _bilingual(text: str) -> list[Entity]:
    """Sample 003: six Arabic paragraphs, then their English translation."""
    lines = text.splitlines()
    return entities_of([("ar", split_sentences("\n".join(lines[:6]))), ("en", split_sentences("\n".join(lines[6:])))])


def _by_text(entities: list[Entity]) -> dict[str, set[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = {}
    for entity in entities:
        found.setdefault(entity.text, set()).add((entity.kind, entity.key))
    return found


def test_people_organisations_and_places_of_a_sample(sample_texts):
    found = _by_text(_sample(sample_texts["001"]))
    people = {text for text, readings in found.items() if any(kind == "person" for kind, _ in readings)}
    assert {"Bashar al-Assad", "Ahmed al-Sharaa"} <= people
    (sdf,) = found["Syrian Democratic Forces"]
    assert sdf[0] == "organisation" and found["SDF"] == {sdf}
    assert {kind for kind, _ in found["AFP"]} == {"organisation"}
    for place in ("Al-Tanf", "Jordan", "Iraq", "Damascus"):
        assert {kind for kind, _ in found[place]} == {"place"}, place
    assert all(key.startswith("geonames:") for name in ("Jordan", "Iraq", "Damascus") for _, key in found[name])
    assert not people & {"Al-Tanf", "Qasrak", "Palmyra"}  # the small model reads these as people


def test_hasakeh_has_one_key_in_both_scripts_and_all_spellings(sample_texts):
    english = _sample(sample_texts["000"])
    bilingual = _bilingual(sample_texts["003"])
    keys = {e.key for e in english if e.text.startswith("Hasakeh")}
    keys |= {e.key for e in bilingual if e.text in ("الحسكة", "Hasakah")}
    assert len(keys) == 1 and keys.pop().startswith("geonames:")
    assert {e.text for e in bilingual if e.text in ("الحسكة", "Hasakah")} == {"الحسكة", "Hasakah"}


def test_a_town_the_gazetteer_lacks_has_one_key_by_its_skeleton(sample_texts):
    english = _sample(sample_texts["000"])
    bilingual = _bilingual(sample_texts["003"])
    shadadi = [e for e in english if e.text == "Shadadi"]
    shaddadi = [e for e in bilingual if e.text in ("al-Shaddadi", "الشدادي")]
    assert {e.text for e in shaddadi} == {"al-Shaddadi", "الشدادي"}
    assert {(e.kind, e.key) for e in shadadi + shaddadi} == {("place", "place:$d")}
    tanf = {e.key for e in bilingual if e.text in ("al-Tanf", "التنف")}
    assert tanf == {"place:tnf"}


def test_arabic_organisations_from_the_list_share_the_english_key(sample_texts):
    found = _by_text(_bilingual(sample_texts["003"]))
    sdf = found["Syrian Democratic Forces"]
    assert found["قوات سورية الديمقراطية"] == sdf and found["قسد"] == sdf and found["SDF"] == sdf
    assert found["داعش"] == found["ISIS"]


def test_arabic_person_after_a_title_has_the_english_key(arabic_headlines, sample_texts):
    headline = next(h for h in arabic_headlines if "الرئيس الأمريكي دونالد ترامب" in h)
    arabic = [e for e in find_entities([headline], "ar") if e.kind == "person"]
    english = [e for e in _sample(sample_texts["004"]) if e.kind == "person" and "Trump" in e.text]
    assert [e.text for e in arabic] == ["دونالد ترامب"]
    assert {e.key for e in english} == {arabic[0].key}  # "Trump" alone takes the full name's key


def test_arabic_titles_before_a_verb_or_an_adjective_are_not_people(arabic_headlines):
    headlines = [h for h in arabic_headlines if h.startswith(("الرئيس التونسي يدعو", "الرئيس التركي غاضب"))]
    assert len(headlines) >= 2
    assert [e for h in headlines for e in find_entities([h], "ar") if e.kind == "person"] == []


def test_arabic_common_words_are_not_entities(sample_texts):
    arabic = [e for e in _bilingual(sample_texts["003"]) if any("\u0600" <= c <= "\u06ff" for c in e.text)]
    assert {e.text for e in arabic} >= {"الحسكة", "سورية", "العراق", "التنف", "الشدادي", "قسرك"}
    assert not {e.text for e in arabic} & {"كشفت", "أنه", "إطار", "كامل", "إلى", "ومن"}
    assert not [e for e in arabic if e.kind == "person"]


def test_ecb_people_and_places(ecb):
    lines = ecb["21_7ecb"]["text"].split("\n")
    sentence = next(i for i, line in enumerate(lines) if "Anthony LaSalle, 36, of Minneapolis" in line)
    found = {(e.text, e.kind) for e in find_entities(lines, "en") if e.sentence == sentence}
    assert {("Anthony LaSalle", "person"), ("LuAnn Marie Johnson", "person"), ("Minneapolis", "place")} <= found

    lines = ecb["23_5ecbplus"]["text"].split("\n")
    sentence = next(i for i, line in enumerate(lines) if "on Mount Sefton" in line)
    found = {(e.text, e.kind) for e in find_entities(lines, "en") if e.sentence == sentence}
    assert {("Robert Buckley", "person"), ("Mount Sefton", "place")} <= found


def test_one_name_keeps_one_kind_and_key_in_an_article(ecb):
    # The small model reads "Hugh Jackman" as a person, a place and an organisation in this article.
    entities = find_entities(ecb["2_8ecb"]["text"].split("\n"), "en")
    jackman = {(e.kind, e.key) for e in entities if "Jackman" in e.text}
    assert jackman == {("person", "person:hg-jkmn")}


def test_spans_point_into_their_sentence_and_batches_agree(ecb, sample_texts):
    texts = [(ecb[doc]["text"].split("\n"), "en") for doc in ("21_7ecb", "23_5ecbplus", "2_8ecb")]
    texts.append((split_sentences(sample_texts["003"].splitlines()[0]), "ar"))
    batch = find_entities_batch(texts)
    assert batch == [find_entities(sentences, language) for sentences, language in texts]
    for (sentences, _), entities in zip(texts, batch, strict=True):
        assert entities
        for entity in entities:
            assert sentences[entity.sentence][entity.start : entity.end] == entity.text
            assert entity.key.split(":", 1)[0] in ("geonames", entity.kind)


def test_a_base_the_gazetteer_lacks_is_located_by_the_town_its_sentence_names(sample_texts):
    english = _sample(sample_texts["000"])
    (hasakeh,) = {e.key for e in english if e.text == "Hasakeh"}
    lacking = [e for e in english if e.kind == "place" and not e.key.startswith("geonames:")]
    assert ("Qasrak", hasakeh) in {(e.text, e.near) for e in lacking}  # "the Qasrak base in Hasakeh province"
    # Al-Tanf, Shadadi and Al-Hol share sentences with towns and countries, and no sentence says where they lie.
    assert {e.text for e in lacking if not e.near} >= {"Al-Tanf", "Shadadi", "Al-Hol"}
    assert not [e for e in english if e.near and e.key.startswith("geonames:")]  # the gazetteer's towns have their own


def test_arabic_and_translated_bases_are_located_by_the_same_town(sample_texts):
    bilingual = _bilingual(sample_texts["003"])
    (hasakeh,) = {e.key for e in bilingual if e.text == "الحسكة"}
    located = {(e.text, e.near) for e in bilingual if e.near}
    # "الحسكة، حيث تقع قاعدة قسرك"; "Hasakah, where the Qasrk base is located";
    # "قاعدة خراب الجير في ريف رميلان في الحسكة": Rmeilan is unknown to the gazetteer, Hasakah locates both.
    assert {("قسرك", hasakeh), ("Qasrk", hasakeh), ("رميلان", hasakeh), ("خراب الجير", hasakeh)} <= located
    # "the Qasrk base in northeastern Syria": a country has no coordinates to lend; Al-Tanf lies "on the border".
    assert {text for text, _ in located} <= {"قسرك", "Qasrk", "رميلان", "خراب الجير"}
    assert any(e.text == "Qasrk" and not e.near for e in bilingual)


def test_ecb_places_are_located_only_where_the_text_says_so(ecb):
    docs = ("3_10ecbplus", "3_7ecbplus", "24_11ecbplus")
    brazos, texas, riviera = find_entities_batch([(ecb[doc]["text"].split("\n"), "en") for doc in docs])
    (houston,) = {e.key for e in brazos if e.text == "Houston"}
    assert {e.near for e in brazos if e.text == "Brazos County"} == {houston}  # "Brazos County, northwest of Houston"
    # "near Baytown, Texas, about 25 miles east of Houston": Texas holds Baytown, it does not lie by Houston.
    assert [e.near for e in texas if e.text == "Texas"] and not any(e.near for e in texas if e.text == "Texas")
    (nice,) = {e.key for e in riviera if e.text == "Nice"}
    # "the Grand Hotel du Cap in Saint-Jean-Cap-Ferrat, near Nice": the hotel lies where the village lies.
    assert {e.near for e in riviera if e.text.startswith(("Grand Hotel du Cap", "Saint - Jean"))} == {nice}


def test_a_name_listed_with_a_misread_place_follows_it(sample_texts):
    # The model reads "Qasrak and Kharab al-Jir" as two people; the article's "Qasrak base" shows Qasrak a place,
    # and Kharab al-Jir, listed with it, follows: one key with the Arabic article's خراب الجير.
    english = {(e.text, e.kind, e.key) for e in entities_of([("en", split_sentences(sample_texts["000"]))])}
    arabic = entities_of([("ar", split_sentences("\n".join(sample_texts["003"].splitlines()[:6])))])
    assert ("Kharab al-Jir", "place", "place:xrb-jr") in english
    assert "place:xrb-jr" in {e.key for e in arabic if e.kind == "place"}
    # Names listed together with no label overturned keep the model's reading.
    listed = find_entities(["Obama and Biden met in Washington on Tuesday."], "en")
    assert {(e.text, e.kind) for e in listed} >= {("Obama", "person"), ("Biden", "person")}


def test_a_possessor_is_not_part_of_the_place_it_owns(sample_texts):
    # "from Syria’s Al-Tanf base": two places, the country and the base, in the lead that states the withdrawal
    lead = next(s for s in split_sentences(sample_texts["001"]) if s.startswith("DAMASCUS"))
    found = _by_text(find_entities([lead], "en"))
    assert {kind for kind, _ in found["Al-Tanf"]} == {"place"}
    assert {kind for kind, _ in found["Syria"]} == {"place"}
    assert not any("’s" in text for text in found)
