"""Weighted terms of an article: the lexical evidence that two reports name the same things.

Sentence vectors say two articles are about the same kind of thing; the rare
words they share (names of places, people, bases, ships) say they are about
the same instance of it. Each word is weighted by its rarity in the language
(wordfreq's Zipf frequency, shipped offline), so "Syria" counts for little and
a village name counts for a lot, with no corpus statistics to maintain.

Names also get a script-neutral key, their consonant skeleton, because Arabic
is written without short vowels and its transliterations vary mostly in the
vowels: Qasrak, Qasrk and قسرك all become ``ksrk``; Hasakeh, Hasakah and
الحسكة become ``hsk``. That lets an Arabic article and an English one share
evidence without a translation model.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import cache

from wordfreq import zipf_frequency

from storyline.models import Article

MAX_ZIPF = 6.5
"""Words at least this frequent (Zipf scale: "the" is 7.7, "withdrawal" 4.0) carry no weight."""
MIN_SKELETON = 2

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_PREFIX = re.compile(r"^(?:[وف]?(?:[بلك]?ال|لل))(?=..)|^[وف](?=...)")
_LATIN_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|at|ash|ath|az)[-‐’']", re.IGNORECASE)
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")

_ARABIC_SKELETON = str.maketrans(
    {
        "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "x", "د": "d", "ذ": "d",
        "ر": "r", "ز": "z", "س": "s", "ش": "$", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
        "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
        "ا": "", "أ": "", "إ": "", "آ": "", "ى": "", "ي": "", "و": "", "ة": "", "ء": "",
        "ئ": "", "ؤ": "", "ع": "", "ٱ": "",
    }
)  # fmt: skip
_LATIN_DIGRAPHS = (("kh", "x"), ("sh", "$"), ("ch", "$"), ("th", "t"), ("dh", "d"), ("gh", "g"), ("ph", "f"), ("ck", "k"))
_LATIN_LETTERS = str.maketrans({"q": "k", "c": "k", "p": "b", "v": "f", "a": "", "e": "", "i": "", "o": "", "u": "", "y": "", "w": ""})


def _collapse(skeleton: str) -> str:
    return re.sub(r"(.)\1+", r"\1", skeleton)


def skeleton(word: str) -> str:
    """Script-neutral consonant key of a name (empty when too short to be evidence)."""
    if _ARABIC.search(word):
        core = _ARABIC_PREFIX.sub("", _DIACRITICS.sub("", word))
        key = core.translate(_ARABIC_SKELETON)
    else:
        core = _LATIN_PREFIX.sub("", unicodedata.normalize("NFKD", word).casefold())
        core = "".join(c for c in core if c.isalpha() and c.isascii())
        for digraph, symbol in _LATIN_DIGRAPHS:
            core = core.replace(digraph, symbol)
        core = core[:-1] if core.endswith("h") and len(core) > 3 else core
        key = core.translate(_LATIN_LETTERS)
    key = _collapse(key)
    return key if len(key) >= MIN_SKELETON else ""


@cache
def rarity(word: str, language: str) -> float:
    """How much sharing this word says: high for rare words and names, zero for function words."""
    return max(0.0, MAX_ZIPF - zipf_frequency(word, language))


def terms(article: Article) -> dict[str, float]:
    """The article's weighted terms (``w:`` words, ``n:`` name skeletons), L2-normalised."""
    counts: Counter[str] = Counter()
    for segment in article.segments:
        language = segment.language
        for token in _TOKEN.findall(segment.text):
            word = token.casefold()
            weight = rarity(word, language)
            if weight == 0.0:
                continue
            counts[f"w:{word}"] += weight
            if _ARABIC.search(token) or token[0].isupper():
                key = skeleton(token)
                if key:
                    counts[f"n:{key}"] += weight
    norm = math.sqrt(sum(v * v for v in counts.values()))
    return {k: v / norm for k, v in counts.items()} if norm else {}
