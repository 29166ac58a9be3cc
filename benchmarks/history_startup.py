"""Start-up against history: a one-article ``storyline ingest`` into stores of growing size.

Every ingest is a new process that rebuilds the stateful stages from the
store, the truth they are derived from: the copy detector's index of recent
articles, the live events, and which articles each live event holds. A feed
polled every few minutes pays this at each poll, so it must not grow with
everything ever stored.

The stores are synthetic but written through the store's own batch writes:
ECB+ dev articles (enriched once, no facts), each repeated as the articles of
one event of eight, with new ids and hashes, vectors moved by a little noise,
random MinHash signatures, and one publication every minute. Each size gets
one ingest of a sample article (a new process, the disk cache warm) with its
seconds and peak memory; the first size is the baseline the others are
compared with.

What a run reads is bounded: the copy detector's window of newest
articles (100,000) and the live events' centroids (200,000 events at most);
an event's words, names and articles are read when it comes up. The
detector's window is the largest part of what remains: in a store of
300,000 articles, reading it took 2.9 s and indexing its signatures 2.3 s,
and reading the 37,500 live events' centroids 2.0 s, of a one-article
ingest's 18 s (7-8 s into 10,000 articles).

    .venv/bin/python benchmarks/history_startup.py [--sizes 10000 200000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from storyline.enrich.vectors import SentenceEncoder, enrich
from storyline.models import Document, EventState, Features, Placed
from storyline.normalize import normalize
from storyline.store import SQLStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import ingest_once  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ECBPLUS = ROOT.parent / "shared" / "data" / "ecbplus" / "docs.jsonl"
PER_EVENT = 8
BATCH = 4_000
NOISE = 0.05


def real_features() -> list[Features]:
    """ECB+ dev articles as enrich makes them, without facts."""
    with ECBPLUS.open(encoding="utf-8") as lines:
        rows = [row for row in map(json.loads, lines) if row["split"] == "dev"]
    articles = [normalize(Document(id=row["doc_id"], origin=f"ecbplus:{row['doc_id']}", text=row["text"])) for row in rows]
    return enrich(articles, SentenceEncoder(), facts=False)


def _moved(vector: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    moved = vector + rng.normal(0.0, NOISE, vector.shape).astype(np.float32)
    return (moved / np.linalg.norm(moved)).astype(np.float32)


def build(path: Path, size: int, features: list[Features]) -> float:
    """Write a store of ``size`` articles in events of :data:`PER_EVENT`; seconds taken."""
    rng = np.random.default_rng(0)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    began = time.perf_counter()
    store = SQLStore(str(path))
    try:
        placed: list[Placed] = []
        states: list[EventState] = []
        for first in range(0, size, PER_EVENT):
            base = features[(first // PER_EVENT) % len(features)]
            event_id = f"ev-h{first:09d}"
            members = []
            for i in range(first, min(size, first + PER_EVENT)):
                article = replace(
                    base.article,
                    id=f"h{i:09d}",
                    origin=f"history:{i}",
                    content_hash=hashlib.sha256(f"h{i}".encode()).hexdigest(),
                    published=start + timedelta(minutes=i),
                )
                members.append(replace(base, article=article, lead=_moved(base.lead, rng), body=_moved(base.body, rng)))
            signatures = rng.integers(0, 2**32, (len(members), 128), dtype=np.uint32)
            placed += [Placed(f, s, event_id) for f, s in zip(members, signatures)]
            n = len(members)
            states.append(
                EventState(
                    id=event_id,
                    label=base.sentences[0][:80] if base.sentences else event_id,
                    size=n,
                    lead_sum=np.sum([f.lead for f in members], axis=0),
                    body_sum=np.sum([f.body for f in members], axis=0),
                    terms_sum={k: v * n for k, v in base.terms.items()},
                    names_sum={k: v * n for k, v in base.names.items()},
                    first_seen=members[0].article.published,
                    last_seen=members[-1].article.published,
                )
            )
            if len(placed) >= BATCH:
                with store.writing() as batch:
                    batch.save(placed, [], states)
                placed, states = [], []
        if placed:
            with store.writing() as batch:
                batch.save(placed, [], states)
    finally:
        store.close()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 200_000])
    parser.add_argument("--article", type=Path, default=min((ROOT / "samples").glob("*.txt")))
    args = parser.parse_args()
    features = real_features()
    print(f"{len(features)} ECB+ dev articles enriched; stores of {', '.join(f'{s:,}' for s in args.sizes)} articles")
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        with tempfile.TemporaryDirectory() as warm_up:  # the disk cache (gazetteer, word lists) is warm for every size
            ingest_once(args.article, Path(warm_up) / "warm.db")
        for size in args.sizes:
            database = folder / f"history-{size}.db"
            written = build(database, size, features)
            seconds, peak = ingest_once(args.article, database)
            results.append((size, seconds, peak))
            megabytes = database.stat().st_size / 2**20
            print(
                f"{size:>9,} articles ({megabytes:,.0f} MiB, written in {written:.0f} s): "
                f"ingest of one article {seconds:.2f} s, peak {peak:,.0f} MiB",
                flush=True,
            )
            database.unlink()
    base_size, base_seconds, base_peak = results[0]
    for size, seconds, peak in results[1:]:
        print(
            f"{size:,} against {base_size:,}: {seconds / base_seconds:.2f}x the time, "
            f"{peak / base_peak:.2f}x the peak memory"
        )


if __name__ == "__main__":
    main()
