"""SQLStore on a real SQLite file and a real PostgreSQL server: versioned schema, faithful round trips, atomic
batches, one writer at a time, clear errors."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from storyline.cluster.storylines import StorylineLinker
from storyline.dedup import CopyDetector
from storyline.errors import StoreError
from storyline.models import Copy, EventState, Features, Merge, Placed, Split, Translation
from storyline.store import SQLStore, open_store, sql
from storyline.store.schema import SCHEMA_VERSION
from storyline.store.sql import WRITER_LOCK, database_url

DAMASCUS = timezone(timedelta(hours=3))


def _sum_sparse(parts) -> dict[str, float]:
    total: dict[str, float] = {}
    for part in parts:
        for key, value in part.items():
            total[key] = total.get(key, 0.0) + value
    return total


def state_of(event_id: str, members: list[Features]) -> EventState:
    """An event's state as the clusterer keeps it: sums of its members' vectors, first and last dates."""
    dates = [f.article.published for f in members if f.article.published]
    return EventState(
        id=event_id,
        label=members[0].article.title or members[0].sentences[0],
        size=len(members),
        lead_sum=np.sum([f.lead for f in members], axis=0).astype(np.float32),
        body_sum=np.sum([f.body for f in members], axis=0).astype(np.float32),
        terms_sum=_sum_sparse(f.terms for f in members),
        names_sum=_sum_sparse(f.names for f in members),
        first_seen=min(dates) if dates else None,
        last_seen=max(dates) if dates else None,
    )


@pytest.fixture(scope="module")
def batch(featurize, sample_texts) -> tuple[list[Placed], list[Copy], list[EventState]]:
    """Three real articles (one mixed Arabic and English), one copy relation and two events."""
    original = featurize(
        "afp-001", sample_texts["001"], source="AFP", published=datetime(2026, 2, 11, 10, 30, tzinfo=DAMASCUS)
    )
    rewrite = featurize("site-002", sample_texts["002"], source="Syria Daily")  # undated
    mixed = featurize("wam-003", sample_texts["003"], published=datetime(2026, 2, 16, 8, 0, tzinfo=UTC))
    signatures = CopyDetector(lambda _: original).signatures([original, rewrite, mixed])
    placed = [
        Placed(original, signatures[0], "ev-tanf"),
        Placed(rewrite, signatures[1], "ev-tanf"),
        Placed(mixed, signatures[2], "ev-qasrak", (Translation("en", "ar", 0.92),)),
    ]
    copies = [Copy("site-002", "afp-001", "rewrite", 0.6, (("lone gunman", "sniper", "wording"),))]
    states = [state_of("ev-tanf", [original, rewrite]), state_of("ev-qasrak", [mixed])]
    return placed, copies, states


def save(store: SQLStore, *batch: object) -> None:
    """One batch in a write transaction of its own, as an ingest writes each."""
    with store.writing() as writing:
        writing.save(*batch)  # type: ignore[arg-type]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "storyline.db"


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, db: Path) -> str:
    """Where a test's store lives: a new SQLite file, then a new database on the test PostgreSQL server."""
    return str(db) if request.param == "sqlite" else request.getfixturevalue("postgres_url")


@contextmanager
def direct(url: str) -> Iterator[Connection]:
    """A connection of its own to the store's database, in one transaction, for reading and changing it behind
    the store's back."""
    engine = create_engine(database_url(url))
    try:
        with engine.begin() as conn:
            yield conn
    finally:
        engine.dispose()


def test_new_database_has_the_schema_and_its_version(database):
    SQLStore(database).close()

    with direct(database) as conn:
        tables = set(inspect(conn).get_table_names())
        version = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).all()

    assert {"meta", "articles", "segments", "copies", "events"} <= tables
    assert version == [(str(SCHEMA_VERSION),)]


def test_reopening_keeps_the_version_row_single(database):
    SQLStore(database).close()
    SQLStore(database).close()

    with direct(database) as conn:
        assert conn.execute(text("SELECT count(*) FROM meta WHERE key = 'schema_version'")).scalar() == 1


