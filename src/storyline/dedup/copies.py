"""Online copy detection: exact, near, rewrite and translation, and the original of each copy.

Three tests of increasing cost run on each arriving article:

1. exact: the normalised-content hash was seen before;
2. near: MinHash LSH over word shingles proposes candidates, and each is
   verified against its own signature, so a chain A~B~C never links A to C
   through the LSH buckets alone;
3. rewrite / translation: the nearest earlier articles by body vector are
   aligned sentence by sentence with the multilingual encoder; when enough of
   both articles' sentences find a counterpart, the newcomer restates the
   other (same language: rewrite; different languages: translation).

Every copy points to the root of its family (the original), chosen by
:func:`storyline.dedup.provenance.earlier_original`; when a newcomer turns
out to be the better original, the whole family is re-pointed to it. Each
test is therefore made against the original a copy will point to, not only
the family member it resembles: C, a near copy of B, itself a near copy of
A, is reported as a near copy of A only when C itself is near A.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from storyline.dedup.provenance import earlier_original
from storyline.dedup.shingles import shingles
from storyline.models import ArticleRecord, Copy, CopyKind, Features

SEED = 1
SCHEME = "affine32"
"""MinHash parameters; stored signatures are only comparable under the same ones."""
LSH_RECALL = 0.75
"""The LSH index proposes candidates from this fraction of the near threshold on:
banding at the threshold itself proposes a pair just above it less than half the
time (at 0.8, a pair of similarity 0.8 in 40% of cases), and every candidate is
verified against its signature anyway."""


@dataclass(frozen=True)
class Match:
    """The earlier article a newcomer copies, before the original is decided."""

    other_id: str
    kind: CopyKind
    score: float


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


class CopyDetector:
    """Finds, for each new article, the earlier article it copies (``predict_one``), then indexes it (``learn_one``).

    Parameters
    ----------
    features_of
        Returns the sentence vectors of a stored article by id; the detector
        keeps only signatures and body vectors in memory.
    near_threshold
        Verified Jaccard similarity of shingle sets from which a text is a near copy.
    num_perm
        MinHash permutations.
    candidate_similarity
        Body-vector cosine from which an earlier article is aligned with the newcomer.
    candidates
        How many nearest earlier articles are aligned at most.
    sentence_similarity
        Cosine from which two sentences are counterparts.
    alignment_threshold
        Alignment F1 from which the newcomer is a rewrite or translation.
    """

    def __init__(
        self,
        features_of: Callable[[str], Features],
        near_threshold: float = 0.8,
        num_perm: int = 128,
        candidate_similarity: float = 0.7,
        candidates: int = 5,
        sentence_similarity: float = 0.7,
        alignment_threshold: float = 0.35,
    ) -> None:
        if not 0.0 < near_threshold <= 1.0:
            raise ValueError("near_threshold must be in (0, 1]")
        self.features_of = features_of
        self.near_threshold = near_threshold
        self.num_perm = num_perm
        self.candidate_similarity = candidate_similarity
        self.candidates = candidates
        self.sentence_similarity = sentence_similarity
        self.alignment_threshold = alignment_threshold
        self._lsh = MinHashLSH(threshold=LSH_RECALL * near_threshold, num_perm=num_perm)
        self._signatures: dict[str, LeanMinHash] = {}
        self._by_hash: dict[str, str] = {}
        self._records: dict[str, ArticleRecord] = {}
        self._root: dict[str, str] = {}
        self._family: dict[str, dict[str, Copy]] = {}
        self._ids: list[str] = []
        self._bodies = np.zeros((0, 0), dtype=np.float32)
        self._count = 0

    def signature(self, features: Features) -> np.ndarray:
        """The MinHash signature of an article's text (uint64 hash values)."""
        minhash = MinHash(num_perm=self.num_perm, seed=SEED, scheme=SCHEME)
        minhash.update_batch(shingles(features.article.text))
        return minhash.hashvalues.astype(np.uint64)

    def predict_one(self, features: Features, signature: np.ndarray) -> Match | None:
        """The original of the family this article copies, if any, verified against that original.

        Which of the two is the better original is decided afterwards by :meth:`resolve`.
        """
        article = features.article
        same = self._by_hash.get(article.content_hash)
        if same is not None and self._records[self._original(same)].content_hash == article.content_hash:
            return Match(self._original(same), "exact", 1.0)
        minhash = LeanMinHash(seed=SEED, hashvalues=signature, scheme=SCHEME)
        best: Match | None = None
        for other in self._lsh.query(minhash):
            original = self._original(other)
            score = minhash.jaccard(self._signatures[original])
            if score >= self.near_threshold and (best is None or score > best.score):
                best = Match(original, "near", score)
        if best is not None:
            return best
        return self._aligned(features)

    def _aligned(self, features: Features) -> Match | None:
        if self._count == 0:
            return None
        similarity = self._bodies[: self._count] @ features.body
        order = np.argsort(-similarity)[: self.candidates]
        best: Match | None = None
        aligned: set[str] = set()
        for index in order:
            if similarity[index] < self.candidate_similarity:
                break
            original = self._original(self._ids[index])
            if original in aligned:
                continue
            aligned.add(original)
            other = self.features_of(original)
            score = alignment_score(features.sentence_vectors, other.sentence_vectors, self.sentence_similarity)
            if score >= self.alignment_threshold and (best is None or score > best.score):
                kind: CopyKind = (
                    "rewrite" if set(features.article.languages) & set(other.article.languages) else "translation"
                )
                best = Match(original, kind, score)
        return best

    def _original(self, article_id: str) -> str:
        """The original of the family an indexed article belongs to (itself when it copies nothing)."""
        return self._root.get(article_id, article_id)

    def resolve(self, record: ArticleRecord, match: Match) -> list[Copy]:
        """Decide the original between the newcomer and the match's family; return the copy rows to write."""
        root = self._original(match.other_id)
        if earlier_original(self._records[root], record) is record:
            updates = [Copy(article_id=root, original_id=record.id, kind=match.kind, score=match.score)]
            updates += [
                Copy(article_id=c.article_id, original_id=record.id, kind=c.kind, score=c.score)
                for c in self._family.pop(root, {}).values()
            ]
        else:
            updates = [Copy(article_id=record.id, original_id=root, kind=match.kind, score=match.score)]
        for copy in updates:
            self.learn_copy(copy)
        return updates

    def learn_copy(self, copy: Copy) -> None:
        """Record that ``copy.article_id`` copies ``copy.original_id`` (also used to rebuild from the store)."""
        self._root[copy.article_id] = copy.original_id
        self._family.setdefault(copy.original_id, {})[copy.article_id] = copy

    def learn_one(self, record: ArticleRecord) -> None:
        """Index a stored (or about to be stored) article so later ones can be matched against it."""
        self._records[record.id] = record
        self._by_hash.setdefault(record.content_hash, record.id)
        minhash = LeanMinHash(seed=SEED, hashvalues=record.signature, scheme=SCHEME)
        self._signatures[record.id] = minhash
        self._lsh.insert(record.id, minhash, check_duplication=False)
        if self._count == len(self._bodies):
            grown = np.zeros((max(1024, 2 * self._count), len(record.body)), dtype=np.float32)
            if self._count:
                grown[: self._count] = self._bodies[: self._count]
            self._bodies = grown
        self._bodies[self._count] = record.body
        self._ids.append(record.id)
        self._count += 1
