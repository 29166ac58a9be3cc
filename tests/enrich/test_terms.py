"""Lexical evidence: rarity-weighted words and script-neutral name keys."""

from __future__ import annotations

import pytest

from storyline.enrich.terms import rarity, skeleton


@pytest.mark.parametrize(
    "spellings",
    [
        ("Hasakeh", "Hasakah", "الحسكة", "والحسكة"),
        ("Mosul", "الموصل"),
        ("Baghdad", "بغداد"),
        ("Khartoum", "الخرطوم"),
    ],
)
def test_a_name_has_one_key_across_spellings_and_scripts(spellings):
    keys = {skeleton(name) for name in spellings}
    assert len(keys) == 1 and "" not in keys


def test_different_names_get_different_keys():
    assert len({skeleton(n) for n in ("Mosul", "Aleppo", "Homs", "Raqqa", "Idlib")}) == 5


def test_function_words_carry_no_weight_and_names_carry_most():
    assert rarity("the", "en") == 0.0
    assert rarity("في", "ar") == 0.0
    assert rarity("syria", "en") < rarity("withdrawal", "en") + 1 < rarity("rmeilan", "en") + 1
    assert rarity("rmeilan", "en") == pytest.approx(6.5)


def test_bilingual_article_shares_name_keys_between_its_halves(featurize, sample_texts):
    features = featurize("bilingual", sample_texts["003"])
    arabic, english = (s.text for s in features.article.segments)
    arabic_only = featurize("ar-half", arabic)
    english_only = featurize("en-half", english)
    shared = set(arabic_only.names) & set(english_only.names)
    # The base the article is about is named in both halves, in two scripts and two spellings.
    assert skeleton("Qasrk") in shared and len(shared) >= 2, shared


def test_word_terms_are_keyed_by_language(featurize, sample_texts):
    features = featurize("bilingual", sample_texts["003"])
    assert {key.split(":")[0] for key in features.terms} == {"ar", "en"}
    assert sum(v * v for v in features.terms.values()) == pytest.approx(1.0)
