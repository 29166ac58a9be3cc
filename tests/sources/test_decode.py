"""Bytes to text: byte-order marks, UTF-8, declared and guessed encodings, binary input."""

from __future__ import annotations

import codecs
import io
import random

import pytest

from storyline.errors import Rejected
from storyline.sources.decode import SAMPLE_SIZE, Line, decode, iter_lines

ARTICLE = (
    "Grève au port de Calder : « Nous ne sommes pas contre les nouvelles grues », a déclaré "
    "la secrétaire du syndicat. L’offre de 3,1 % ne couvre pas la hausse des prix, soit 35 € "
    "par semaine de moins pour un docker à Zürich comme à São Paulo.\n"
)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_byte_order_mark_decides_and_is_dropped(encoding):
    data = ARTICLE.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data

    assert decode(data) == ARTICLE


def test_utf8_without_mark():
    assert decode(ARTICLE.encode("utf-8")) == ARTICLE


def test_cp1252_is_guessed_for_french_prose():
    assert decode(ARTICLE.encode("cp1252")) == ARTICLE


def test_declared_charset_is_used_when_the_bytes_are_not_utf8():
    short = "Le café était fermé.".encode("cp1252")

    assert decode(short, declared="windows-1252") == "Le café était fermé."
    # Browsers read a latin-1 label as windows-1252: 0x93/0x94 are curly quotes.
    assert decode(b"\x93Oui\x94, a-t-il dit.", declared="iso-8859-1") == "“Oui”, a-t-il dit."


def test_a_wrong_byte_order_mark_is_rejected_not_patched():
    with pytest.raises(Rejected, match="not valid utf-8-sig text despite its byte-order mark"):
        decode(codecs.BOM_UTF8 + "café".encode("cp1252"))


def test_binary_is_rejected():
    with pytest.raises(Rejected, match=r"binary content \(NUL bytes\)"):
        decode(b"PK\x03\x04\x14\x00\x00\x00\x08\x00")


def test_lines_stream_and_an_undecodable_line_past_the_sample_costs_only_itself():
    good = '{"text": "Les dockers de Calder sont en grève."}\n'.encode("utf-8")
    count = SAMPLE_SIZE // len(good) + 10  # the encoding is chosen from the first SAMPLE_SIZE bytes
    data = good * count + b'{"text": "caf\xe9"}\n' + good  # one latin-1 line late in a UTF-8 file

    lines = list(iter_lines(io.BytesIO(data)))

    assert len(lines) == count + 2
    assert lines[0] == Line(1, '{"text": "Les dockers de Calder sont en grève."}\n', "utf-8")
    assert lines[count] == Line(count + 1, None, "utf-8")
    assert lines[count + 1].text == lines[0].text


def test_lines_of_utf16():
    data = "un\r\ndeux\nété\n".encode("utf-16")

    assert [line.text for line in iter_lines(io.BytesIO(data))] == ["un\r\n", "deux\n", "été\n"]


def test_lines_reject_binary_before_reading_on():
    with pytest.raises(Rejected, match="NUL"):
        iter_lines(io.BytesIO(b"\x7fELF\x02\x01\x01\x00\x00\x00"))


def test_bytes_no_encoding_fits_are_rejected():
    noise = random.Random(7).randbytes(4000).replace(b"\x00", b"")  # compressed-looking, no NUL

    with pytest.raises(Rejected, match=r"binary content \(no text encoding fits\)"):
        decode(noise)
