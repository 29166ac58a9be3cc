"""The mentions an article is stored and exported with: its entities, dates, figures and statements in one list.

Entities carry their language-neutral key as value; dates the days they
resolve to, as ISO dates (one day) or an ISO interval ``earliest/latest``, so
a reader in any language sees the same value for "March 3" and "3 آذار";
figures their number (or bounds) and what it counts ("~2500 troops",
"2-3 months"); statements who makes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.enrich.entities import Entity
from storyline.enrich.facts import Figure, Quote
from storyline.models import DateMention, Mention


def date_value(mention: DateMention) -> str:
    """``YYYY-MM-DD`` for a day, ``earliest/latest`` for an interval, empty when unresolved."""
    if mention.earliest is None or mention.latest is None:
        return ""
    if mention.earliest == mention.latest:
        return mention.earliest.isoformat()
    return f"{mention.earliest.isoformat()}/{mention.latest.isoformat()}"


def figure_number(figure: Figure) -> str:
    """The number and its bounds: ``~1000``, ``3-5``, ``>=3``."""
    if figure.low is not None and figure.high is not None:
        return f"{figure.low:g}-{figure.high:g}"
    if figure.low is not None:
        return f">={figure.low:g}"
    if figure.high is not None:
        return f"<={figure.high:g}"
    return f"{'~' if figure.approximate else ''}{figure.value:g}"


def figure_value(figure: Figure) -> str:
    """The number, its bounds and what it counts: ``~1000 troops``, ``3-5 weeks``, ``>=3 people``."""
    return f"{figure_number(figure)} {figure.counts}".strip()


def mentions_of(
    entities: Sequence[Entity], dates: Sequence[DateMention], figures: Sequence[Figure], quotes: Sequence[Quote]
) -> tuple[Mention, ...]:
    """Entities, dates, figures and statements as mentions, in reading order (sentence, then position)."""
    ordered = [(e.sentence, e.start, Mention(e.kind, e.text, e.key, e.sentence, e.near)) for e in entities]
    ordered += [(d.sentence, d.start, Mention("date", d.text, date_value(d), d.sentence)) for d in dates]
    ordered += [(f.sentence, f.start, Mention("figure", f.text, figure_value(f), f.sentence)) for f in figures]
    ordered += [(q.sentence, q.start, Mention("quote", q.text, q.speaker, q.sentence)) for q in quotes]
    return tuple(mention for _, _, mention in sorted(ordered, key=lambda item: item[:2]))
