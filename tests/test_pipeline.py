"""The pipeline end to end on a real SQLite file (and, where marked, a real PostgreSQL server): counts, copies,
languages, idempotency, rebuilds, rejections, writers taking turns."""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.cluster import EventClusterer, event_id_for
from storyline.cluster.scoring import FEATURES, EventModel
from storyline.config import Settings, load_settings
from storyline.models import Article, Document
from storyline.normalize import as_normalized, normalize
from storyline.pipeline import IngestReport, Pipeline, chronological
from storyline.store import SQLStore
from storyline.views import event_detail

FELT = "28_2ecb"
KLITSCHKO = "7_7ecb"


def settings_for(tmp_path: Path, **overrides: object) -> Settings:
    defaults = load_settings(path=tmp_path / "no-config.toml", environ={})
    return replace(defaults, db=str(tmp_path / "storyline.db"), **overrides)


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Where ``open_pipeline`` keeps its databases: SQLite files, or on a test marked
    ``@pytest.mark.parametrize("backend", BACKENDS, indirect=True)`` also databases on a PostgreSQL server."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def open_pipeline(tmp_path, encoder, backend, request):
    """``open_pipeline(**settings)``: a fresh Pipeline (and store) on the test's database (or on the one of
    ``directory``: one database per directory, a file in it or a database on the PostgreSQL server)."""
    stores: list[SQLStore] = []
    databases: dict[Path, str] = {}

    def make(directory: Path = tmp_path, **overrides: object) -> Pipeline:
        directory.mkdir(exist_ok=True)
        settings = settings_for(directory, **overrides)
        if backend == "postgresql":
            if directory not in databases:
                databases[directory] = request.getfixturevalue("postgres_databases")()
            settings = replace(settings, db=databases[directory])
        stores.append(SQLStore(settings.db))
        return Pipeline(stores[-1], settings, encoder)

    yield make
    for store in stores:
        store.close()


def snapshot(store: SQLStore) -> tuple:
    """Everything a user can read back from the store."""
    return (
        store.articles(),
        store.events(),
        store.copies(),
        [(s.id, s.size, s.label) for s in store.event_states()],
        [(r.id, r.seq, r.event_id) for r in store.records()],
    )


@pytest.mark.parametrize("backend", BACKENDS, indirect=True)
def test_sample_corpus_is_stored_with_its_rewrite_and_languages(open_pipeline, sample_dir, sample_ids):
    pipeline = open_pipeline()

    report = pipeline.ingest([sample_dir])

    assert (report.new, report.duplicates, report.already_stored, report.rejected) == (5, 1, 0, [])
    assert report.copies == Counter({"rewrite": 1})
    store = pipeline.store
    copies = store.copies()
    assert list(copies) == [sample_ids["002"]]
    assert (copies[sample_ids["002"]].original_id, copies[sample_ids["002"]].kind) == (sample_ids["001"], "rewrite")
    articles = {a.id: a for a in store.articles()}
    assert sorted(articles) == sorted(sample_ids.values())
    assert [s.language for s in articles[sample_ids["003"]].segments] == ["ar", "en"]
    for number in ("000", "001", "002", "004"):
        assert articles[sample_ids[number]].languages == ("en",)
    records = {r.id: r for r in store.records()}
    assert all(r.event_id for r in records.values())
    assert records[sample_ids["002"]].event_id == records[sample_ids["001"]].event_id  # a copy joins its original
    events = store.events()
    assert 1 <= len(events) <= 5
    assert sorted(a for e in events for a in e.article_ids) == sorted(sample_ids.values())
    assert {e.id for e in events} == {r.event_id for r in records.values()}
    by_id = {e.id: e for e in events}
    assert "AFP" in by_id[records[sample_ids["001"]].event_id].credits  # the wire that reported it
    assert set(articles[sample_ids["004"]].credits) == {"AP", "Reuters"}
    assert {"AP", "Reuters"} <= set(by_id[records[sample_ids["004"]].event_id].credits)


