"""Page furniture removal: share buttons, copyright lines, photo captions, agency tags.

The rules are data (``rules/furniture.<lang>.txt`` plus ``furniture.any.txt``),
applied to each paragraph by its own language, so a file mixing Arabic and
English gets the right rules on each part. An agency tag closing the article
("... in Syria. AFP") is cut from the text but kept, because it says who wrote
the story.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.normalize.language import Paragraph
from storyline.normalize.ruleset import rules

_SPACES = re.compile(r"\s{2,}")
_ALPHANUMERIC = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class Stripped:
    """Paragraphs without furniture, and the agency tags cut from the end (in text order)."""

    paragraphs: tuple[Paragraph, ...]
    tags: tuple[str, ...]


def strip_furniture(paragraphs: Sequence[Paragraph]) -> Stripped:
    """Drop furniture paragraphs, cut furniture spans, then cut trailing agency tags.

    A paragraph left without a letter or digit (a "* * *" separator, the
    remains of a cut) goes too.

    >>> stripped = strip_furniture([
    ...     Paragraph("Share this article", "en"),
    ...     Paragraph("Rebels took the town (Photo by Jane Doe/AFP) on Monday, witnesses said. AFP", "en"),
    ...     Paragraph("All rights reserved.", "en")])
    >>> stripped.paragraphs, stripped.tags
    ((Paragraph(text='Rebels took the town on Monday, witnesses said.', language='en'),), ('AFP',))
    """
    kept: list[Paragraph] = []
    for paragraph in paragraphs:
        if any(rule.fullmatch(paragraph.text) for rule in rules("furniture", paragraph.language, "line")):
            continue
        text = paragraph.text
        for rule in rules("furniture", paragraph.language, "inline"):
            text = rule.sub("", text)
        text = _SPACES.sub(" ", text).strip()
        if _ALPHANUMERIC.search(text):
            kept.append(Paragraph(text, paragraph.language))
    tags: list[str] = []
    while kept and (tag := _trailing_tag(kept[-1])) is not None:
        tags.insert(0, tag.group().strip())
        rest = kept[-1].text[: tag.start()].rstrip()
        if rest:
            kept[-1] = Paragraph(rest, kept[-1].language)
        else:
            kept.pop()
    return Stripped(tuple(kept), tuple(tags))


def _trailing_tag(paragraph: Paragraph) -> re.Match[str] | None:
    for rule in rules("furniture", paragraph.language, "trailing"):
        match = rule.search(paragraph.text)
        if match and match.group().strip():
            return match
    return None
