"""Recall and precision of people and places (enrich/entities.py) on ECB+ dev, and its speed.

Data: ``../shared/data/ecbplus/docs.jsonl`` (beside the repository), split ``dev``
(8 topics, 197 documents), restricted to the sentences listed in
``ECBplus_coreference_sentences.csv`` (Topic, File, Sentence Number), the ones
ECB+ annotated fully. ``File`` is the document id without its topic
(``10ecbplus`` is ``2_10ecbplus`` in topic 2). Sentence numbers are the
mentions' ``sentence`` field. In ``text`` (one line per sentence) line ``i`` is
sentence ``i`` of an ``ecb`` document, and sentence ``i + 1`` of an ``ecbplus``
one, whose sentence 0 is its URL and not in the text. A mention's text is its
tokens joined by single spaces, while the line joins them with simpler
spacing rules, so a mention is placed in its line by matching its characters
with spaces ignored (the n-th mention of the same words takes the n-th place
they occur). The script prints how many gold mentions it could not place.

Gold:
- people: HUMAN_PART_PER mentions that are *named*. A mention is named when one
  of its tokens is a name: it starts with a capital letter, is not a pronoun or
  determiner ("He", "The"), and spaCy's tagger (the same English model, full
  pipeline, not its NER) tags it PROPN in the line. Where a capital says
  nothing (the line's first word, a word in capitals, or any word of a headline
  where most words are capitalised), the document must also write the word
  capitalised inside a sentence of its body, and never in lower case there.
  So "Lindsay Lohan", "the actress Tara Reid" and the headline's "Cheeks" are
  named; "her", "the actress", "police", "One Australian" and the headline's
  "Woman" or "Host" are not.
- places: LOC_GEO mentions, named by the same rule ("Queens", "the Gulf of
  Aden"; not "the region", "a ridge"). Recall over every LOC_GEO mention, named
  or not, is printed as well.

Predicted: ``find_entities_batch`` over each whole document (every line, as the
pipeline would see the article, so that in-article evidence counts), kinds
``person`` and ``place``; scored on the annotated sentences only. A prediction
matches a gold mention when their character spans overlap. Recall: gold
mentions matched by a prediction of the kind. Precision: predictions that
overlap a gold mention of their type (HUMAN_PART_PER named or not; LOC_GEO);
ECB+ annotates the participants, times and locations of its events, not every
name in a sentence, so precision is a lower bound: the script also says how
many unmatched predictions overlap no annotated mention at all, and gives a
lenient place precision where LOC_FAC (buildings, streets) counts as a place.

Speed: sentences per second of ``find_entities_batch`` over the dev documents
(model loaded and gazetteer built beforehand).

    .venv/bin/python benchmarks/entities_ecbplus.py [PATH_TO_DOCS_JSONL] [--misses] [--train]

``--misses`` lists every missed gold mention and unmatched prediction; ``--train``
scores the train split instead (25 topics the extractor was not tuned on).
"""

from __future__ import annotations

import ast
import csv
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from storyline.enrich.entities import MODEL, Entity, find_entities_batch

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus" / "docs.jsonl"
NOT_NAMES = frozenset(
    ["i", "me", "my", "he", "him", "his", "she", "her", "hers", "it", "its", "we", "us", "our", "they", "them", "their", "you", "your", "who", "whom", "whose", "the", "a", "an", "this", "that", "these", "those", "some", "any", "all", "each", "one", "another", "other"]
)
TITLE_CASE_SHARE = 0.6
"""A line where at least this share of words is capitalised is a headline: capitals say nothing there."""

Span = tuple[int, int, int]  # line, start, end


