"""Read models shared by every presenter (CLI now, HTTP API later): plain JSON-ready dicts."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from storyline.aggregate import claim_entry, disagreements, stale_articles
from storyline.cluster.storylines import StorylineLinker
from storyline.enrich import split_sentences
from storyline.enrich.places import gazetteer
from storyline.models import Article, Mention, Split, Storyline
from storyline.normalize.quality import is_low_quality
from storyline.store import SQLStore

HEADLINE_CHARS = 100


def headline(article: Article) -> str:
    """The title, or the first sentence, shortened for a table cell."""
    sentences = split_sentences(article.text)
    text = article.title or (sentences[0] if sentences else article.text)
    text = " ".join(text.split())
    return text if len(text) <= HEADLINE_CHARS else text[:HEADLINE_CHARS].rsplit(" ", 1)[0] + "…"


def storylines(store: SQLStore, window_days: float) -> list[Storyline]:
    """The stored events linked into storylines: linked when asked for, and cached in the store until events change.

    Linking a whole store takes minutes at 100,000 events (``benchmarks/storyline_linking.py``);
    an analyst reading an archive asks ``show``, ``export`` and ``storylines`` again and again
    of the same events.
    """
    linker = StorylineLinker(window_days=window_days)
    fingerprint = linker.fingerprint
    cached = store.cached_storylines(fingerprint)
    if cached is not None:
        return cached
    version = store.events_version()
    linked = linker.link(store.event_states(), store.event_arrivals())
    store.cache_storylines(linked, fingerprint, version)
    return linked


def stale(store: SQLStore, linked: list[Storyline], after_days: float) -> dict[str, str]:
    """Why each stale article is stale, by id (:mod:`storyline.aggregate.staleness`); an undated one's time is its arrival."""
    arrivals = store.arrivals()
    return stale_articles(
        linked,
        ((article_id, event_id) for article_id, (event_id, _, _) in arrivals.items()),
        {article_id: published or arrived for article_id, (_, published, arrived) in arrivals.items()},
        after_days,
    )


def event_detail(store: SQLStore, event_id: str, window_days: float, stale_after_days: float) -> dict[str, Any] | None:
    """An event with its articles, each with its original and copy kind; a merged id leads to the event it joined.

    Its merges and splits are listed: ``merged_from`` the events it absorbed,
    ``split_from`` the event it was cut from, ``split_into`` the events cut from it.

    Its storyline, the storylines on its topic and which of its articles are stale
    are computed now, from every stored event.
    """
    current = store.current_event(event_id)
    event = next((e for e in store.events() if e.id == current), None)
    if event is None:
        return None
    event_id = event.id
    linked = storylines(store, window_days)
    storyline = next(s for s in linked if event_id in s.event_ids)
    old = stale(store, linked, stale_after_days)
    copies = store.copies()
    translations = store.translations(event_id)
    mentions = store.mentions(event_id)
    claims = store.claims(event_id)
    splits = store.splits()
    articles = []
    for article in store.articles(event_id=event_id):
        copy = copies.get(article.id)
        articles.append(
            {
                "id": article.id,
                "source": article.source,
                "url": article.url,
                "title": article.title,
                "headline": headline(article),
                "published": article.published.isoformat() if article.published else None,
                "published_inferred": article.published_inferred,
                "languages": list(article.languages),
                "dateline": article.dateline,
                "credits": list(article.credits),
                "cleaning": list(article.cleaning),
                "quality": "low" if is_low_quality(article.quality) else "ok",
                "quality_signs": list(article.quality),
                "stale": article.id in old,
                "stale_reason": old.get(article.id),
                "duplicate_of": copy.original_id if copy else None,
                "copy_kind": copy.kind if copy else None,
                "copy_score": round(copy.score, 3) if copy else None,
                "changes": [{"original": a, "copy": b, "kind": kind} for a, b, kind in copy.changes] if copy else [],
                "translations": [
                    {"language": t.language, "of": t.of_language, "score": round(t.score, 3)}
                    for t in translations.get(article.id, ())
                ],
            }
        )
    return {
        "id": event.id,
        "label": event.label,
        "merged_from": [
            {"event": m.event_id, "article": m.article_id, "probability": round(m.probability, 3)}
            for m in store.merges()
            if m.into_id == event.id
        ],
        "split_from": [_split(s, s.event_id) for s in splits if s.into_id == event.id],
        "split_into": [_split(s, s.into_id) for s in splits if s.event_id == event.id],
        "storyline": storyline.id,
        "related_storylines": list(storyline.related),
        "first_seen": event.first_seen.isoformat() if event.first_seen else None,
        "last_seen": event.last_seen.isoformat() if event.last_seen else None,
        "languages": list(event.languages),
        "sources": list(event.sources),
        "credits": list(event.credits),
        "articles": articles,
        **mention_summary(mentions),
        "claims": [
            {"subject": c.subject, **claim_entry(c, article_id)} for article_id, found in claims.items() for c in found
        ],
        "disagreements": disagreements(claims),
    }


