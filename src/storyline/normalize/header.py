"""Header lines of plain text: headline, byline and date written above the article.

A scraped page or a pasted story often starts with its headline, then the
author's name and a date line, none of which is article text. When the source
gave no title, a first paragraph shaped like a headline (short, no closing
period) becomes the title, and the byline and date lines right after it fill
what the source left empty. Byline and date shapes are data
(``rules/header.<lang>.txt``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

from storyline.normalize.language import Paragraph
from storyline.normalize.ruleset import rules

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

MAX_HEADLINE_WORDS = 20
"""A longer first paragraph is a lead, not a headline."""
MIN_HEADLINE_WORDS = 3
"""A shorter one is a section label ("World", "Middle East"), not a headline."""
SENTENCE_END = ".:;,،؛…"
"""A headline does not end like a sentence or a lead-in."""
CLOSERS = "\"'”’»)]"

_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Header:
    """What the top of the text says about the article, and the paragraphs left as its body."""

    body: tuple[Paragraph, ...]
    title: str | None
    byline: str | None
    published: datetime | None
    published_inferred: bool


def read_header(
    paragraphs: Sequence[Paragraph],
    *,
    title: str | None = None,
    byline: str | None = None,
    published: datetime | None = None,
) -> Header:
    """Take headline, byline and date lines off the top of ``paragraphs``.

    Values the source gave win; a header line that repeats one is still removed.

    >>> header = read_header([Paragraph("Rebels advance on the last pocket", "en"),
    ...                       Paragraph("Jane Doe", "en"), Paragraph("March 3, 2019", "en"),
    ...                       Paragraph("Rebels advanced on Sunday.", "en")])
    >>> header.title, header.byline, header.published.isoformat(), len(header.body)
    ('Rebels advance on the last pocket', 'Jane Doe', '2019-03-03T00:00:00+00:00', 1)
    """
    body = list(paragraphs)
    if title is not None:
        if body and _same(body[0].text, title):
            body.pop(0)
        return Header(tuple(body), title, byline, published, published_inferred=False)
    if len(body) < 2 or not _is_headline(body[0]):
        return Header(tuple(body), None, byline, published, published_inferred=False)
    title = body.pop(0).text
    inferred = False
    for _ in range(2):
        if len(body) < 2:
            break
        line = body[0]
        name = _byline(line)
        if name is not None and (byline is None or _same(name, byline)):
            byline = name
        elif (date := _date(line)) is not None:
            if published is None:
                published, inferred = date, True
        else:
            break
        body.pop(0)
    return Header(tuple(body), title, byline, published, inferred)


def _is_headline(line: Paragraph) -> bool:
    words = len(line.text.split())
    return (
        MIN_HEADLINE_WORDS <= words <= MAX_HEADLINE_WORDS
        and not line.text.rstrip(CLOSERS).endswith(tuple(SENTENCE_END))
        and any(ch.isalpha() for ch in line.text)
        and _byline(line) is None
        and _date(line) is None
    )


def _byline(line: Paragraph) -> str | None:
    for rule in rules("header", line.language, "byline"):
        if match := rule.fullmatch(line.text):
            return " ".join(match.group("name").split())
    return None


def _date(line: Paragraph) -> datetime | None:
    for rule in rules("header", line.language, "date"):
        if match := rule.fullmatch(line.text):
            # dateparser reads ASCII digits only: "١١ فبراير ٢٠١٩" -> "11 فبراير 2019"
            text = _DIGIT.sub(lambda d: str(unicodedata.decimal(d.group())), match.group("date"))
            parsed = _date_parser(line.language).get_date_data(text).date_obj
            if parsed is not None:
                return parsed
    return None


@cache
def _date_parser(language: str) -> DateDataParser:
    """One parser per language, built once: dateparser's language data is slow to load.

    Naming the language keeps a failed parse fast (without it dateparser tries
    all its 200 locales); English is always added because it reads ISO dates.
    """
    from dateparser.data.languages_info import language_order
    from dateparser.date import DateDataParser

    languages = [language] if language in language_order and language != "en" else []
    return DateDataParser(
        languages=[*languages, "en"],
        settings={
            "TIMEZONE": "UTC",
            "TO_TIMEZONE": "UTC",
            "RETURN_AS_TIMEZONE_AWARE": True,
            "STRICT_PARSING": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
        },
    )


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
