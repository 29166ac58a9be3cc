"""One article record (a JSONL object or a CSV row) to a Document.

JSONL and CSV share the interchange fields of DESIGN.md, so they share this
mapping: ``id``, ``url``, ``source``, ``title``, ``text``, ``published``,
``language`` and ``byline`` (or ``author``). Only ``text`` is required;
unknown fields are ignored. ``published`` is ISO 8601 or RFC 2822 text, or a
JSON number of Unix time (seconds, or milliseconds as JavaScript writes it). A
date that cannot be read costs the article its date, not its place in the batch.

>>> to_document({"text": "Troops left.", "published": "2026-02-11T09:00:00Z"},
...             default_id="feed.jsonl:3", origin="data/feed.jsonl:3")
Document(id='feed.jsonl:3', origin='data/feed.jsonl:3', text='Troops left.', title=None,
url=None, source=None, published=datetime.datetime(2026, 2, 11, 9, 0, tzinfo=datetime.timezone.utc),
byline=None, language=None)
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from storyline.models import Document, Rejection

log = logging.getLogger(__name__)


def to_document(record: Mapping[str, object], *, default_id: str, origin: str) -> Document | Rejection:
    """Map ``record`` to a Document, or to a Rejection when it has no usable ``text``.

    The record's own ``id`` is kept exactly as given (evaluation tools match on
    it); ``default_id`` stands in when there is none.
    """
    text = record.get("text")
    if text is None:
        return Rejection(origin, "no 'text' field")
    if not isinstance(text, str):
        return Rejection(origin, f"'text' is not a string but {type(text).__name__}")
    if not text.strip():
        return Rejection(origin, "'text' is empty")
    return Document(
        id=_id(record.get("id")) or default_id,
        origin=origin,
        text=text,
        title=_field(record.get("title")),
        url=_field(record.get("url")),
        source=_field(record.get("source")),
        published=_published(record.get("published"), origin),
        byline=_field(record.get("byline")) or _field(record.get("author")),
        language=_field(record.get("language")),
    )


def parse_datetime(value: str) -> datetime | None:
    """Read ISO-8601 (``Z``, offset or date only) or RFC 2822; naive times are UTC.

    >>> parse_datetime("2026-03-03")
    datetime.datetime(2026, 3, 3, 0, 0, tzinfo=datetime.timezone.utc)
    >>> parse_datetime("Tue, 03 Mar 2026 10:00:00 +0100").isoformat()
    '2026-03-03T10:00:00+01:00'
    >>> parse_datetime("last Tuesday") is None
    True
    """
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


MAX_UNIX_SECONDS = 1e11
"""Unix time beyond this (the year 5138) in seconds is taken to be in milliseconds."""


def _unix_time(value: float) -> datetime | None:
    """A number of Unix time as a UTC datetime: seconds, or milliseconds when too large for seconds.

    >>> _unix_time(1770800400).isoformat(), _unix_time(1770800400000).isoformat()
    ('2026-02-11T09:00:00+00:00', '2026-02-11T09:00:00+00:00')
    """
    seconds = value / 1000 if abs(value) >= MAX_UNIX_SECONDS else value
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _published(value: object, origin: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        parsed = parse_datetime(value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        parsed = _unix_time(value)
    else:
        parsed = None
    if parsed is None:
        log.warning("%s: cannot read published date %r; keeping the article undated", origin, value)
    return parsed


def _id(value: object) -> str | None:
    """A given id as a string; numbers are ids too, but booleans and objects are not."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    return None


def _field(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
