"""Dateline and agency credits: where a story was filed and which agencies it credits.

Both are evidence for later stages: the dateline hints where the event
happened, and credits show which wire a republished story comes from (two
outlets crediting AFP on the same day are likely one story). The dateline
stays in the text, as the outlet wrote it. Patterns are data
(``rules/dateline.*.txt``, ``rules/credits.*.txt``), and agency names map to
canonical ones through ``rules/agencies.txt``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyline.normalize.agencies import agencies
from storyline.normalize.language import Paragraph
from storyline.normalize.ruleset import rules

_PLACE_EDGES = " ,،:-–—_"
WIRE_PARAGRAPHS = 3
"""Paragraphs searched for a wire dateline: a scraped page may put a standfirst or a photo caption before it."""


def find_dateline(paragraphs: Sequence[Paragraph]) -> str | None:
    """The place named by a dateline, as written: at the start of the first paragraph, or a wire
    dateline (with an agency tag) at the start of one of the next.

    >>> find_dateline([Paragraph("CAIRO (AP) _ Egypt's central bank raised interest rates on Thursday.", "en")])
    'CAIRO'
    >>> find_dateline([Paragraph("Kabul, Afghanistan (AFP) – Gunmen attacked a school.", "en")])
    'Kabul, Afghanistan'
    >>> find_dateline([Paragraph("القاهرة - أعلنت الحكومة المصرية اليوم عن خطة جديدة.", "ar")])
    'القاهرة'
    >>> find_dateline([Paragraph("Rebels took the town.", "en"), Paragraph("NAIROBI (AP) _ A spokesman said.", "en")])
    'NAIROBI'
    """
    for position, paragraph in enumerate(paragraphs[:WIRE_PARAGRAPHS]):
        for rule in rules("dateline", paragraph.language, "dateline" if position == 0 else "wire"):
            if match := rule.match(paragraph.text):
                return " ".join(match.group("place").split()).strip(_PLACE_EDGES) or None
    return None


def find_credits(paragraphs: Sequence[Paragraph], tags: Iterable[str] = ()) -> tuple[str, ...]:
    """Canonical names of the agencies credited in ``paragraphs`` and then in ``tags``
    (agency tags cut from the end of the article), in order of first appearance.

    >>> find_credits([Paragraph("Two sources told AFP on Monday, as Reuters reported.", "en")], ["AFP"])
    ('AFP', 'Reuters')
    """
    names: list[str] = []
    for paragraph in paragraphs:
        if not agencies().regex.search(paragraph.text):
            continue  # one scan for any name spares every credit rule its own
        hits = [
            (match.start(), name)
            for rule in rules("credits", paragraph.language, "credit")
            for match in rule.finditer(paragraph.text)
            for name in agencies().find(match.group())
        ]
        names.extend(name for _, name in sorted(hits, key=lambda hit: hit[0]))
    for tag in tags:
        names.extend(agencies().find(tag))
    return tuple(dict.fromkeys(names))
