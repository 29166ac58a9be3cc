"""MinHash signatures and a banded LSH index for near-duplicate detection at stream rates.

Signatures are computed for many documents at once, from the 64-bit shingle
hashes of :func:`storyline.dedup.shingles.hashed_shingles`: the top 32 bits
of each hash go through ``num_perm`` affine permutations ``a * h + b`` modulo
2^32 (``a`` odd, so each is a bijection), as datasketch's "affine32" scheme
does, and the minimum of each permutation over a document is kept. The
values differ from datasketch's (which hashes each shingle with SHA-1), so
signatures of the two must not be compared with each other.

:class:`MinHashIndex` bands signatures like datasketch's ``MinHashLSH`` and
supports removal and expiry, so the index of a long-running stream can be
kept to a time window.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from functools import cache

import numpy as np
from datasketch.lsh import _optimal_param

EMPTY = np.uint32(0xFFFFFFFF)
"""Every value of the signature of a text without shingles (as in datasketch)."""
_SLICE = 8192
"""Shingles permuted at a time: a slice's ``num_perm`` x ``_SLICE`` block stays in cache, and memory bounded."""


@cache
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``a`` (odd) and ``b`` of each permutation. From the legacy RandomState because
    its stream never changes across numpy versions: stored signatures must stay
    comparable with new ones."""
    random = np.random.RandomState(seed)
    a = random.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = random.randint(0, 1 << 32, num_perm, dtype=np.uint64).astype(np.uint32)
    return a, b


def signatures(shingle_hashes: Sequence[np.ndarray], num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """MinHash signatures of documents given as uint64 arrays of shingle hashes (see ``hashed_shingles``).

    Returns a ``(len(shingle_hashes), num_perm)`` uint32 array; a document
    without shingles gets :data:`EMPTY` everywhere. All shingles of the batch are
    permuted together, a slice at a time, and each slice's minimum per
    document is folded into that document's row: numpy then works on long
    arrays instead of paying its call overhead per document.
    """
    a, b = _permutations(num_perm, seed)
    result = np.full((len(shingle_hashes), num_perm), EMPTY, dtype=np.uint32)
    lengths = np.array([len(hashes) for hashes in shingle_hashes], dtype=np.int64)
    documents = np.flatnonzero(lengths)
    if len(documents) == 0:
        return result
    # The top 32 bits of every shingle hash, document after document.
    values = (np.concatenate([shingle_hashes[i] for i in documents]) >> np.uint64(32)).astype(np.uint32)
    starts = np.concatenate(([0], np.cumsum(lengths[documents])[:-1]))
    for low in range(0, len(values), _SLICE):
        high = min(low + _SLICE, len(values))
        first = np.searchsorted(starts, low, side="right") - 1
        last = np.searchsorted(starts, high, side="left")
        permuted = np.multiply.outer(a, values[low:high])
        permuted += b[:, None]
        minima = np.minimum.reduceat(permuted, np.maximum(starts[first:last] - low, 0), axis=1).T
        rows = documents[first:last]
        result[rows] = np.minimum(result[rows], minima)
    return result


def jaccard(signature_a: np.ndarray, signature_b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two shingle sets: the fraction of equal signature values."""
    if len(signature_a) != len(signature_b):
        raise ValueError("signatures of different lengths")
    return float(np.count_nonzero(np.asarray(signature_a) == np.asarray(signature_b))) / len(signature_a)


class MinHashIndex:
    """Banded LSH over MinHash signatures: ``query`` proposes the indexed keys sharing a band.

    A signature is cut into ``bands`` bands of ``rows`` values, chosen like
    datasketch's ``MinHashLSH`` so that pairs above ``threshold`` collide in
    some band and pairs below rarely do; candidates are to be verified with
    :func:`jaccard`. Each band is reduced to one 64-bit key (band number
    included), and all bands share one dict of buckets. A bucket holding one
    key stores the key itself, not a set of one: most documents share no
    band with any other, and a set of one costs some 200 bytes per band.

    Keys are strings. ``insert`` may be given ``at``, a time in any unit
    (Unix seconds, say); ``expire(before)`` then drops the entries inserted
    with an earlier ``at``, so an index over a stream holds a time window.
    """

    def __init__(self, threshold: float = 0.6, num_perm: int = 128, weights: tuple[float, float] = (0.5, 0.5)) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        self.num_perm = num_perm
        self.bands, self.rows = _optimal_param(threshold, num_perm, *weights)
        halves = np.random.RandomState(0).randint(0, 1 << 63, (self.bands, self.rows), dtype=np.uint64)
        self._multipliers = 2 * halves + 1
        self._buckets: dict[int, str | set[str]] = {}
        self._entries: dict[str, tuple[int, ...]] = {}
        self._expiry: list[tuple[float, str, tuple[int, ...]]] = []

    def _band_keys(self, signature: np.ndarray) -> tuple[int, ...]:
        """One key per band: its values weighted by odd multipliers of that band's own (sum modulo 2^64),
        so that equal values in different bands give different keys."""
        if len(signature) != self.num_perm:
            raise ValueError(f"signature has {len(signature)} values, the index expects {self.num_perm}")
        bands = np.asarray(signature[: self.bands * self.rows], dtype=np.uint64).reshape(self.bands, self.rows)
        return tuple((bands * self._multipliers).sum(axis=1).tolist())

    def insert(self, key: str, signature: np.ndarray, at: float | None = None) -> None:
        """Index ``key``, replacing an entry of the same key; ``at`` is when, for :meth:`expire` (None: never)."""
        if key in self._entries:
            self.remove(key)
        band_keys = self._band_keys(signature)
        self._entries[key] = band_keys
        for band_key in band_keys:
            bucket = self._buckets.get(band_key)
            if bucket is None:
                self._buckets[band_key] = key
            elif isinstance(bucket, str):
                self._buckets[band_key] = {bucket, key}
            else:
                bucket.add(key)
        if at is not None:
            heapq.heappush(self._expiry, (at, key, band_keys))

    def query(self, signature: np.ndarray) -> list[str]:
        """The indexed keys that share at least one band with ``signature``."""
        found: set[str] = set()
        for band_key in self._band_keys(signature):
            bucket = self._buckets.get(band_key)
            if isinstance(bucket, str):
                found.add(bucket)
            elif bucket is not None:
                found.update(bucket)
        return list(found)

    def remove(self, key: str) -> None:
        """Drop ``key`` (KeyError if absent), and every bucket it leaves empty."""
        for band_key in self._entries.pop(key):
            bucket = self._buckets[band_key]
            if isinstance(bucket, str):
                del self._buckets[band_key]
            else:
                bucket.discard(key)
                if len(bucket) == 1:
                    self._buckets[band_key] = bucket.pop()

    def expire(self, before: float) -> None:
        """Drop every entry inserted with ``at`` < ``before``.

        Entries wait in a heap ordered by ``at``; one removed or re-inserted
        since is skipped when its turn comes (its band keys are no longer the
        very tuple indexed). The heap thus only holds entries whose ``at`` is
        not yet past the last cut-off.
        """
        while self._expiry and self._expiry[0][0] < before:
            _, key, band_keys = heapq.heappop(self._expiry)
            if self._entries.get(key) is band_keys:
                self.remove(key)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries
