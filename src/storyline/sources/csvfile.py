"""CSV with the JSONL field names as its header row, read row by row.

Named ``csvfile`` so that it does not shadow the standard ``csv`` module. A
row's line is the physical line where it starts (a quoted text may span
several lines), and it is the default id: ``name:LINE``. The separator is
the one that makes a ``text`` column of the header row (:data:`DELIMITERS`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import BinaryIO

from storyline.errors import Rejected
from storyline.models import Document, Rejection
from storyline.sources.decode import EMPTY, Line, iter_lines
from storyline.sources.records import to_document

DELIMITERS = (",", ";", "\t", "|")
"""Separators tried on the header row, in this order. Spreadsheets in locales whose decimal
mark is a comma save CSV with semicolons, and database exports often use tabs or pipes."""


class _Undecodable(Exception):
    """A line is not valid in the file's encoding; the csv reader cannot go on past it."""

    def __init__(self, line: Line) -> None:
        super().__init__(line.number)
        self.line = line


def read(stream: BinaryIO, origin: str, name: str) -> Iterator[Document | Rejection]:
    """Yield one Document or Rejection per data row.

    A file without a ``text`` column is one Rejection naming the columns it
    has. Malformed CSV or an undecodable line ends the file with a Rejection
    at that line, after the rows before it.
    """
    try:
        lines = iter_lines(stream)
    except Rejected as exc:
        yield Rejection(origin, exc.reason)
        return
    columns: list[str] | None = None
    end = 0
    try:
        texts, delimiter = _delimited(_texts(lines))
        reader = csv.reader(texts, delimiter=delimiter)
        for row in reader:
            start, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if columns is None:
                columns = [cell.strip() for cell in row]
                if "text" not in columns:
                    yield Rejection(origin, f"CSV has no 'text' column (columns: {_describe(columns)})")
                    return
                continue
            record = dict(zip(columns, row, strict=False))
            yield to_document(record, default_id=f"{name}:{start}", origin=f"{origin}:{start}")
    except _Undecodable as exc:
        yield Rejection(f"{origin}:{exc.line.number}", f"line is not valid {exc.line.encoding} text; rest of file skipped")
        return
    except csv.Error as exc:
        yield Rejection(f"{origin}:{end + 1}", f"malformed CSV row: {exc}; rest of file skipped")
        return
    if columns is None:
        yield Rejection(origin, EMPTY)


def _describe(columns: list[str], shown: int = 12, width: int = 40) -> str:
    """The header for a one-line message: a file without a header row has a data row here."""
    names = [repr(name if len(name) <= width else name[: width - 3] + "...") for name in columns[:shown]]
    more = f" and {len(columns) - shown} more" if len(columns) > shown else ""
    return ", ".join(names) + more


def delimiter_of(header: str) -> str | None:
    """The first of :data:`DELIMITERS` that splits ``header`` into columns, one of them ``text``; None if none does.

    >>> delimiter_of("id;title;text"), delimiter_of('"id","text"'), delimiter_of("Troops left the base.")
    (';', ',', None)
    """
    for delimiter in DELIMITERS:
        cells = [cell.strip() for cell in next(csv.reader([header], delimiter=delimiter), [])]
        if len(cells) > 1 and "text" in cells:
            return delimiter
    return None


def _delimited(texts: Iterator[str]) -> tuple[Iterator[str], str]:
    """The lines again, and the delimiter of the header row (the first line not blank); a comma when it has none."""
    taken = []
    for text in texts:
        taken.append(text)
        if text.strip():
            break
    return chain(taken, texts), delimiter_of(taken[-1] if taken else "") or ","


def _texts(lines: Iterable[Line]) -> Iterator[str]:
    for line in lines:
        if line.text is None:
            raise _Undecodable(line)
        yield line.text
