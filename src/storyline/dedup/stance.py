"""Do two statements of one story agree, disagree or talk of something else?

Sentence vectors place a statement and its contradiction close together
("oil rises" / "oil falls"), so agreement cannot be read off a cosine. The
stance model looks at what differs: the words each side has that the other
lacks (as word and character n-gram features, hashed so the model needs no
vocabulary file), the vectors of those words, the changed facts of
:mod:`storyline.dedup.changes`, and the pair's sentence vectors. It is a
logistic regression trained on the ANS corpus of Arabic headline pairs
(:mod:`storyline.dedup.calibration`) and shipped as ``stance_model.npz``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import HashingVectorizer

from storyline.dedup.changes import changes, unmatched, words
from storyline.enrich.vectors import SentenceEncoder

STANCES = ("agree", "disagree", "other")
HASHED = 2**18
_CATEGORIES = ("number", "date", "place", "name", "negation", "wording")
_WORDS = HashingVectorizer(n_features=HASHED, analyzer=str.split, alternate_sign=False, norm="l2")
_GRAMS = HashingVectorizer(n_features=HASHED, analyzer="char_wb", ngram_range=(2, 4), alternate_sign=False, norm="l2")


@dataclass(frozen=True)
class Pair:
    """Two statements and their languages: ``a`` is the earlier or reference one."""

    a: str
    b: str
    language_a: str
    language_b: str


def _diff_text(removed: list[str], added: list[str]) -> str:
    return " ".join([f"-{w}" for w in removed] + [f"+{w}" for w in added])


def features(pairs: Sequence[Pair], encoder: SentenceEncoder) -> csr_matrix:
    """One feature row per pair: hashed word differences, then dense vector and fact features."""
    diffs, scalars, removed_texts, added_texts = [], [], [], []
    for pair in pairs:
        a, b = words(pair.a), words(pair.b)
        removed, added = unmatched(a, b)
        diffs.append(_diff_text(removed, added))
        removed_texts.append(" ".join(removed) or ".")
        added_texts.append(" ".join(added) or ".")
        found = changes(pair.a, pair.b, pair.language_a, pair.language_b)
        union = set(a) | set(b)
        scalars.append(
            [
                len(set(a) & set(b)) / len(union) if union else 0.0,
                len(removed),
                len(added),
                len(b) / max(1, len(a)),
                float(bool(removed) and bool(added)),
                float(pair.language_a != pair.language_b),
                *(sum(1 for c in found if c.kind == k and c.conflict) for k in _CATEGORIES),
                *(sum(1 for c in found if c.kind == k and not c.conflict) for k in _CATEGORIES),
            ]
        )
    count = len(pairs)
    vectors = encoder.encode([p.a for p in pairs] + [p.b for p in pairs] + removed_texts + added_texts)
    u, v, r, d = (vectors[i * count : (i + 1) * count] for i in range(4))
    both = np.array([[s[4]] for s in scalars])
    dense = np.hstack(
        [
            np.asarray(scalars),
            (u * v).sum(axis=1, keepdims=True),
            (r * d).sum(axis=1, keepdims=True) * both,
            u * v,
            np.abs(u - v),
            (d - r) * both,
        ]
    )
    return hstack([_WORDS.transform(diffs), _GRAMS.transform(diffs), csr_matrix(dense)]).tocsr()


@dataclass(frozen=True)
class StanceModel:
    """Multinomial logistic regression over :func:`features`, with per-stance offsets tuned on held-out pairs."""

    coef: np.ndarray
    intercept: np.ndarray
    offsets: np.ndarray
    languages: frozenset[str]
    """Languages of the training pairs: its word features mean nothing in others."""
    trained_on: str

    def probabilities(self, rows: csr_matrix) -> np.ndarray:
        """Rows of P(agree), P(disagree), P(other), offsets applied."""
        scores = rows @ self.coef.T + self.intercept + self.offsets
        scores = scores - scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict(self, pairs: Sequence[Pair], encoder: SentenceEncoder) -> list[tuple[str, float]]:
        """The stance of each pair and its probability."""
        if not pairs:
            return []
        probabilities = self.probabilities(features(pairs, encoder))
        best = probabilities.argmax(axis=1)
        return [(STANCES[i], float(probabilities[row, i])) for row, i in enumerate(best)]

    def save(self, path: Path) -> None:
        """Write the model compactly: hashed weights that training left at zero are not stored."""
        columns = np.flatnonzero(np.abs(self.coef).sum(axis=0))
        np.savez_compressed(
            path,
            columns=columns.astype(np.int32),
            weights=self.coef[:, columns].astype(np.float32),
            width=np.array(self.coef.shape[1]),
            intercept=self.intercept,
            offsets=self.offsets,
            languages=np.array(sorted(self.languages)),
            trained_on=np.array(self.trained_on),
        )

    @classmethod
    def load(cls, path: Path | None = None) -> StanceModel:
        """The packaged model, or one written by :mod:`storyline.dedup.calibration`."""
        if path is None:
            with as_file(files("storyline.dedup") / "stance_model.npz") as packaged:
                return cls.load(packaged)
        with np.load(path) as data:
            coef = np.zeros((len(STANCES), int(data["width"])), dtype=np.float32)
            coef[:, data["columns"]] = data["weights"]
            languages = frozenset(str(language) for language in data["languages"])
            return cls(coef, data["intercept"], data["offsets"], languages, str(data["trained_on"]))
