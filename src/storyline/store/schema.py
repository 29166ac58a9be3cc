"""The database schema, versioned so that an old file is never misread.

Vectors and MinHash signatures are stored as documented little-endian bytes
(float32 vectors and uint32 MinHash values), sparse term vectors and focal points as JSON,
never as pickles, so any language can read them.
Times are stored as ISO-8601 strings in UTC: they sort correctly as text and
mean the same on SQLite and PostgreSQL. Sparse term weights (an event's
``terms_sum`` and ``names_sum``) are stored as JSON objects of term to weight.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

SCHEMA_VERSION = 9
"""1: first schema; 2: events keep their sparse term sums (the clusterer's lexical evidence);
3: events keep their focal points, articles what cleaning changed; 4: MinHash signatures are
Storyline's own (uint32, not datasketch's), copies keep their changed facts, articles the segments that translate others;
5: articles keep their mentions (entities and dates); 6: and their claims; 7: and their quality signs;
8: events merged into others say so, and every merge is recorded; 9: and every split, with the articles it moved."""


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime kept as ISO-8601 text in UTC."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat(timespec="seconds")

    def process_result_value(self, value: str | None, dialect: object) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(512), primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),
    Column("origin", Text, nullable=False),
    Column("source", Text),
    Column("url", Text),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("published", UTCDateTime),
    Column("published_inferred", Boolean, nullable=False, default=False),
    Column("byline", Text),
    Column("language", String(16), nullable=False),
    Column("dateline", Text),
    Column("credits", Text, nullable=False, default=""),
    Column("cleaning", Text, nullable=False, default="[]"),
    Column("translations", Text, nullable=False, default="[]"),
    Column("mentions", Text, nullable=False, default="[]"),
    Column("claims", Text, nullable=False, default="[]"),
    Column("quality", Text, nullable=False, default="[]"),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("event_id", String(64), ForeignKey("events.id"), index=True),
    Column("minhash", LargeBinary, nullable=False),
    Column("lead", LargeBinary, nullable=False),
    Column("body", LargeBinary, nullable=False),
    Column("ingested_at", UTCDateTime, nullable=False),
)

segments = Table(
    "segments",
    metadata,
    Column("article_id", String(512), ForeignKey("articles.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("language", String(16), nullable=False),
    Column("text", Text, nullable=False),
)

copies = Table(
    "copies",
    metadata,
    Column("article_id", String(512), ForeignKey("articles.id"), primary_key=True),
    Column("original_id", String(512), ForeignKey("articles.id"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("score", Float, nullable=False),
    Column("changes", Text, nullable=False, default="[]"),
)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),
    Column("label", Text, nullable=False),
    Column("first_seen", UTCDateTime),
    Column("last_seen", UTCDateTime),
    Column("size", Integer, nullable=False),
    Column("lead_sum", LargeBinary, nullable=False),
    Column("body_sum", LargeBinary, nullable=False),
    Column("terms_sum", Text, nullable=False),
    Column("names_sum", Text, nullable=False),
    Column("focal_points", Text, nullable=False),
    Column("merged_into", String(64), ForeignKey("events.id"), index=True),
)

event_merges = Table(
    "event_merges",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False, index=True),
    Column("into_id", String(64), ForeignKey("events.id"), nullable=False, index=True),
    Column("article_id", String(512), ForeignKey("articles.id"), nullable=False),
    Column("probability", Float, nullable=False),
    Column("merged_at", UTCDateTime, nullable=False),
)

event_splits = Table(
    "event_splits",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id"), nullable=False, index=True),
    Column("into_id", String(64), ForeignKey("events.id"), nullable=False, index=True),
    Column("article_id", String(512), ForeignKey("articles.id"), nullable=False),
    Column("moved", Text, nullable=False),
    Column("probability", Float, nullable=False),
    Column("split_at", UTCDateTime, nullable=False),
)

storylines = Table(
    "storylines",
    metadata,
    Column("position", Integer, primary_key=True),
    Column("id", String(64), nullable=False),
    Column("label", Text, nullable=False),
    Column("event_ids", Text, nullable=False),
    Column("first_seen", UTCDateTime),
    Column("last_seen", UTCDateTime),
    Column("related", Text, nullable=False),
)
"""The storylines last linked, a cache: valid while the events and the linking's parameters are
those it was linked from (meta ``events_version``, ``storylines_key``). Derived data, so not part
of the schema version: a file without it gains it on opening, and dropping it loses nothing."""

Index("articles_published", articles.c.published)
