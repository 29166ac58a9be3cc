"""Sentence alignment: which sentences restate which, and the segments of an article that translate another."""

from __future__ import annotations

import re

from storyline.dedup.alignment import aligned_pairs, alignment_score, translated_segments

SIMILARITY, THRESHOLD = 0.7, 0.35
ARABIC = re.compile("[\u0600-\u06ff]")
TANF = "001"  # English only
QASRAK = "003"  # Arabic, then its English translation, in one file


def test_the_english_half_of_sample_003_is_found_to_translate_its_arabic_half(featurize, sample_texts):
    features = featurize("qasrak", sample_texts[QASRAK])

    [translation] = translated_segments(features, SIMILARITY, THRESHOLD)

    assert (translation.language, translation.of_language) == ("en", "ar")
    assert translation.score >= 0.8


def test_an_article_in_one_language_translates_nothing(featurize, sample_texts):
    assert translated_segments(featurize("tanf", sample_texts[TANF]), SIMILARITY, THRESHOLD) == ()


def test_arabic_and_english_segments_on_different_stories_are_no_translation(featurize, sample_texts, ecb):
    # The Arabic half of 003 followed by an unrelated English story (an obituary) in the same file.
    arabic = "\n".join(line for line in sample_texts[QASRAK].splitlines() if ARABIC.search(line))
    features = featurize("mixed", arabic + "\n\n" + ecb["28_2ecb"]["text"])

    assert set(features.sentence_languages) == {"ar", "en"}
    assert translated_segments(features, SIMILARITY, THRESHOLD) == ()


def test_a_rewrite_aligns_most_sentences_and_each_pair_points_to_its_counterpart(featurize, sample_texts):
    original, rewrite = featurize("001", sample_texts["001"]), featurize("002", sample_texts["002"])

    pairs = aligned_pairs(original.sentence_vectors, rewrite.sentence_vectors, SIMILARITY)

    assert alignment_score(original.sentence_vectors, rewrite.sentence_vectors, SIMILARITY) >= THRESHOLD
    by_rewrite = {j: i for i, j, _ in pairs}
    palmyra = next(j for j, s in enumerate(rewrite.sentences) if "Washington carried out retaliatory strikes" in s)
    assert "Washington later conducted retaliatory strikes" in original.sentences[by_rewrite[palmyra]]
    assert all(score >= SIMILARITY for _, _, score in pairs)