def test_database_of_another_schema_version_is_refused(database):
    SQLStore(database).close()
    with direct(database) as conn:
        conn.execute(text("UPDATE meta SET value = '999' WHERE key = 'schema_version'"))

    with pytest.raises(StoreError, match="999") as caught:
        SQLStore(database)

    assert str(caught.value).startswith(f"{sql.shown(database)}: schema version 999,")  # named as the user gave it
    with direct(database) as conn:  # and the database is left alone
        assert conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar() == "999"


def test_sqlite_runs_in_wal_mode(db):
    store = SQLStore(f"sqlite:///{db}")
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    store.close()

    with sqlite3.connect(db) as conn:  # WAL is a property of the file, seen by any other reader
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_saved_batch_reads_back_the_same(database, batch):
    placed, copies, states = batch
    store = open_store(database)

    save(store, placed, copies, states)

    originals = [p.features.article for p in placed]
    assert store.articles() == originals
    assert store.articles(ids=["wam-003"]) == [originals[2]]
    assert store.articles(event_id="ev-tanf") == originals[:2]
    assert store.count_articles() == 3
    assert store.copies() == {
        "site-002": Copy("site-002", "afp-001", "rewrite", 0.6, (("lone gunman", "sniper", "wording"),))
    }
    mixed = store.articles(ids=["wam-003"])[0]
    assert [s.language for s in mixed.segments] == ["ar", "en"]
    assert mixed.languages == ("ar", "en")


def test_times_come_back_timezone_aware_in_utc(database, batch):
    placed, copies, states = batch
    store = SQLStore(database)
    save(store, placed, copies, states)

    published = {a.id: a.published for a in store.articles()}
    records = {r.id: r for r in store.records()}
    events = {e.id: e for e in store.events()}

    # 10:30 in Damascus is 07:30 UTC: the same instant, written in UTC.
    assert published["afp-001"] == datetime(2026, 2, 11, 7, 30, tzinfo=UTC)
    assert published["afp-001"].utcoffset() == timedelta(0)
    assert published["site-002"] is None
    assert records["afp-001"].published == datetime(2026, 2, 11, 7, 30, tzinfo=UTC)
    assert records["afp-001"].published.utcoffset() == timedelta(0)
    assert events["ev-tanf"].first_seen == events["ev-tanf"].last_seen == published["afp-001"]
    assert events["ev-tanf"].first_seen.utcoffset() == timedelta(0)
    assert events["ev-qasrak"].first_seen == datetime(2026, 2, 16, 8, 0, tzinfo=UTC)


def test_naive_times_are_taken_as_utc(database, batch):
    placed, copies, states = batch
    naive = replace(placed[0].features.article, published=datetime(2026, 2, 11, 9, 0))
    features = Features(**{**placed[0].features.__dict__, "article": naive})
    store = SQLStore(database)

    save(store, [Placed(features, placed[0].signature, "ev-tanf")], [], states[:1])

    [stored] = store.articles()
    assert stored.published == datetime(2026, 2, 11, 9, 0, tzinfo=UTC)
    assert stored.published.tzinfo is not None


def test_vectors_and_signatures_come_back_equal_with_their_dtypes(database, batch):
    placed, copies, states = batch
    store = SQLStore(database)
    save(store, placed, copies, states)

    records = list(store.records())

    assert [r.id for r in records] == ["afp-001", "site-002", "wam-003"]
    assert [r.seq for r in records] == [1, 2, 3]
    for record, item in zip(records, placed):
        article = item.features.article
        assert record.signature.dtype == np.uint32 and record.signature.shape == (128,)
        assert np.array_equal(record.signature, item.signature)
        assert record.body.dtype == np.float32
        assert np.array_equal(record.body, item.features.body)
        assert (record.content_hash, record.language, record.credits) == (
            article.content_hash,
            article.language,
            article.credits,
        )
        assert record.length == len(article.text)
        assert record.event_id == item.event_id
        lead, body = store.vectors(article.id)
        assert lead.dtype == body.dtype == np.float32
        assert np.array_equal(lead, item.features.lead) and np.array_equal(body, item.features.body)
    assert records[0].credits == ("AFP",)  # the agency tag that ends sample 001
    for restored, saved in zip(store.event_states(), states):
        assert (restored.id, restored.label, restored.size) == (saved.id, saved.label, saved.size)
        assert restored.lead_sum.dtype == np.float32
        assert np.array_equal(restored.lead_sum, saved.lead_sum)
        assert np.array_equal(restored.body_sum, saved.body_sum)
        # the lexical evidence the clusterer scores with survives a reopen too
        assert saved.terms_sum and saved.names_sum
        assert restored.terms_sum == saved.terms_sum
        assert restored.names_sum == saved.names_sum


