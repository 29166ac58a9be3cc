"""Composes the stages; the only module that knows them all.

sources -> normalize -> enrich -> dedup -> cluster -> store, one batch at a
time. Per-article stages are pure; the stateful ones (dedup, cluster) are
rebuilt from the store when a pipeline opens, so every run continues where
the last one stopped and re-ingesting the same input changes nothing.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice, repeat
from pathlib import Path

import numpy as np

from storyline.cluster import EventClusterer
from storyline.cluster.membership import Membership
from storyline.config import Settings
from storyline.dedup import CopyDetector
from storyline.enrich import SentenceEncoder, enrich
from storyline.errors import Rejected
from storyline.models import (
    Article,
    ArticleRecord,
    Copy,
    Document,
    EventState,
    Features,
    Merge,
    Placed,
    Rejection,
    Split,
    Translation,
)
from storyline.normalize import as_normalized, normalize
from storyline.sources import open_source
from storyline.store import SQLStore

FEATURE_CACHE = 4096
"""Recent articles whose sentence vectors stay in memory for copy alignment."""


@dataclass
class IngestReport:
    """What an ingest did, for the user: counts and every rejection with its reason."""

    new: int = 0
    copies: Counter[str] = field(default_factory=Counter)
    already_stored: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    reordered: int = 0
    """New articles taken in another position than given: dated ones are put in publication order within a batch."""

    @property
    def duplicates(self) -> int:
        return sum(self.copies.values())

    def add(self, other: IngestReport) -> None:
        """Count ``other``'s articles in too (a batch's, once it is stored)."""
        self.new += other.new
        self.copies.update(other.copies)
        self.already_stored += other.already_stored
        self.rejected.extend(other.rejected)
        self.reordered += other.reordered


def chronological(articles: list[Article]) -> list[Article]:
    """Dated articles in publication order, undated ones kept in their input positions."""
    dated = sorted((a for a in articles if a.published), key=lambda a: a.published)  # type: ignore[arg-type,return-value]
    slots = iter(dated)
    return [next(slots) if a.published else a for a in articles]


_worker_encoder: SentenceEncoder | None = None
"""In an enriching worker process (:attr:`Settings.processes`), its own encoder."""


def _start_worker(threads: int) -> None:
    global _worker_encoder
    _worker_encoder = SentenceEncoder(threads=threads)
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends a worker quietly; the ingest rolls its batch back


def _enrich_in_worker(articles: list[Article], facts: bool) -> list[Features]:
    assert _worker_encoder is not None, "started by _start_worker"
    return enrich(articles, _worker_encoder, facts=facts)


def article_record(features: Features, signature: np.ndarray, seq: int) -> ArticleRecord:
    """The index data of a new article, before it has an event."""
    article = features.article
    return ArticleRecord(
        id=article.id,
        seq=seq,
        content_hash=article.content_hash,
        language=article.language,
        published=features.published,
        credits=article.credits,
        length=len(article.text),
        event_id=None,
        signature=signature,
        body=features.body,
    )


class Pipeline:
    """An ingesting pipeline bound to one store."""

    def __init__(self, store: SQLStore, settings: Settings, encoder: SentenceEncoder | None = None) -> None:
        self.store = store
        self.settings = settings
        self.encoder = encoder or SentenceEncoder(threads=settings.threads)
        self._cache: OrderedDict[str, Features] = OrderedDict()
        self._workers: ProcessPoolExecutor | None = None
        self._rebuild()

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the enriching worker processes, if any were started."""
        if self._workers is not None:
            self._workers.shutdown(cancel_futures=True)
            self._workers = None

    def _enrich(self, articles: list[Article]) -> list[Features]:
        """The articles' features, in order: enriched here, or shared out among ``processes`` worker processes.

        Enriching is a pure function of each article (DESIGN), and most of an
        ingest's time: one process uses little more than one core. The workers
        are started on first use (``spawn``: a clean interpreter each, no
        threads inherited mid-flight) and load their models once.
        """
        processes = self.settings.processes
        if processes == 1 or len(articles) < 2:
            return enrich(articles, self.encoder, facts=self.settings.extract_facts)
        if self._workers is None:
            self._workers = ProcessPoolExecutor(
                processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(max(1, self.settings.threads // processes),),
            )
        size = -(-len(articles) // processes)
        parts = [articles[start : start + size] for start in range(0, len(articles), size)]
        done = self._workers.map(_enrich_in_worker, parts, repeat(self.settings.extract_facts))
        return [features for part in done for features in part]

    def _rebuild(self) -> None:
        """Load the stateful stages from the store, the truth they are derived from.

        Only what they can still use is read: the copy detector's window of
        newest articles and the copies among them, and the live events'
        centroids. An event's words, names and articles are read when the
        event comes up (:class:`EventClusterer`, :class:`Membership`), and
        articles beyond the window are not read at all. A one-article ingest
        into a ``benchmarks/history_startup.py``-built store of 300,000
        articles took 17.5-18.9 s and 1.6 GB, against 28-32 s and 2.5 GB when
        every live event was read whole and indexed at once, and 49-50 s and
        2.8 GB when every article was read. The largest part left is the
        detector's window of 100,000 articles (5.2 s).
        """
        store = self.store
        self.detector = CopyDetector(self._features_of, near_threshold=self.settings.near_duplicate_threshold)
        self.clusterer = EventClusterer(
            half_life_days=self.settings.event_window_days, stored=lambda ids: store.event_states(ids=ids)
        )
        self._membership = Membership[str](store.members, store.event_of)
        self._seq = store.last_seq()
        first = self._seq
        for record in store.records(newest=self.detector.window):
            self.detector.learn_one(record)
            first = min(first, record.seq)
        for copy in store.copies(from_seq=first).values():
            self.detector.learn_copy(copy)
        self.clusterer.restore_centroids(store.event_centroids(newest=self.clusterer.max_live))

    def _split(self, event_id: str, article_id: str) -> tuple[Split, EventState] | None:
        """Check the event for a split (when due) with its articles' features; the split and the new event's state."""
        if not self.clusterer.split_due(event_id):
            return None
        cut = self.clusterer.split(event_id, [self._features_of(a) for a in self._membership.members(event_id)])
        if cut is None:
            return None
        new, positions, probability = cut
        moved = self._membership.split(event_id, new.id, positions)
        return Split(event_id, new.id, article_id, tuple(moved), probability), new

    def _joined(self, article_id: str) -> str:
        """The event an article this pipeline took in is in now."""
        event_id = self._membership.event(article_id)
        assert event_id is not None, article_id
        return event_id

    def _features_of(self, article_id: str) -> Features:
        """An article's features, for copy alignment and split checks: those it arrived with while cached, else
        enriched again from the store as the clusterer first saw it.

        Its stored vectors, not new ones: an encoder's last bits depend on the
        batch a text is encoded in. Its date as normalised: the date enrich read
        from its text is stored but not clustered on (:func:`as_normalized`).
        Otherwise an event cut in two after a restart, or after its articles
        left the cache, got other sums and dates than without, and later
        articles went elsewhere: ECB+ dev taken 10 articles a run parted from
        one run at its 40th article.
        """
        if article_id in self._cache:
            self._cache.move_to_end(article_id)
            return self._cache[article_id]
        (article,) = self.store.articles([article_id])
        features = enrich([as_normalized(article)], self.encoder, facts=False)[0]
        lead, body = self.store.vectors(article_id)
        features = replace(features, lead=lead, body=body)
        self._remember(features)
        return features

    def _remember(self, features: Features) -> None:
        self._cache[features.article.id] = features
        if len(self._cache) > FEATURE_CACHE:
            self._cache.popitem(last=False)

    @staticmethod
    def read(paths: Iterable[str | Path]) -> Iterator[Document | Rejection]:
        """Every document (or rejection) found at the given paths."""
        for path in paths:
            yield from open_source(path)

    @staticmethod
    def normalized(items: Iterable[Document | Rejection], report: IngestReport) -> Iterator[Article]:
        """Normalise every document; rejections go into the report."""
        for item in items:
            if isinstance(item, Rejection):
                report.rejected.append(item)
                continue
            try:
                yield normalize(item)
            except Rejected as exc:
                report.rejected.append(Rejection(item.origin, exc.reason))

    def ingest(self, paths: Iterable[str | Path], progress: Callable[[int], None] | None = None) -> IngestReport:
        """Ingest files, directories or ``-``; returns the counts."""
        return self.ingest_documents(self.read(paths), progress)

    def ingest_documents(
        self, items: Iterable[Document | Rejection], progress: Callable[[int], None] | None = None
    ) -> IngestReport:
        """Ingest documents in the order given (dated ones by date within a batch); returns the counts."""
        report = IngestReport()
        articles = self.normalized(items, report)
        while batch := list(islice(articles, self.settings.batch_size)):
            report.add(self._take(batch))
            if progress:
                progress(len(batch))
        return report

    def _take(self, batch: list[Article]) -> IngestReport:
        """Store the batch's articles that are not stored yet; what it did.

        The articles are enriched first, the costly part, which no other
        writer's work can change. Then, under the database's write lock, the
        stateful stages take them in and the batch is written. When another
        writer (another ``storyline ingest``) stored batches since this
        pipeline read the store, its events and copies have moved on: the state
        is reloaded first, and the articles they stored meanwhile are left out.
        """
        report, fresh = self._fresh(batch)
        if not fresh:
            return report
        enriched = {f.article.id: f for f in self._enrich(chronological(fresh))}
        try:
            with self.store.writing() as writing:
                if writing.last_seq != self._seq:  # the articles it cached are still as stored: only state moved on
                    self._rebuild()
                    report, fresh = self._fresh(batch)
                if fresh:
                    ordered = chronological(fresh)
                    report.reordered += sum(a is not b for a, b in zip(ordered, fresh))
                    writing.save(*self._learn([enriched[a.id] for a in ordered], report))
        except Exception:
            # The batch was rolled back: forget it in memory too, so that state and store agree.
            self._cache.clear()
            self._rebuild()
            raise
        return report

    def _fresh(self, batch: list[Article]) -> tuple[IngestReport, list[Article]]:
        """The batch's articles not stored yet (each id once), and a report counting the others."""
        report = IngestReport()
        held_by = self.store.content_hashes(a.id for a in batch)  # id -> content hash, of stored and taken articles
        fresh = []
        for article in batch:
            held = held_by.get(article.id)
            if held is None:
                held_by[article.id] = article.content_hash
                fresh.append(article)
            elif held == article.content_hash:
                report.already_stored += 1
            else:  # a given id names one article: another text under it is an error, not an update
                reason = f"id {article.id!r} is already stored with other text; the stored article is kept"
                report.rejected.append(Rejection(article.origin, reason))
        return report, fresh

    def _learn(
        self, enriched: list[Features], report: IngestReport
    ) -> tuple[list[Placed], list[Copy], list[EventState], list[Merge | Split]]:
        """Take the batch's articles into the copy detector and the clusterer, one at a time; what to store."""
        arrived: list[tuple[Features, np.ndarray, tuple[Translation, ...]]] = []
        copies: dict[str, Copy] = {}
        states: dict[str, EventState] = {}
        changes: list[Merge | Split] = []
        for features, signature in zip(enriched, self.detector.signatures(enriched)):
            self._seq += 1
            article_id = features.article.id
            record = article_record(features, signature, self._seq)
            match = self.detector.predict_one(features, signature)
            scores = self.clusterer.scores(features)  # a copy joins its original's event, and may still bridge two
            if match is not None:
                for copy in self.detector.resolve(record, match):
                    copies[copy.article_id] = copy
                report.copies[match.kind] += 1
                event_id: str | None = self._membership.event(match.other_id)
            elif (restated := self.detector.restated(features)) is not None:
                event_id = self._membership.event(restated) or self.clusterer.choose(scores)
            else:
                event_id = self.clusterer.choose(scores)
            state = self.clusterer.learn_one(features, event_id)
            states[state.id] = state  # stored even if merged away below: the merge record names it
            self._membership.join(article_id, self._seq, state.id)
            self._remember(features)
            for gone, kept, probability in self.clusterer.merges(state.id, self.clusterer.bridges(scores)):
                changes.append(Merge(gone, kept, article_id, probability))
                self._membership.merge(gone, kept)
            event_id = self._joined(article_id)  # a chain of merges ends in the event that absorbed the rest
            if cut := self._split(event_id, article_id):
                changes.append(cut[0])
                states[cut[1].id] = cut[1]
            for changed in {event_id, self._joined(article_id)}:
                states[changed] = self.clusterer.state(changed)
            self.detector.learn_one(record)
            translations = self.detector.translations(features)
            arrived.append((features, signature, translations))
            report.new += 1
        # Stored in the event it ended the batch in: a later merge or split in the batch may have moved it.
        placed = [Placed(f, s, self._joined(f.article.id), t) for f, s, t in arrived]
        return placed, list(copies.values()), list(states.values()), changes