@pytest.mark.parametrize("backend", BACKENDS, indirect=True)
def test_ingesting_the_same_directory_again_changes_nothing(open_pipeline, sample_dir):
    pipeline = open_pipeline()
    pipeline.ingest([sample_dir])
    before = snapshot(pipeline.store)

    again = pipeline.ingest([sample_dir])
    reopened = open_pipeline().ingest([sample_dir])

    for report in (again, reopened):
        assert (report.new, report.duplicates, report.already_stored, report.rejected) == (0, 0, 5, [])
    assert snapshot(pipeline.store) == before


def test_small_batches_give_the_same_copies_and_languages(open_pipeline, sample_dir, tmp_path, encoder):
    whole = open_pipeline()
    whole.ingest([sample_dir])
    (tmp_path / "batched").mkdir()
    other = settings_for(tmp_path / "batched", batch_size=2)
    store = SQLStore(other.db)
    try:
        report = Pipeline(store, other, encoder).ingest([sample_dir])

        assert (report.new, dict(report.copies)) == (5, {"rewrite": 1})
        assert store.copies() == whole.store.copies()
        assert [a.languages for a in store.articles()] == [a.languages for a in whole.store.articles()]
    finally:
        store.close()


def test_a_new_pipeline_rebuilds_its_state_and_finds_an_exact_copy(
    open_pipeline, sample_dir, sample_texts, sample_ids, tmp_path
):
    open_pipeline().ingest([sample_dir])
    reposted = tmp_path / "inbox" / "reposted-tanf.txt"
    reposted.parent.mkdir()
    # Another outlet's copy: Windows line endings, other spacing, same words.
    reposted.write_bytes(("  " + sample_texts["001"].replace("\n", "\r\n\r\n").replace(" ", "  ")).encode("utf-8"))

    pipeline = open_pipeline()
    report = pipeline.ingest([reposted])

    assert (report.new, dict(report.copies), report.rejected) == (1, {"exact": 1}, [])
    copy = pipeline.store.copies()["reposted-tanf.txt"]
    assert (copy.original_id, copy.kind, copy.score) == (sample_ids["001"], "exact", 1.0)
    events = {r.id: r.event_id for r in pipeline.store.records()}
    assert events["reposted-tanf.txt"] == events[sample_ids["001"]]
    assert len(pipeline.store.events()) == len({*events.values()})  # no event founded for the copy


def test_a_copy_of_an_article_whose_event_retired_joins_the_stored_event(
    open_pipeline, sample_dir, sample_texts, sample_ids, tmp_path
):
    # The store outlives the live index: with one live event, the 2019 article retires the Al-Tanf event,
    # and a later copy of the Al-Tanf report still joins it as stored (two articles), not a fresh start.
    pipeline = open_pipeline()
    pipeline.clusterer.max_live = 1
    pipeline.ingest([sample_dir / sample_ids["001"]])
    pipeline.ingest([sample_dir / sample_ids["004"]])
    reposted = tmp_path / "inbox" / "reposted-tanf.txt"
    reposted.parent.mkdir()
    reposted.write_text(sample_texts["001"], encoding="utf-8")

    report = pipeline.ingest([reposted])

    assert dict(report.copies) == {"exact": 1}
    store = open_pipeline().store
    tanf = store.event_of(sample_ids["001"])
    assert store.event_of("reposted-tanf.txt") == tanf
    assert {s.id: s.size for s in store.event_states()}[tanf] == 2


def test_a_rewrite_is_found_against_an_article_stored_by_an_earlier_run(open_pipeline, sample_dir, sample_ids):
    open_pipeline().ingest([sample_dir / sample_ids["001"]])

    report = open_pipeline().ingest([sample_dir / sample_ids["002"]])

    assert dict(report.copies) == {"rewrite": 1}
    store = open_pipeline().store
    assert {k: (c.original_id, c.kind) for k, c in store.copies().items()} == {
        sample_ids["002"]: (sample_ids["001"], "rewrite")
    }