def test_events_list_their_articles_languages_and_sources(database, batch):
    placed, copies, states = batch
    store = SQLStore(database)
    save(store, placed, copies, states)

    events = store.events()

    assert [(e.id, e.article_ids, e.languages, e.sources) for e in events] == [
        ("ev-tanf", ("afp-001", "site-002"), ("en",), ("AFP", "Syria Daily")),
        ("ev-qasrak", ("wam-003",), ("ar", "en"), ()),
    ]


def test_the_segments_an_article_translates_come_back_per_event(database, batch):
    placed, copies, states = batch
    store = SQLStore(database)
    save(store, placed, copies, states)

    assert store.translations() == {"wam-003": (Translation("en", "ar", 0.92),)}
    assert store.translations("ev-qasrak") == {"wam-003": (Translation("en", "ar", 0.92),)}
    assert store.translations("ev-tanf") == {}


def test_a_later_batch_updates_events_and_re_points_copies(database, batch, featurize, sample_texts):
    placed, copies, states = batch
    store = SQLStore(database)
    save(store, placed, copies, states)
    earlier = featurize(
        "ap-000", sample_texts["001"] + "\n\nMore to follow.", published=datetime(2026, 2, 11, 6, 0, tzinfo=UTC)
    )
    grown = state_of("ev-tanf", [p.features for p in placed[:2]] + [earlier])

    save(
        store,
        [Placed(earlier, placed[0].signature, "ev-tanf")],
        [Copy("afp-001", "ap-000", "near", 0.9), Copy("site-002", "ap-000", "rewrite", 0.6)],
        [grown],
    )

    assert [r.seq for r in store.records()] == [1, 2, 3, 4]
    assert store.copies() == {
        "afp-001": Copy("afp-001", "ap-000", "near", 0.9),
        "site-002": Copy("site-002", "ap-000", "rewrite", 0.6),
    }
    tanf = next(e for e in store.events() if e.id == "ev-tanf")
    assert tanf.article_ids == ("afp-001", "site-002", "ap-000")
    assert tanf.first_seen == datetime(2026, 2, 11, 6, 0, tzinfo=UTC)
    assert [s.size for s in store.event_states()] == [3, 1]


def test_each_event_arrived_from_its_first_to_its_last_articles_save(database, batch, featurize, sample_texts):
    placed, copies, states = batch
    store = SQLStore(database)
    before = datetime.now(UTC).replace(microsecond=0)  # times are kept to the second
    save(store, placed, copies, states)
    between = datetime.now(UTC).replace(microsecond=0)
    later = featurize("site-004", sample_texts["001"] + "\n\nUpdated.")
    grown = state_of("ev-tanf", [p.features for p in placed[:2]] + [later])
    save(store, [Placed(later, placed[0].signature, "ev-tanf")], [], [grown])
    after = datetime.now(UTC)

    arrived = store.event_arrivals()
    assert set(arrived) == {"ev-tanf", "ev-qasrak"}
    assert before <= arrived["ev-tanf"][0] <= between <= arrived["ev-tanf"][1] <= after
    assert before <= arrived["ev-qasrak"][0] == arrived["ev-qasrak"][1] <= between


