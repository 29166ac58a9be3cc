"""Cost of linking a store's events into storylines, which `storylines`, `show` and `export` do on every call.

The events are synthetic (as in ``cluster_speed.py``): centroids near real
ECB+ article vectors, with dates spread over two years so the time window
applies. Prints seconds per link and microseconds per event for each store
size, and the ratio of the largest to the smallest in events per second.

    .venv/bin/python benchmarks/storyline_linking.py [--events 10000 100000]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from storyline.cluster.storylines import StorylineLinker
from storyline.enrich import SentenceEncoder, enrich
from storyline.models import Document
from storyline.normalize import normalize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_speed import DATA, synthetic_history  # noqa: E402

SPREAD_DAYS = 730


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    with DATA.open(encoding="utf-8") as lines:
        docs = [json.loads(line) for line in lines]
    articles = [normalize(Document(id=d["doc_id"], origin=str(DATA), text=d["text"])) for d in docs]
    features = enrich(articles, SentenceEncoder(), facts=False)
    sources = np.array([f.lead for f in features] + [f.body for f in features], dtype=np.float32)
    rng = np.random.default_rng(0)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    rates = {}
    for count in args.events:
        days = np.sort(rng.uniform(0, SPREAD_DAYS, count))
        states = [
            replace(state, first_seen=start + timedelta(days=float(day)), last_seen=start + timedelta(days=float(day)))
            for state, day in zip(synthetic_history(count, sources, rng), days)
        ]
        began = time.perf_counter()
        storylines = StorylineLinker().link(states)
        elapsed = time.perf_counter() - began
        rates[count] = count / elapsed
        print(
            f"{count:>9,} events: linked in {elapsed:6.1f} s ({1e6 * elapsed / count:6.0f} us per event), "
            f"{len(storylines):,} storylines",
            flush=True,
        )
    smallest, largest = min(rates), max(rates)
    print(f"{largest:,} / {smallest:,} events: {rates[largest] / rates[smallest]:.2f}x the events/s")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
