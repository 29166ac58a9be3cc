"""JSON Lines: interchange fields, given and positional ids, and bad lines that cost only themselves."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone
from pathlib import Path


from storyline.models import Document, Rejection
from storyline.sources import open_source

FIXTURES = Path(__file__).parent / "fixtures"
WIRE = FIXTURES / "wire.jsonl"
ECBPLUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "ecbplus" / "docs.jsonl"


def test_interchange_fields_are_read():
    first, french, arabic, _, _ = open_source(WIRE)

    assert first == Document(
        id="afp-20260210-0412",
        origin=f"{WIRE}:1",
        text=(
            "PORT CALDER - Thousands of dockworkers at Port Calder walked off the job on Tuesday after talks "
            "over pay and automated cranes broke down, halting most container traffic.\n\nThe Harbour "
            "Workers' Union said about 4,200 members joined the 48-hour stoppage."
        ),
        title="Dockworkers strike at Port Calder",
        url="https://wire.example/afp/20260210/0412",
        source="AFP",
        published=datetime(2026, 2, 10, 6, 40, tzinfo=timezone.utc),
        byline="Staff reporter",
        language="en",
    )
    assert french.byline == "Claire Dubois"  # from "author"
    assert french.published == datetime(2026, 2, 10, 9, 15, tzinfo=timezone(timedelta(hours=1)))
    assert arabic.text == "أضرب آلاف من عمال ميناء كالدر عن العمل يوم الثلاثاء بعد انهيار محادثات الأجور."
    assert arabic.source == "الوكالة العربية"
    assert arabic.published == datetime(2026, 2, 11, tzinfo=timezone.utc)  # a date alone is midnight UTC


def test_ids_are_kept_as_given_or_numbered_by_line():
    items = list(open_source(WIRE))

    # Line 3 is blank: skipped, but line numbers stay those of the file.
    assert [(doc.id, doc.origin) for doc in items] == [
        ("afp-20260210-0412", f"{WIRE}:1"),
        ("wire.jsonl:2", f"{WIRE}:2"),  # no id
        ("20260211", f"{WIRE}:4"),  # a number, kept as a string
        ("wire.jsonl:5", f"{WIRE}:5"),  # an empty id
        ("ledger-0413", f"{WIRE}:6"),
    ]


def test_unreadable_published_date_keeps_the_article_undated(caplog):
    with caplog.at_level(logging.WARNING, logger="storyline.sources"):
        *_, last = open_source(WIRE)

    assert last.id == "ledger-0413"
    assert last.published is None
    assert "sometime on Tuesday" in caplog.text


def test_a_number_is_unix_time_in_seconds_or_milliseconds(tmp_path, caplog):
    path = tmp_path / "scraped.jsonl"
    values = [1770800400, 1770800400000, 1770800400.5, True, float("nan")]
    path.write_text("".join(json.dumps({"text": "Troops left.", "published": v}) + "\n" for v in values), encoding="utf-8")

    with caplog.at_level(logging.WARNING, logger="storyline.sources"):
        dates = [d.published for d in open_source(path)]

    nine = datetime(2026, 2, 11, 9, tzinfo=timezone.utc)
    assert dates == [nine, nine, nine + timedelta(seconds=0.5), None, None]
    assert caplog.text.count("cannot read published date") == 2


def test_rfc_2822_date_is_read_too():
    items = list(open_source(WIRE))

    assert items[3].published == datetime(2026, 2, 11, 6, 30, tzinfo=timezone.utc)


def test_bad_lines_are_rejected_one_by_one_and_good_lines_come_through(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "ok-1", "text": "Dockworkers walked out on Tuesday."}),
        '{"id": "broken", "text": "unterminated',
        '["an", "array"]',
        json.dumps({"id": "no-text", "title": "Headline only"}),
        json.dumps({"id": "blank", "text": "   "}),
        json.dumps({"id": "number", "text": 42}),
        json.dumps({"text": "A mediator meets both sides on Thursday.", "topic": 7, "mentions": []}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    items = list(open_source(path))

    assert items == [
        Document(id="ok-1", origin=f"{path}:1", text="Dockworkers walked out on Tuesday."),
        Rejection(f"{path}:2", "invalid JSON: Unterminated string starting (column 26)"),
        Rejection(f"{path}:3", "line is a JSON array, not an object"),
        Rejection(f"{path}:4", "no 'text' field"),
        Rejection(f"{path}:5", "'text' is empty"),
        Rejection(f"{path}:6", "'text' is not a string but int"),
        Document(id="batch.jsonl:7", origin=f"{path}:7", text="A mediator meets both sides on Thursday."),
    ]


def test_empty_jsonl_is_rejected(tmp_path):
    path = tmp_path / "nothing.ndjson"
    path.write_text("\n  \n", encoding="utf-8")

    assert list(open_source(path)) == [Rejection(str(path), "file is empty or holds only whitespace")]


def test_binary_jsonl_is_rejected(tmp_path):
    path = tmp_path / "archive.jsonl"
    path.write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(256)))

    assert list(open_source(path)) == [Rejection(str(path), "binary content (NUL bytes)")]


def test_ecbplus_data_set_reads_whole_with_positional_ids():
    items = list(open_source(ECBPLUS))

    assert len(items) == 772
    assert all(isinstance(item, Document) for item in items)
    # The data set names its ids "doc_id", not "id": every article is numbered by its line.
    assert [doc.id for doc in items] == [f"docs.jsonl:{n}" for n in range(1, 773)]
    assert items[0].origin == f"{ECBPLUS}:1"
    assert items[0].text.startswith("Perennial party girl Tara Reid checked herself into Promises")
    assert all(doc.text.strip() for doc in items)
