"""Language per paragraph and segments, on realistic mixed-language files."""

from __future__ import annotations

from storyline.models import Document
from storyline.normalize import normalize
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
    assert detect_languages(["Alep reprise"]) == ["en"]
    assert detect_languages(["Alep reprise"], declared="fr") == ["fr"]


def test_declared_language_does_not_override_a_confident_detection() -> None:
    article = normalize(Document(id="a", origin="test", text="\n".join(ARABIC), language="en"))
    assert article.language == "ar"


def test_arabic_article_followed_by_translation_is_one_article_with_two_segments() -> None:
    text = "\n".join(ARABIC) + "\n\n" + "\n\n".join(ENGLISH)
    article = normalize(Document(id="mix", origin="test", text=text))
    assert article.languages == ("ar", "en")
    assert [s.text for s in article.segments] == ["\n\n".join(ARABIC), "\n\n".join(ENGLISH)]


def test_main_language_has_the_most_characters() -> None:
    text = "\n".join([*ENGLISH, ARABIC[0]])
    assert normalize(Document(id="m", origin="test", text=text)).language == "en"
