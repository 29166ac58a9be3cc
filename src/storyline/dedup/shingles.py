"""Text to shingles for MinHash, for any script.

Arabic is normalised first (diacritics, tatweel, alef forms, alef maqsura,
ta marbuta) because the same word is spelled with and without them across
outlets. Scripts written without spaces (Chinese, Japanese, Thai) are
shingled by characters instead of words.

:func:`hashed_shingles` gives the same shingles as stable 64-bit hashes
without building their strings, for MinHash at stream rates.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

_ARABIC = re.compile("[\u0600-\u06ff]")
_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_WORD = re.compile(r"\w+")
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

WORD_SHINGLE = 3
CHAR_SHINGLE = 4


def normalize_for_shingles(text: str) -> str:
    """Case, compatibility forms and Arabic spelling variants folded away."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if not _ARABIC.search(text):  # the folding below is slow and only changes Arabic letters
        return text
    return _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_LETTERS)


def _units(text: str) -> tuple[list[str], str, int]:
    """What shingles are made of: the normalised words, their separator and the shingle size,
    or for unspaced scripts the characters, no separator and the character shingle size."""
    text = normalize_for_shingles(text)
    if len(_UNSPACED.findall(text)) > len(text) / 4:
        return list("".join(_WORD.findall(text))), "", CHAR_SHINGLE
    return _WORD.findall(text), " ", WORD_SHINGLE


def shingles(text: str) -> list[bytes]:
    """Word 3-shingles (character 4-shingles for unspaced scripts), UTF-8 encoded for hashing."""
    units, separator, size = _units(text)
    grams = [separator.join(units[i : i + size]) for i in range(max(1, len(units) - size + 1))]
    return [g.encode("utf-8") for g in grams if g]


def _stable_hash(text: str) -> int:
    """A 64-bit hash that is the same in every process (Python's ``hash`` of a str is not)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


class _UnitHashes(dict[str, int]):
    """Stable hashes of words (or characters), kept because the same words recur in every
    article; emptied when ``limit`` is reached so a long stream's vocabulary cannot grow it without end."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def __missing__(self, unit: str) -> int:
        if len(self) >= self.limit:
            self.clear()
        value = self[unit] = _stable_hash(unit)
        return value


_UNIT_HASHES = _UnitHashes(limit=1 << 18)
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
"""Odd: combines the hashes of a shingle's units as digits of a base-2^64 polynomial."""


def _fmix64(values: np.ndarray) -> np.ndarray:
    """The MurmurHash3 finalizer: a bijection that breaks the polynomial's linear structure."""
    values ^= values >> np.uint64(33)
    values *= np.uint64(0xFF51AFD7ED558CCD)
    values ^= values >> np.uint64(33)
    values *= np.uint64(0xC4CEB9FE1A85EC53)
    values ^= values >> np.uint64(33)
    return values


def hashed_shingles(text: str) -> np.ndarray:
    """The shingles of :func:`shingles` as 64-bit hashes (uint64), stable across processes.

    Equal shingles get equal hashes and different ones (but for a 2^-64 chance)
    different hashes, so MinHash sees the same sets. Building no shingle
    string and hashing each word once (then from a cache) costs less than
    :func:`shingles` alone, let alone hashing its output.
    """
    units, separator, size = _units(text)
    if len(units) < size:  # the whole text is the one shingle, as in shingles()
        return np.array([_stable_hash(separator.join(units))] if units else [], dtype=np.uint64)
    unit_hashes = np.fromiter(map(_UNIT_HASHES.__getitem__, units), dtype=np.uint64, count=len(units))
    count = len(units) - size + 1
    hashes = unit_hashes[:count].copy()
    for offset in range(1, size):
        hashes *= _MULTIPLIER
        hashes += unit_hashes[offset : offset + count]
    return _fmix64(hashes)
