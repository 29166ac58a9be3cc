"""Start-up: a one-article ``storyline ingest`` with an empty disk cache, then with the cache it left.

A small ingest (one feed poll, one file dropped in) is mostly start-up:
imports, the sentence encoder, spaCy and the place gazetteer. The gazetteer
is kept in the disk cache (:mod:`storyline.cache`) after its first build, so
only a machine's first run pays for folding its names. Each run is a new
process with its own new database; the first has an empty
``XDG_CACHE_HOME``, the others the cache the first wrote. Peak memory is
the process's maximum resident set.

    .venv/bin/python benchmarks/startup.py [--article samples/000_....txt] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ingest_once(article: Path, database: Path, cache: Path | None = None) -> tuple[float, float]:
    """Seconds and peak MiB of one ``storyline ingest`` of ``article`` into ``database`` (with ``cache`` as the
    disk cache's ``XDG_CACHE_HOME``, or the user's)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYLINE_")}
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
    command = [str(Path(sys.executable).parent / "storyline"), "ingest", str(article), "--db", str(database)]
    output = database.with_suffix(".out")
    with output.open("w") as file:
        start = time.perf_counter()
        child = subprocess.Popen(command, env=env, stdout=file, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak memory, not the largest of all so far
        seconds = time.perf_counter() - start
    text = output.read_text()
    if os.waitstatus_to_exitcode(status) != 0 or "new 1" not in text:
        raise SystemExit(f"ingest failed: {text}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=min((ROOT / "samples").glob("*.txt")))
    parser.add_argument("--runs", type=int, default=3, help="runs with the cache, after the one without")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder, cache = Path(scratch), Path(scratch) / "cache"
        cold, cold_peak = ingest_once(args.article, folder / "0.db", cache)
        warm = [ingest_once(args.article, folder / f"{run}.db", cache) for run in range(1, args.runs + 1)]
    best, best_peak = min(warm)
    print(f"one-article ingest ({args.article.name}), empty cache: {cold:.2f} s, peak {cold_peak:.0f} MiB")
    print(
        f"with the cache, best of {args.runs}: {best:.2f} s, peak {best_peak:.0f} MiB "
        f"(all: {', '.join(f'{s:.2f}' for s, _ in warm)}); {cold / best:.2f}x as fast"
    )


if __name__ == "__main__":
    main()
