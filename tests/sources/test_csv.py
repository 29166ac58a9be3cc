"""CSV with the interchange column names, read row by row."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from storyline.models import Document, Rejection
from storyline.sources import open_source

FIXTURES = Path(__file__).parent / "fixtures"
WIRE = FIXTURES / "wire.csv"


def test_rows_become_documents_with_their_fields():
    first, second, third = open_source(WIRE)

    assert first == Document(
        id="ap-7781",
        origin=f"{WIRE}:2",
        text=(
            "PORT CALDER (AP) - Dockworkers at Port Calder began a 48-hour strike on Tuesday.\n\n"
            'The union says 4,200 workers are taking part, and the port operator called its 3.1% offer "fair and final".'
        ),
        title="Port Calder dockers strike",
        source="AP",
        published=datetime(2026, 2, 10, 8, 5, tzinfo=timezone.utc),
        byline="Minnie Murray",  # from the "author" column
    )
    # The first row's text spans lines 2-4: the next row starts on line 5.
    assert (second.id, second.origin) == ("wire.csv:5", f"{WIRE}:5")
    assert second.byline is None
    assert third.id == "courier-88"
    assert third.published is None  # "not a date": kept, undated


def test_csv_without_text_column_is_one_rejection_naming_the_columns(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,headline,body\n1,Strike,Dockers walked out.\n2,Talks,Mediator called.\n", encoding="utf-8")

    assert list(open_source(path)) == [Rejection(str(path), "CSV has no 'text' column (columns: 'id', 'headline', 'body')")]


def test_semicolon_tab_and_pipe_separated_files_are_read_by_their_header(tmp_path):
    found = []
    for name, sep in (("excel-fr.csv", ";"), ("export.csv", "\t"), ("dump.csv", "|")):
        path = tmp_path / name
        path.write_text(
            f"id{sep}text{sep}source\n"
            f'a1{sep}"Les dockers ont cessé le travail mardi; le port est à l\'arrêt."{sep}AFP\n',
            encoding="utf-8",
        )
        found.extend(open_source(path))

    assert [(d.id, d.text, d.source) for d in found] == [
        ("a1", "Les dockers ont cessé le travail mardi; le port est à l'arrêt.", "AFP")
    ] * 3


def test_rows_without_text_are_rejected_and_the_others_come_through(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_text(
        "id,text,source\n"
        "a1,Dockworkers walked out on Tuesday.,AFP\n"
        "a2,,AFP\n"
        "\n"
        "a3\n"
        "a4,A mediator meets both sides on Thursday.,Reuters\n",
        encoding="utf-8",
    )

    assert list(open_source(path)) == [
        Document(id="a1", origin=f"{path}:2", text="Dockworkers walked out on Tuesday.", source="AFP"),
        Rejection(f"{path}:3", "'text' is empty"),
        Rejection(f"{path}:5", "no 'text' field"),  # a short row
        Document(id="a4", origin=f"{path}:6", text="A mediator meets both sides on Thursday.", source="Reuters"),
    ]


def test_cp1252_csv(tmp_path):
    path = tmp_path / "presse.csv"
    text = "Des milliers de dockers ont cessé le travail mardi, après l’échec des négociations à Zürich."
    path.write_bytes(f"id,text\nfr-1,\"{text}\"\n".encode("cp1252"))

    [doc] = open_source(path)

    assert doc.text == text


def test_undecodable_line_ends_the_file_after_the_rows_before_it(tmp_path):
    path = tmp_path / "mixed.csv"
    good = "ok,Dockworkers at Port Calder walked out on Tuesday after wage talks collapsed.\n"
    rows = 2000  # past the sample the encoding is chosen from
    path.write_bytes(("id,text\n" + good * rows).encode("utf-8") + b"bad,caf\xe9 au lait\n" + good.encode("utf-8"))

    items = list(open_source(path))

    assert len(items) == rows + 1
    assert all(isinstance(item, Document) for item in items[:rows])
    assert items[-1] == Rejection(f"{path}:{rows + 2}", "line is not valid utf-8 text; rest of file skipped")


def test_empty_csv_is_rejected(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")

    assert list(open_source(path)) == [Rejection(str(path), "file is empty or holds only whitespace")]