def load(path: Path, split: str = "dev") -> tuple[list[dict[str, Any]], dict[str, set[int]]]:
    docs = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            if doc["split"] == split:
                if isinstance(doc["mentions"], str):
                    doc["mentions"] = ast.literal_eval(doc["mentions"])
                docs.append(doc)
    annotated: dict[str, set[int]] = defaultdict(set)
    with (path.parent / "ECBplus_coreference_sentences.csv").open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            annotated[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return docs, annotated


def line_of(doc: dict[str, Any], sentence: int) -> int:
    return sentence - 1 if doc["subtopic"] == "ecbplus" else sentence


def place_mentions(line: str, mentions: list[dict[str, Any]]) -> dict[int, tuple[int, int]]:
    """Character spans of the mentions (all of one line) in the line, by m_id; unplaced ones left out."""
    kept = [i for i, c in enumerate(line) if not c.isspace()]
    squeezed = "".join(line[i] for i in kept)
    spans: dict[int, tuple[int, int]] = {}
    seen: Counter[str] = Counter()
    for mention in sorted(mentions, key=lambda m: m["tok_ids"][0]):
        target = "".join(mention["text"].split())
        places, at = [], squeezed.find(target)
        while at >= 0 and target:
            places.append(at)
            at = squeezed.find(target, at + 1)
        if not places:
            continue
        at = places[min(seen[target], len(places) - 1)]
        seen[target] += 1
        spans[mention["m_id"]] = (kept[at], kept[at + len(target) - 1] + 1)
    return spans


def is_headline(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) > 2 and sum(w[:1].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def body_case(lines: list[str]) -> tuple[set[str], set[str]]:
    """Words a document writes capitalised inside a body sentence, and words it writes in lower case."""
    upper, lower = set(), set()
    for line in lines:
        if is_headline(line):
            continue
        for word in re.findall(r"[^\W\d_][\w'’-]*", line)[1:]:
            if word.isupper() and len(word) > 1:
                continue
            (upper if word[0].isupper() else lower).add(word.casefold())
    return upper, lower


def is_named(line: str, span: tuple[int, int], tagged: Any, case: tuple[set[str], set[str]]) -> bool:
    headline = is_headline(line)
    for token in tagged.char_span(*span, alignment_mode="expand") or []:
        word = token.text
        if not word[:1].isupper() or word.casefold() in NOT_NAMES or token.pos_ != "PROPN":
            continue
        if token.i == 0 or headline or (word.isupper() and len(word) > 1):
            folded = word.casefold()
            if folded not in case[0] or folded in case[1]:
                continue
        return True
    return False


def overlaps(a: Span, b: Span) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show_misses = "--misses" in sys.argv
    split = "train" if "--train" in sys.argv else "dev"
    path = Path(args[0]) if args else DEFAULT
    docs, annotated = load(path, split)

    import spacy

    tagger = spacy.load(MODEL, exclude=["parser", "ner", "lemmatizer"])
    gold: dict[str, list[tuple[str, Span, str, bool]]] = defaultdict(list)  # doc -> (type, span, text, named)
    unplaced = Counter()
    types = ("HUMAN_PART_PER", "LOC_GEO", "LOC_FAC")
    for doc in docs:
        lines = doc["text"].split("\n")
        case = body_case(lines)
        by_line: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for mention in doc["mentions"]:
            if mention["sentence"] in annotated.get(doc["doc_id"], ()):
                by_line[line_of(doc, mention["sentence"])].append(mention)
        for number, mentions in by_line.items():
            line = lines[number]
            spans = place_mentions(line, mentions)
            tagged = tagger(line)
            for mention in mentions:
                if mention["m_id"] not in spans:
                    unplaced[mention["type"]] += 1
                    continue
                span = spans[mention["m_id"]]
                named = mention["type"] in types and is_named(line, span, tagged, case)
                gold[doc["doc_id"]].append((mention["type"], (number, *span), mention["text"], named))

    find_entities_batch([(["Load the model and the gazetteer."], "en")])
    texts = [(doc["text"].split("\n"), "en") for doc in docs]
    start = time.perf_counter()
    predicted: list[list[Entity]] = find_entities_batch(texts)
    seconds = time.perf_counter() - start
    n_sentences = sum(len(t) for t, _ in texts)

    selected = {doc["doc_id"]: {line_of(doc, s) for s in annotated.get(doc["doc_id"], ())} for doc in docs}
    print(f"ECB+ {split}: {len(docs)} documents, {sum(len(v) for v in selected.values())} annotated sentences")
    if unplaced:
        print(f"gold mentions not placed in their line (left out): {dict(unplaced)}")
    misses: dict[str, list[str]] = defaultdict(list)
    for kind, gold_type in (("person", "HUMAN_PART_PER"), ("place", "LOC_GEO")):
        found = hit_named = n_named = hit_all = n_all = 0
        correct = lenient = unannotated = resolved = 0
        for doc, entities in zip(docs, predicted, strict=True):
            mine = [
                (e.sentence, e.start, e.end, e.text, e.key)
                for e in entities
                if e.kind == kind and e.sentence in selected[doc["doc_id"]]
            ]
            mentions = gold[doc["doc_id"]]
            lines = doc["text"].split("\n")
            for type_, span, text, named in mentions:
                if type_ != gold_type:
                    continue
                hit = any(overlaps(span, p[:3]) for p in mine)
                n_all += 1
                hit_all += hit
                if named:
                    n_named += 1
                    hit_named += hit
                    if not hit:
                        misses[kind].append(f"MISS {text!r} | {lines[span[0]]}")
            for p in mine:
                found += 1
                over = [t for t, span, _, _ in mentions if overlaps(span, p[:3])]
                if gold_type in over:
                    correct += 1
                    lenient += 1
                else:
                    if kind == "place" and "LOC_FAC" in over:
                        lenient += 1
                    if not over:
                        unannotated += 1
                    resolved += p[4].startswith("geonames:")
                    misses[kind].append(f"FALSE {p[3]!r} over {over} | {lines[p[0]]}")
        print(f"\n{kind} (gold {gold_type}):")
        print(f"  gold named mentions: {n_named} (of {n_all} {gold_type} mentions)")
        print(f"  recall (named):      {hit_named / max(1, n_named):.3f} ({hit_named}/{n_named})")
        if kind == "place":
            print(f"  recall (all LOC_GEO): {hit_all / max(1, n_all):.3f} ({hit_all}/{n_all})")
        print(f"  predictions:         {found}")
        print(
            f"  precision:           {correct / max(1, found):.3f} ({correct}/{found}); "
            f"{unannotated} of the {found - correct} unmatched overlap no annotated mention"
        )
        if kind == "place":
            print(
                f"  precision, LOC_FAC counted as place: {lenient / max(1, found):.3f}; "
                f"{resolved} of the {found - correct} unmatched are GeoNames places (countries, cities)"
            )
    print(
        f"\nspeed: {n_sentences} sentences ({len(docs)} documents) in {seconds:.2f} s = {n_sentences / seconds:.0f} sentences/s, "
        f"{len(docs) / seconds:.1f} documents/s"
    )
    if show_misses:
        for kind, lines in misses.items():
            print(f"\n--- {kind} misses and false positives ---")
            print("\n".join(lines))


if __name__ == "__main__":
    main()
