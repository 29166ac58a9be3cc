"""Read articles from a file, a directory or stdin: ``open_source`` yields Documents.

One module per input kind (text, html, feed, jsonl, csvfile), each with the
same entry point ``read(stream, origin, name)``. The kind comes from the file
extension, or from the first bytes when the extension says nothing (stdin, no
extension, ``.dat``...).

Bad input never raises: a file, line, row or feed entry that cannot be used
comes out as a :class:`~storyline.models.Rejection` with a one-line reason,
and the batch goes on.

Ids: a file's article is named after the file (inside a directory, its path
relative to that directory); rows and entries keep the id they carry, else
they are numbered: ``name:LINE`` for JSONL and CSV, ``name#N`` for feeds.
Stdin is named ``-``.

>>> import io
>>> lines = b'{"text": "Troops left the base."}\\n{"id": "afp-17", "text": "They left."}\\n[]\\n'
>>> for item in open_source("-", io.BytesIO(lines)):
...     print(item)
Document(id='-:1', origin='-:1', text='Troops left the base.', ...)
Document(id='afp-17', origin='-:2', text='They left.', ...)
Rejection(origin='-:3', reason='line is a JSON array, not an object')
"""

from __future__ import annotations

import codecs
import io
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from storyline.models import Document, Rejection
from storyline.sources import csvfile, feed, html, jsonl, text
from storyline.sources.decode import bom_encoding

__all__ = ["open_source"]

Reader = Callable[[BinaryIO, str, str], Iterator[Document | Rejection]]

_READERS: dict[str, Reader] = {
    "text": text.read,
    "html": html.read,
    "feed": feed.read,
    "jsonl": jsonl.read,
    "csv": csvfile.read,
}
_KIND_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}
_SNIFF_SIZE = 4096
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]")
_HTML_ROOT = re.compile(r"<(?:!doctype\s+)?html[\s>]")


def open_source(path: str | Path, stdin: BinaryIO | None = None) -> Iterator[Document | Rejection]:
    """Yield every article found at ``path``, or a Rejection for what cannot be read.

    ``path`` is a file, a directory (read recursively in sorted order; hidden
    files and directories, and files whose extension is no article kind, skipped) or ``"-"`` for all of ``stdin`` (by default
    ``sys.stdin.buffer``), whose kind is sniffed from its content.
    """
    given = os.fspath(path)
    if given == "-":
        yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer)
    elif os.path.isdir(given):
        yield from _read_directory(given)
    else:
        yield from _read_file(given, os.path.basename(given))


def _read_stdin(stdin: BinaryIO) -> Iterator[Document | Rejection]:
    try:
        data = stdin.read()
    except OSError as exc:
        yield Rejection("-", f"cannot read stdin: {exc.strerror or exc}")
        return
    yield from _READERS[_sniff(data[:_SNIFF_SIZE])](io.BytesIO(data), "-", "-")


def _read_directory(root: str) -> Iterator[Document | Rejection]:
    """Read every visible file under ``root``, ordered by relative path, named by it."""
    unreadable: list[OSError] = []
    found: list[tuple[list[str], str, str]] = []
    for directory, subdirectories, files in os.walk(root, onerror=unreadable.append):
        subdirectories[:] = [d for d in subdirectories if not d.startswith(".")]
        for file in files:
            # Inside a directory only article files are read: a README.md or an
            # image beside the articles is not news. A file named explicitly is sniffed.
            suffix = Path(file).suffix.lower()
            if not file.startswith(".") and (suffix in _KIND_BY_SUFFIX or not suffix):
                origin = os.path.join(directory, file)
                name = Path(origin).relative_to(root).as_posix()
                found.append((name.split("/"), origin, name))
    for error in unreadable:
        yield Rejection(str(error.filename), f"cannot read directory: {error.strerror or error}")
    for _, origin, name in sorted(found):
        yield from _read_file(origin, name)


def _read_file(origin: str, name: str) -> Iterator[Document | Rejection]:
    try:
        with open(origin, "rb") as stream:
            kind = _KIND_BY_SUFFIX.get(Path(origin).suffix.lower())
            if kind is None:
                kind = _sniff(stream.read(_SNIFF_SIZE))
                stream.seek(0)
            yield from _READERS[kind](stream, origin, name)
    except OSError as exc:  # unreadable, vanished, or gone while being read
        yield Rejection(origin, f"cannot read file: {exc.strerror or exc}")


def _sniff(head: bytes) -> str:
    """The kind of content that starts with ``head``; only ASCII markup matters here."""
    encoding = bom_encoding(head)
    # latin-1 maps each byte to one character: a lossless view for finding ASCII markers.
    view = head.decode("latin-1") if encoding is None else _partial(head, encoding)
    view = view.lstrip("\ufeff \t\r\n").lower()
    # JSON Lines: objects line after line. A bad line or two must not turn a
    # whole batch into one text document, so most lines, not all, will do.
    objects = [line.lstrip().startswith("{") for line in view.splitlines() if line.strip()]
    if objects and objects[0] and 2 * sum(objects) > len(objects):
        return "jsonl"
    if _FEED_ROOT.search(view, 0, 2048):
        return "feed"
    if _HTML_ROOT.search(view, 0, 2048):
        return "html"
    if view and csvfile.delimiter_of(view.splitlines()[0]):  # a header row naming a text column
        return "csv"
    return "text"


def _partial(head: bytes, encoding: str) -> str:
    """Decode the start of a stream that has a byte-order mark, for sniffing only."""
    try:
        return codecs.getincrementaldecoder(encoding)().decode(head, final=False)
    except UnicodeDecodeError:
        return ""
