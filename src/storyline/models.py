"""The data model shared by every stage: plain frozen dataclasses, no behaviour.

Data flows one way: a source yields :class:`Document` (or :class:`Rejection`),
normalize turns a Document into an :class:`Article`, dedup finds :class:`Copy`
relations, clustering groups articles into :class:`Event` records, and the
store keeps them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

import numpy as np

CopyKind = Literal["exact", "near", "rewrite", "translation"]
COPY_KINDS: tuple[CopyKind, ...] = ("exact", "near", "rewrite", "translation")


@dataclass(frozen=True)
class Document:
    """One article as a source found it, before any cleaning.

    ``origin`` names where it came from (a path, with ``:LINE`` for a row of a
    JSONL or CSV file) so that every message about it can point the user there.
    """

    id: str
    origin: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: datetime | None = None
    byline: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Rejection:
    """An input that could not be used, with a one-line reason."""

    origin: str
    reason: str


@dataclass(frozen=True)
class Segment:
    """A run of consecutive paragraphs in one language."""

    language: str
    text: str


@dataclass(frozen=True)
class Article:
    """A cleaned article: repaired text without page furniture, split by language.

    ``text`` holds the paragraphs separated by blank lines. ``dateline`` is the
    place named in a dateline ("KABUL -"), ``credits`` the news agencies the
    article credits (dateline tag, trailing tag, "told AFP"): both are hints
    for where the event happened and who reported it first.
    ``published_inferred`` is true when ``published`` was read from the text (a
    date line, or the latest full day it writes) rather than given by the source. ``cleaning`` says, in words,
    what normalisation changed, so a user can see why the text differs from
    the input.
    """

    id: str
    origin: str
    text: str
    content_hash: str
    segments: tuple[Segment, ...]
    language: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: datetime | None = None
    byline: str | None = None
    dateline: str | None = None
    credits: tuple[str, ...] = ()
    cleaning: tuple[str, ...] = ()
    quality: tuple[str, ...] = ()
    """Content-farm signs the page shows (:mod:`storyline.normalize.quality`), in words."""
    published_inferred: bool = False

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language present, in order of first appearance."""
        return tuple(dict.fromkeys(s.language for s in self.segments))


@dataclass(frozen=True)
class Copy:
    """``article_id`` copies ``original_id``; ``score`` is the evidence in [0, 1].

    ``changes`` are the facts that differ from the original, as ``(original's text, copy's text, kind)``.
    """

    article_id: str
    original_id: str
    kind: CopyKind
    score: float
    changes: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Event:
    """Articles reporting one real-world happening."""

    id: str
    label: str
    article_ids: tuple[str, ...]
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    languages: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    """News agencies its articles credit: who reported it, when the outlets are unknown."""


@dataclass(frozen=True)
class Merge:
    """Event ``event_id`` merged into ``into_id`` when ``article_id`` showed them to be one event.

    Ids are never renumbered: the absorbed event's id stays in the store and
    leads to the event it became part of.
    """

    event_id: str
    into_id: str
    article_id: str
    probability: float


@dataclass(frozen=True)
class Split:
    """Event ``event_id`` cut in two when ``article_id`` joined it: ``moved`` went to the new event ``into_id``.

    The model judged the two groups of articles as apart as two events it
    would not merge (``probability`` is its judgement of the two). The event
    keeps its id and the articles that stayed.
    """

    event_id: str
    into_id: str
    article_id: str
    moved: tuple[str, ...]
    probability: float


