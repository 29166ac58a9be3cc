"""Claims: the values an article states on a point (a deadline, a count), each with who states it.

Sources disagree on values, not on wording: one says the talks end
"by the end of the year", a minister "within six weeks", an envoy "two to three
months". A claim is a deadline, a figure or a place's status, attributed to the speaker of the
statement that contains it, or to the article itself when no statement does.
The point a claim is on is its subject: ``deadline`` for deadlines, and for a
figure what it counts, by its last word (``troops``, ``refugees``), so
"about 2,500 troops" and "2,500 French troops" are claims on one point.
A figure's value is its number alone: "three other camps" and "three remaining
camps" state the same count. A figure that is itself part of a date
expression ("within 45 days") is the deadline's claim, not a count of days;
one inside who speaks ("four officials told Reuters") says how the story was
sourced, not a fact of the story.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.enrich.facts import Figure, Quote
from storyline.enrich.mentions import date_value, figure_number
from storyline.enrich.status import Status
from storyline.models import Claim, DateMention

STATUS_SUBJECT = "status:"
"""A place's status is a point named by the place's language-neutral key: ``status:place:ksrk``."""


def _speaker(sentence: int, start: int, end: int, quotes: Sequence[Quote]) -> str | None:
    """The speaker of the statement that holds characters ``start:end`` of the sentence, if any."""
    for quote in quotes:
        if quote.sentence == sentence and quote.start <= start and end <= quote.end:
            return quote.speaker
    return None


def _subject(counts: str) -> str:
    words = counts.casefold().split()
    word = words[-1] if words else ""
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _when(status: Status, dates: Sequence[DateMention]) -> str | None:
    """The day the status's sentence gives, nearest the status: resolved when it could be, else as written.

    "troops withdrew entirely from Bagram today", "have left Kandahar ..., officials told Reuters on
    July 2": the day of the report is the day the status held. Deadlines and spans ("within six weeks",
    "in the past ten days") say when something ends or lasted, not when the status was stated.
    """
    days = [d for d in dates if d.sentence == status.sentence and d.kind in ("day", "weekday", "relative")]
    if not days:
        return None
    nearest = min(days, key=lambda d: max(d.start - status.end, status.start - d.end, 0))
    return date_value(nearest) or nearest.text


def claims_of(
    dates: Sequence[DateMention], figures: Sequence[Figure], quotes: Sequence[Quote], statuses: Sequence[Status] = ()
) -> tuple[Claim, ...]:
    """The article's deadlines, counted figures and place statuses (:mod:`storyline.enrich.status`) as claims,
    in reading order; a status is a claim on ``status:<place key>`` valued ``left``, ``leaving`` or ``to leave``."""
    found: list[tuple[int, int, Claim]] = []
    for status in statuses:
        speaker = _speaker(status.sentence, status.start, status.end, quotes)
        claim = Claim(
            STATUS_SUBJECT + status.key,
            status.value,
            status.text,
            speaker,
            status.sentence,
            to=status.destination,
            when=_when(status, dates),
        )
        found.append((status.sentence, status.start, claim))
    for mention in dates:
        if mention.kind == "deadline":
            value = date_value(mention) or " ".join(mention.text.casefold().split())
            speaker = _speaker(mention.sentence, mention.start, mention.end, quotes)
            found.append(
                (mention.sentence, mention.start, Claim("deadline", value, mention.text, speaker, mention.sentence))
            )
    for figure in figures:
        inside_date = any(
            d.sentence == figure.sentence and d.start < figure.end and figure.start < d.end for d in dates
        )
        sourcing = any(q.sentence == figure.sentence and figure.text in q.speaker for q in quotes)
        if inside_date or sourcing or not figure.counts:
            continue
        speaker = _speaker(figure.sentence, figure.start, figure.end, quotes)
        claim = Claim(_subject(figure.counts), figure_number(figure), figure.text, speaker, figure.sentence)
        found.append((figure.sentence, figure.start, claim))
    return tuple(claim for _, _, claim in sorted(found, key=lambda item: item[:2]))
