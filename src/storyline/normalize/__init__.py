"""Normalize: turn a raw :class:`~storyline.models.Document` into a clean :class:`~storyline.models.Article`.

The steps run in this order, each for a reason:

1. **repair** the Unicode (mojibake, invisible characters, line breaks)
   first, because every later step matches words and punctuation.
2. **split** into paragraphs (non-empty lines) and **detect the language**
   of each, so that the rules of the right language apply to each part of a
   file that mixes languages.
3. **strip page furniture** (share lines, copyright, captions, agency tags)
   by the rules of each paragraph's language, before the header is read, so
   that a "Share this" line is never taken for a headline.
4. **read the header** of plain text: a headline, byline and date line at
   the top become ``title``, ``byline`` and ``published`` when the source
   gave none, and leave the body.
5. **dateline and credits** from the body and the cut agency tags.
6. **segments**, the main language and the **content hash** of the final text.

A document with no article text left raises :class:`~storyline.errors.Rejected`.

>>> from storyline.models import Document
>>> article = normalize(Document(id="1", origin="example", text=(
...     "Rebels advance on the last pocket of the town\\n\\n"
...     "CAIRO (AP) _ Rebels said on Sunday they had taken 41 positions.\\n\\n"
...     "Share this article")))
>>> article.title, article.dateline, article.credits
('Rebels advance on the last pocket of the town', 'CAIRO', ('AP',))
>>> article.text
'CAIRO (AP) _ Rebels said on Sunday they had taken 41 positions.'
"""

from __future__ import annotations

import re
from dataclasses import replace

from storyline.errors import Rejected
from storyline.models import Article, Document
from storyline.normalize.dateline import find_credits, find_dateline
from storyline.normalize.furniture import strip_furniture
from storyline.normalize.hashing import content_hash
from storyline.normalize.header import read_header
from storyline.normalize.language import Paragraph, detect_languages, main_language, split_paragraphs, to_segments
from storyline.normalize.quality import quality_signs
from storyline.normalize.repair import repair, repair_explained

__all__ = ["as_normalized", "content_hash", "normalize", "repair"]

_ISO_639 = re.compile(r"[a-z]{2,3}")
MIN_WORDS = 3
MIN_LETTERS = 20
"""Fewer words and letters than these (a menu, a lone heading) is no article."""
DATE_FROM_TEXT = "publication date read from the text"
"""The cleaning note of an article whose header (a date line) gave its publication date."""


def normalize(doc: Document) -> Article:
    """Clean ``doc`` into an Article; raise :class:`Rejected` when no article text remains."""
    repaired, damaged = repair_explained(doc.text)
    texts = split_paragraphs(repaired)
    if not texts:
        raise Rejected("empty text")
    languages = detect_languages(texts, _declared(doc.language))
    stripped = strip_furniture([Paragraph(text, language) for text, language in zip(texts, languages)])
    header = read_header(
        stripped.paragraphs,
        title=_clean(doc.title),
        byline=_clean(doc.byline),
        published=doc.published,
    )
    body = header.body
    if not body:
        raise Rejected("nothing left after removing page furniture and header lines")
    if not any(ch.isalpha() for paragraph in body for ch in paragraph.text):
        raise Rejected("text has no letters")
    words = sum(1 for paragraph in body for word in paragraph.text.split() if any(ch.isalpha() for ch in word))
    letters = sum(ch.isalpha() for paragraph in body for ch in paragraph.text)
    if words < MIN_WORDS and letters < MIN_LETTERS:  # letters: Thai or Chinese need no spaces
        raise Rejected(f"too short to be an article ({words} word{'s' if words > 1 else ''})")
    cleaning = []
    dropped = len(texts) - len(stripped.paragraphs)
    if damaged:
        cleaning.append("broken encoding repaired")
    if dropped:
        cleaning.append(f"{dropped} furniture paragraph{'s' if dropped > 1 else ''} removed")
    cleaning += [f"agency tag {tag!r} cut" for tag in stripped.tags]
    if header.title and not doc.title:
        cleaning.append("title read from the first line")
    if header.byline and not doc.byline:
        cleaning.append("byline read from the text")
    if header.published_inferred:
        cleaning.append(DATE_FROM_TEXT)
    segments = to_segments(body)
    text = "\n\n".join(paragraph.text for paragraph in body)
    credits = find_credits(body, stripped.tags)
    return Article(
        id=doc.id,
        origin=doc.origin,
        text=text,
        content_hash=content_hash(text),
        segments=segments,
        language=main_language(segments),
        title=header.title,
        url=doc.url,
        source=doc.source,
        published=header.published,
        byline=header.byline,
        dateline=find_dateline(body),
        credits=credits,
        published_inferred=header.published_inferred,
        cleaning=tuple(cleaning),
        quality=quality_signs(header.byline, doc.source, credits, dropped),
    )


def _declared(language: str | None) -> str | None:
    """The primary subtag of a declared language tag ("en-GB" -> "en"); None for what is no ISO 639 code."""
    primary = re.split(r"[-_]", language.strip().lower())[0] if language else ""
    return primary if _ISO_639.fullmatch(primary) else None


def _clean(value: str | None) -> str | None:
    """Source metadata gets the same repair as the text; a blank value counts as none."""
    return (repair(value) or None) if value is not None else None


def as_normalized(article: Article) -> Article:
    """A stored article as :func:`normalize` made it, without the publication date enrich read later.

    The store keeps one publication date, marked inferred when it came from
    the text: from a date line, read here, or from the latest full day the
    text writes, read by enrich for provenance and not used to cluster. Only
    the first was the article's date when it was clustered, and this note of
    the cleaning tells the two apart.
    """
    if article.published_inferred and DATE_FROM_TEXT not in article.cleaning:
        return replace(article, published=None, published_inferred=False)
    return article