def test_failed_save_leaves_the_database_as_it_was(database, batch, featurize, sample_texts):
    placed, copies, states = batch
    store = SQLStore(database)
    save(store, placed[:2], copies, states[:1])

    def snapshot() -> tuple:
        with direct(database) as conn:
            return tuple(
                conn.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2")).all()
                for table in ("articles", "segments", "copies", "events")
            )

    before = snapshot()
    fresh = placed[2]  # written first in the batch ...
    clash = Placed(featurize("afp-001", sample_texts["000"]), placed[0].signature, "ev-new")  # ... then this fails
    with pytest.raises(IntegrityError):
        save(
            store,
            [fresh, clash],
            [Copy("wam-003", "afp-001", "translation", 0.5)],
            [states[1], state_of("ev-new", [clash.features]), replace(states[0], size=9)],
        )

    assert snapshot() == before
    assert store.count_articles() == 2
    assert [e.id for e in store.events()] == ["ev-tanf"]
    assert [s.size for s in store.event_states()] == [2]
    assert store.copies() == {"site-002": copies[0]}
    # and the store still works
    save(store, placed[2:], [], states[1:])
    assert store.count_articles() == 3


def test_missing_folder_is_a_store_error_naming_the_path(tmp_path):
    target = tmp_path / "no" / "such" / "folder" / "x.db"

    with pytest.raises(StoreError) as caught:
        SQLStore(str(target))

    assert str(target) in str(caught.value)
    assert "does not exist" in str(caught.value)
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize(
    "url",
    ["nosuchdialect://host/db", "postgresql+nosuchdriver://host/db", "not a url://"],
    ids=["dialect", "driver", "malformed"],
)
def test_bad_url_is_a_store_error_naming_it(url):
    with pytest.raises(StoreError) as caught:
        SQLStore(url)

    assert url in str(caught.value)


def test_postgresql_without_its_driver_is_a_store_error_saying_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as where Storyline was installed without the extra

    with pytest.raises(StoreError) as caught:
        SQLStore("postgresql://news:s3cret@db.example/storyline")

    assert str(caught.value).startswith("postgresql://news:***@db.example/storyline: its database driver is not installed")
    assert str(caught.value).endswith("pip install 'storyline[postgres]' installs it")


