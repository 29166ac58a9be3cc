"""Date detection on ECB+ dev: recall and precision of TIME_DATE mentions, and speed.

Gold is every TIME_DATE mention in the sentences ECB+ lists as fully annotated
(ECBplus_coreference_sentences.csv), dev split only. Predictions are
``find_dates`` on those sentences, with no publication date (detection only: ECB+
has no timestamps). A prediction matches a gold mention when their character
spans in the sentence overlap.

ECB+ sentence numbers: in ``*ecb`` documents sentence N is text line N; in
``*ecbplus`` documents sentence 0 is the source URL, which the text leaves out,
so sentence N is line N - 1. Gold spans are found by their text, ignoring
spaces (the mention text joins tokens with spaces, the line with simple
spacing rules), in document order.

ECB+ annotates as TIME_DATE some times of day ("at about 7 p.m") and season
words ("this offseason"), which find_dates leaves out, and puts other time
expressions under TIME_DURATION, TIME_OF_THE_DAY or TIME_REPETITION; precision
is given both strictly (matching TIME_DATE) and against any TIME_* mention.

Last, ``infer_published`` is checked on every document (train and dev) whose URL
carries its date (/2013/08/02/): the inferred day should be within two days of it.

    .venv/bin/python benchmarks/dates_ecbplus.py [PATH_TO_DOCS_JSONL] [--split=dev|train] [--misses]
"""

from __future__ import annotations

import ast
import csv
import json
import re
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from storyline.enrich.dates import find_dates, infer_published

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus" / "docs.jsonl"

Span = tuple[int, int]
URL_DATE = re.compile(r"/((?:19|20)[0-9]{2})/([01][0-9])/([0-3][0-9])/")


def _mentions(doc: dict[str, Any]) -> list[dict[str, Any]]:
    mentions = doc["mentions"]
    return ast.literal_eval(mentions) if isinstance(mentions, str) else mentions


def _locate(line: str, text: str, after: int) -> Span | None:
    """Where ``text`` (tokens joined by spaces) lies in ``line``, ignoring spaces, from ``after`` on."""
    pattern = r"\s*".join(map(re.escape, text.replace(" ", "")))
    match = re.compile(pattern).search(line, after) or re.compile(pattern).search(line)
    return match.span() if match else None


def load(path: Path, split: str) -> tuple[list[str], list[list[tuple[str, Span]]], list[list[Span]]]:
    """The split's fully annotated sentences, their TIME_DATE spans, and the spans of every TIME_* mention."""
    selected: dict[str, set[int]] = defaultdict(set)
    with (path.parent / "ECBplus_coreference_sentences.csv").open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            selected[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    sentences: list[str] = []
    dates: list[list[tuple[str, Span]]] = []
    times: list[list[Span]] = []
    with path.open(encoding="utf-8") as lines:
        for doc in map(json.loads, lines):
            if doc["split"] != split:
                continue
            text_lines = doc["text"].split("\n")
            shift = 1 if doc["subtopic"] == "ecbplus" else 0
            by_sentence: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for mention in _mentions(doc):
                if mention["type"].startswith("TIME"):
                    by_sentence[mention["sentence"]].append(mention)
            for number in sorted(selected.get(doc["doc_id"], ())):
                if not 0 <= number - shift < len(text_lines):
                    continue
                line = text_lines[number - shift]
                gold: list[tuple[str, Span]] = []
                spans: list[Span] = []
                cursor = 0
                for mention in sorted(by_sentence[number], key=lambda m: min(m["tok_ids"])):
                    span = _locate(line, mention["text"], cursor)
                    if span is None:
                        continue
                    cursor = span[0]
                    spans.append(span)
                    if mention["type"] == "TIME_DATE":
                        gold.append((mention["text"], span))
                sentences.append(line)
                dates.append(gold)
                times.append(spans)
    return sentences, dates, times


def inference(path: Path) -> tuple[int, int, int]:
    """Documents with a dated URL, how many of them get a publication date, and how many within two days."""
    dated = inferred = close = 0
    with path.open(encoding="utf-8") as lines:
        for doc in map(json.loads, lines):
            if not (match := URL_DATE.search(doc.get("url") or "")):
                continue
            dated += 1
            truth = datetime(*map(int, match.groups()), tzinfo=UTC)
            guess = infer_published(find_dates(doc["text"].split("\n"), "en", None))
            inferred += guess is not None
            close += guess is not None and abs(guess - truth) <= timedelta(days=2)
    return dated, inferred, close


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main() -> None:
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = Path(arguments[0]) if arguments else DEFAULT
    show_misses = "--misses" in sys.argv
    split = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--split=")), "dev")
    sentences, dates, times = load(path, split)

    find_dates(["Warm up on Monday."], "en", None)  # compile the patterns outside the timing
    start = time.perf_counter()
    predicted = [find_dates([sentence], "en", None) for sentence in sentences]
    seconds = time.perf_counter() - start

    found = correct = loosely_correct = gold_total = 0
    misses: list[str] = []
    wrong: list[str] = []
    for sentence, gold, spans, mentions in zip(sentences, dates, times, predicted):
        gold_total += len(gold)
        for text, span in gold:
            if any(_overlaps(span, (m.start, m.end)) for m in mentions):
                found += 1
            else:
                misses.append(f"{text!r:40} | {sentence}")
        for m in mentions:
            if any(_overlaps(span, (m.start, m.end)) for _, span in gold):
                correct += 1
            else:
                wrong.append(f"{m.text!r:40} | {sentence}")
            loosely_correct += any(_overlaps(span, (m.start, m.end)) for span in spans)
    predictions = sum(map(len, predicted))
    print(f"input: {path} ({split}, {len(sentences)} annotated sentences)")
    print(f"gold TIME_DATE mentions: {gold_total}; predicted mentions: {predictions}")
    print(f"recall    (TIME_DATE found):        {found / gold_total:.3f} ({found}/{gold_total})")
    print(f"precision (on a TIME_DATE):         {correct / predictions:.3f} ({correct}/{predictions})")
    print(f"precision (on any TIME_* mention):  {loosely_correct / predictions:.3f} ({loosely_correct}/{predictions})")
    print(f"speed: {len(sentences) / seconds:,.0f} sentences/s ({seconds * 1000:.0f} ms)")
    dated, inferred, close = inference(path)
    print(f"publication date inferred: {inferred}/{dated} documents with a dated URL, {close} within two days of it")
    if show_misses:
        print("\nmissed:", *misses, "\nnot TIME_DATE:", *wrong, sep="\n  ")


if __name__ == "__main__":
    main()
