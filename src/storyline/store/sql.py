"""The store on SQLAlchemy Core: SQLite by default, PostgreSQL for a team.

Every batch is written in one transaction, so an interrupted ingest leaves the
database as it was after the last whole batch, and under the database's write
lock (:meth:`SQLStore.writing`), so two ingests into one database take turns.
The store is the truth: the stateful stages rebuild their indexes from
:meth:`SQLStore.records`. Both databases are tested: the tests run the store,
the pipeline and the CLI on a SQLite file and on a PostgreSQL server they start.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine, create_engine, event, func, insert, inspect, or_, select, update
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from storyline.errors import StoreError
from storyline.models import (
    Article,
    ArticleRecord,
    Claim,
    Copy,
    Event,
    EventState,
    Mention,
    Merge,
    Placed,
    Segment,
    Split,
    Storyline,
    Translation,
)
from storyline.store import schema
from storyline.store.schema import articles, copies, event_merges, event_splits, events, meta, segments, storylines

EVENTS_VERSION = "events_version"
"""Meta key: a new random token whenever a batch changes events, so caches of what was derived from them can tell."""
STORYLINES_KEY = "storylines_key"
"""Meta key: the events version and linking fingerprint the cached storylines were linked from."""


def _get_meta(conn: Any, key: str) -> str | None:
    return conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar()


def _set_meta(conn: Any, key: str, value: str) -> None:
    if conn.execute(update(meta).where(meta.c.key == key).values(value=value)).rowcount == 0:
        conn.execute(insert(meta).values(key=key, value=value))


def _move(conn: Any, change: Merge | Split) -> None:
    """Apply a merge or split to the stored articles and events: the articles move, the absorbed event
    leads to its absorber, and an event split off is live again."""
    if isinstance(change, Split):
        conn.execute(update(articles).where(articles.c.id.in_(change.moved)).values(event_id=change.into_id))
        conn.execute(update(events).where(events.c.id == change.into_id).values(merged_into=None))
        return
    conn.execute(update(articles).where(articles.c.event_id == change.event_id).values(event_id=change.into_id))
    conn.execute(update(events).where(events.c.merged_into == change.event_id).values(merged_into=change.into_id))
    conn.execute(update(events).where(events.c.id == change.event_id).values(merged_into=change.into_id))


def _record(conn: Any, change: Merge | Split, at: datetime) -> None:
    """Keep the merge or split in its history table (after its article is stored: the record names it)."""
    common = {
        "event_id": change.event_id,
        "into_id": change.into_id,
        "article_id": change.article_id,
        "probability": change.probability,
    }
    if isinstance(change, Split):
        conn.execute(
            insert(event_splits).values(**common, moved=json.dumps(list(change.moved), ensure_ascii=False), split_at=at)
        )
    else:
        conn.execute(insert(event_merges).values(**common, merged_at=at))


CREDIT_SEPARATOR = "|"


def _mentions(found: list[list[Any]]) -> tuple[Mention, ...]:
    """Mentions from their stored rows ``[kind, text, value, sentence, near]``; rows written before
    places were located have no ``near`` and read with none."""
    return tuple(Mention(*row) for row in found)


def _to_bytes(vector: np.ndarray, dtype: str) -> bytes:
    return np.ascontiguousarray(vector, dtype=np.dtype(dtype).newbyteorder("<")).tobytes()


def _from_bytes(blob: bytes, dtype: str) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.dtype(dtype).newbyteorder("<")).astype(dtype)


WRITER_LOCK = 0x53_74_6F_72  # "Stor"
"""PostgreSQL advisory lock key that Storyline's writers take (it works before any table exists)."""