@dataclass(frozen=True)
class Storyline:
    """Events about one developing situation, in time order (undated ones last).

    ``related`` are the ids of other storylines on the same topic: events too far
    apart in time or too unlike to be one story, whose texts are still about the
    same thing (an offensive on a last stronghold, years before the withdrawal).
    """

    id: str
    label: str
    event_ids: tuple[str, ...]
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: ``key`` is language-neutral (``geonames:ID``); countries have no coordinates (NaN)."""

    key: str
    name: str
    country: str
    latitude: float
    longitude: float
    population: int
    kind: Literal["city", "country"]


MentionKind = Literal["person", "organisation", "place", "date", "figure", "quote"]


@dataclass(frozen=True)
class Mention:
    """Something an article names, as written (``text``) and normalised (``value``): an entity's
    language-neutral key (``geonames:170654``, ``person:dnld-trmb``), a date's days
    (``2026-02-11``, ``2026-02-16/2026-03-16``; empty when it could not be resolved), a
    figure's number and what it counts (``~1000 troops``), or who makes a statement.

    ``near`` is set on a place the gazetteer lacks (a base, a camp) that the text
    locates ("the Ain al-Asad base in Anbar province"): the key of the town that
    locates it, whose coordinates stand for it. A relation of this mention, not of
    the place: another article may locate the same base otherwise, or not at all."""

    kind: MentionKind
    text: str
    value: str
    sentence: int
    near: str = ""


@dataclass(frozen=True)
class Claim:
    """A value an article states on a point, and who states it.

    ``subject`` names the point: ``deadline`` for when something will be done,
    or what a figure counts (``troops``); ``value`` is normalised (a resolved
    interval, ``~1000 troops``) so that claims compare across wording and
    language; ``speaker`` is who the article says makes the claim, None when
    the article states it in its own voice. A place's status may say where those
    leaving went (``to``, the place as written: "withdrawn to Qatar") and when
    (``when``: the day the sentence gives, resolved when the article is dated,
    else as written: "July 2", "today").
    """

    subject: str
    value: str
    text: str
    speaker: str | None
    sentence: int
    to: str | None = None
    when: str | None = None


DateKind = Literal["day", "month", "year", "interval", "deadline", "weekday", "relative"]


@dataclass(frozen=True)
class DateMention:
    """A date expression in sentence ``sentence``, characters ``start:end``, and the days it may mean.

    A day has ``earliest == latest``; a month, a year, a span or a deadline is the
    interval between. Both bounds are None when resolving needs an anchor that is
    missing: no publication date, or another event ("two days later").
    """

    text: str
    start: int
    end: int
    sentence: int
    kind: DateKind
    earliest: date | None
    latest: date | None


@dataclass(frozen=True, eq=False)
class Features:
    """What enrich computes for one article and the stateful stages compare.

    Vectors are float32 and L2-normalised, from one multilingual encoder, so a
    dot product is a cosine across languages. ``lead`` embeds the title and the
    opening sentences of each language segment, where news puts the event;
    ``body`` is the mean of all sentence vectors. ``terms`` (words) and
    ``names`` (script-neutral name keys) are sparse L2-normalised vectors of
    rarity-weighted terms: the lexical evidence.
    """

    article: Article
    sentences: tuple[str, ...]
    sentence_vectors: np.ndarray
    sentence_languages: tuple[str, ...]
    lead: np.ndarray
    body: np.ndarray
    terms: dict[str, float]
    names: dict[str, float]
    places: tuple[Place, ...] = ()
    focal: Place | None = None
    mentions: tuple[Mention, ...] = ()
    """Entities and dates in reading order, as stored and exported."""
    claims: tuple[Claim, ...] = ()
    inferred_published: datetime | None = None
    """For an article its source left undated, the publication date read from the latest full day its text
    writes; stored as its publication date (marked inferred) and read by provenance, not by the clusterer."""

    @property
    def published(self) -> datetime | None:
        """The publication date as stored: the source's (or a date line's), else the one read from the text."""
        return self.article.published or self.inferred_published

    @property
    def published_inferred(self) -> bool:
        """Whether :attr:`published` was read from the text rather than given by the source."""
        return self.article.published_inferred or self.inferred_published is not None


@dataclass(frozen=True, eq=False)
class EventState:
    """The live state of an event in the online clusterer, persisted with it.

    Sums rather than means are kept so that adding an article is O(1) and the
    centroid stays exact however many articles join.
    """

    id: str
    label: str
    size: int
    lead_sum: np.ndarray
    body_sum: np.ndarray
    terms_sum: dict[str, float]
    names_sum: dict[str, float]
    focal_points: tuple[tuple[float, float], ...] = ()
    first_seen: datetime | None = None
    last_seen: datetime | None = None


@dataclass(frozen=True, eq=False)
class Placed:
    """A new article with everything the later stages decided about it, ready to store."""

    features: Features
    signature: np.ndarray
    event_id: str
    """The event the article is in at the end of its batch, after the batch's merges and splits."""
    translations: tuple[Translation, ...] = ()


@dataclass(frozen=True)
class Translation:
    """Inside one article, the ``language`` segments translate the ``of_language`` ones (alignment ``score``)."""

    language: str
    of_language: str
    score: float


@dataclass(frozen=True, eq=False)
class ArticleRecord:
    """What the stateful stages need about a stored article to rebuild their indexes."""

    id: str
    seq: int
    content_hash: str
    language: str
    published: datetime | None
    credits: tuple[str, ...]
    length: int
    event_id: str | None
    signature: np.ndarray
    body: np.ndarray
