"""The relation between two texts: duplicate, rewrite, translation, conflicting, related or unrelated.

This is the pairwise view of the copy detector, for a user who brings two
texts rather than a stream (``storyline compare``). Long texts are compared
the way the pipeline compares articles: exact hash, shingle overlap, then
sentence alignment. Short statements (a headline, one or two sentences) have
too few sentences to align, so the stance model decides whether they state
the same fact, in the languages it was trained on; in others, conflicting
facts or else the cosine of the two statements decide. Either way, the changed facts of the aligned sentences are
listed, and a pair whose facts contradict each other is ``conflicting``,
not a copy.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

import numpy as np

from storyline.dedup.alignment import STATEMENT_SENTENCES, Sentences, aligned_changes, alignment_score
from storyline.dedup.changes import Change, conflicting
from storyline.dedup.shingles import shingles
from storyline.dedup.stance import Pair, StanceModel
from storyline.enrich.sentences import split_sentences
from storyline.enrich.vectors import SentenceEncoder
from storyline.errors import Rejected
from storyline.normalize.hashing import content_hash
from storyline.normalize.language import Paragraph, detect_languages, main_language, to_segments
from storyline.normalize.repair import repair

RelationKind = Literal["duplicate", "rewrite", "translation", "conflicting", "related", "unrelated"]
SUPPORTED_SCRIPTS = frozenset({"LATIN", "ARABIC", "CYRILLIC", "CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI", "GREEK"})
"""Scripts of the languages the sentence encoder was trained on (USE-multilingual's 16)."""
UNSPACED_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "THAI"})
"""Scripts written without spaces, where one "word" may be a sentence."""
MIN_WORDS = 2
MIN_UNSPACED_LETTERS = 4


@dataclass(frozen=True)
class Comparison:
    """What ``b`` is to ``a``, how sure (0 to 1), and the changed facts between them."""

    relation: RelationKind
    score: float
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Text:
    """One side of a comparison: its sentences, their vectors and its main language."""

    text: str
    sentences: list[str]
    languages: list[str]
    language: str


def check(text: object, side: str) -> str:
    """The text of one side, or :class:`Rejected` saying why it cannot be compared."""
    if text is None:
        raise Rejected(f"side {side!r} is missing")
    if not isinstance(text, str):
        raise Rejected(f"side {side!r} is not text but {type(text).__name__}")
    if not text.strip():
        raise Rejected(f"side {side!r} is empty")
    letters = [c for c in text if c.isalpha()]
    scripts = {unicodedata.name(c, "UNKNOWN").split(" ", 1)[0] for c in letters}
    unspaced = bool(scripts & UNSPACED_SCRIPTS) and len(letters) >= MIN_UNSPACED_LETTERS
    if len(re.findall(r"\w+", text)) < MIN_WORDS and not unspaced:
        raise Rejected(f"side {side!r} has fewer than {MIN_WORDS} words")
    if letters and not scripts & SUPPORTED_SCRIPTS:
        raise Rejected(
            f"side {side!r} is in a script the sentence encoder does not read ({', '.join(sorted(scripts))})"
        )
    return text


def _prepare(text: str) -> Text:
    sentences = [s for line in text.splitlines() if line.strip() for s in split_sentences(line)] or [text.strip()]
    languages = detect_languages(sentences)
    segments = to_segments([Paragraph(s, lang) for s, lang in zip(sentences, languages)])
    return Text(text, sentences, languages, main_language(segments))


def _jaccard(a: str, b: str) -> float:
    left, right = set(shingles(a)), set(shingles(b))
    return len(left & right) / len(left | right) if left | right else 0.0


class Comparer:
    """Compares pairs of texts; loads the encoder and the stance model once.

    Thresholds are those of :class:`~storyline.dedup.copies.CopyDetector`, so
    ``compare`` and the pipeline agree on what a copy is. Changed facts are looked
    for in sentence pairs from ``change_similarity`` on, below the copy threshold:
    a rewrite that merges two sentences into one leaves each less close to its
    source, and that is where facts drift.
    """

    def __init__(
        self,
        encoder: SentenceEncoder,
        stance: StanceModel | None = None,
        near_threshold: float = 0.8,
        sentence_similarity: float = 0.7,
        alignment_threshold: float = 0.35,
        related_similarity: float = 0.5,
        change_similarity: float = 0.6,
        statement_similarity: float = 0.7,
    ) -> None:
        self.encoder = encoder
        self.stance = stance or StanceModel.load()
        self.near_threshold = near_threshold
        self.sentence_similarity = sentence_similarity
        self.alignment_threshold = alignment_threshold
        self.related_similarity = related_similarity
        self.change_similarity = change_similarity
        self.statement_similarity = statement_similarity

    def compare(self, a: str, b: str) -> Comparison:
        """The relation of ``b`` to ``a``; :class:`Rejected` when a side cannot be compared.

        Broken encodings are repaired first, as in the pipeline, so mojibake is not read as a change.
        """
        a, b = repair(check(a, "a")), repair(check(b, "b"))
        if content_hash(a) == content_hash(b):
            return Comparison("duplicate", 1.0, ())
        left, right = _prepare(a), _prepare(b)
        vectors = self.encoder.encode(left.sentences + right.sentences + [a, b])
        va, vb = vectors[: len(left.sentences)], vectors[len(left.sentences) : -2]
        similarity = float(vectors[-2] @ vectors[-1])
        if max(len(left.sentences), len(right.sentences)) <= STATEMENT_SENTENCES:  # judged by the stance model
            return self._statements(left, right, similarity, self._changes(left, right, va, vb))
        same_language = left.language == right.language
        near = _jaccard(a, b) if same_language else 0.0
        aligned = alignment_score(va, vb, self.sentence_similarity)
        if near < self.near_threshold and aligned < self.alignment_threshold:
            return self._unrelated_or_related(similarity)
        found = self._changes(left, right, va, vb)
        if conflicting(list(found)):
            return Comparison("conflicting", aligned, found)
        if near >= self.near_threshold:
            return Comparison("duplicate", near, found)
        return Comparison("rewrite" if same_language else "translation", aligned, found)

    def _changes(self, left: Text, right: Text, va: np.ndarray, vb: np.ndarray) -> tuple[Change, ...]:
        return aligned_changes(
            Sentences(left.sentences, left.languages, va),
            Sentences(right.sentences, right.languages, vb),
            self.change_similarity,
        )

    def _statements(self, left: Text, right: Text, similarity: float, found: tuple[Change, ...]) -> Comparison:
        """Short texts: whether they state the same fact, by the stance model where it knows both languages."""
        if {left.language, right.language} <= self.stance.languages:
            [(stance, score)] = self.stance.predict(
                [Pair(left.text, right.text, left.language, right.language)], self.encoder
            )
        elif conflicting(list(found)):
            stance, score = "disagree", similarity
        else:
            stance, score = ("agree" if similarity >= self.statement_similarity else "other"), similarity
        if stance == "disagree":
            return Comparison("conflicting", score, found)
        if stance == "other":
            return self._unrelated_or_related(similarity)
        if left.language != right.language:
            return Comparison("translation", score, found)
        if _jaccard(left.text, right.text) >= self.near_threshold:
            return Comparison("duplicate", score, found)
        return Comparison("rewrite", score, found)

    def _unrelated_or_related(self, similarity: float) -> Comparison:
        """Texts that restate nothing of each other: about the same thing or not. Their differences are not changes."""
        if similarity >= self.related_similarity:
            return Comparison("related", similarity, ())
        return Comparison("unrelated", 1.0 - max(similarity, 0.0), ())