def _lock_writers(conn: Any) -> None:
    """Take the database's write lock for the rest of the transaction, before anything is read.

    Two processes writing one database (two ingests, or two opening a new
    file) then take turns, each seeing all the other wrote.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # the driver would begin only at the first write
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = {round(WRITE_WAIT_SECONDS * 1000)}")  # milliseconds
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")  # readers go on


WRITE_WAIT_SECONDS = 60.0
"""How long a writer waits for another's batch to be written before it gives up (SQLite's busy timeout,
PostgreSQL's lock timeout): a writer that hangs holding the lock stops the others with an error, not forever."""


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    deadline = time.monotonic() + WRITE_WAIT_SECONDS
    while True:
        # WAL is set once per file. Processes opening a new file at once race to set it, and SQLite answers the
        # losers "database is locked" at once, without its busy wait (10 processes at once: 10 of 250 opens failed).
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def database_url(value: str) -> str:
    """Accept a SQLAlchemy URL or a plain file path (taken as SQLite)."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value)}"


def shown(url: str) -> str:
    """The database as messages name it: as given, but with a URL's password masked.

    >>> shown("postgresql://news:s3cret@db.example/storyline")
    'postgresql://news:***@db.example/storyline'
    >>> shown("storyline.db")
    'storyline.db'
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    return parsed.render_as_string(hide_password=True) if parsed.password else url


def one_line(exc: BaseException) -> str:
    """A driver's message on one line (PostgreSQL's add an indented hint on a line of their own)."""
    return " ".join(str(exc).split())


@dataclass
class WriteBatch:
    """A write transaction under the database's write lock (:meth:`SQLStore.writing`)."""

    conn: Any
    last_seq: int
    """The last stored article's ``seq`` when the lock was taken (0 for none)."""

    def save(
        self,
        placed: Sequence[Placed],
        copy_updates: Sequence[Copy],
        event_states: Sequence[EventState],
        changes: Sequence[Merge | Split] = (),
    ) -> None:
        """Write one batch atomically: changed events, new articles, copy relations, and event merges and splits.

        The merges and splits are applied in the order they happened (an event split off may be one merged
        away before, and is live again), but only to the articles stored before the batch: each new article
        is stored in the event it ended the batch in (``Placed.event_id``). Replayed over the batch's own
        articles, a merge would also move one that joined the event after a split had made it live again.
        """
        now = datetime.now(UTC)
        conn = self.conn
        next_seq = self.last_seq + 1
        known_events = set(
            conn.execute(select(events.c.id).where(events.c.id.in_([e.id for e in event_states]))).scalars()
        )
        next_event_seq = (conn.execute(select(func.max(events.c.seq))).scalar() or 0) + 1
        for state in event_states:
            values = {
                "label": state.label,
                "size": state.size,
                "first_seen": state.first_seen,
                "last_seen": state.last_seen,
                "lead_sum": _to_bytes(state.lead_sum, "float32"),
                "body_sum": _to_bytes(state.body_sum, "float32"),
                "terms_sum": json.dumps(state.terms_sum, ensure_ascii=False),
                "names_sum": json.dumps(state.names_sum, ensure_ascii=False),
                "focal_points": json.dumps(state.focal_points),
                "merged_into": None,
            }
            if state.id in known_events:
                conn.execute(update(events).where(events.c.id == state.id).values(**values))
            else:
                conn.execute(insert(events).values(id=state.id, seq=next_event_seq, **values))
                next_event_seq += 1
        for change in changes:
            _move(conn, change)
        for offset, item in enumerate(placed):
            article = item.features.article
            conn.execute(
                insert(articles).values(
                    id=article.id,
                    seq=next_seq + offset,
                    origin=article.origin,
                    source=article.source,
                    url=article.url,
                    title=article.title,
                    text=article.text,
                    published=item.features.published,
                    published_inferred=item.features.published_inferred,
                    byline=article.byline,
                    language=article.language,
                    dateline=article.dateline,
                    credits=CREDIT_SEPARATOR.join(article.credits),
                    cleaning=json.dumps(article.cleaning, ensure_ascii=False),
                    translations=json.dumps([[t.language, t.of_language, t.score] for t in item.translations]),
                    mentions=json.dumps(
                        [[m.kind, m.text, m.value, m.sentence, m.near] for m in item.features.mentions],
                        ensure_ascii=False,
                    ),
                    quality=json.dumps(article.quality, ensure_ascii=False),
                    claims=json.dumps(
                        [
                            [c.subject, c.value, c.text, c.speaker, c.sentence, c.to, c.when]
                            for c in item.features.claims
                        ],
                        ensure_ascii=False,
                    ),
                    content_hash=article.content_hash,
                    event_id=item.event_id,
                    minhash=_to_bytes(item.signature, "uint32"),
                    lead=_to_bytes(item.features.lead, "float32"),
                    body=_to_bytes(item.features.body, "float32"),
                    ingested_at=now,
                )
            )
            if article.segments:
                conn.execute(
                    insert(segments),
                    [
                        {"article_id": article.id, "position": i, "language": s.language, "text": s.text}
                        for i, s in enumerate(article.segments)
                    ],
                )
        for copy in copy_updates:
            values = {
                "original_id": copy.original_id,
                "kind": copy.kind,
                "score": copy.score,
                "changes": json.dumps([list(change) for change in copy.changes], ensure_ascii=False),
            }
            changed = conn.execute(update(copies).where(copies.c.article_id == copy.article_id).values(**values))
            if changed.rowcount == 0:
                conn.execute(insert(copies).values(article_id=copy.article_id, **values))
        if copy_updates:
            # An article that became an original is no longer a copy of anything.
            originals = {c.original_id for c in copy_updates}
            conn.execute(copies.delete().where(copies.c.article_id.in_(originals)))
        for change in changes:
            _record(conn, change, now)
        if event_states or changes:
            _set_meta(conn, EVENTS_VERSION, uuid.uuid4().hex)
        self.last_seq += len(placed)


