"""Ingest throughput and peak memory on ECB+ (772 real English news articles).

Prints articles per second for the whole pipeline into a fresh SQLite file
(or into the empty database ``--db`` names, e.g. a PostgreSQL one; with
``--processes N``, enriching in N worker processes, their start-up included),
next to a baseline measured in the same run (reading and normalising only), so
the ratio stays meaningful on a busy machine, and the time fact extraction
(entities, dates, figures and statements, part of enrich) takes on the same
articles, with its share of the pipeline's time. Peak memory is the process's
maximum resident set size (and a worker's, with workers).

    .venv/bin/python benchmarks/ingest_ecbplus.py [PATH_TO_DOCS_JSONL] [--db URL] [--processes N]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from storyline.config import load_settings
from storyline.enrich import split_sentences
from storyline.enrich.dates import dates_of
from storyline.enrich.entities import entities_batch
from storyline.enrich.facts import facts_of, worth_parsing
from storyline.enrich.nlp import read_batch
from storyline.enrich.status import statuses_of
from storyline.pipeline import IngestReport, Pipeline
from storyline.store import open_store
from storyline.store.sql import shown

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus" / "docs.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--db", help="an empty database to ingest into (default: a new SQLite file)")
    parser.add_argument("--processes", type=int, help="processes that enrich articles (default: the settings')")
    args = parser.parse_args()
    path = args.path
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings()
        settings = replace(settings, db=args.db or str(Path(tmp) / "bench.db"), processes=args.processes or settings.processes)
        store = open_store(settings.db)
        pipeline = Pipeline(store, settings)
        pipeline.encoder.encode(["warm up the encoder"])

        start = time.perf_counter()
        read = sum(1 for _ in pipeline.normalized(pipeline.read([path]), IngestReport()))
        read_seconds = time.perf_counter() - start

        start = time.perf_counter()
        with pipeline:
            report = pipeline.ingest([path])
        seconds = time.perf_counter() - start

        articles = list(pipeline.normalized(pipeline.read([path]), IngestReport()))
        segments = [[(s.language, split_sentences(s.text)) for s in a.segments] for a in articles]
        start = time.perf_counter()
        for first in range(0, len(articles), settings.batch_size):  # as enrich reads them: a batch at a time
            batch = segments[first : first + settings.batch_size]
            docs = read_batch(batch, worth_parsing)
            found = entities_batch(batch, docs)
            for article, parts, entities in zip(articles[first : first + settings.batch_size], batch, found):
                dates_of(parts, article.published)
                facts_of(parts, docs)
                statuses_of(parts, entities, docs)
        extraction_seconds = time.perf_counter() - start
        events = len(store.events())
        store.close()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"input: {path} ({read} articles), into {shown(settings.db) if args.db else 'a new SQLite file'}")
    print(f"read+normalize only: {read / read_seconds:8.1f} articles/s")
    print(
        f"whole pipeline:      {report.new / seconds:8.1f} articles/s ({seconds:.1f} s, {events} events; "
        f"enriched in {settings.processes} process{'es' if settings.processes > 1 else ''})"
    )
    print(f"pipeline / read+normalize time ratio: {seconds / read_seconds:.1f}x")
    share = f", {extraction_seconds / seconds:.0%} of the pipeline's time" if settings.processes == 1 else " (in one process)"
    print(
        "fact extraction (entities, dates, figures, statements, place statuses) alone: "
        f"{len(articles) / extraction_seconds:8.1f} articles/s{share}"
    )
    print(f"peak memory: {peak_mib:.0f} MiB")
    if settings.processes > 1:
        worker_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory of an enriching worker: {worker_mib:.0f} MiB (each of {settings.processes})")


if __name__ == "__main__":
    main()
