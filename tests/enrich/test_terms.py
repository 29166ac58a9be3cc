"""Lexical evidence: rarity-weighted words and script-neutral name keys."""

from __future__ import annotations

import itertools

import pytest

from storyline.cluster.scoring import sparse_dot, sparse_norm
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


def test_a_figure_is_one_term_however_written_and_common_numbers_weigh_less(featurize):
    first = featurize("first", "Officials said 7,000 people fled the flooded district and 3 bridges were shut.")
    second = featurize("second", "About 7000 people fled the district, officials said.")
    assert "en:7000 people" in first.terms and "en:7000 people" in second.terms
    assert first.terms["en:7000 people"] > first.terms["en:3 bridges"] > 0


def _without_figures(terms: dict[str, float]) -> dict[str, float]:
    words = {k: v for k, v in terms.items() if not k.split(":", 1)[1][0].isdigit()}
    norm = sparse_norm(words)
    return {k: v / norm for k, v in words.items()}


def test_shared_figures_bring_reports_of_one_event_closer_more_often_than_reports_of_two(featurize, ecb):
    # ECB+ topic 12: the Indian navy catches 23 pirates in the Gulf of Aden (ecb), and three years
    # later 26 pirates in the same gulf (ecbplus): same actors, place and vocabulary.
    reports = {i: featurize(i, doc["text"]).terms for i, doc in ecb.items() if doc["topic"] == 12}
    raised = {True: [], False: []}
    for a, b in itertools.combinations(sorted(reports), 2):
        without = sparse_dot(_without_figures(reports[a]), _without_figures(reports[b]))
        raised[ecb[a]["subtopic"] == ecb[b]["subtopic"]].append(sparse_dot(reports[a], reports[b]) > without)
    same, apart = (sum(raised[k]) / len(raised[k]) for k in (True, False))
    assert same > 0.15 and same > 4 * apart, (same, apart)
