"""The live events' centroids, searchable so that time per article does not grow with history.

Each event is one vector, its unit lead centroid followed by its unit body
centroid; an article's query is its lead vector followed by its body
vector, so the inner product is the sum of the two cosines, the dense score
the clusterer ranks candidates by. The vectors live in a usearch HNSW
index: below ``exact_limit`` events it is searched exhaustively (exact, and
as fast as a graph walk at that size), above it approximately, in time
that grows with the logarithm of the number of live events.

They are stored as half floats: ranking only picks the candidates that the
event model then scores in full, and half the bytes make every scan and graph
step cheaper. The 32 nearest of 100,000 events were found with recall 0.997
(0.998 in single floats).

Vectors that were replaced or retired are not removed from usearch one by
one. In usearch 2.26, removals interleaved with insertions slow the graph
down (removals alone or insertions alone do not): on a stream of 200,000
live events where every article adds one event and retires another, searches
became 8-10 times and insertions 5 times slower than with no removals (9.0
and 5.8 ms against 1.0 and 0.9). Removing with ``compact=True`` unlinks the slots
first but scans the whole graph (190 ms a call). So stale keys are kept
aside, filtered out of results, and removed ``COMPACT_BATCH`` at a time in
one compacting call: 1.3 ms a search and 1.5 ms an update, compaction
included, in the same churn.

Events loaded in a batch from the store can wait outside the graph
(:meth:`LiveIndex.put_many` with ``later``): each search scans them
exhaustively, and they join the graph in one batch after ``build_after``
searches. A run that searches a few times (a feed poll of a few articles)
then never builds their graph.
"""

from __future__ import annotations

import numpy as np
from usearch.index import BatchMatches, Index, Matches, MetricKind
from usearch.index import search as exhaustive_search

EXACT_LIMIT = 20_000
"""Live events up to which candidates are found by exhaustive search."""
EXPANSION_SEARCH = 128
"""HNSW search depth (the paper's ef): candidates are few (32), so a deep walk is cheap and keeps recall high."""
COMPACT_BATCH = 1024
"""Stale keys removed together in one compacting pass over the graph (0.16 ms an update, amortised, at 200,000 events)."""
BUILD_AFTER = 1_000
"""Searches after which the events waiting outside the graph join it.

On 2 cores, with 1024 half floats an event, putting an event into the graph
cost as much as some 900 exhaustive scans of it for a store's centroids
(0.14 ms against 0.16 µs, 37,500 live events of the history benchmark's
store) and some 10,000 for random vectors (1.1 ms against 0.11 µs over
200,000). A run that builds once it has spent on scans what building costs
pays at most twice what the better of never building and building at once
would have; this is that point for real centroids, which cluster by topic.
"""