@pytest.fixture
def mixed_inbox(tmp_path, sample_texts, ecb) -> Path:
    """Good articles beside an empty file, a binary file, a JSONL with a broken line, a CSV without text, a README."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "qasrak.txt").write_text(sample_texts["000"], encoding="utf-8")
    (inbox / "wire.jsonl").write_text(
        json.dumps({"id": "ecb-felt", "source": "Reuters", "text": ecb[FELT]["text"]})
        + "\n{\"id\": \"broken\", \"text\": \"cut off\n"
        + json.dumps({"id": "ecb-klitschko", "text": ecb[KLITSCHKO]["text"], "published": "2008-12-13T20:00:00Z"})
        + "\n",
        encoding="utf-8",
    )
    (inbox / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (inbox / "scan").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (inbox / "columns.csv").write_text("id,headline,body\n1,Felt dies,He was 95.\n", encoding="utf-8")
    (inbox / "README.md").write_text("# Inbox\n\nDrop the day's wire files here.\n", encoding="utf-8")
    return inbox


def test_bad_inputs_are_rejected_one_by_one_and_the_good_ones_stored(open_pipeline, mixed_inbox):
    pipeline = open_pipeline()

    report = pipeline.ingest([mixed_inbox])

    assert report.new == 3
    assert sorted(a.id for a in pipeline.store.articles()) == ["ecb-felt", "ecb-klitschko", "qasrak.txt"]
    reasons = {r.origin: r.reason for r in report.rejected}
    assert sorted(reasons) == sorted(
        str(mixed_inbox / name) for name in ("columns.csv", "empty.txt", "scan", "wire.jsonl:2")
    )
    assert "binary" in reasons[str(mixed_inbox / "scan")]
    assert "text" in reasons[str(mixed_inbox / "columns.csv")]
    assert "JSON" in reasons[str(mixed_inbox / "wire.jsonl:2")]
    assert all(reason.strip() and "\n" not in reason for reason in reasons.values())
    assert not any("README" in a.origin for a in pipeline.store.articles())
    stored = {a.id: a for a in pipeline.store.articles()}
    assert stored["ecb-felt"].source == "Reuters"
    assert stored["ecb-klitschko"].published == datetime(2008, 12, 13, 20, 0, tzinfo=UTC)


def test_only_bad_inputs_store_nothing(open_pipeline, mixed_inbox):
    for good in ("qasrak.txt", "wire.jsonl"):
        (mixed_inbox / good).unlink()
    pipeline = open_pipeline()

    report = pipeline.ingest([mixed_inbox])

    assert (report.new, report.already_stored, len(report.rejected)) == (0, 0, 3)
    assert pipeline.store.count_articles() == 0


def test_an_id_repeated_in_one_input_is_stored_once(open_pipeline, tmp_path, ecb):
    path = tmp_path / "repeat.jsonl"
    line = json.dumps({"id": "afp-1", "text": ecb[FELT]["text"]})
    path.write_text(f"{line}\n{line}\n", encoding="utf-8")
    pipeline = open_pipeline()

    report = pipeline.ingest([path])

    assert (report.new, report.already_stored, report.duplicates) == (1, 1, 0)
    assert [a.id for a in pipeline.store.articles()] == ["afp-1"]


def test_an_id_stored_with_other_text_is_rejected_and_the_stored_article_kept(open_pipeline, tmp_path, ecb):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps({"id": "afp-1", "text": ecb[FELT]["text"]}) + "\n", encoding="utf-8")
    second.write_text(json.dumps({"id": "afp-1", "text": ecb[KLITSCHKO]["text"]}) + "\n", encoding="utf-8")
    pipeline = open_pipeline()
    pipeline.ingest([first])
    before = snapshot(pipeline.store)

    report = pipeline.ingest([second])

    assert (report.new, report.already_stored) == (0, 0)
    assert [(r.origin, r.reason) for r in report.rejected] == [
        (f"{second}:1", "id 'afp-1' is already stored with other text; the stored article is kept")
    ]
    assert snapshot(pipeline.store) == before
    assert "Klitschko" not in pipeline.store.articles()[0].text


def test_an_id_repeated_with_other_text_in_one_input_keeps_the_first(open_pipeline, tmp_path, ecb):
    path = tmp_path / "clash.jsonl"
    lines = [json.dumps({"id": "afp-1", "text": ecb[key]["text"]}) for key in (FELT, KLITSCHKO)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pipeline = open_pipeline()

    report = pipeline.ingest([path])

    assert (report.new, report.already_stored) == (1, 0)
    assert [r.origin for r in report.rejected] == [f"{path}:2"]
    assert "Klitschko" not in pipeline.store.articles()[0].text


@pytest.mark.parametrize("backend", BACKENDS, indirect=True)
def test_a_batch_made_while_another_writer_stored_one_is_redone_on_the_new_state(open_pipeline, tmp_path, ecb):
    # Two events' reports in three deliveries: the third's articles join the events the second grew.
    first_event, second_event = (sorted(k for k, d in ecb.items() if d["event_cluster"] == e) for e in ("1_ecbplus", "3_ecb"))
    deliveries = []
    for n, (start, end) in enumerate(((0, 3), (3, 6), (6, 9))):
        path = tmp_path / f"delivery-{n}.jsonl"
        ids = first_event[start * 2 : end * 2] + second_event[start:end]
        path.write_text("".join(json.dumps({"id": i, "text": ecb[i]["text"]}) + "\n" for i in ids), encoding="utf-8")
        deliveries.append(path)
    alone = open_pipeline(tmp_path / "alone")
    reports = [alone.ingest([path]) for path in deliveries]
    early = open_pipeline(tmp_path / "shared")
    early.ingest([deliveries[0]])
    late = open_pipeline(tmp_path / "shared")  # reads the store now
    early.ingest([deliveries[1]])  # and is stored meanwhile

    report = late.ingest([deliveries[2]])

    assert report == reports[2]
    assert snapshot(late.store) == snapshot(alone.store)  # as if one writer had taken the three in turn
    sizes = {s.id: s.size for s in late.store.event_states()}
    stored = Counter(r.event_id for r in late.store.records())
    assert all(sizes[event_id] == count for event_id, count in stored.items())


def test_articles_enriched_in_worker_processes_are_stored_as_those_enriched_here(open_pipeline, tmp_path, sample_dir):
    here = open_pipeline(tmp_path / "here")
    here.ingest([sample_dir])

    with open_pipeline(tmp_path / "workers", processes=2, batch_size=3) as shared:  # two batches, two workers
        report = shared.ingest([sample_dir])
        assert shared._workers is not None

    assert shared._workers is None  # stopped on leaving
    assert (report.new, dict(report.copies)) == (5, {"rewrite": 1})
    assert snapshot(shared.store) == snapshot(here.store)


def article(article_id: str, published: str | None) -> Article:
    return normalize(
        Document(
            id=article_id,
            origin=article_id,
            text=f"Report {article_id}: troops left the base on the road to the border.",
            published=datetime.fromisoformat(published) if published else None,
        )
    )


def test_chronological_sorts_dated_articles_and_keeps_undated_ones_in_place():
    batch = [
        article("undated-1", None),
        article("feb-12", "2026-02-12T09:00:00+00:00"),
        article("undated-2", None),
        article("feb-10-late", "2026-02-10T23:00:00+00:00"),
        article("feb-10-damascus", "2026-02-11T01:00:00+03:00"),  # 22:00 UTC on the 10th
        article("undated-3", None),
    ]

    ordered = [a.id for a in chronological(batch)]

    assert ordered == ["undated-1", "feb-10-damascus", "undated-2", "feb-10-late", "feb-12", "undated-3"]
    assert chronological([]) == []


def test_dated_articles_of_a_batch_are_taken_in_publication_order_and_counted(open_pipeline, ecb):
    given = [
        Document(id="later", origin="t", text=ecb[FELT]["text"], published=datetime(2008, 12, 20, tzinfo=UTC)),
        Document(id="undated", origin="t", text=ecb[KLITSCHKO]["text"]),
        Document(id="earlier", origin="t", text=ecb["28_1ecb"]["text"], published=datetime(2008, 12, 13, tzinfo=UTC)),
    ]
    pipeline = open_pipeline()

    report = pipeline.ingest_documents(given)

    assert [r.id for r in pipeline.store.records()] == ["earlier", "undated", "later"]
    assert report.reordered == 2


def test_report_counts_duplicates_over_all_kinds():
    report = IngestReport(new=4, copies=Counter({"exact": 2, "rewrite": 1}))

    assert report.duplicates == 3


@pytest.fixture
def sample_events(open_pipeline, sample_dir, sample_ids) -> dict[str, str]:
    """The event of each sample article after ingesting the corpus, keyed by its number."""
    pipeline = open_pipeline()
    pipeline.ingest([sample_dir])
    event_of = {r.id: r.event_id for r in pipeline.store.records()}
    return {number: event_of[article_id] for number, article_id in sample_ids.items()}


def test_sample_corpus_has_its_two_2026_events(sample_events):
    # The Arabic article with its English translation joins the AFP report of the same withdrawal;
    # the rewrite joins the Al-Tanf report; the two withdrawals are two events.
    assert sample_events["003"] == sample_events["000"]
    assert sample_events["002"] == sample_events["001"]
    assert sample_events["001"] != sample_events["000"]


def test_the_2019_page_is_an_event_of_its_own(sample_events):
    assert sample_events["004"] not in {sample_events[n] for n in ("000", "001", "002", "003")}


def test_an_event_cut_in_two_is_recorded_and_keeps_its_id(open_pipeline, sample_dir, sample_ids):
    # The Al-Tanf report first joins the Qasrak event (it retells it, as the Qasrak report retells Al-Tanf);
    # once four articles are in, the event is cut along its two withdrawals.
    pipeline = open_pipeline()
    pipeline.ingest([sample_dir])

    (split,) = pipeline.store.splits()
    assert split.event_id == event_id_for(sample_ids["000"])  # the part holding the founder keeps the id
    assert split.into_id == event_id_for(sample_ids["001"])
    assert set(split.moved) == {sample_ids["001"], sample_ids["002"]}
    assert split.probability < pipeline.clusterer.model.merge_threshold
    event_of = {r.id: r.event_id for r in pipeline.store.records()}
    assert {event_of[a] for a in split.moved} == {split.into_id}
    sizes = {state.id: state.size for state in pipeline.store.event_states()}
    assert sizes == {event.id: len(event.article_ids) for event in pipeline.store.events()}
    detail = event_detail(pipeline.store, split.event_id, 60.0, 180.0)
    assert [s["event"] for s in detail["split_into"]] == [split.into_id]
    assert event_detail(pipeline.store, split.into_id, 60.0, 180.0)["split_from"][0]["event"] == split.event_id

    # Re-ingesting changes nothing, in this pipeline or in one reopened on the store.
    assert pipeline.ingest([sample_dir]).new == 0
    assert open_pipeline().ingest([sample_dir]).new == 0
    assert pipeline.store.splits() == [split]
    assert {r.id: r.event_id for r in pipeline.store.records()} == event_of


REGROUPED = (
    "12_8ecbplus", "12_6ecbplus", "12_12ecb", "12_11ecbplus", "12_17ecb", "12_7ecbplus", "12_10ecbplus",
    "12_16ecb", "12_2ecbplus", "12_14ecb", "12_6ecb", "12_1ecb", "12_15ecb", "12_8ecb", "12_18ecb",
    "12_5ecbplus", "12_10ecb", "12_13ecb", "12_3ecbplus", "12_4ecb",
)
"""ECB+ reports of two Indian Navy actions against pirates in the Gulf of Aden, in an order in which one event
is split off, merged back and split off again (under the same id, named after its first article) before the
last articles arrive."""


def test_an_event_split_merged_and_split_again_within_a_batch_is_stored_as_decided(open_pipeline, tmp_path, ecb):
    documents = [Document(id=doc, origin=f"ecbplus:{doc}", text=ecb[doc]["text"]) for doc in REGROUPED]
    whole = open_pipeline()
    whole.ingest_documents(documents)  # one batch
    one_by_one = open_pipeline(tmp_path / "one-by-one", batch_size=1)
    one_by_one.ingest_documents(documents)
    for document in documents:  # each article by a new pipeline, which reads an event's articles when it comes up
        restarted = open_pipeline(tmp_path / "restarted")
        restarted.ingest_documents([document])

    (merge,) = whole.store.merges()
    revived = [s for s in whole.store.splits() if s.into_id == merge.event_id]
    assert revived and REGROUPED.index(revived[-1].article_id) < len(REGROUPED) - 1  # articles arrive after
    events = {e.id: set(e.article_ids) for e in whole.store.events()}
    assert events == {e.id: set(e.article_ids) for e in one_by_one.store.events()}  # the batch size changes nothing
    assert events == {e.id: set(e.article_ids) for e in restarted.store.events()}  # nor restarting for each article
    assert restarted.store.merges() and restarted.store.splits()  # of events stored by the pipelines before
    assert {s.id: s.size for s in restarted.store.event_states()} == {i: len(a) for i, a in events.items()}
    assert {s.id: s.size for s in whole.store.event_states()} == {i: len(a) for i, a in events.items()}


def test_a_stream_taken_in_many_runs_is_stored_as_one_run_stores_it(open_pipeline, tmp_path, ecb):
    # A feed polled by a new process each time: an event cut in two from its stored articles must get the
    # sums and dates the running process gives it, or later articles go elsewhere and the two stores part.
    dev = [doc for doc in ecb.values() if doc["split"] == "dev"]
    random.Random(0).shuffle(dev)
    documents = [Document(id=doc["doc_id"], origin=f"ecbplus:{doc['doc_id']}", text=doc["text"]) for doc in dev[:50]]
    running = open_pipeline()
    for start in range(0, len(documents), 10):
        running.ingest_documents(documents[start : start + 10])
        polled = open_pipeline(tmp_path / "polled")
        polled.ingest_documents(documents[start : start + 10])

    def stored(store: SQLStore) -> tuple:
        states = [(s.id, s.first_seen, s.last_seen, s.lead_sum.tobytes(), s.body_sum.tobytes()) for s in store.event_states()]
        return snapshot(store), store.merges(), store.splits(), states

    assert polled.store.splits()  # of events stored by earlier runs
    assert any(a.published_inferred for a in polled.store.articles())  # dates read from the text, some by enrich
    assert stored(polled.store) == stored(running.store)


def test_a_failed_save_leaves_memory_and_store_in_agreement(open_pipeline, sample_dir, sample_ids):
    pipeline = open_pipeline()
    pipeline.ingest([sample_dir / sample_ids["001"]])
    engine = pipeline.store.engine
    with engine.begin() as conn:  # the database itself refuses the next copy row
        conn.exec_driver_sql("CREATE TRIGGER refuse BEFORE INSERT ON copies BEGIN SELECT RAISE(ABORT, 'refused'); END")
    with pytest.raises(Exception, match="refused"):
        pipeline.ingest([sample_dir / sample_ids["002"]])
    assert pipeline.store.count_articles() == 1
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER refuse")
    # The rewrite was never stored, so it is new again and still found as a copy of the stored original.
    report = pipeline.ingest([sample_dir / sample_ids["002"]])
    assert (report.new, dict(report.copies)) == (1, {"rewrite": 1})
    assert pipeline.store.copies()[sample_ids["002"]].original_id == sample_ids["001"]
    assert pipeline.store.count_articles() == 2
    # Each event's running state counts each of its articles once.
    sizes = {state.id: state.size for state in pipeline.store.event_states()}
    assert sizes == {event.id: len(event.article_ids) for event in pipeline.store.events()}


def test_without_fact_extraction_the_same_events_and_copies_are_stored_with_no_facts(
    open_pipeline, tmp_path, encoder, sample_dir
):
    # Facts are for the reader, not for the event decision: switching them off changes nothing else.
    with_facts = open_pipeline()
    with_facts.ingest([sample_dir])
    lean_settings = settings_for(tmp_path / "lean", extract_facts=False)
    (tmp_path / "lean").mkdir()
    lean_store = SQLStore(lean_settings.db)
    try:
        Pipeline(lean_store, lean_settings, encoder).ingest([sample_dir])
        assert [e.article_ids for e in lean_store.events()] == [e.article_ids for e in with_facts.store.events()]
        assert lean_store.copies().keys() == with_facts.store.copies().keys()
        assert all(found == () for found in lean_store.mentions().values())
        assert all(found == () for found in lean_store.claims().values())
        assert any(found for found in with_facts.store.mentions().values())
    finally:
        lean_store.close()


def test_an_undated_article_is_dated_from_the_full_day_its_text_writes(open_pipeline, ecb):
    # Reuters' report of the Oscars host, given with no date: its text writes "Aug 2, 2013".
    pipeline = open_pipeline()
    doc = ecb["2_8ecbplus"]

    pipeline.ingest_documents([Document(id="reuters-oscars", origin="test", text=doc["text"])])

    (article,) = pipeline.store.articles(["reuters-oscars"])
    assert article.published == datetime(2013, 8, 2, tzinfo=UTC) and article.published_inferred
    (record,) = pipeline.store.records()
    assert record.published == article.published  # provenance reads it
    (event,) = pipeline.store.events()
    assert event.first_seen is None  # the clusterer does not: a date read from text can be off by months
    dates = [m for m in pipeline.store.mentions()["reuters-oscars"] if m.kind == "date"]
    assert any(m.value == "2013-08-02" for m in dates)


def test_a_stored_article_reads_back_as_normalized_with_only_the_date_its_header_gave(open_pipeline, ecb):
    # 5_4ecbplus has a date line under its headline (the date it is clustered by); 2_8ecbplus only writes a
    # day in its text, which enrich reads for provenance: stored the same way, only the first is its own.
    pipeline = open_pipeline()
    documents = [Document(id=doc, origin=f"ecbplus:{doc}", text=ecb[doc]["text"]) for doc in ("5_4ecbplus", "2_8ecbplus")]
    pipeline.ingest_documents(documents)

    stored = pipeline.store.articles([d.id for d in documents])

    assert all(article.published and article.published_inferred for article in stored)
    assert [as_normalized(article) for article in stored] == [normalize(d) for d in documents]
    assert [as_normalized(article).published for article in stored] == [datetime(2005, 5, 23, tzinfo=UTC), None]


def test_an_article_that_merges_a_chain_of_events_is_stored_in_the_one_that_absorbed_them(open_pipeline, ecb):
    # Fragments of sizes 1, 3 and 6 (exact copies join their original's event whatever the model), founded apart.
    pipeline = open_pipeline()
    apart = EventModel(weights=(0.0,) * len(FEATURES), bias=0.0, threshold=1.0, trained_on="test", merge_threshold=1.0)
    pipeline.clusterer = EventClusterer(model=apart)
    texts = {"a": ecb[FELT]["text"], "b": ecb["28_1ecb"]["text"], "c": ecb[KLITSCHKO]["text"]}
    sizes = {"a": 1, "b": 3, "c": 6}
    pipeline.ingest_documents(
        Document(id=f"{name}{n}", origin="test", text=texts[name]) for name in texts for n in range(sizes[name])
    )
    event_of = {e.article_ids[0][0]: e.id for e in pipeline.store.events()}
    # Now everything bridges and merges: joining a's event, the article merges it into b's, then b's into c's.
    lead_only = (1.0,) + (0.0,) * (len(FEATURES) - 1)
    merging = EventModel(weights=lead_only, bias=0.0, threshold=0.5, trained_on="test", merge_threshold=0.5)
    pipeline.clusterer = EventClusterer(model=merging)
    pipeline.clusterer.restore_many(pipeline.store.event_states())

    pipeline.ingest_documents([Document(id="a-again", origin="test", text=texts["a"])])

    merges = [(m.event_id, m.into_id) for m in pipeline.store.merges()]
    assert merges == [(event_of["a"], event_of["b"]), (event_of["b"], event_of["c"])]
    (event,) = pipeline.store.events()
    assert event.id == event_of["c"] and len(event.article_ids) == 11


def test_two_outlets_headlines_of_one_event_are_one_event_and_no_copy(open_pipeline, ecb):
    pipeline = open_pipeline()
    titles = [Document(id=doc, origin="test", text=ecb[doc]["text"].splitlines()[0]) for doc in ("27_8ecbplus", "27_11ecbplus")]

    report = pipeline.ingest_documents(titles)

    assert report.new == 2 and sum(report.copies.values()) == 0 and pipeline.store.copies() == {}
    assert [sorted(e.article_ids) for e in pipeline.store.events()] == [["27_11ecbplus", "27_8ecbplus"]]