def _split(split: Split, other: str) -> dict[str, Any]:
    """A split as ``show --json`` lists it, from one side: ``other`` is the event on the far side."""
    return {"event": other, "article": split.article_id, "probability": round(split.probability, 3), "moved": list(split.moved)}


def mention_summary(mentions: dict[str, tuple[Mention, ...]]) -> dict[str, list[dict[str, Any]]]:
    """An event's entities and places (one entry per key, named as most articles write it),
    and its dates, figures and statements with the article each comes from."""
    named: dict[str, Counter[str]] = {}
    kinds: dict[str, str] = {}
    articles: dict[str, set[str]] = {}
    near: dict[str, Counter[str]] = {}
    listed: dict[str, list[dict[str, Any]]] = {"dates": [], "figures": [], "quotes": []}
    for article_id, found in mentions.items():
        for mention in found:
            if mention.kind == "date":
                listed["dates"].append({"text": mention.text, "value": mention.value or None, "article": article_id})
                continue
            if mention.kind == "figure":
                listed["figures"].append({"text": mention.text, "value": mention.value, "article": article_id})
                continue
            if mention.kind == "quote":
                listed["quotes"].append({"text": mention.text, "speaker": mention.value, "article": article_id})
                continue
            named.setdefault(mention.value, Counter())[mention.text] += 1
            kinds[mention.value] = mention.kind
            articles.setdefault(mention.value, set()).add(article_id)
            if mention.near:
                near.setdefault(mention.value, Counter())[mention.near] += 1
    order = sorted(named, key=lambda key: (-len(articles[key]), -sum(named[key].values()), key))
    entities = [
        {"name": named[key].most_common(1)[0][0], "kind": kinds[key], "key": key, "articles": len(articles[key])}
        for key in order
    ]
    # A place the gazetteer lacks is located by the town the event's articles most often say it lies in.
    located_by = {key: towns.most_common(1)[0][0] for key, towns in near.items()}
    return {
        "entities": entities,
        "places": [
            _place(entity, located_by.get(entity["key"]), named) for entity in entities if entity["kind"] == "place"
        ],
        **listed,
    }


def _place(entity: dict[str, Any], near: str | None, named: dict[str, Counter[str]]) -> dict[str, Any]:
    """A place entity with its coordinates and country: the gazetteer's own, else those of the town
    ``near`` that the text says it lies in or by (a base or a camp the gazetteer lacks), else none.
    ``located_by`` names that town as the event writes it most often (the gazetteer's name when unwritten)."""
    own = gazetteer().place(entity["key"])
    town = gazetteer().place(near) if near and own is None else None
    place = own or town
    located = place is not None and not math.isnan(place.latitude)
    located_by = None
    if town is not None:
        located_by = named[town.key].most_common(1)[0][0] if town.key in named else town.name
    return {
        "name": entity["name"],
        "key": entity["key"],
        "lat": place.latitude if located else None,
        "lon": place.longitude if located else None,
        "country": place.country if place is not None else None,
        "located_by": located_by,
    }


def _exported(mentions: Iterable[Mention]) -> list[dict[str, str]]:
    """Each mention as written and normalised; a place the text locates by a town also says which (``near``)."""
    return [{"kind": m.kind, "text": m.text, "value": m.value, **({"near": m.near} if m.near else {})} for m in mentions]


def export_rows(store: SQLStore, window_days: float, stale_after_days: float) -> Iterator[dict[str, Any]]:
    """One row per article in the interchange format of DESIGN.md, in arrival order, with storylines linked now."""
    copies = store.copies()
    linked = storylines(store, window_days)
    storyline_of = {event_id: s.id for s in linked for event_id in s.event_ids}
    old = stale(store, linked, stale_after_days)
    for article_id, event_id, languages, mentions, quality in store.placements():
        copy = copies.get(article_id)
        yield {
            "id": article_id,
            "event": event_id,
            "storyline": storyline_of.get(event_id) if event_id else None,
            "duplicate_of": copy.original_id if copy else None,
            "copy_kind": copy.kind if copy else None,
            "languages": sorted(languages),
            "mentions": _exported(mentions),
            "quality": "low" if is_low_quality(quality) else "ok",
            "quality_signs": list(quality),
            "stale": article_id in old,
            "stale_reason": old.get(article_id),
        }
