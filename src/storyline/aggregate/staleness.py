"""Stale articles: old reports that resurface among current ones.

A scraped page from years ago arrives in the stream beside today's reports
on the same subject; read as news, it misleads. An article is stale when every
other article of its context is more than ``after_days`` newer than it:

- its time is its publication date, given by the source or read from its
  text; an undated article is taken to be as recent as its arrival, since
  Storyline reads what it ingests as a live stream (an archive ingested
  without dates therefore looks current);
- its context is the rest of its storyline, the reports it is part of; an
  article alone in its storyline is compared with the storylines on its topic
  (:attr:`~storyline.models.Storyline.related`), since a resurfaced story
  rarely has company of its own.

Older coverage in the context keeps an article from being stale: the early
reports of a long storyline have their contemporaries, and an old article
beside the rest of its own time is archive, not a resurfaced page. An article
with no context is never stale: there is nothing it is old beside.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from storyline.models import Storyline


def _reason(time: datetime, newer: datetime, context: str) -> str:
    days = (newer - time).total_seconds() / 86400
    return f"dated {time.date().isoformat()}, {days:,.0f} days before the rest of {context} ({newer.date().isoformat()} on)"


def stale_articles(
    storylines: Iterable[Storyline],
    placements: Iterable[tuple[str, str | None]],
    times: Mapping[str, datetime],
    after_days: float,
) -> dict[str, str]:
    """Why each stale article is stale, by article id.

    ``placements`` are (article id, event id) pairs; ``times`` each article's
    time (publication date, or arrival when undated).
    """
    listed = list(storylines)
    storyline_of = {event_id: storyline.id for storyline in listed for event_id in storyline.event_ids}
    members: dict[str, list[str]] = {}
    for article_id, event_id in placements:
        if event_id in storyline_of:
            members.setdefault(storyline_of[event_id], []).append(article_id)
    found: dict[str, str] = {}
    for storyline in listed:
        ids = sorted(members.get(storyline.id, []), key=times.__getitem__)
        if len(ids) > 1:
            oldest, rest, context = ids[0], times[ids[1]], "its storyline"
        elif ids:
            related = [times[other] for story in storyline.related for other in members.get(story, ())]
            if not related:
                continue
            oldest, rest, context = ids[0], min(related), "the storylines on its topic"
        else:
            continue
        if (rest - times[oldest]).total_seconds() > after_days * 86400:
            found[oldest] = _reason(times[oldest], rest, context)
    return found
