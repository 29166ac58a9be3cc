"""Signs that a page is a content farm's stitching rather than a newsroom's report.

Each sign alone is common in honest journalism (a wire story credits an
agency, a scraped page keeps a share button); together they describe the
sites that republish others' work without an outlet of their own: a byline
but no outlet, sentences credited to several agencies, and page furniture
left around the text. An article showing at least ``LOW_QUALITY_SIGNS`` of
them is flagged low quality, with the signs as the reasons.
"""

from __future__ import annotations

LOW_QUALITY_SIGNS = 2
FURNITURE_PARAGRAPHS = 2
"""Furniture paragraphs from which the page counts as scraped with its furniture (one photo caption does not)."""


def quality_signs(byline: str | None, source: str | None, credits: tuple[str, ...], furniture: int) -> tuple[str, ...]:
    """The content-farm signs an article shows, in words.

    >>> quality_signs("By Jane Doe", None, ("AP", "Reuters"), 3)
    ('byline with no outlet', 'credits several agencies: AP, Reuters', '3 paragraphs of page furniture')
    """
    signs = []
    if byline and not source:
        signs.append("byline with no outlet")
    if len(credits) > 1:
        signs.append(f"credits several agencies: {', '.join(credits)}")
    if furniture >= FURNITURE_PARAGRAPHS:
        signs.append(f"{furniture} paragraphs of page furniture")
    return tuple(signs)


def is_low_quality(signs: tuple[str, ...]) -> bool:
    return len(signs) >= LOW_QUALITY_SIGNS
