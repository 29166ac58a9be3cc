"""Sentence alignment of two texts with multilingual sentence vectors.

A rewrite or a translation restates most sentences of its original, each
with a counterpart whose vector is close; two reports of one event share a
few facts but few sentences. Coverage on both sides tells them apart, and
the aligned pairs are where changed facts are looked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storyline.dedup.changes import Change, changes, stated
from storyline.models import Features, Translation

STATEMENT_SENTENCES = 2
"""Texts of at most this many sentences are statements (a headline, a brief): too few sentences to align.
Two statements with close vectors are two outlets stating one fact as often as one copying the other."""


def alignment_score(a: np.ndarray, b: np.ndarray, sentence_similarity: float) -> float:
    """F1 of sentence coverage: how many sentences of each side find a counterpart in the other."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    similarity = a @ b.T
    covered_a = float((similarity.max(axis=1) >= sentence_similarity).mean())
    covered_b = float((similarity.max(axis=0) >= sentence_similarity).mean())
    if covered_a + covered_b == 0:
        return 0.0
    return 2 * covered_a * covered_b / (covered_a + covered_b)


def aligned_pairs(a: np.ndarray, b: np.ndarray, sentence_similarity: float) -> list[tuple[int, int, float]]:
    """(index in a, index in b, cosine) for each sentence of ``b`` and its closest counterpart in ``a``, if close enough."""
    if len(a) == 0 or len(b) == 0:
        return []
    similarity = a @ b.T
    best = similarity.argmax(axis=0)
    return [(int(i), j, float(similarity[i, j])) for j, i in enumerate(best) if similarity[i, j] >= sentence_similarity]


@dataclass(frozen=True)
class Sentences:
    """A text as its sentences, their languages and their (L2-normalised) vectors."""

    texts: Sequence[str]
    languages: Sequence[str]
    vectors: np.ndarray


def aligned_changes(a: Sentences, b: Sentences, sentence_similarity: float) -> tuple[Change, ...]:
    """The changed facts of every aligned sentence pair, from ``a``'s side to ``b``'s.

    Facts either whole text states somewhere are known to both, so a fact a
    rewrite moved to another sentence is not reported as dropped.
    """
    known_a = stated(list(zip(a.texts, a.languages)))
    known_b = stated(list(zip(b.texts, b.languages)))
    found: list[Change] = []
    for i, j, _ in aligned_pairs(a.vectors, b.vectors, sentence_similarity):
        found.extend(changes(a.texts[i], b.texts[j], a.languages[i], b.languages[j], known_a, known_b))
    return tuple(found)


def translated_segments(features: Features, sentence_similarity: float, threshold: float) -> tuple[Translation, ...]:
    """Languages of an article whose sentences restate those of an earlier language in it.

    An outlet that publishes an Arabic report followed by its English
    translation gives one article with two segments; the later language is
    the translation.
    """
    languages = np.array(features.sentence_languages)
    order = list(dict.fromkeys(features.sentence_languages))
    found = []
    for later, language in enumerate(order):
        for earlier in order[:later]:
            score = alignment_score(
                features.sentence_vectors[languages == earlier],
                features.sentence_vectors[languages == language],
                sentence_similarity,
            )
            if score >= threshold:
                found.append(Translation(language, earlier, score))
                break
    return tuple(found)
