"""Command line: thin commands over importable functions. Only this module configures logging."""

from __future__ import annotations

import json
import logging
import sys
import tempfile
from dataclasses import asdict, replace
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from storyline.config import Settings, load_settings
from storyline.errors import StorylineError
from storyline.pipeline import IngestReport, Pipeline
from storyline.store import SQLStore, open_store
from storyline.views import event_detail, export_rows, storylines

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Storyline: news articles in, events out.")
# Output that is piped or captured is not cut to 80 columns.
out = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
# Messages are one line each, whatever the terminal width: never wrapped.
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[str | None, typer.Option("--db", help="Database URL or SQLite file (default: storyline.db).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _settings(db: str | None) -> Settings:
    settings = load_settings()
    return replace(settings, db=db) if db else settings


def _open(db: str | None, create: bool = False) -> SQLStore:
    """The store, for reading unless ``create``: only commands that write may make a new database."""
    return open_store(_settings(db).db, create)


def _run_ingest(store: SQLStore, settings: Settings, paths: list[str]) -> IngestReport:
    with (
        Pipeline(store, settings) as pipeline,
        Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        ) as progress,
    ):
        task = progress.add_task("ingest", total=None)
        report = pipeline.ingest(paths, progress=lambda n: progress.advance(task, n))
    for rejection in report.rejected:
        err.print(f"rejected: {rejection.origin}: {rejection.reason}", markup=False)
    return report


def _print_report(report: IngestReport) -> None:
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(report.copies.items()))
    out.print(
        f"new {report.new}, duplicates {report.duplicates}{f' ({kinds})' if kinds else ''}, "
        f"already stored {report.already_stored}, rejected {len(report.rejected)}"
    )


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for standard input.")],
    db: DbOption = None,
) -> None:
    """Read articles, find copies, assign events and store everything."""
    settings = _settings(db)
    store = _open(db, create=True)
    try:
        report = _run_ingest(store, settings, paths)
    finally:
        store.close()
    _print_report(report)
    if report.new == 0 and report.already_stored == 0:
        if not report.rejected:
            err.print(f"error: no articles found in {' '.join(paths)}")
        raise typer.Exit(1)


def _print_events(store: SQLStore, as_json: bool) -> None:
    events = store.events()
    if as_json:
        rows = [
            {
                "id": e.id,
                "label": e.label,
                "articles": len(e.article_ids),
                "article_ids": list(e.article_ids),
                "languages": list(e.languages),
                "sources": list(e.sources),
                "credits": list(e.credits),
                "first_seen": e.first_seen.isoformat() if e.first_seen else None,
                "last_seen": e.last_seen.isoformat() if e.last_seen else None,
            }
            for e in events
        ]
        out.print_json(data=rows) if out.is_terminal else print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(events)} events")
    table.add_column("event", no_wrap=True)
    table.add_column("label", max_width=70, overflow="ellipsis", no_wrap=True)
    for column in ("articles", "languages", "sources", "credited", "first", "last"):
        table.add_column(column, no_wrap=True)
    for e in events:
        table.add_row(
            e.id,
            e.label,
            str(len(e.article_ids)),
            ", ".join(e.languages),
            ", ".join(e.sources) or "-",
            ", ".join(e.credits) or "-",
            e.first_seen.date().isoformat() if e.first_seen else "-",
            e.last_seen.date().isoformat() if e.last_seen else "-",
        )
    out.print(table)