def test_file_that_is_not_a_database_is_a_store_error_naming_it(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("These are my notes, not a database.\n" * 200, encoding="utf-8")

    with pytest.raises(StoreError) as caught:
        SQLStore(str(path))

    assert str(path) in str(caught.value)
    assert path.read_text(encoding="utf-8").startswith("These are my notes")


def test_mentions_come_back_per_article_and_per_event(database, batch):
    placed, copies, states = batch
    store = SQLStore(database)
    save(store, placed, copies, states)

    every = store.mentions()

    assert every == {p.features.article.id: p.features.mentions for p in placed}
    assert set(store.mentions("ev-qasrak")) == {"wam-003"}
    places = {m.value for m in every["afp-001"] if m.kind == "place"}
    assert "geonames:170654" in places  # Damascus, whatever the spelling


def test_claims_come_back_per_article(database, batch):
    placed, copies, states = batch
    store = SQLStore(database)
    save(store, placed, copies, states)

    assert store.claims() == {p.features.article.id: p.features.claims for p in placed}
    assert any(c.subject == "jihadist" and c.value == "~7000" for c in store.claims("ev-tanf")["afp-001"])


def test_a_merge_moves_the_articles_and_the_old_id_leads_to_the_event_it_joined(database, batch):
    placed, copies, states = batch
    store = open_store(database)
    save(store, placed, copies, states)
    save(store, [], [], [], [Merge("ev-qasrak", "ev-tanf", "wam-003", 0.98)])

    (event,) = store.events()
    assert event.id == "ev-tanf" and set(event.article_ids) == {"afp-001", "site-002", "wam-003"}
    assert [s.id for s in store.event_states()] == ["ev-tanf"]
    assert store.current_event("ev-qasrak") == "ev-tanf"
    assert store.current_event("ev-tanf") == "ev-tanf"
    assert store.current_event("ev-unknown") is None
    assert store.merges() == [Merge("ev-qasrak", "ev-tanf", "wam-003", 0.98)]


def test_merges_chain_so_every_old_id_leads_to_the_current_event(database, batch):
    placed, copies, states = batch
    store = open_store(database)
    save(store, placed, copies, states)
    later = replace(states[0], id="ev-later")
    save(store, [], [], [later], [Merge("ev-qasrak", "ev-tanf", "wam-003", 0.98)])
    save(store, [], [], [], [Merge("ev-tanf", "ev-later", "afp-001", 0.99)])
    assert store.current_event("ev-qasrak") == store.current_event("ev-tanf") == "ev-later"
    assert [e.id for e in store.events()] == ["ev-later"]
    assert len(store.events()[0].article_ids) == 3


def test_an_event_merged_away_and_split_off_again_in_one_batch_keeps_its_later_articles(database, batch):
    # In one batch: the Arabic report founds ev-qasrak, which is merged into ev-tanf and split off again
    # (under its old id); then the rewrite joins ev-qasrak. Each article is placed in the event it ended in.
    (original, rewrite, mixed), _, _ = batch
    store = open_store(database)
    save(store, [original], [], [state_of("ev-tanf", [original.features])])
    states = [state_of("ev-tanf", [original.features]), state_of("ev-qasrak", [mixed.features, rewrite.features])]
    changes = [
        Merge("ev-qasrak", "ev-tanf", "wam-003", 0.96),
        Split("ev-tanf", "ev-qasrak", "wam-003", ("wam-003",), 0.9),
    ]
    save(store, [replace(mixed, event_id="ev-qasrak"), replace(rewrite, event_id="ev-qasrak")], [], states, changes)

    assert {e.id: set(e.article_ids) for e in store.events()} == {
        "ev-tanf": {"afp-001"},
        "ev-qasrak": {"wam-003", "site-002"},
    }
    assert store.current_event("ev-qasrak") == "ev-qasrak"
    assert store.merges() == changes[:1] and store.splits() == changes[1:]


def test_a_restart_reads_only_the_newest_articles_and_events_and_the_copies_among_them(database, batch):
    # What a pipeline reads when it starts: its windows of newest articles and live events, not all history.
    placed, copies, states = batch
    store = open_store(database)
    save(store, placed, copies, states)

    assert store.last_seq() == 3
    assert [r.id for r in store.records(newest=2)] == ["site-002", "wam-003"]
    assert [r.id for r in store.records(newest=5)] == ["afp-001", "site-002", "wam-003"]
    assert [event_id for event_id, _, _ in store.event_centroids(newest=1)] == ["ev-qasrak"]
    assert [event_id for event_id, _, _ in store.event_centroids(newest=5)] == ["ev-tanf", "ev-qasrak"]
    (_, lead, body), qasrak = store.event_centroids(newest=1)[0], store.event_states(ids=["ev-qasrak", "unknown"])
    assert [s.id for s in qasrak] == ["ev-qasrak"]
    assert np.array_equal(lead, qasrak[0].lead_sum) and np.array_equal(body, qasrak[0].body_sum)
    assert list(store.copies(from_seq=2)) == ["site-002"]  # the copy arrived second
    assert store.copies(from_seq=4) == {}


def test_an_events_stored_articles_and_an_articles_event_are_read_one_at_a_time(database, batch):
    placed, copies, states = batch
    store = open_store(database)
    save(store, placed, copies, states)
    save(store, [], [], [], [Merge("ev-qasrak", "ev-tanf", "wam-003", 0.98)])

    assert store.members("ev-tanf") == [(1, "afp-001"), (2, "site-002"), (3, "wam-003")]
    assert store.members("ev-qasrak") == []
    assert store.event_of("wam-003") == "ev-tanf"
    assert store.event_of("unknown") is None
    assert [event_id for event_id, _, _ in store.event_centroids(newest=5)] == ["ev-tanf"]
    assert store.event_states(ids=["ev-qasrak"]) == []  # merged away: not an event to read back


def test_linked_storylines_are_kept_until_the_events_change(database, batch):
    placed, copies, states = batch
    store = SQLStore(database)
    save(store, placed, copies, states)
    linker = StorylineLinker()
    assert store.cached_storylines(linker.fingerprint) is None  # never linked

    version = store.events_version()
    linked = linker.link(store.event_states())
    assert store.cache_storylines(linked, linker.fingerprint, version)

    assert store.cached_storylines(linker.fingerprint) == linked
    assert store.cached_storylines(StorylineLinker(window_days=7).fingerprint) is None  # linked otherwise
    grown = replace(states[1], size=2, lead_sum=states[1].lead_sum * 2)
    save(store, [], [], [grown])  # an ingest changes an event
    assert store.cached_storylines(linker.fingerprint) is None
    assert not store.cache_storylines(linked, linker.fingerprint, version)  # linked from events since changed


def test_a_database_from_before_the_cache_gains_it_and_keeps_its_data(database, batch):
    placed, copies, states = batch
    store = SQLStore(database)
    save(store, placed, copies, states)
    store.close()
    with direct(database) as conn:
        conn.execute(text("DROP TABLE storylines"))

    reopened = SQLStore(database)
    linker = StorylineLinker()
    assert reopened.cached_storylines(linker.fingerprint) is None
    assert reopened.cache_storylines(linker.link(reopened.event_states()), linker.fingerprint, reopened.events_version())
    assert {e.id for e in reopened.events()} == {"ev-tanf", "ev-qasrak"}


def test_processes_opening_one_new_database_at_once_all_get_it(database):
    # Each process checks for the tables and creates them: without the write lock, two both find none.
    opener = "import sys; from storyline.store import SQLStore; SQLStore(sys.argv[1]).close()"
    runs = [subprocess.Popen([sys.executable, "-c", opener, database], stderr=subprocess.PIPE) for _ in range(6)]

    errors = [run.communicate(timeout=120)[1].decode() for run in runs]

    assert [run.returncode for run in runs] == [0] * len(runs), errors
    with direct(database) as conn:
        assert conn.execute(text("SELECT count(*) FROM meta WHERE key = 'schema_version'")).scalar() == 1


def another_writer_can_start(url: str) -> bool:
    """Whether a writer of another connection could take the database's write lock now, without waiting."""
    with direct(url) as conn:
        if conn.dialect.name == "postgresql":
            return bool(conn.execute(text(f"SELECT pg_try_advisory_xact_lock({WRITER_LOCK})")).scalar())
    try:
        with sqlite3.connect(url, timeout=0.1) as conn:
            conn.execute("BEGIN IMMEDIATE")
        return True
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return False


def test_a_writer_waits_for_the_others_batch_and_sees_it(database, batch):
    placed, copies, states = batch
    first, second = SQLStore(database), SQLStore(database)
    try:
        with first.writing() as writing:
            writing.save(placed, copies, states)
            # Until this batch is written, no other writer can start one (and read what it would follow).
            assert not another_writer_can_start(database)
        assert another_writer_can_start(database)
        with second.writing() as writing:
            assert writing.last_seq == len(placed)
    finally:
        first.close()
        second.close()


def test_a_server_gone_once_open_is_a_store_error_naming_the_database(postgres_url, batch):
    placed, copies, states = batch
    store = SQLStore(postgres_url)
    save(store, placed, copies, states)
    with direct(postgres_url) as conn:  # the server ends every other session on the database, as a restart would
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                          "AND pid <> pg_backend_pid()"))

    with pytest.raises(StoreError) as caught:
        store.events()

    assert str(caught.value).startswith(f"{postgres_url}: the database failed (")
    assert "\n" not in str(caught.value)
    assert store.count_articles() == 3  # the next command connects again


def test_a_writer_that_waits_too_long_for_the_lock_is_a_store_error(database, batch, monkeypatch):
    monkeypatch.setattr(sql, "WRITE_WAIT_SECONDS", 0.2)
    placed, copies, states = batch
    first, second = SQLStore(database), SQLStore(database)
    try:
        with first.writing() as writing:
            writing.save(placed, copies, states)
            with pytest.raises(StoreError, match="the database failed .*lock"), second.writing():
                pass
        with second.writing() as writing:  # once the first is written, the second goes on
            assert writing.last_seq == len(placed)
    finally:
        first.close()
        second.close()
