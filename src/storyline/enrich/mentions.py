"""The mentions an article is stored and exported with: its entities and dates in one list.

Entities carry their language-neutral key as value; dates the days they
resolve to, as ISO dates (one day) or an ISO interval ``earliest/latest``, so
a reader in any language sees the same value for "Feb 11" and "11 شباط".
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.enrich.entities import Entity
from storyline.models import DateMention, Mention


def date_value(mention: DateMention) -> str:
    """``YYYY-MM-DD`` for a day, ``earliest/latest`` for an interval, empty when unresolved."""
    if mention.earliest is None or mention.latest is None:
        return ""
    if mention.earliest == mention.latest:
        return mention.earliest.isoformat()
    return f"{mention.earliest.isoformat()}/{mention.latest.isoformat()}"


def mentions_of(entities: Sequence[Entity], dates: Sequence[DateMention]) -> tuple[Mention, ...]:
    """Entities and dates as mentions, in reading order (sentence, then position)."""
    ordered = [(e.sentence, e.start, Mention(e.kind, e.text, e.key, e.sentence)) for e in entities]
    ordered += [(d.sentence, d.start, Mention("date", d.text, date_value(d), d.sentence)) for d in dates]
    return tuple(mention for _, _, mention in sorted(ordered, key=lambda item: item[:2]))
