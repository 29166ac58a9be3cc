"""Clustering-stage speed with a small and a large history: does time per article stay flat?

The articles are real (ECB+, 772, encoded once); the history is synthetic:
events whose centroids are real article vectors plus noise, so the index
holds a realistic spread of neighbours rather than uniform random points.
Each run restores a history of N events into a fresh clusterer (with the
default ``max_live``, so beyond it only the newest events are live, as in
production), then times ``scores`` + ``choose`` + ``learn_one`` + ``merges`` + ``split`` for every
real article, as the pipeline runs them (an event's articles are known for the split check once
real articles founded it). Prints articles per second per history size, the ratio of the
largest to the smallest, and peak memory.

    .venv/bin/python benchmarks/cluster_speed.py [--history 10000 1000000] [--max-live N]
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

import numpy as np

from storyline.calibration import run_stream
from storyline.cluster import EventClusterer
from storyline.enrich import SentenceEncoder, enrich
from storyline.models import Document, EventState, Features
from storyline.normalize import normalize

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus" / "docs.jsonl"
NOISE = 0.04
"""Per-dimension noise on a real vector: a synthetic centroid keeps a cosine of about 0.7 to its source."""


def synthetic_history(count: int, sources: np.ndarray, rng: np.random.Generator) -> list[EventState]:
    """``count`` one-article events near real article vectors (no words or names: dense evidence only)."""
    states = []
    for start in range(0, count, 50_000):
        size = min(50_000, count - start)
        picks = sources[rng.integers(0, len(sources), size=(2, size))]
        leads = picks[0] + rng.normal(0, NOISE, picks[0].shape).astype(np.float32)
        bodies = picks[1] + rng.normal(0, NOISE, picks[1].shape).astype(np.float32)
        for offset in range(size):
            states.append(
                EventState(
                    id=f"history-{start + offset}",
                    label="",
                    size=1,
                    lead_sum=leads[offset],
                    body_sum=bodies[offset],
                    terms_sum={},
                    names_sum={},
                )
            )
    return states


def real_articles() -> tuple[list[Features], np.ndarray]:
    """The ECB+ articles embedded once (no facts), and their lead and body vectors as sources of synthetic events."""
    with DATA.open(encoding="utf-8") as lines:
        docs = [json.loads(line) for line in lines]
    articles = [normalize(Document(id=d["doc_id"], origin=str(DATA), text=d["text"])) for d in docs]
    features = enrich(articles, SentenceEncoder(), facts=False)
    return features, np.array([f.lead for f in features] + [f.body for f in features], dtype=np.float32)


def print_summary(rates: dict[int, float], sizes: str, unit: str) -> None:
    """The largest size's rate against the smallest's, and the process's peak memory."""
    smallest, largest = min(rates), max(rates)
    print(f"{largest:,} / {smallest:,} {sizes}: {rates[largest] / rates[smallest]:.2f}x the {unit}/s")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--history", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--max-live", type=int, default=None, help="default: the clusterer's own")
    args = parser.parse_args()
    features, sources = real_articles()
    rng = np.random.default_rng(0)
    rates = {}
    for count in args.history:
        clusterer = EventClusterer(**({"max_live": args.max_live} if args.max_live else {}))
        began = time.perf_counter()
        clusterer.restore_many(synthetic_history(count, sources, rng))
        restored = time.perf_counter() - began
        live = len(clusterer.live)
        began = time.perf_counter()
        _, merged, split = run_stream(clusterer, features, range(len(features)))
        elapsed = time.perf_counter() - began
        rates[count] = len(features) / elapsed
        print(
            f"history {count:>9,} events ({live:,} of them live at the start, "
            f"restored in {restored:.0f} s): {rates[count]:7.1f} articles/s, {merged} merges, {split} splits",
            flush=True,
        )
    print_summary(rates, "events of history", "articles")


if __name__ == "__main__":
    main()
