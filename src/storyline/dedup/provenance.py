"""Which of two copies is the original.

The earliest publication wins; without two known dates, the article that
credits a news agency (the wire copy) wins over one that does not; then the
more complete text; then the one that arrived first.
"""

from __future__ import annotations

from storyline.models import ArticleRecord

COMPLETE_RATIO = 1.2
"""How much longer a text must be to count as more complete."""


def earlier_original(first: ArticleRecord, second: ArticleRecord) -> ArticleRecord:
    """Return the better original of two copies; ``first`` arrived first."""
    if first.published and second.published and first.published != second.published:
        return first if first.published < second.published else second
    if bool(first.credits) != bool(second.credits):
        return first if first.credits else second
    if second.length > COMPLETE_RATIO * first.length:
        return second
    return first