class LiveIndex:
    """Event vectors by event id: ``put`` (add or replace), ``remove``, ``search``."""

    def __init__(
        self, dims: int, exact_limit: int = EXACT_LIMIT, compact_batch: int = COMPACT_BATCH, build_after: int = BUILD_AFTER
    ) -> None:
        self.dims = dims
        self.exact_limit = exact_limit
        self.compact_batch = compact_batch
        self.build_after = build_after
        self._index = Index(ndim=2 * dims, metric="ip", dtype="f16", expansion_search=EXPANSION_SEARCH)
        self._key_of: dict[str, int] = {}
        self._id_of: dict[int, str] = {}
        self._next_key = 0
        self._stale: list[int] = []
        self._waiting_keys = np.empty(0, dtype=np.uint64)
        self._waiting = np.empty((0, 2 * dims), dtype=np.float16)
        """Vectors put ``later``, outside the graph, and their keys (also those of events removed since)."""
        self._waiting_set: set[int] = set()
        self._waiting_gone = 0
        """Keys among the waiting that no longer name a live event."""
        self._searches = 0

    def __len__(self) -> int:
        return len(self._key_of)

    def __contains__(self, event_id: object) -> bool:
        return event_id in self._key_of

    def put(self, event_id: str, lead: np.ndarray, body: np.ndarray) -> None:
        """Index an event's unit lead and body centroids, replacing its previous vectors."""
        if event_id in self._key_of:
            self.remove(event_id)
        key = self._next_key
        self._next_key += 1
        self._index.add(key, np.concatenate([lead, body]).astype(np.float32))
        self._key_of[event_id] = key
        self._id_of[key] = event_id

    def put_many(self, event_ids: list[str], leads: np.ndarray, bodies: np.ndarray, later: bool = False) -> None:
        """Index many events in one call (usearch adds a batch on all cores); ``later``: outside the graph, scanned
        by each search until :data:`BUILD_AFTER` searches have been made (a store's live events at start-up)."""
        if not event_ids:
            return
        for event_id in event_ids:
            if event_id in self._key_of:
                self.remove(event_id)
        keys = np.arange(self._next_key, self._next_key + len(event_ids), dtype=np.uint64)
        self._next_key += len(event_ids)
        vectors = np.hstack([leads, bodies])
        if later:
            self._waiting_keys = np.concatenate([self._waiting_keys, keys])
            self._waiting = np.concatenate([self._waiting, vectors.astype(np.float16)])
            self._waiting_set.update(keys.tolist())
        else:
            self._index.add(keys, vectors.astype(np.float32))
        for event_id, key in zip(event_ids, keys.tolist()):
            self._key_of[event_id] = key
            self._id_of[key] = event_id

    def remove(self, event_id: str) -> None:
        """Forget an event at once; its vector leaves usearch with the next batch of stale keys."""
        key = self._key_of.pop(event_id)
        del self._id_of[key]
        if key in self._waiting_set:
            self._waiting_set.discard(key)
            self._waiting_gone += 1
            return
        self._stale.append(key)
        if len(self._stale) >= self.compact_batch:
            self._index.remove(self._stale, compact=True)
            self._stale = []

    def search_many(self, leads: np.ndarray, bodies: np.ndarray, count: int) -> list[list[str]]:
        """:meth:`search` for many queries in one call, which usearch spreads over all cores: linking a whole store."""
        if not self._key_of or not len(leads):
            return [[] for _ in range(len(leads))]
        return self._search(np.hstack([leads, bodies]).astype(np.float32), count)

    def search(self, lead: np.ndarray, body: np.ndarray, count: int) -> list[str]:
        """Up to ``count`` event ids, highest lead plus body cosine first."""
        if not self._key_of:
            return []
        return self._search(np.concatenate([lead, body]).astype(np.float32)[None, :], count)[0]

    def _search(self, queries: np.ndarray, count: int) -> list[list[str]]:
        """The ``count`` best live events per query, with stale keys skipped.

        Stale keys crowd a result only near events that moved or retired, so
        the first search asks for at most ``count`` more; a query that still
        comes up short is searched again with room for every stale key.
        """
        self._searches += len(queries)
        if len(self._waiting_keys) and self._searches >= self.build_after:
            self._build()
        wanted = min(count, len(self._key_of))
        found = self._live_matches(queries, wanted + min(len(self._stale), count))
        short = [row for row, ids in enumerate(found) if len(ids) < wanted]
        if short and len(self._stale) > count:
            for row, ids in zip(short, self._live_matches(queries[short], wanted + len(self._stale)), strict=True):
                found[row] = ids
        return [ids[:wanted] for ids in found]

    def _build(self) -> None:
        """Put the waiting vectors of live events into the graph, in one batch."""
        live = np.fromiter((key in self._waiting_set for key in self._waiting_keys.tolist()), bool, len(self._waiting_keys))
        if live.any():
            self._index.add(self._waiting_keys[live], self._waiting[live].astype(np.float32))
        self._waiting_keys = np.empty(0, dtype=np.uint64)
        self._waiting = np.empty((0, 2 * self.dims), dtype=np.float16)
        self._waiting_set.clear()
        self._waiting_gone = 0

    def _live_matches(self, queries: np.ndarray, count: int) -> list[list[str]]:
        """The ``count`` nearest keys per query in the graph and among the waiting, as event ids, best first,
        stale ones left out."""
        found: list[list[tuple[float, int]]] = [[] for _ in queries]
        if len(self._index):
            matches = self._index.search(queries, count, exact=len(self._key_of) <= self.exact_limit)
            for row, (keys, distances) in enumerate(_rows(matches, len(queries))):
                found[row] += zip(distances, keys)
        if len(self._waiting_keys):
            scan = min(len(self._waiting_keys), count + self._waiting_gone)  # enough to hold ``count`` live ones
            matches = exhaustive_search(self._waiting, queries, scan, MetricKind.IP, exact=True)
            for row, (positions, distances) in enumerate(_rows(matches, len(queries))):
                found[row] += zip(distances, self._waiting_keys[positions].tolist())
        return [[self._id_of[key] for _, key in sorted(pairs) if key in self._id_of] for pairs in found]


def _rows(matches: Matches | BatchMatches, queries: int) -> list[tuple[list[int], list[float]]]:
    """usearch's matches as (keys, distances) per query."""
    if queries == 1:  # usearch answers a single query with flat Matches, without counts
        return [(matches.keys.tolist(), matches.distances.tolist())]
    return [
        (keys[:found], distances[:found])
        for keys, distances, found in zip(
            matches.keys.tolist(), matches.distances.tolist(), matches.counts.tolist(), strict=True
        )
    ]
