"""Headline, byline and date lines at the top of plain-text articles."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.models import Document
from storyline.normalize import normalize

BODY = (
    "Floods killed at least 2,000 people in eastern Libya after two dams burst, officials said on Tuesday.\n"
    "The Libyan Red Crescent said the toll was expected to rise."
)


def _article(text: str, **metadata: object):
    return normalize(Document(id="h", origin="test", text=text, **metadata))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("date_line", "expected"),
    [
        ("February 11, 2019", datetime(2019, 2, 11, tzinfo=UTC)),
        ("11 Feb 2019", datetime(2019, 2, 11, tzinfo=UTC)),
        ("2019-02-11", datetime(2019, 2, 11, tzinfo=UTC)),
        ("Monday, Feb. 11, 2019 10:32 AM", datetime(2019, 2, 11, 10, 32, tzinfo=UTC)),
        ("Updated: 12 September 2023", datetime(2023, 9, 12, tzinfo=UTC)),
    ],
)
def test_headline_byline_and_date_lines_become_metadata(date_line: str, expected: datetime) -> None:
    article = _article(f"Floods kill thousands in eastern Libya\n\nBy Jane Doe\n{date_line}\n\n{BODY}")
    assert article.title == "Floods kill thousands in eastern Libya"
    assert article.byline == "Jane Doe"
    assert article.published == expected
    assert article.published.tzinfo is not None
    assert article.published_inferred is True
    assert article.text == BODY.replace("\n", "\n\n")


def test_arabic_header() -> None:
    body = "قالت مصادر عسكرية إن القوات الأمريكية انسحبت بالكامل من قاعدة في جنوب شرق سوريا إلى الأردن."
    article = _article(f"القوات الأمريكية تنسحب من قاعدة في سوريا\nبقلم: سامر الأحمد\n١١ فبراير ٢٠٢٦\n{body}")
    assert article.title == "القوات الأمريكية تنسحب من قاعدة في سوريا"
    assert article.byline == "سامر الأحمد"
    assert article.published == datetime(2026, 2, 11, tzinfo=UTC)
    assert article.text == body


def test_first_sentence_is_not_a_headline() -> None:
    article = _article(BODY)
    assert article.title is None
    assert article.text == BODY.replace("\n", "\n\n")


def test_date_line_without_headline_is_left_alone() -> None:
    article = _article(f"February 11, 2019\n{BODY}")
    assert article.published is None
    assert article.text.startswith("February 11, 2019")


def test_source_metadata_wins_and_its_repeated_title_is_dropped() -> None:
    published = datetime(2023, 9, 12, 8, 0, tzinfo=UTC)
    article = _article(
        f"Floods kill thousands in eastern Libya\nFebruary 11, 2019\n{BODY}",
        title="Floods kill thousands in eastern Libya",
        published=published,
    )
    assert article.title == "Floods kill thousands in eastern Libya"
    assert article.published == published
    assert article.published_inferred is False
    assert article.text.startswith("February 11, 2019")


def test_source_date_is_kept_when_the_text_has_a_date_line() -> None:
    published = datetime(2019, 2, 12, tzinfo=UTC)
    article = _article(f"Floods kill thousands in eastern Libya\nFebruary 11, 2019\n{BODY}", published=published)
    assert article.published == published
    assert article.published_inferred is False
    assert article.text == BODY.replace("\n", "\n\n")


def test_single_short_paragraph_is_not_taken_for_a_headline() -> None:
    article = _article("Ceasefire holds in southern Lebanon")
    assert article.title is None
    assert article.text == "Ceasefire holds in southern Lebanon"
