"""Plain text: one article a file, the decoded text kept exactly as it is.

No cleaning happens here; the normalize stage repairs and segments text for
every kind of source alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from storyline.errors import Rejected
from storyline.models import Document, Rejection
from storyline.sources.decode import decode


def read(stream: BinaryIO, origin: str, name: str) -> Iterator[Document | Rejection]:
    """Yield the file as one Document with ``name`` as its id, or one Rejection."""
    try:
        text = decode(stream.read())
    except Rejected as exc:
        yield Rejection(origin, exc.reason)
        return
    yield Document(id=name, origin=origin, text=text)
