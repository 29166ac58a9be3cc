"""Linking events into storylines, lazily: from the events, when asked for (the store keeps the result
until events change, :meth:`storyline.store.SQLStore.cache_storylines`).

A storyline is a run of events about one developing situation (a withdrawal
from one base, then from the next). Events are linked when the event model,
applied to the two events' centroids as if one were an article, judges them
alike enough (``threshold``, calibrated on labelled streams by
:func:`storyline.calibration.calibrate_storylines`), and when their dates are no further apart than
``window_days``: two earthquakes years apart share every topic word and are
still two stories. An event no source dated is timed by when its articles
arrived (:func:`timed`). Only each event's nearest events are candidates, so the work is one
nearest-neighbour search per event, not a comparison of every pair.

A storyline's id is derived from its oldest event, so it stays the same as
long as that event belongs to it, however the rest of the storyline grows.

Storylines that are not one story may still share a topic: an offensive on a
last stronghold and, years later, a withdrawal from the same country. Each
storyline lists the others whose events' texts are that close (the model's
``topic_cosine`` on body centroids, with no time window), so that an analyst,
and the staleness check, can see an old story beside the current one.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, replace
from datetime import datetime

import numpy as np

from storyline.cluster.index import EXACT_LIMIT, LiveIndex
from storyline.cluster.online import merged_state
from storyline.cluster.scoring import EventModel, days_apart, pair_features, pairwise_features, unit
from storyline.models import EventState, Storyline

Arrivals = Mapping[str, tuple[datetime, datetime]]
"""When the articles of each event arrived (first, last), by event id."""

NEIGHBOURS = 10
"""Nearest events (by vectors) considered for links from each event."""
EXACT_BLOCK = 2048
"""Events whose neighbours one matrix product finds: 2048 x 20,000 inner products are 160 MB of float32."""


def _exact_nearest(vectors: np.ndarray, count: int) -> list[list[int]]:
    """Each row's ``count`` rows of highest inner product (itself among them), exhaustively.

    Blocks of rows against all rows as matrix products: on 10,000 events, several
    times faster than one exhaustive index query per event.
    """
    count = min(count, len(vectors))
    nearest: list[list[int]] = []
    for start in range(0, len(vectors), EXACT_BLOCK):
        products = vectors[start : start + EXACT_BLOCK] @ vectors.T
        nearest.extend(np.argpartition(-products, count - 1, axis=1)[:, :count].tolist())
    return nearest


def storyline_id_for(event_id: str) -> str:
    """A storyline's id, derived from its oldest event's id."""
    return "sl-" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:12]


def _sort_key(state: EventState, position: int) -> tuple[float, int]:
    return (state.first_seen.timestamp() if state.first_seen else math.inf, position)


def timed(state: EventState, arrivals: Arrivals) -> EventState:
    """The event as the time window sees it: over its publication dates, or, when its sources gave none, over
    when its articles arrived.

    Without a time an undated event could be linked to one of any age: a page from
    2019 resurfacing beside this week's undated wire copies. In a live feed an
    undated article was written about when it came; the staleness check keeps the same clock.
    """
    if state.first_seen is not None or state.id not in arrivals:
        return state
    first, last = arrivals[state.id]
    return replace(state, first_seen=first, last_seen=last)


class StorylineLinker:
    """Links events into storylines (``link``), from scratch each time.

    Parameters
    ----------
    model
        The article-to-event model, applied to pairs of event centroids.
    threshold
        Link probability at or above which two events are one storyline (default: the model's
        calibrated ``storyline_threshold``).
    window_days
        Dated events further apart than this are never linked.
    neighbours
        Nearest events (by vectors) examined per event.
    """

    def __init__(
        self,
        model: EventModel | None = None,
        threshold: float | None = None,
        window_days: float = 60.0,
        neighbours: int = NEIGHBOURS,
    ) -> None:
        self.model = model or EventModel.load()
        self.threshold = self.model.storyline_threshold if threshold is None else threshold
        if not 0.0 < self.threshold < 1.0 or window_days <= 0 or neighbours < 1:
            raise ValueError("threshold must be in (0, 1), window_days and neighbours positive")
        self.window_days = window_days
        self.neighbours = neighbours

    @property
    def fingerprint(self) -> str:
        """What the links depend on besides the events: the model and the linking's parameters."""
        settings = json.dumps([asdict(self.model), self.threshold, self.window_days, self.neighbours], sort_keys=True)
        return hashlib.sha1(settings.encode("utf-8")).hexdigest()

    def _near_pairs(self, leads: np.ndarray, bodies: np.ndarray) -> list[tuple[int, int]]:
        """Every (i, j), i < j, where one event is among the other's nearest by its unit lead and body centroids."""
        if len(leads) < 2:
            return []
        if len(leads) <= EXACT_LIMIT:
            nearest = _exact_nearest(np.hstack([leads, bodies]), self.neighbours + 1)
        else:
            index = LiveIndex(leads.shape[1])
            index.put_many([str(i) for i in range(len(leads))], leads, bodies)
            nearest = [[int(key) for key in keys] for keys in index.search_many(leads, bodies, self.neighbours + 1)]
        pairs: set[tuple[int, int]] = set()
        for i, found in enumerate(nearest):
            for j in found:
                if j != i:
                    pairs.add((min(i, j), max(i, j)))
        return sorted(pairs)

    def _links(self, states: Sequence[EventState], pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int, float]]:
        """(i, j, probability) for the near pairs that may be linked: within the time window."""
        near = [
            (i, j) for i, j in pairs if (gap := days_apart(states[i], states[j])) is None or gap <= self.window_days
        ]
        probabilities = self.model.probability(pairwise_features(states, near)).tolist()
        return [(i, j, probability) for (i, j), probability in zip(near, probabilities)]

    def link(self, states: Sequence[EventState], arrivals: Arrivals | None = None) -> list[Storyline]:
        """The storylines of ``states`` (given oldest first), each with its events in time order.

        ``arrivals`` times the undated events for the window (:func:`timed`);
        a storyline's dates stay those its events were published on.

        Candidate links are taken strongest first; two storylines join when the
        model still judges their combined centroids alike (centroid linkage).
        Single linkage would chain a storyline through one borderline pair into
        its neighbour of the same kind; re-scoring the whole storylines does not.
        """
        root = list(range(len(states)))
        in_time = [timed(state, arrivals or {}) for state in states]
        combined = dict(enumerate(in_time))

        def find(position: int) -> int:
            while root[position] != position:
                root[position] = root[root[position]]
                position = root[position]
            return position

        leads = np.array([unit(s.lead_sum) for s in states], dtype=np.float32)
        bodies = np.array([unit(s.body_sum) for s in states], dtype=np.float32)
        pairs = self._near_pairs(leads, bodies)
        for probability, i, j in sorted(((p, i, j) for i, j, p in self._links(in_time, pairs)), reverse=True):
            if probability < self.threshold:
                break
            a, b = sorted((find(i), find(j)))
            if a == b:
                continue
            gap = days_apart(combined[a], combined[b])
            if gap is not None and gap > self.window_days:
                continue
            if self.model.probability(pair_features(combined[a], combined[b])[None, :])[0] >= self.threshold:
                # The older storyline's root stays the root, so the storyline is named after its oldest event.
                root[b] = a
                combined[a] = merged_state(combined[a], combined.pop(b))
        groups: dict[int, list[int]] = {}
        for position in range(len(states)):
            groups.setdefault(find(position), []).append(position)
        related = self._related(bodies, pairs, find)
        storylines = []
        for first, members in sorted(groups.items()):
            ordered = sorted(members, key=lambda p: _sort_key(states[p], p))
            largest = max(members, key=lambda p: (states[p].size, -p))
            dated = [states[p] for p in members if states[p].first_seen is not None]
            storylines.append(
                Storyline(
                    id=storyline_id_for(states[first].id),
                    label=states[largest].label,
                    event_ids=tuple(states[p].id for p in ordered),
                    first_seen=min((s.first_seen for s in dated), default=None),
                    last_seen=max((s.last_seen for s in dated), default=None),
                    related=tuple(sorted(storyline_id_for(states[r].id) for r in related.get(first, ()))),
                )
            )
        return storylines

    def _related(
        self, bodies: np.ndarray, pairs: Sequence[tuple[int, int]], root: Callable[[int], int]
    ) -> dict[int, set[int]]:
        """Storyline roots on one topic with each root: some near pair of their events at ``topic_cosine``, any time apart."""
        related: dict[int, set[int]] = {}
        for i, j in pairs:
            a, b = root(i), root(j)
            if a != b and float(bodies[i] @ bodies[j]) >= self.model.topic_cosine:
                related.setdefault(a, set()).add(b)
                related.setdefault(b, set()).add(a)
        return related
