"""Sentence splitting good enough for alignment and leads, in any script.

A rule-based splitter is used on purpose: sentences only feed the encoder and
the alignment of copies, where a rare wrong split costs little, while a model
would cost a dependency per language.
"""

from __future__ import annotations

import re

# A sentence ends at . ! ? ؟ … (optionally followed by closing quotes/brackets)
# when the next sentence starts with an upper-case letter, a digit, an opening
# quote, or a letter of a script without case (Arabic, CJK, ...).
_BOUNDARY = re.compile(
    r"(?<=[.!?؟…。])[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[^\W\d_a-z]|[\"'“‘«(\[]?\d)"
)
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Cmdr|Adm|Rep|Sen|Gov|St|Jr|Sr|No|Vol|vs|etc|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"|\b[A-Z](?:\.[A-Z])*)\.$"
)
MIN_WORDS = 3


def split_sentences(text: str) -> list[str]:
    """Split paragraphs (one per line) into sentences; fragments under three words join their neighbour."""
    sentences: list[str] = []
    for paragraph in text.splitlines():
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        pending = ""
        for piece in _BOUNDARY.split(paragraph):
            pending = f"{pending} {piece}".strip() if pending else piece.strip()
            if _ABBREVIATION.search(pending) or len(pending.split()) < MIN_WORDS:
                continue
            sentences.append(pending)
            pending = ""
        if pending:
            if sentences and len(pending.split()) < MIN_WORDS and sentences[-1] in paragraph:
                sentences[-1] = f"{sentences[-1]} {pending}"
            else:
                sentences.append(pending)
    return sentences
