"""Near-duplicate detection at stream scale: storyline's MinHash LSH against datasketch's, same stream, same run.

The stream is built from real news text: ECB+ article sentences, recombined
into distinct documents of 8-15 sentences. One document in ten is a copy of an
earlier one with the edits syndicated copies show (words replaced or dropped,
a sentence removed or added, a furniture line appended). A copy and its source
are a true pair when the exact Jaccard similarity of their shingle sets is at
least 0.8, the near threshold of CopyDetector.

Each side takes every document from text to shingles to signature (in batches
of 1,000), queries the index (threshold 0.6, the candidate threshold of
CopyDetector), verifies each candidate by estimated Jaccard >= 0.8, then
inserts the document. datasketch: ``MinHash.bulk(scheme="affine32")`` and
``MinHashLSH``; storyline: ``hashed_shingles``, ``signatures`` and
``MinHashIndex``. A true pair is found when the copy's query returned its
source and verification kept it; a false pair is a kept pair whose exact
Jaccard is below 0.8.

Index memory is measured with tracemalloc in a separate, untimed pass: the
bytes still allocated after inserting every signature (Python objects and
numpy buffers the index holds; the signatures themselves are not counted).

    .venv/bin/python benchmarks/near_duplicates.py [--docs N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import time
import tracemalloc
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from storyline.dedup.minhash import MinHashIndex, jaccard, signatures
from storyline.dedup.shingles import hashed_shingles, shingles

ECB_PLUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus" / "docs.jsonl"
NEAR = 0.8
CANDIDATE = 0.6
NUM_PERM = 128
SEED = 1
BATCH = 1000
COPY_SHARE = 0.1
FURNITURE = [
    "Share this article",
    "Read more:",
    "Follow us on Twitter and Facebook.",
    "Click here to sign up for our daily newsletter.",
    "Copyright 2009 The Associated Press. All rights reserved.",
    "This material may not be published, broadcast, rewritten or redistributed.",
]


@dataclass(frozen=True)
class Stream:
    texts: list[str]
    keys: list[str]
    copies: dict[int, int]
    """Copy position -> source position."""


def build_stream(count: int, seed: int) -> Stream:
    """``count`` documents of ECB+ sentences, one in ten an edited copy of an earlier original."""
    with ECB_PLUS.open(encoding="utf-8") as lines:
        articles = [json.loads(line)["text"] for line in lines]
    sentences = list(dict.fromkeys(s.strip() for a in articles for s in a.split("\n") if len(s.split()) >= 4))
    words = [w for s in sentences for w in s.split() if w.isalpha()]
    rng = random.Random(seed)
    texts: list[str] = []
    parts: list[list[str]] = []
    originals: list[int] = []
    copies: dict[int, int] = {}
    for position in range(count):
        if originals and rng.random() < COPY_SHARE:
            source = rng.choice(originals)
            copies[position] = source
            parts.append(edited(parts[source], sentences, words, rng))
        else:
            originals.append(position)
            parts.append(rng.sample(sentences, rng.randint(8, 15)))
        texts.append(" ".join(parts[-1]))
    return Stream(texts, [f"doc-{i}" for i in range(count)], copies)


def edited(source: list[str], sentences: list[str], words: list[str], rng: random.Random) -> list[str]:
    """A copy of ``source`` with one to three of the edits outlets make when they republish."""
    copy = list(source)
    for edit in rng.sample(["replace", "drop", "remove", "add", "furniture"], rng.randint(1, 3)):
        if edit in ("replace", "drop"):
            for _ in range(rng.randint(1, 6)):
                i = rng.randrange(len(copy))
                tokens = copy[i].split()
                j = rng.randrange(len(tokens))
                tokens[j : j + 1] = [rng.choice(words)] if edit == "replace" else []
                copy[i] = " ".join(tokens)
        elif edit == "remove":
            del copy[rng.randrange(len(copy))]
        elif edit == "add":
            copy.insert(rng.randrange(len(copy) + 1), rng.choice(sentences))
        else:
            copy.append(rng.choice(FURNITURE))
    return copy


def exact_jaccard(a: str, b: str) -> float:
    sa, sb = set(shingles(a)), set(shingles(b))
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


@dataclass
class Run:
    name: str
    signature_s: float = 0.0
    index_s: float = 0.0
    candidates: int = 0
    pairs: set[tuple[int, int]] | None = None
    memory_per_doc: float = 0.0

    @property
    def total_s(self) -> float:
        return self.signature_s + self.index_s


def stream_through(
    name: str,
    stream: Stream,
    sign: Callable[[list[str]], list[Any]],
    index: Any,
    similarity: Callable[[Any, Any], float],
) -> tuple[Run, list[Any]]:
    """Each document: signature (a batch at a time), query, verify the candidates, insert."""
    run = Run(name, pairs=set())
    position = {key: i for i, key in enumerate(stream.keys)}
    stored: list[Any] = []
    for low in range(0, len(stream.texts), BATCH):
        start = time.perf_counter()
        batch = sign(stream.texts[low : low + BATCH])
        run.signature_s += time.perf_counter() - start
        start = time.perf_counter()
        for i, signature in enumerate(batch, start=low):
            for other in index.query(signature):
                run.candidates += 1
                if similarity(signature, stored[position[other]]) >= NEAR:
                    run.pairs.add((i, position[other]))
            index.insert(stream.keys[i], signature)
            stored.append(signature)
        run.index_s += time.perf_counter() - start
    return run, stored


def traced_bytes(build: Callable[[], Any]) -> tuple[int, Any]:
    """Bytes still allocated once ``build`` returns (kept alive), by tracemalloc."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    built = build()
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return used, built


