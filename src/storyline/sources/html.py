"""HTML pages: the article's main text and metadata, by trafilatura.

trafilatura drops the page furniture (navigation, comments, related links)
and reads title, author, site name, canonical URL and date from the meta
tags. It is asked to favour precision: furniture that slips into the text
would make unrelated pages of one site look alike to dedup and clustering,
and a page of links alone is better rejected than kept. Dates come from
metadata and URL only, never from a guess over the page (a copyright year is
not a publication date). We decode the bytes ourselves first, because
trafilatura's own fallback decodes with replacement characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

import trafilatura

from storyline.errors import Rejected
from storyline.models import Document, Rejection
from storyline.sources.decode import decode
from storyline.sources.records import parse_datetime

_DECLARED_CHARSET = re.compile(rb"""<(?:meta[^>]+charset|\?xml[^>]+encoding)\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
# lxml refuses a str that still carries an XML declaration naming an encoding.
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
_PUBLISHED_META = (
    "//meta[@property='article:published_time' or @itemprop='datePublished' or @name='pubdate']/@content"
)


def read(stream: BinaryIO, origin: str, name: str) -> Iterator[Document | Rejection]:
    """Yield the page's article as one Document with ``name`` as its id, or one Rejection."""
    try:
        document = _extract(stream.read(), origin, name)
    except Rejected as exc:
        yield Rejection(origin, exc.reason)
        return
    yield document


def _extract(data: bytes, origin: str, name: str) -> Document:
    match = _DECLARED_CHARSET.search(data, 0, 4096)
    page = decode(data, declared=match.group(1).decode("ascii") if match else None)
    tree = trafilatura.load_html(_XML_DECLARATION.sub("", page, count=1))
    if tree is None:
        raise Rejected("not a readable HTML page")
    published_meta = [str(value) for value in tree.xpath(_PUBLISHED_META)]  # read before trafilatura prunes the tree
    extracted = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, favor_precision=True, date_extraction_params=_DATE_PARAMS
    )
    if extracted is None or not (extracted.text or "").strip():
        raise Rejected("no article text found in the page")
    return Document(
        id=name,
        origin=origin,
        text=extracted.text,
        title=extracted.title or None,
        url=extracted.url or None,
        source=extracted.sitename or None,
        published=_published(extracted.date, published_meta),
        byline=extracted.author or None,
    )


def _published(date: str | None, meta: list[str]) -> datetime | None:
    """trafilatura gives only the day; take the time of day from a meta tag that agrees on it."""
    day = parse_datetime(date) if date else None
    if day is None:
        return None
    for value in meta:
        stamp = parse_datetime(value)
        if stamp is not None and stamp.date() == day.date():
            return stamp
    return day
