"""JSON Lines: one article object a line, read line by line so huge files stream.

A bad line costs only itself: it comes out as a Rejection naming the line,
and the lines around it still come through.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from storyline.errors import Rejected
from storyline.models import Document, Rejection
from storyline.sources.decode import EMPTY, iter_lines
from storyline.sources.records import to_document

_JSON_TYPES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}


def read(stream: BinaryIO, origin: str, name: str) -> Iterator[Document | Rejection]:
    """Yield one Document or Rejection per non-blank line; ids default to ``name:LINE``."""
    try:
        lines = iter_lines(stream)
    except Rejected as exc:
        yield Rejection(origin, exc.reason)
        return
    found = False
    for line in lines:
        where = f"{origin}:{line.number}"
        if line.text is None:
            found = True
            yield Rejection(where, f"line is not valid {line.encoding} text")
        elif line.text.strip():
            found = True
            yield _parse(line.text.rstrip("\r\n"), where, default_id=f"{name}:{line.number}")
    if not found:
        yield Rejection(origin, EMPTY)


def _parse(text: str, origin: str, default_id: str) -> Document | Rejection:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return Rejection(origin, f"invalid JSON: {exc.msg.removesuffix(' at')} (column {exc.colno})")
    except (ValueError, RecursionError) as exc:  # a 5000-digit number, nesting too deep
        return Rejection(origin, f"invalid JSON: {exc}")
    if not isinstance(record, dict):
        kind = _JSON_TYPES.get(type(record), "null")
        return Rejection(origin, f"line is a JSON {kind}, not an object")
    return to_document(record, default_id=default_id, origin=origin)
