"""Progressive evaluation of event clustering on a labelled JSONL stream.

The stream goes through the real pipeline (normalize, enrich, copies,
clustering) into a throw-away database: each article is assigned the moment it
arrives, before any later article is seen, and moved later only with a merge
or split of its event (applied as the user sees it), so the scores are those of
the online system a user runs. The stream order is part
of the result and is always reported, with the dated articles that the pipeline put in
publication order within a batch, as every ingest does.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from storyline import views
from storyline.cluster.metrics import scores
from storyline.config import Settings
from storyline.models import Document
from storyline.pipeline import Pipeline
from storyline.sources.records import to_document
from storyline.store import open_store


@dataclass(frozen=True)
class Evaluation:
    """Scores of one progressive run, with what was run."""

    dataset: str
    order: str
    articles: int
    rejected: int
    gold_events: int
    predicted_events: int
    scores: dict[str, float]
    storylines: int
    storyline_scores: dict[str, float]
    """The events linked into storylines at the end, scored against the same gold labels."""


def labelled_documents(
    path: Path, label: str, text_field: str = "text", id_field: str = "id", where: Mapping[str, str] | None = None
) -> list[tuple[Document, str]]:
    """Documents of the JSONL records that match ``where``, each with its gold label."""
    where = where or {}
    found = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: invalid JSON: {exc.msg} (column {exc.colno})") from exc
            if not isinstance(record, dict):
                raise ValueError(f"{path}:{number}: line is a JSON {type(record).__name__}, not an object")
            if any(str(record.get(k)) != v for k, v in where.items()):
                continue
            if label not in record:
                raise ValueError(f"{path}:{number}: no gold label field {label!r}")
            mapped = dict(record) | {"id": record.get(id_field), "text": record.get(text_field)}
            document = to_document(mapped, default_id=f"{path.name}:{number}", origin=f"{path}:{number}")
            if isinstance(document, Document):
                found.append((document, str(record[label])))
    return found


def evaluate(
    path: Path,
    label: str,
    settings: Settings,
    text_field: str = "text",
    id_field: str = "id",
    where: Mapping[str, str] | None = None,
    shuffle_seed: int | None = None,
) -> Evaluation:
    """Run the stream (file order, or shuffled with ``shuffle_seed``) and score the assignments."""
    stream = labelled_documents(path, label, text_field, id_field, where)
    if not stream:
        raise ValueError(f"{path}: no labelled records{' matching ' + str(dict(where)) if where else ''}")
    order = "file order"
    if shuffle_seed is not None:
        permutation = np.random.default_rng(shuffle_seed).permutation(len(stream))
        stream = [stream[i] for i in permutation]
        order = f"shuffled (seed {shuffle_seed})"
    gold = {document.id: event for document, event in stream}
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "evaluation.db"))
        try:
            # Facts (entities, claims) do not enter the event decision: evaluated without them, 3x faster.
            scored = replace(settings, db=store.url, extract_facts=False)
            with Pipeline(store, scored) as pipeline:
                report = pipeline.ingest_documents(d for d, _ in stream)
            assigned = {a: e.id for e in store.events() for a in e.article_ids}
            linked = views.storylines(store, settings.storyline_window_days)  # as the commands link them
        finally:
            store.close()
    if report.reordered:
        order += f"; {report.reordered} dated articles moved into publication order within batches of {settings.batch_size}"
    ids = [i for i in gold if i in assigned]
    storyline_of = {event_id: s.id for s in linked for event_id in s.event_ids}
    return Evaluation(
        dataset=str(path) + (f" ({', '.join(f'{k}={v}' for k, v in where.items())})" if where else ""),
        order=order,
        articles=len(ids),
        rejected=len(report.rejected),
        gold_events=len({gold[i] for i in ids}),
        predicted_events=len({assigned[i] for i in ids}),
        scores=scores([gold[i] for i in ids], [assigned[i] for i in ids]),
        storylines=len({storyline_of[assigned[i]] for i in ids}),
        storyline_scores=scores([gold[i] for i in ids], [storyline_of[assigned[i]] for i in ids]),
    )
