"""Bytes to text, strictly: a file is decoded with one encoding or rejected.

The evidence is taken in order of certainty: a byte-order mark; valid UTF-8
(legacy encodings almost never form valid UTF-8 by accident); an encoding the
document declares (an HTML ``<meta charset>``); only then a guess by
charset-normalizer. Nothing is decoded with ``errors="replace"`` or
``"ignore"``: a wrong guess must show up as a rejection, never as letters that
silently went missing.

>>> decode("Grève à Zürich".encode("utf-8"))
'Grève à Zürich'
>>> decode(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR")
Traceback (most recent call last):
...
storyline.errors.Rejected: binary content (NUL bytes)
"""

from __future__ import annotations

import codecs
import io
import logging
import re
from collections.abc import Iterator
from typing import BinaryIO, NamedTuple

from charset_normalizer import from_bytes

from storyline.errors import Rejected

log = logging.getLogger(__name__)

SAMPLE_SIZE = 1 << 16
"""Bytes read from the start of a stream to choose its encoding."""

# UTF-32 LE first: its mark begins with the UTF-16 LE mark.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 controls and DEL, less the whitespace ones (tab, newlines, form feed).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.05

# charset-normalizer cannot tell the single-byte Latin code pages apart on
# ordinary prose (French in cp1252 scores as well in cp1257, "è" becoming
# "č"). Windows-1252 is by far the most common of them, so it wins near-ties.
_CP1252_TOLERANCE = 0.01

EMPTY = "file is empty or holds only whitespace"


class Line(NamedTuple):
    """One physical line of a stream; ``text`` is None when it is not valid in ``encoding``."""

    number: int
    text: str | None
    encoding: str


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` announces, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode a whole document, or raise :class:`Rejected` saying why it is not text.

    ``declared`` is the encoding the document names for itself; it is trusted
    after UTF-8 and before guessing.
    """
    encoding, text = _detect(data, final=True, declared=declared)
    if not text.strip():
        raise Rejected(EMPTY)
    log.debug("decoded as %s", encoding)
    return text


def iter_lines(stream: BinaryIO) -> Iterator[Line]:
    """The lines of a stream, decoded one at a time so that huge files stream.

    The encoding is chosen from the first :data:`SAMPLE_SIZE` bytes, here and
    now: :class:`Rejected` is raised by this call for binary content. A later
    line that is not valid in that encoding comes out with ``text=None``.
    """
    head = stream.read(SAMPLE_SIZE)
    encoding, _ = _detect(head, final=len(head) < SAMPLE_SIZE, declared=None)
    stream.seek(0)
    if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):
        return _wide_lines(stream, encoding)
    return _byte_lines(stream, encoding)


def _byte_lines(stream: BinaryIO, encoding: str) -> Iterator[Line]:
    """Lines of an encoding where byte 0x0A is always a newline (UTF-8, cp1252...)."""
    for number, raw in enumerate(stream, start=1):
        try:
            yield Line(number, raw.decode(encoding), encoding)
        except UnicodeDecodeError:
            yield Line(number, None, encoding)


def _wide_lines(stream: BinaryIO, encoding: str) -> Iterator[Line]:
    """Lines of UTF-16/32, where a newline is several bytes: decoding stops at the first error."""
    reader = io.TextIOWrapper(stream, encoding=encoding, newline="")
    number = 0
    try:
        for number, text in enumerate(reader, start=1):
            yield Line(number, text, encoding)
    except UnicodeDecodeError:
        yield Line(number + 1, None, encoding)
    finally:
        reader.detach()  # the caller owns the stream and closes it


def _detect(data: bytes, *, final: bool, declared: str | None) -> tuple[str, str]:
    """Choose the encoding of ``data`` and return it with the decoded text.

    ``final`` is False when ``data`` is only the start of a stream, so a
    character cut at the end is not an error.
    """
    bom = bom_encoding(data)
    if bom is not None:
        try:
            text = _decode(data, bom, final)
        except UnicodeDecodeError:
            raise Rejected(f"not valid {bom} text despite its byte-order mark") from None
        _check_controls(text)
        return bom, text
    if b"\x00" in data:
        raise Rejected("binary content (NUL bytes)")
    for encoding in _candidates(data, declared):
        try:
            text = _decode(data, encoding, final)
        except UnicodeDecodeError:
            continue
        _check_controls(text)
        return encoding, text
    raise Rejected("binary content (no text encoding fits)")


def _candidates(data: bytes, declared: str | None) -> Iterator[str]:
    """Encodings to try in order; the guessing runs only if UTF-8 and ``declared`` fail."""
    yield "utf-8"
    if declared is not None and (name := _whatwg(declared)) is not None:
        yield name
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + _CP1252_TOLERANCE:
            yield "cp1252"
    for match in matches:
        yield match.encoding


def _whatwg(label: str) -> str | None:
    """Read a declared label the way browsers do, or None when it is no evidence.

    "latin-1" and "ascii" mean cp1252; a UTF-16 label cannot be true of a page
    whose declaration was readable as ASCII; an unknown label says nothing.
    """
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None
    return "cp1252" if name in ("iso8859-1", "ascii") else name


def _decode(data: bytes, encoding: str, final: bool) -> str:
    return codecs.getincrementaldecoder(encoding)(errors="strict").decode(data, final)


def _check_controls(text: str) -> None:
    controls = len(_CONTROL.findall(text))
    if controls and controls > _MAX_CONTROL_RATIO * len(text):
        raise Rejected(f"binary content ({controls} control characters in {len(text)})")
