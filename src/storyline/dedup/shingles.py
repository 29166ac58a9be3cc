"""Text to shingles for MinHash, for any script.

Arabic is normalised first (diacritics, tatweel, alef forms, alef maqsura,
ta marbuta) because the same word is spelled with and without them across
outlets. Scripts written without spaces (Chinese, Japanese, Thai) are
shingled by characters instead of words.
"""

from __future__ import annotations

import re
import unicodedata

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_WORD = re.compile(r"\w+")
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

WORD_SHINGLE = 3
CHAR_SHINGLE = 4


def normalize_for_shingles(text: str) -> str:
    """Case, compatibility forms and Arabic spelling variants folded away."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_LETTERS)


def shingles(text: str) -> list[bytes]:
    """Word 3-shingles (character 4-shingles for unspaced scripts), UTF-8 encoded for hashing."""
    text = normalize_for_shingles(text)
    if len(_UNSPACED.findall(text)) > len(text) / 4:
        chars = "".join(_WORD.findall(text))
        grams = [chars[i : i + CHAR_SHINGLE] for i in range(max(1, len(chars) - CHAR_SHINGLE + 1))]
    else:
        words = _WORD.findall(text)
        grams = [" ".join(words[i : i + WORD_SHINGLE]) for i in range(max(1, len(words) - WORD_SHINGLE + 1))]
    return [g.encode("utf-8") for g in grams if g]
