"""Online event clustering: each article joins the closest live event or founds a new one.

An article is compared with every live event's centroid on two views: its
lead (title and opening sentences, where news states the event) and its body.
The lead carries most of the weight because two stories on one topic share
their background paragraphs but not their lead. An event's pull decays with
the time between its last article and the newcomer (``half_life_days``), and
events silent for longer than ``horizon_days`` leave the live set (they stay
in the store).
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime

import numpy as np

from storyline.models import EventState, Features

LABEL_CHARS = 120


def event_id_for(article_id: str) -> str:
    """A stable event id derived from the founding article, so re-runs give the same ids."""
    return "ev-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


def label_for(features: Features) -> str:
    """The founding article's title, or its first sentence, cut at a word boundary."""
    text = features.article.title or (features.sentences[0] if features.sentences else features.article.text)
    text = " ".join(text.split())
    if len(text) <= LABEL_CHARS:
        return text
    return text[:LABEL_CHARS].rsplit(" ", 1)[0] + "…"


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


class EventClusterer:
    """Single-pass clustering with time decay, in the ``predict_one`` / ``learn_one`` shape.

    Parameters
    ----------
    threshold
        Score from which an article joins an event rather than founding one.
    lead_weight
        Share of the lead cosine in the score (the body cosine has the rest).
    half_life_days
        Days after which an event's pull on a new article is halved.
    horizon_days
        Events whose last article is older than this (relative to the newcomer) are not candidates.
    """

    def __init__(
        self,
        threshold: float = 0.75,
        lead_weight: float = 0.6,
        half_life_days: float = 7.0,
        horizon_days: float = 60.0,
    ) -> None:
        if not 0.0 <= lead_weight <= 1.0:
            raise ValueError("lead_weight must be in [0, 1]")
        if half_life_days <= 0 or horizon_days <= 0:
            raise ValueError("half_life_days and horizon_days must be positive")
        self.threshold = threshold
        self.lead_weight = lead_weight
        self.half_life_days = half_life_days
        self.horizon_days = horizon_days
        self._states: dict[str, EventState] = {}
        self._ids: list[str] = []
        self._row: dict[str, int] = {}
        self._leads = np.zeros((0, 0), dtype=np.float32)
        self._bodies = np.zeros((0, 0), dtype=np.float32)
        self._last: list[datetime | None] = []

    def scores(self, features: Features) -> dict[str, float]:
        """Score of the article against every live event."""
        if not self._ids:
            return {}
        count = len(self._ids)
        lead = self._leads[:count] @ features.lead
        body = self._bodies[:count] @ features.body
        combined = self.lead_weight * lead + (1 - self.lead_weight) * body
        published = features.article.published
        result = {}
        for index, event_id in enumerate(self._ids):
            last = self._last[index]
            score = float(combined[index])
            if published is not None and last is not None:
                gap = abs((published - last).total_seconds()) / 86400
                if gap > self.horizon_days:
                    continue
                score *= math.pow(2.0, -gap / self.half_life_days)
            result[event_id] = score
        return result

    def predict_one(self, features: Features) -> str | None:
        """The event the article belongs to, or None for a new event."""
        scores = self.scores(features)
        if not scores:
            return None
        best = max(scores, key=scores.__getitem__)
        return best if scores[best] >= self.threshold else None

    def learn_one(self, features: Features, event_id: str | None) -> EventState:
        """Add the article to ``event_id`` (or found a new event) and return the event's new state."""
        published = features.article.published
        if event_id is None or event_id not in self._states:
            state = EventState(
                id=event_id or event_id_for(features.article.id),
                label=label_for(features),
                size=1,
                lead_sum=features.lead.astype(np.float32),
                body_sum=features.body.astype(np.float32),
                first_seen=published,
                last_seen=published,
            )
        else:
            old = self._states[event_id]
            dates = [d for d in (old.first_seen, old.last_seen, published) if d is not None]
            state = EventState(
                id=old.id,
                label=old.label,
                size=old.size + 1,
                lead_sum=old.lead_sum + features.lead,
                body_sum=old.body_sum + features.body,
                first_seen=min(dates) if dates else None,
                last_seen=max(dates) if dates else None,
            )
        self.restore(state)
        return state

    def restore(self, state: EventState) -> None:
        """Put an event's state into the live index (new, updated, or loaded from the store)."""
        self._states[state.id] = state
        if state.id not in self._row:
            index = len(self._ids)
            if index == len(self._leads):
                size = max(256, 2 * index)
                dims = len(state.lead_sum)
                for name in ("_leads", "_bodies"):
                    grown = np.zeros((size, dims), dtype=np.float32)
                    if index:
                        grown[:index] = getattr(self, name)[:index]
                    setattr(self, name, grown)
            self._row[state.id] = index
            self._ids.append(state.id)
            self._last.append(None)
        index = self._row[state.id]
        self._leads[index] = _unit(state.lead_sum)
        self._bodies[index] = _unit(state.body_sum)
        self._last[index] = state.last_seen

    def event_of(self, event_id: str) -> EventState:
        return self._states[event_id]