@app.command()
def events(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List events: label, article count, languages, sources, first and last date."""
    store = _open(db)
    try:
        _print_events(store, as_json)
    finally:
        store.close()


def _print_event(store: SQLStore, event_id: str, settings: Settings, as_json: bool) -> None:
    detail = event_detail(store, event_id, settings.storyline_window_days, settings.stale_after_days)
    if detail is None:
        err.print(f"error: no event {event_id!r}; `storyline events` lists them")
        raise typer.Exit(1)
    if as_json:
        print(json.dumps(detail, ensure_ascii=False, indent=2))
        return
    if detail["id"] != event_id:
        out.print(f"{event_id} was merged into {detail['id']}", markup=False)
    out.print(f"[bold]{detail['id']}[/bold]  {detail['label']}")
    related = f"; on the same topic: {', '.join(detail['related_storylines'])}" if detail["related_storylines"] else ""
    out.print(f"Storyline {detail['storyline']}{related}", markup=False)
    for merge in detail["merged_from"]:
        out.print(
            f"Merged in: {merge['event']} (when {merge['article']} joined, p={merge['probability']:.2f})", markup=False
        )
    for kind, key in (("Split from", "split_from"), ("Split off", "split_into")):
        for split in detail[key]:
            out.print(
                f"{kind}: {split['event']} (when {split['article']} joined, p={split['probability']:.2f}; "
                f"{len(split['moved'])} articles moved)",
                markup=False,
            )
    table = Table()
    table.add_column("article", no_wrap=True)
    for column in ("published", "languages"):
        table.add_column(column)
    table.add_column("copy of", no_wrap=True)
    table.add_column("title / lead", max_width=60, overflow="ellipsis", no_wrap=True)
    table.add_column("cleaning", max_width=50)
    for a in detail["articles"]:
        copy = f"{a['duplicate_of']} ({a['copy_kind']}, {a['copy_score']:.2f})" if a["duplicate_of"] else "original"
        published = (a["published"] or "-")[:10] + (" (from text)" if a["published_inferred"] else "")
        table.add_row(
            a["id"],
            published,
            ", ".join(a["languages"]) + "".join(f" ({t['language']} translates {t['of']})" for t in a["translations"]),
            copy,
            a["headline"],
            "; ".join(
                a["cleaning"]
                + ([f"low quality: {', '.join(a['quality_signs'])}"] if a["quality"] == "low" else [])
                + ([f"stale: {a['stale_reason']}"] if a["stale"] else [])
            )
            or "-",
        )
    out.print(table)
    for point in detail["disagreements"]:
        out.print(f"Sources disagree on {point['subject']}:", markup=False)
        for claim in point["claims"]:
            speaker = claim["speaker"] or "the article"
            details = [claim["value"]]
            if "to" in claim:
                details.append(f"to {claim['to']}")
            if "when" in claim:
                details.append(claim["when"])
            out.print(f"  {claim['text']!r} ({', '.join(details)}): {speaker}, {claim['article']}", markup=False)
    for a in detail["articles"]:
        if a["changes"]:
            out.print(f"Changed facts, {a['duplicate_of']} -> {a['id']}:", markup=False)
            for change in a["changes"]:
                out.print(
                    f"  {change['original'] or '(nothing)'!r} -> {change['copy'] or '(dropped)'!r} ({change['kind']})",
                    markup=False,
                )


def _print_storylines(store: SQLStore, window_days: float, as_json: bool) -> None:
    found = storylines(store, window_days)
    sizes = {e.id: len(e.article_ids) for e in store.events()}
    if as_json:
        rows = [
            {
                "id": s.id,
                "label": s.label,
                "events": list(s.event_ids),
                "articles": sum(sizes.get(e, 0) for e in s.event_ids),
                "first_seen": s.first_seen.isoformat() if s.first_seen else None,
                "last_seen": s.last_seen.isoformat() if s.last_seen else None,
                "related": list(s.related),
            }
            for s in found
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(found)} storylines")
    table.add_column("storyline", no_wrap=True)
    table.add_column("label", max_width=60, overflow="ellipsis", no_wrap=True)
    table.add_column("events (in time order)", no_wrap=True)
    for column in ("articles", "first", "last", "same topic"):
        table.add_column(column, no_wrap=True)
    for s in found:
        table.add_row(
            s.id,
            s.label,
            "\n".join(s.event_ids),
            str(sum(sizes.get(e, 0) for e in s.event_ids)),
            s.first_seen.date().isoformat() if s.first_seen else "-",
            s.last_seen.date().isoformat() if s.last_seen else "-",
            "\n".join(s.related) or "-",
        )
    out.print(table)


@app.command("storylines")
def storylines_command(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Link the stored events into storylines (computed now, from the events) and list them."""
    store = _open(db)
    try:
        _print_storylines(store, _settings(db).storyline_window_days, as_json)
    finally:
        store.close()


@app.command()
def show(
    event_id: Annotated[str, typer.Argument(help="An event id from `storyline events`.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One event's articles: which copies which, and their languages."""
    store = _open(db)
    try:
        _print_event(store, event_id, _settings(db), as_json)
    finally:
        store.close()


@app.command()
def export(
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", help="Output format; jsonl is the interchange format.")] = "jsonl",
) -> None:
    """One JSON line per article: id, event, storyline, duplicate_of, copy_kind, languages."""
    if format != "jsonl":
        err.print(f"error: unknown format {format!r}; supported: jsonl")
        raise typer.Exit(2)
    store = _open(db)
    try:
        settings = _settings(db)
        for row in export_rows(store, settings.storyline_window_days, settings.stale_after_days):
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        store.close()


@app.command("eval")
def evaluate_command(
    dataset: Annotated[Path, typer.Argument(help="JSONL with one article per line and a gold event label.")],
    label: Annotated[str, typer.Option(help="Field holding the gold event label.")] = "event",
    text: Annotated[str, typer.Option(help="Field holding the article text.")] = "text",
    id_field: Annotated[str, typer.Option("--id", help="Field holding the article id.")] = "id",
    where: Annotated[list[str] | None, typer.Option(help="FIELD=VALUE filter, e.g. split=dev; repeatable.")] = None,
    shuffle: Annotated[
        int | None, typer.Option(help="Shuffle the stream with this seed (default: file order).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Progressive evaluation: each article is assigned on arrival, then BCubed, pairwise F1, NMI and ARI."""
    filters = dict(item.split("=", 1) for item in where or [] if "=" in item)
    if len(filters) != len(where or []):
        err.print("error: --where takes FIELD=VALUE")
        raise typer.Exit(2)
    from storyline.evaluation import evaluate  # imported here: scikit-learn would add 0.6 s to every other command

    try:
        result = evaluate(dataset, label, load_settings(), text, id_field, filters, shuffle)
    except OSError as exc:
        err.print(f"error: {exc.filename or dataset}: {exc.strerror or exc}", markup=False)
        raise typer.Exit(2) from exc
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from exc
    if as_json:
        print(json.dumps(asdict(result), indent=2))
        return
    out.print(
        f"{result.dataset}: {result.articles} articles in {result.order}; "
        f"{result.gold_events} gold events, {result.predicted_events} predicted, {result.rejected} rejected"
    )
    table = Table()
    table.add_column("measure")
    table.add_column("value", justify="right")
    for name, value in result.scores.items():
        table.add_row(name, f"{value:.3f}")
    out.print(table)
    out.print(
        f"Storylines linked from these events: {result.storylines}, BCubed F1 against the gold labels "
        f"{result.storyline_scores['bcubed_f1']:.3f}"
    )


@app.command()
def compare(
    pairs: Annotated[
        str, typer.Option("--pairs", help='JSON lines {"id": ..., "a": text, "b": text}, or - for standard input.')
    ],
) -> None:
    """Say what text b is to text a: duplicate, rewrite, translation, conflicting, related or unrelated."""
    from storyline.dedup.pairs import answers
    from storyline.dedup.relation import Comparer
    from storyline.enrich import SentenceEncoder

    try:
        handle = sys.stdin if pairs == "-" else open(pairs, encoding="utf-8-sig", errors="strict")  # noqa: SIM115
    except OSError as exc:
        err.print(f"error: {pairs}: {exc.strerror}", markup=False)
        raise typer.Exit(2) from exc
    answered = failed = 0
    comparer = Comparer(SentenceEncoder(threads=load_settings().threads))
    try:
        with handle:
            for answer in answers(handle, comparer):
                sys.stdout.write(json.dumps(answer.line, ensure_ascii=False) + "\n")
                if answer.error:
                    failed += 1
                    err.print(f"{'stdin' if pairs == '-' else pairs}: {answer.error}", markup=False)
                else:
                    answered += 1
    except UnicodeDecodeError as exc:
        err.print(f"error: {pairs}: not UTF-8 text ({exc.reason} at byte {exc.start})", markup=False)
        raise typer.Exit(2) from exc
    if answered == 0:
        if not failed:
            err.print(f"error: no pairs in {pairs}")
        raise typer.Exit(1)


@app.command()
def demo(
    samples: Annotated[
        Path, typer.Argument(help="The sample corpus (default: samples/ of the repository, run from its root).")
    ] = Path("samples"),
    db: Annotated[
        str | None, typer.Option("--db", help="Keep the demo database here (default: a temporary file).")
    ] = None,
) -> None:
    """Ingest the sample corpus into a fresh database and print its events."""
    if not samples.is_dir():
        err.print(f"error: {samples}: no sample corpus there; run from the repository root or pass its directory")
        raise typer.Exit(2)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(db) if db else Path(tmp) / "demo.db"
        if target.exists():
            err.print(f"error: {target} exists; the demo needs a fresh database")
            raise typer.Exit(2)
        settings = replace(load_settings(), db=str(target))
        store = _open(settings.db, create=True)
        try:
            out.print(f"Ingesting the sample corpus from {samples}")
            report = _run_ingest(store, settings, [str(samples)])
            _print_report(report)
            if report.new == 0:
                err.print(f"error: no articles found in {samples}")
                raise typer.Exit(1)
            _print_events(store, as_json=False)
            _print_storylines(store, settings.storyline_window_days, as_json=False)
            for event in store.events():
                _print_event(store, event.id, settings, as_json=False)
        finally:
            store.close()


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # trafilatura warns ("discarding data: None") about a page it finds no text in; the page's rejection line says so
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        app()
    except StorylineError as exc:  # a setting, the store, a write: whichever command meets it, one line, not a traceback
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        sys.exit(2)
