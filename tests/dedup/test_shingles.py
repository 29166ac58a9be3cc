"""Shingles for MinHash: Arabic spelling variants fold together, unspaced scripts shingle by character."""

from __future__ import annotations

import re

import pytest

from storyline.dedup.shingles import CHAR_SHINGLE, WORD_SHINGLE, normalize_for_shingles, shingles

_DIACRITICS = re.compile("[\u064b-\u0652\u0670]")
_LETTER = re.compile("[\u0621-\u064a]")


def plain_spelling(text: str) -> str:
    """How the same headline is often typed: bare alef, ha for ta marbuta, ya for alef maqsura, no vowels."""
    text = _DIACRITICS.sub("", text)
    return text.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي"}))


def vocalised(text: str) -> str:
    """The same text with a fatha after every Arabic letter (fully vowelled print)."""
    return _LETTER.sub(lambda m: m.group(0) + "\u064e", text)


def stretched(text: str) -> str:
    """The same text with tatweel (kashida) drawn inside its longest word, as headlines do for layout."""
    words = text.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    words[longest] = word[:2] + "\u0640\u0640\u0640" + word[2:]
    return " ".join(words)


@pytest.fixture(scope="module")
def headlines(arabic_headlines: list[str]) -> list[str]:
    """Real headlines that carry the letters whose spelling varies (hamza on alef and ta marbuta)."""
    chosen = [h for h in arabic_headlines if "ة" in h and re.search("[أإآ]", h) and len(h.split()) >= 6][:60]
    assert len(chosen) == 60
    return chosen


def test_arabic_spelling_variants_give_identical_shingles(headlines):
    for headline in headlines:
        expected = shingles(headline)
        assert len(expected) == len(headline.split()) - WORD_SHINGLE + 1, headline
        for variant in (plain_spelling(headline), vocalised(headline), stretched(headline)):
            assert variant != headline
            assert shingles(variant) == expected, (headline, variant)


def test_real_headlines_with_diacritics_match_their_bare_spelling(arabic_headlines):
    vowelled = [h for h in arabic_headlines if _DIACRITICS.search(h)]
    assert len(vowelled) >= 20

    for headline in vowelled:
        assert shingles(_DIACRITICS.sub("", headline)) == shingles(headline), headline


def test_arabic_folding_keeps_different_headlines_apart(headlines):
    # Folding spelling variants must not fold different words: distinct headlines stay distinct.
    folded = {tuple(shingles(h)) for h in headlines}

    assert len(folded) == len(set(headlines))


def test_arabic_folding_keeps_every_letter_of_the_word():
    # "المدرسة" (the school) and "المدرسه" are one word; "المدرس" (the teacher) is another.
    assert normalize_for_shingles("المدرسة") == normalize_for_shingles("المدرسه")
    assert normalize_for_shingles("المدرسة") != normalize_for_shingles("المدرس")
    assert normalize_for_shingles("إلى مستشفى") == normalize_for_shingles("الي مستشفي")


def test_english_shingles_are_word_trigrams_ignoring_case_and_punctuation():
    text = "US forces withdraw from Al-Tanf, officials said."

    assert shingles(text) == [
        b"us forces withdraw",
        b"forces withdraw from",
        b"withdraw from al",
        b"from al tanf",
        b"al tanf officials",
        b"tanf officials said",
    ]
    assert shingles("us FORCES withdraw -- from al tanf; Officials said") == shingles(text)


CHINESE = "美国军队周一开始撤离叙利亚东北部的卡斯拉克基地，预计一个月内完成全部撤军。"
JAPANESE = "米軍は月曜日、シリア北東部の基地から撤退を開始した。"
THAI = "กองทัพสหรัฐเริ่มถอนกำลังออกจากฐานทัพในซีเรีย"


@pytest.mark.parametrize("text", [CHINESE, JAPANESE])
def test_chinese_and_japanese_get_character_shingles(text):
    letters = "".join(re.findall(r"\w+", text))

    grams = [g.decode("utf-8") for g in shingles(text)]

    assert grams == [letters[i : i + CHAR_SHINGLE] for i in range(len(letters) - CHAR_SHINGLE + 1)]


def test_thai_gets_character_shingles():
    grams = [g.decode("utf-8") for g in shingles(THAI)]

    # One sentence without spaces: many overlapping 4-character grams, not one "word".
    assert len(grams) > 20
    assert all(len(g) == CHAR_SHINGLE for g in grams)
    assert grams[0] == "กองท"


def test_one_changed_chinese_character_leaves_most_shingles_shared():
    # With word shingles a whole unspaced sentence would be one "word", and any edit would share nothing.
    edited = CHINESE.replace("一个月", "两个月")

    a, b = set(shingles(CHINESE)), set(shingles(edited))

    assert len(a & b) / len(a | b) > 0.75
    assert a != b


def test_chinese_with_latin_names_and_digits_is_still_shingled_by_character():
    text = "据AFP报道，2026年2月11日美军撤离坦夫基地，约1000名士兵前往约旦。"

    grams = shingles(text)

    assert all(len(g.decode("utf-8")) == CHAR_SHINGLE for g in grams)
    assert len(grams) > 20


def test_short_and_empty_texts():
    assert shingles("Troops left") == [b"troops left"]
    assert shingles("") == []
    assert shingles("撤军") == ["撤军".encode()]
