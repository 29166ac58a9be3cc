"""Content hash and rejection of documents with no article text."""

from __future__ import annotations

import pytest

from storyline.errors import Rejected
from storyline.models import Document
from storyline.normalize import content_hash, normalize

TEXT = (
    "US forces have withdrawn to Jordan from Syria’s Al-Tanf base, two Syrian military sources told AFP.\n\n"
    "One source said “the American forces withdrew entirely from Al-Tanf base today”."
)


def _hash(text: str) -> str:
    return normalize(Document(id="c", origin="test", text=text)).content_hash


def test_copies_differing_in_spacing_case_and_punctuation_hash_the_same() -> None:
    copy = (
        "US FORCES have withdrawn to Jordan from Syria's Al-Tanf base,  two Syrian military sources told AFP .\n"
        "One source said: \"The American forces withdrew entirely from Al Tanf base -- today.\""
    )
    assert _hash(TEXT) == _hash(copy)


def test_changed_word_changes_the_hash() -> None:
    assert _hash(TEXT) != _hash(TEXT.replace("two Syrian", "three Syrian"))
    assert _hash(TEXT) != _hash(TEXT.replace("Jordan", "Iraq"))


def test_hash_is_sha256_hex_of_the_article_text() -> None:
    article = normalize(Document(id="c", origin="test", text=TEXT))
    assert article.content_hash == content_hash(article.text)
    assert len(article.content_hash) == 64 and int(article.content_hash, 16) >= 0


def test_text_is_paragraphs_joined_by_blank_lines() -> None:
    article = normalize(Document(id="c", origin="test", text=TEXT.replace("\n\n", "\n")))
    assert article.text == TEXT


def test_metadata_is_carried_over() -> None:
    doc = Document(id="42", origin="feed.jsonl:7", text=TEXT, url="https://example.com/a", source="Example News")
    article = normalize(doc)
    assert (article.id, article.origin, article.url, article.source) == (
        "42",
        "feed.jsonl:7",
        "https://example.com/a",
        "Example News",
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n \t ",
        "\u200b\ufeff",
        "----\n2019\n* * *",
        "Share this article\nAdvertisement\nAll rights reserved.",
    ],
)
def test_documents_without_article_text_are_rejected(text: str) -> None:
    with pytest.raises(Rejected) as error:
        normalize(Document(id="r", origin="test", text=text))
    assert error.value.reason and "\n" not in error.value.reason


def test_a_menu_is_no_article_but_a_short_thai_sentence_is():
    with pytest.raises(Rejected, match="too short"):
        normalize(Document(id="menu", origin="menu.html", text="Home | News"))
    article = normalize(Document(id="th", origin="th.txt", text="รัฐบาลประกาศมาตรการใหม่เพื่อช่วยเหลือเกษตรกร"))
    assert article.language == "th"
