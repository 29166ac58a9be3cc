"""Unicode repair: undo encoding damage and invisible noise before anything reads the text.

Every later stage matches words, names and quotes, so "the group’s" must not
reach them as "the groupโs". ftfy fixes the common windows-1252 and latin-1 mojibake but has
no Thai codec, so the damage left by a cp874 round trip (the first byte of a
UTF-8 punctuation mark read as the Thai letter โ) is repaired here: only in
lines without genuine Thai, and a lone โ only between Latin letters, where no
Thai word can be.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

# cp874 reads the UTF-8 bytes of – — … • as these sequences; the bytes of ’ ‘ “ ”
# have no cp874 character and leave only "โ€" or a lone "โ" behind.
_CP874_SEQUENCES = {"โ€“": "\u2013", "โ€”": "\u2014", "โ€ฆ": "\u2026", "โ€ข": "\u2022"}
_CP874_SEQUENCE = re.compile("|".join(map(re.escape, _CP874_SEQUENCES)))
_CP874_OPENING_QUOTE = re.compile(r"(?<![^\s(\[])โ€(?=[^\W\d_])")
_CP874_QUOTE = re.compile("โ€")
_CP874_APOSTROPHE = re.compile(r"(?<=[A-Za-z])\u0e42(?=[A-Za-z])")
_THAI_RUN = re.compile(r"[\u0e01-\u0e5b]{3,}")

# Invisible characters that split words for every matcher: zero-width space,
# word joiner, byte-order mark, soft hyphen and bidi controls. ZWNJ and ZWJ
# stay: Persian spelling and emoji sequences need them.
_INVISIBLE = re.compile("[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BLANKS = re.compile(r"[^\S\n]+")
_LINE_EDGES = re.compile(r" *\n *")


def repair(text: str) -> str:
    """Repaired text: mojibake fixed, line breaks ``\\n``, no invisible or control characters,
    single spaces, NFC.

    >>> repair("the army\\u2019s base โ€“ the groupโs last\\r\\npocket\\u200b  here")
    'the army’s base – the group’s last\\npocket here'
    >>> repair("ภาษาไทย โดยสมบูรณ์")
    'ภาษาไทย โดยสมบูรณ์'
    """
    return repair_explained(text)[0]


def repair_explained(text: str) -> tuple[str, bool]:
    """The repaired text, and whether broken encoding (mojibake) was found and repaired in it."""
    damaged = False
    if "\u0e42" in text:
        repaired = "\n".join(map(_repair_cp874, text.split("\n")))
        damaged, text = repaired != text, repaired
    # fix_line_breaks turns \r\n, \r, U+2028/2029 and NEL into \n; curly quotes are kept
    explained = ftfy.fix_and_explain(text, uncurl_quotes=False, fix_line_breaks=True)
    damaged = damaged or any(step[0] in ("encode", "decode", "transcode") for step in explained.explanation or [])
    text = _CONTROL.sub("", _INVISIBLE.sub("", explained.text.replace("\t", " ")))
    text = _LINE_EDGES.sub("\n", _BLANKS.sub(" ", text)).strip()
    return unicodedata.normalize("NFC", text), damaged


def _repair_cp874(line: str) -> str:
    if _THAI_RUN.search(line):
        return line
    line = _CP874_SEQUENCE.sub(lambda m: _CP874_SEQUENCES[m.group()], line)
    line = _CP874_QUOTE.sub("\u2019", _CP874_OPENING_QUOTE.sub("\u201c", line))
    return _CP874_APOSTROPHE.sub("\u2019", line)
