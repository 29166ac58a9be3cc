"""One read of a batch by the English model: NER as NER alone reads it, the parse where facts need it, each sentence once."""

from __future__ import annotations

from storyline.enrich import split_sentences
from storyline.enrich.entities import entities_batch
from storyline.enrich.facts import facts_of, worth_parsing
from storyline.enrich.nlp import read, read_batch

HALDEMAN = (
    "The Watergate tapes captured White House chief of staff H.R. Haldeman telling Nixon that Felt was the source, "
    "but they were afraid to stop him."
)


def test_ner_of_a_parsed_sentence_is_ner_alone():
    # The parser ends a sentence after "H.R."; NER run after it would stop the name there.
    docs = read([HALDEMAN], [HALDEMAN])
    doc = docs[HALDEMAN]
    assert doc.has_annotation("DEP")
    assert ("H.R. Haldeman", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in read([HALDEMAN], ())[HALDEMAN].ents]


def test_each_sentence_is_read_once_and_only_as_asked():
    named, parsed = "Macron visited Damascus.", "Three sources said 1,000 troops left."
    docs = read([named, parsed, named], [parsed, parsed])
    assert list(docs) == [named, parsed]
    assert docs[named].has_annotation("ENT_IOB") and not docs[named].has_annotation("DEP")
    assert docs[parsed].has_annotation("ENT_IOB") and docs[parsed].has_annotation("DEP")
    assert not read((), [named])[named].has_annotation("ENT_IOB")
    assert read([], []) == {}


def test_a_batch_read_once_gives_what_each_article_gives_alone(ecb, sample_texts):
    articles = [[("en", ecb[doc]["text"].split("\n"))] for doc in ("21_7ecb", "23_5ecbplus", "2_8ecb")]
    lines = sample_texts["003"].splitlines()
    articles.append([("ar", split_sentences("\n".join(lines[:6]))), ("en", split_sentences("\n".join(lines[6:])))])
    articles.append([("en", split_sentences(sample_texts["000"]))])
    docs = read_batch(articles, worth_parsing)
    assert entities_batch(articles, docs) == [entities_batch([article])[0] for article in articles]
    assert [facts_of(article, docs) for article in articles] == [facts_of(article) for article in articles]
    assert any(facts_of(article, docs)[1] for article in articles)  # statements were found, not just nothing twice
