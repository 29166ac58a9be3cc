"""Cost of linking a store's events into storylines, which `storylines`, `show` and `export` do when events changed.

The events are synthetic (as in ``cluster_speed.py``): centroids near real
ECB+ article vectors, with dates spread over two years so the time window
applies. Prints seconds per link and microseconds per event for each store
size, and the ratio of the largest to the smallest in events per second.
With ``--store``, the events are also saved into a SQLite file and linked the
way the commands do (``views.storylines``): the first call links and caches,
the second reads the cache; both are printed, with their ratio.

    .venv/bin/python benchmarks/storyline_linking.py [--events 10000 100000] [--store]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from storyline import views
from storyline.cluster.storylines import StorylineLinker
from storyline.models import EventState
from storyline.store import SQLStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_speed import print_summary, real_articles, synthetic_history  # noqa: E402

SPREAD_DAYS = 730
WINDOW_DAYS = 60.0


def time_store(states: list[EventState]) -> None:
    """Link the events through a SQLite store as the commands do, then ask again (the cache)."""
    with tempfile.TemporaryDirectory() as folder:
        store = SQLStore(str(Path(folder) / "linking.db"))
        try:
            store.save([], [], states)
            timings = []
            for _ in range(2):
                began = time.perf_counter()
                linked = views.storylines(store, WINDOW_DAYS)
                timings.append(time.perf_counter() - began)
        finally:
            store.close()
    print(
        f"{'':>9}  through the store: first {timings[0]:6.1f} s (load, link, cache), "
        f"again {timings[1]:6.2f} s ({timings[0] / timings[1]:.0f}x faster), {len(linked):,} storylines",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--store", action="store_true", help="also time linking and re-reading through a SQLite store")
    args = parser.parse_args()
    _, sources = real_articles()
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
        if args.store:
            time_store(states)
    print_summary(rates, "events", "events")


if __name__ == "__main__":
    main()
