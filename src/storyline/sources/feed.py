"""RSS and Atom feeds: one Document per entry, parsed by feedparser.

An entry's text is its full content when the feed carries it
(``content:encoded``, Atom ``content``), else its summary. Feeds carry HTML
fragments; they become plain text with one paragraph a line.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import BinaryIO

import feedparser
import lxml.html
from feedparser.util import FeedParserDict

from storyline.models import Document, Rejection
from storyline.sources.decode import EMPTY

_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li ol p pre section table tr ul".split()
)
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def read(stream: BinaryIO, origin: str, name: str) -> Iterator[Document | Rejection]:
    """Yield a Document or Rejection per entry; one Rejection for a file that is no feed.

    An entry's id is its id or guid, else its link, else ``name#N``; its
    origin is ``origin#N`` (N counts entries from 1).
    """
    data = stream.read()
    if not data.strip():
        yield Rejection(origin, EMPTY)
        return
    try:
        # A stream, not bytes: feedparser would try to open bytes as a file name.
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser is lenient but not total: a bad encoding label escapes it
        yield Rejection(origin, f"not a feed ({type(exc).__name__}: {exc})")
        return
    if not parsed.entries:
        yield Rejection(origin, f"not a feed ({parsed.bozo_exception})" if parsed.bozo else "feed has no entries")
        return
    source = _clean(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        yield _document(entry, f"{origin}#{number}", f"{name}#{number}", source)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph (block or ``<br>``) a line.

    >>> html_to_text("<p>Ships wait\\n off the <b>harbour</b>.</p><p>Talks resume.<br>Thursday.</p>")
    'Ships wait off the harbour.\\nTalks resume.\\nThursday.'
    """
    # lxml refuses control characters; Word-pasted text carries some (vertical tab).
    root = lxml.html.fragment_fromstring(_CONTROL.sub(" ", fragment), create_parent="div")
    for node in root.iter():
        if isinstance(node.tag, str) and node.text:
            node.text = _SPACE.sub(" ", node.text)
        if node.tail:
            node.tail = _SPACE.sub(" ", node.tail)
        if node.tag in _BLOCKS:
            node.text = "\n" + (node.text or "")
            node.tail = "\n" + (node.tail or "")
        elif node.tag == "br":
            node.tail = "\n" + (node.tail or "")
    lines = (line.strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _document(entry: FeedParserDict, origin: str, default_id: str, source: str | None) -> Document | Rejection:
    ident = _clean(entry.get("id")) or _clean(entry.get("link")) or default_id
    title = _clean(entry.get("title"))
    text = _text(entry)
    if not text:
        return Rejection(origin, f"feed entry {title or ident!r} has no text")
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return Document(
        id=ident,
        origin=origin,
        text=text,
        title=title,
        url=_clean(entry.get("link")),
        source=source,
        published=datetime(*stamp[:6], tzinfo=UTC) if stamp else None,
        byline=_clean(entry.get("author")),
    )


def _text(entry: FeedParserDict) -> str:
    """The first non-empty of the entry's content and summary, as plain text."""
    for detail in [*entry.get("content", [])[:1], entry.get("summary_detail")]:
        if not detail:
            continue
        value = detail.get("value") or ""
        text = html_to_text(value) if "html" in (detail.get("type") or "") else value.strip()
        if text:
            return text
    return ""


def _clean(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None