def filled(index: Any, keys: list[str], stored: Iterable[Any], window: int | None = None) -> Any:
    for i, (key, signature) in enumerate(zip(keys, stored)):
        if window is None:
            index.insert(key, signature)
        else:
            index.insert(key, signature, at=i)
            index.expire(before=i - window)
    return index


def report(runs: list[Run], truth: dict[int, float], stream: Stream) -> None:
    """One row per run: speed, recall (overall and by exact Jaccard band), false pairs, candidates, memory."""
    true_pairs = {(copy, stream.copies[copy]) for copy, j in truth.items() if j >= NEAR}
    found = {run.name: run.pairs for run in runs}
    kept = {pair: exact_jaccard(*(stream.texts[i] for i in pair)) for pairs in found.values() for pair in pairs}
    bands = [(0.8, 0.85), (0.85, 0.9), (0.9, 0.95), (0.95, 1.01)]
    n = len(stream.texts)
    print(
        f"{'':12}{'docs/s':>8}{'sign s':>8}{'index s':>8}{'recall':>8}"
        + "".join(f"{f'J{lo:.2f}+':>8}" for lo, _ in bands)
        + f"{'false':>7}{'cand/q':>8}{'KiB/doc':>9}"
    )
    for run in runs:
        by_band = []
        for lo, hi in bands:
            in_band = [pair for pair in true_pairs if lo <= truth[pair[0]] < hi]
            by_band.append(sum(pair in run.pairs for pair in in_band) / max(1, len(in_band)))
        print(
            f"{run.name:12}{n / run.total_s:8.0f}{run.signature_s:8.1f}{run.index_s:8.1f}"
            f"{len(true_pairs & run.pairs) / len(true_pairs):8.3f}"
            + "".join(f"{r:8.3f}" for r in by_band)
            + f"{sum(kept[p] < NEAR for p in run.pairs):7d}{run.candidates / n:8.2f}{run.memory_per_doc / 1024:9.2f}"
        )
    theirs, ours = runs
    print(
        f"true pairs found by one side only: {theirs.name} {len(true_pairs & theirs.pairs - ours.pairs)}, "
        f"{ours.name} {len(true_pairs & ours.pairs - theirs.pairs)}"
    )
    print(
        f"{ours.name} / {theirs.name}: {theirs.total_s / ours.total_s:.2f}x documents per second "
        f"(signature {theirs.signature_s / ours.signature_s:.2f}x, index {theirs.index_s / ours.index_s:.2f}x), "
        f"{theirs.memory_per_doc / ours.memory_per_doc:.2f}x less index memory"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000, help="documents in the stream (default 100000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the stream's random choices")
    parser.add_argument("--window", type=int, default=20_000, help="documents kept by expire() in the last line")
    args = parser.parse_args()

    start = time.perf_counter()
    stream = build_stream(args.docs, args.seed)
    truth = {copy: exact_jaccard(stream.texts[copy], stream.texts[source]) for copy, source in stream.copies.items()}
    print(
        f"stream: {args.docs:,} documents of ECB+ sentences, {len(stream.copies):,} of them edited copies, "
        f"{sum(j >= NEAR for j in truth.values()):,} true pairs (exact Jaccard >= {NEAR}); "
        f"built in {time.perf_counter() - start:.0f} s"
    )
    edges = [0, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.01]
    counts = np.histogram(list(truth.values()), bins=edges)[0]
    spread = " | ".join(f"{lo}-{min(hi, 1)}: {c}" for lo, hi, c in zip(edges, edges[1:], counts))
    print(f"copies by exact Jaccard: {spread}")
    print()

    theirs, their_signatures = stream_through(
        "datasketch",
        stream,
        lambda texts: MinHash.bulk([shingles(t) for t in texts], num_perm=NUM_PERM, seed=SEED, scheme="affine32"),
        MinHashLSH(threshold=CANDIDATE, num_perm=NUM_PERM),
        lambda a, b: a.jaccard(b),
    )
    ours, our_signatures = stream_through(
        "storyline",
        stream,
        lambda texts: list(signatures([hashed_shingles(t) for t in texts], num_perm=NUM_PERM, seed=SEED)),
        MinHashIndex(threshold=CANDIDATE, num_perm=NUM_PERM),
        jaccard,
    )
    their_bytes, _ = traced_bytes(lambda: filled(MinHashLSH(CANDIDATE, NUM_PERM), stream.keys, their_signatures))
    our_bytes, _ = traced_bytes(lambda: filled(MinHashIndex(CANDIDATE, NUM_PERM), stream.keys, our_signatures))
    theirs.memory_per_doc, ours.memory_per_doc = their_bytes / args.docs, our_bytes / args.docs
    report([theirs, ours], truth, stream)

    held = []
    for count in (args.docs // 2, args.docs):
        used, windowed = traced_bytes(
            lambda count=count: filled(MinHashIndex(CANDIDATE, NUM_PERM), stream.keys[:count], our_signatures, args.window)
        )
        held.append(f"{len(windowed):,} entries, {used / 2**20:.1f} MiB after {count:,} documents")
    print(
        f"storyline with expire() keeping the last {args.window:,} documents: {'; '.join(held)} "
        f"(without expiry: {our_bytes / 2**20:.1f} MiB after {args.docs:,})"
    )
    print(
        "\ndocs/s: text to shingles to signature to query, verification and insert; sign s, index s: seconds in each;"
        "\nrecall: true pairs found, overall and by exact Jaccard; false: kept pairs of exact Jaccard < 0.8;"
        "\ncand/q: candidates per query; KiB/doc: index memory per indexed document (tracemalloc, untimed pass)."
    )


if __name__ == "__main__":
    main()