class SQLStore:
    """Articles, segments, copies and events in one SQL database."""

    def __init__(self, url: str, create: bool = True) -> None:
        """Open the database at ``url``; a SQLite file that does not exist is created, unless ``create`` is false
        (a command that only reads: a mistyped path is an error, not a new empty database)."""
        self.url = database_url(url)
        self.name = shown(url)
        """The database as messages name it (no password)."""
        try:
            parsed = make_url(self.url)
        except ArgumentError as exc:
            raise StoreError(f"{self.name}: not a database URL ({exc})") from exc
        sqlite = parsed.get_backend_name() == "sqlite"
        if sqlite and parsed.database not in (None, "", ":memory:"):
            folder = Path(parsed.database).parent
            if not folder.is_dir():
                raise StoreError(f"{self.name}: folder {folder} does not exist")
            if not create and not Path(parsed.database).is_file():
                raise StoreError(f"{self.name}: no database there yet; `storyline ingest` creates it")
        try:
            self.engine: Engine = create_engine(self.url, connect_args={"timeout": WRITE_WAIT_SECONDS} if sqlite else {})
        except ArgumentError as exc:
            raise StoreError(f"{self.name}: cannot open ({exc})") from exc
        except ImportError as exc:
            extra = "; pip install 'storyline[postgres]' installs it" if parsed.get_driver_name() == "psycopg" else ""
            raise StoreError(f"{self.name}: its database driver is not installed ({exc}){extra}") from exc
        if sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._prepare()
        event.listen(self.engine, "handle_error", self._failed)

    def _prepare(self) -> None:
        try:
            with self.engine.begin() as conn:
                if not inspect(conn).has_table(meta.name):
                    _lock_writers(conn)  # two processes opening a new database must not both create its tables
                schema.metadata.create_all(conn)
                found = _get_meta(conn, "schema_version")
                if found is None:
                    _set_meta(conn, "schema_version", str(schema.SCHEMA_VERSION))
                elif int(found) != schema.SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.name}: schema version {found}, this Storyline reads version "
                        f"{schema.SCHEMA_VERSION}; use a new database file"
                    )
        except SQLAlchemyError as exc:
            raise StoreError(
                f"{self.name}: cannot open the database ({exc.__class__.__name__}: {one_line(getattr(exc, 'orig', exc))})"
            ) from exc

    def _failed(self, context: ExceptionContext) -> None:
        """A server gone or a database locked past the wait, once open: one error naming the database.

        Other errors (a constraint a batch breaks) go on as they are: the
        transaction is rolled back either way.
        """
        if context.is_disconnect or isinstance(context.sqlalchemy_exception, OperationalError):
            raise StoreError(f"{self.name}: the database failed ({one_line(context.original_exception)})")

    def close(self) -> None:
        self.engine.dispose()

    # -- writing ---------------------------------------------------------

    def content_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """The content hash of each article among ``ids`` that is already stored, by id."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, str] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                query = select(articles.c.id, articles.c.content_hash).where(articles.c.id.in_(chunk))
                found.update((row.id, row.content_hash) for row in conn.execute(query))
        return found

    @contextmanager
    def writing(self) -> Iterator[WriteBatch]:
        """One batch's write transaction, holding the database's write lock from start to end.

        A writer that built its state from the store checks ``last_seq`` here
        against the last article it read: another writer may have stored
        batches since, which its events know nothing of. Under the lock it can
        reload, redo its batch and write it before anyone else writes; an
        exception rolls everything back.
        """
        with self.engine.begin() as conn:
            _lock_writers(conn)
            yield WriteBatch(conn, conn.execute(select(func.max(articles.c.seq))).scalar() or 0)

    # -- reading ---------------------------------------------------------

    def last_seq(self) -> int:
        """The ``seq`` of the last stored article (0 for none)."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.max(articles.c.seq))).scalar() or 0

    def records(self, newest: int | None = None) -> Iterator[ArticleRecord]:
        """Every stored article's index data, or the ``newest`` articles' only, in arrival order."""
        query = select(
            articles.c.id,
            articles.c.seq,
            articles.c.content_hash,
            articles.c.language,
            articles.c.published,
            articles.c.credits,
            func.length(articles.c.text),
            articles.c.event_id,
            articles.c.minhash,
            articles.c.body,
        ).order_by(articles.c.seq)
        with self.engine.connect() as conn:
            if newest is not None:
                first = select(articles.c.seq).order_by(articles.c.seq.desc()).offset(newest - 1).limit(1)
                query = query.where(articles.c.seq >= func.coalesce(first.scalar_subquery(), 0))
            for row in conn.execute(query):
                yield ArticleRecord(
                    id=row[0],
                    seq=row[1],
                    content_hash=row[2],
                    language=row[3],
                    published=row[4],
                    credits=tuple(c for c in row[5].split(CREDIT_SEPARATOR) if c),
                    length=row[6],
                    event_id=row[7],
                    signature=_from_bytes(row[8], "uint32"),
                    body=_from_bytes(row[9], "float32"),
                )

    def members(self, event_id: str) -> list[tuple[int, str]]:
        """The stored articles of an event as (seq, id), in arrival order."""
        query = select(articles.c.seq, articles.c.id).where(articles.c.event_id == event_id).order_by(articles.c.seq)
        with self.engine.connect() as conn:
            return [(row[0], row[1]) for row in conn.execute(query)]

    def vectors(self, article_id: str) -> tuple[np.ndarray, np.ndarray]:
        """A stored article's lead and body vectors, as the clusterer took them in."""
        query = select(articles.c.lead, articles.c.body).where(articles.c.id == article_id)
        with self.engine.connect() as conn:
            lead, body = conn.execute(query).one()
        return _from_bytes(lead, "float32"), _from_bytes(body, "float32")

    def event_of(self, article_id: str) -> str | None:
        """The event a stored article is in; None for an article not stored."""
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.event_id).where(articles.c.id == article_id)).scalar()

    def event_states(self, ids: Iterable[str] | None = None) -> list[EventState]:
        """The state of every event not merged into another, or of those among ``ids``, oldest first."""
        query = select(events).where(events.c.merged_into.is_(None)).order_by(events.c.seq)
        if ids is not None:
            query = query.where(events.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            EventState(
                id=r["id"],
                label=r["label"],
                size=r["size"],
                lead_sum=_from_bytes(r["lead_sum"], "float32"),
                body_sum=_from_bytes(r["body_sum"], "float32"),
                terms_sum=json.loads(r["terms_sum"]),
                names_sum=json.loads(r["names_sum"]),
                focal_points=tuple((float(lat), float(lon)) for lat, lon in json.loads(r["focal_points"])),
                first_seen=r["first_seen"],
                last_seen=r["last_seen"],
            )
            for r in rows
        ]

    def event_centroids(self, newest: int) -> list[tuple[str, np.ndarray, np.ndarray]]:
        """The ``newest`` changed events not merged into another as (id, lead sum, body sum), oldest first.

        What the clusterer's index of live events needs at start: an event's
        words and names, most of a state's bytes, are read when it comes up.
        """
        query = (
            select(events.c.id, events.c.lead_sum, events.c.body_sum)
            .where(events.c.merged_into.is_(None))
            .order_by(events.c.seq.desc())
            .limit(newest)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()[::-1]
        return [(row[0], _from_bytes(row[1], "float32"), _from_bytes(row[2], "float32")) for row in rows]

    def events_version(self) -> str:
        """A token that changes whenever a batch changes events (empty before any has)."""
        with self.engine.connect() as conn:
            return _get_meta(conn, EVENTS_VERSION) or ""

    def cached_storylines(self, fingerprint: str) -> list[Storyline] | None:
        """The storylines last cached, if linked from the events as they are now with ``fingerprint``; else None."""
        with self.engine.connect() as conn:
            if _get_meta(conn, STORYLINES_KEY) != f"{_get_meta(conn, EVENTS_VERSION) or ''}/{fingerprint}":
                return None
            rows = conn.execute(select(storylines).order_by(storylines.c.position)).mappings().all()
        return [
            Storyline(
                id=r["id"],
                label=r["label"],
                event_ids=tuple(json.loads(r["event_ids"])),
                first_seen=r["first_seen"],
                last_seen=r["last_seen"],
                related=tuple(json.loads(r["related"])),
            )
            for r in rows
        ]

    def cache_storylines(self, linked: Sequence[Storyline], fingerprint: str, version: str) -> bool:
        """Keep ``linked`` (linked from the events at ``version``) for :meth:`cached_storylines`.

        Nothing is kept when events changed since ``version`` was read (an ingest
        ran meanwhile), or when the database cannot be written (a read-only file):
        the storylines are then linked again when next asked for. True when kept.
        """
        try:
            with self.engine.begin() as conn:
                if (_get_meta(conn, EVENTS_VERSION) or "") != version:
                    return False
                conn.execute(storylines.delete())
                rows = [
                    {
                        "position": position,
                        "id": s.id,
                        "label": s.label,
                        "event_ids": json.dumps(list(s.event_ids)),
                        "first_seen": s.first_seen,
                        "last_seen": s.last_seen,
                        "related": json.dumps(list(s.related)),
                    }
                    for position, s in enumerate(linked)
                ]
                for start in range(0, len(rows), 1000):
                    conn.execute(insert(storylines), rows[start : start + 1000])
                _set_meta(conn, STORYLINES_KEY, f"{version}/{fingerprint}")
        except (SQLAlchemyError, StoreError):  # StoreError: what :meth:`_failed` makes of a write the file refuses
            return False
        return True

    def articles(self, ids: Sequence[str] | None = None, event_id: str | None = None) -> list[Article]:
        """Stored articles (by id, by event, or all), in arrival order, with their segments."""
        query = select(articles).order_by(articles.c.seq)
        if ids is not None:
            query = query.where(articles.c.id.in_(list(ids)))
        if event_id is not None:
            query = query.where(articles.c.event_id == event_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
            found = [r["id"] for r in rows]
            parts: dict[str, list[Segment]] = {i: [] for i in found}
            for start in range(0, len(found), 500):
                chunk = found[start : start + 500]
                seg_query = (
                    select(segments)
                    .where(segments.c.article_id.in_(chunk))
                    .order_by(segments.c.article_id, segments.c.position)
                )
                for seg in conn.execute(seg_query).mappings():
                    parts[seg["article_id"]].append(Segment(language=seg["language"], text=seg["text"]))
        return [
            Article(
                id=r["id"],
                origin=r["origin"],
                text=r["text"],
                content_hash=r["content_hash"],
                segments=tuple(parts[r["id"]]),
                language=r["language"],
                title=r["title"],
                url=r["url"],
                source=r["source"],
                published=r["published"],
                published_inferred=r["published_inferred"],
                byline=r["byline"],
                dateline=r["dateline"],
                credits=tuple(c for c in r["credits"].split(CREDIT_SEPARATOR) if c),
                cleaning=tuple(json.loads(r["cleaning"])),
                quality=tuple(json.loads(r["quality"])),
            )
            for r in rows
        ]

    def copies(self, from_seq: int | None = None) -> dict[str, Copy]:
        """Every copy relation, or those of the copy or original that arrived from ``from_seq`` on, by the copy's id."""
        query = select(copies)
        if from_seq is not None:
            recent = select(articles.c.id).where(articles.c.seq >= from_seq)
            query = query.where(or_(copies.c.article_id.in_(recent), copies.c.original_id.in_(recent)))
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return {
            r["article_id"]: Copy(
                article_id=r["article_id"],
                original_id=r["original_id"],
                kind=r["kind"],
                score=r["score"],
                changes=tuple(tuple(change) for change in json.loads(r["changes"])),
            )
            for r in rows
        }

    def events(self) -> list[Event]:
        """Every event (not merged into another) with its articles, languages, sources and credited agencies, oldest first."""
        with self.engine.connect() as conn:
            event_rows = (
                conn.execute(select(events).where(events.c.merged_into.is_(None)).order_by(events.c.seq))
                .mappings()
                .all()
            )
            members = conn.execute(
                select(articles.c.id, articles.c.event_id, articles.c.source, articles.c.credits).order_by(
                    articles.c.seq
                )
            ).all()
            languages = conn.execute(
                select(segments.c.article_id, segments.c.language).order_by(segments.c.article_id, segments.c.position)
            ).all()
        by_article: dict[str, list[str]] = {}
        for article_id, language in languages:
            by_article.setdefault(article_id, []).append(language)
        grouped: dict[str, list[tuple[str, str | None, str]]] = {}
        for article_id, event_id, source, credits in members:
            grouped.setdefault(event_id, []).append((article_id, source, credits))
        result = []
        for r in event_rows:
            group = grouped.get(r["id"], [])
            ids = [a for a, _, _ in group]
            result.append(
                Event(
                    id=r["id"],
                    label=r["label"],
                    article_ids=tuple(ids),
                    first_seen=r["first_seen"],
                    last_seen=r["last_seen"],
                    languages=tuple(sorted({lang for a in ids for lang in by_article.get(a, [])})),
                    sources=tuple(sorted({s for _, s, _ in group if s})),
                    credits=tuple(sorted({c for _, _, cs in group for c in cs.split(CREDIT_SEPARATOR) if c})),
                )
            )
        return result

    def placements(self) -> Iterator[tuple[str, str | None, tuple[str, ...], tuple[Mention, ...], tuple[str, ...]]]:
        """(id, event id, languages, mentions, quality signs) of every article in arrival order, without texts."""
        languages: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            for article_id, language in conn.execute(
                select(segments.c.article_id, segments.c.language).order_by(segments.c.article_id, segments.c.position)
            ):
                languages.setdefault(article_id, []).append(language)
            query = select(articles.c.id, articles.c.event_id, articles.c.mentions, articles.c.quality)
            for article_id, event_id, mentions, quality in conn.execute(query.order_by(articles.c.seq)):
                found = tuple(dict.fromkeys(languages.get(article_id, [])))
                yield article_id, event_id, found, _mentions(json.loads(mentions)), tuple(json.loads(quality))

    def arrivals(self) -> dict[str, tuple[str | None, datetime | None, datetime]]:
        """(event id, publication date, arrival) of every article, by id: where it is, when it says it was written,
        and when it came."""
        with self.engine.connect() as conn:
            query = select(articles.c.id, articles.c.event_id, articles.c.published, articles.c.ingested_at)
            return {row[0]: (row[1], row[2], row[3]) for row in conn.execute(query)}

    def event_arrivals(self) -> dict[str, tuple[datetime, datetime]]:
        """When each event's articles arrived, first and last, by event id: the time of an event no source dated."""
        with self.engine.connect() as conn:
            query = select(articles.c.event_id, func.min(articles.c.ingested_at), func.max(articles.c.ingested_at))
            return {row[0]: (row[1], row[2]) for row in conn.execute(query.group_by(articles.c.event_id))}

    def mentions(self, event_id: str | None = None) -> dict[str, tuple[Mention, ...]]:
        """The mentions of every article (of one event, or all), by article id."""
        return {article_id: _mentions(found) for article_id, found in self._decoded(articles.c.mentions, event_id)}

    def claims(self, event_id: str | None = None) -> dict[str, tuple[Claim, ...]]:
        """The claims of every article (of one event, or all), by article id, in arrival order."""
        return {
            article_id: tuple(Claim(*fields) for fields in found)
            for article_id, found in self._decoded(articles.c.claims, event_id)
        }

    def translations(self, event_id: str | None = None) -> dict[str, tuple[Translation, ...]]:
        """Articles (of one event, or all) with a segment that translates another, and their translations."""
        return {
            article_id: tuple(Translation(a, b, float(score)) for a, b, score in found)
            for article_id, found in self._decoded(articles.c.translations, event_id)
            if found
        }

    def _decoded(self, column: Any, event_id: str | None) -> list[tuple[str, Any]]:
        """(article id, JSON ``column`` decoded) of every article, or of one event's, in arrival order."""
        query = select(articles.c.id, column).order_by(articles.c.seq)
        if event_id is not None:
            query = query.where(articles.c.event_id == event_id)
        with self.engine.connect() as conn:
            return [(article_id, json.loads(value)) for article_id, value in conn.execute(query)]

    def merges(self) -> list[Merge]:
        """Every event merge, in the order they happened."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    event_merges.c.event_id,
                    event_merges.c.into_id,
                    event_merges.c.article_id,
                    event_merges.c.probability,
                ).order_by(event_merges.c.seq)
            ).all()
        return [Merge(*row) for row in rows]

    def splits(self) -> list[Split]:
        """Every event split, in the order they happened."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    event_splits.c.event_id,
                    event_splits.c.into_id,
                    event_splits.c.article_id,
                    event_splits.c.moved,
                    event_splits.c.probability,
                ).order_by(event_splits.c.seq)
            ).all()
        return [Split(event, into, article, tuple(json.loads(moved)), p) for event, into, article, moved, p in rows]

    def current_event(self, event_id: str) -> str | None:
        """The event ``event_id`` is now (itself, or the one it was merged into); None when unknown."""
        with self.engine.connect() as conn:
            row = conn.execute(select(events.c.id, events.c.merged_into).where(events.c.id == event_id)).first()
        if row is None:
            return None
        return row[1] or row[0]

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar() or 0)
