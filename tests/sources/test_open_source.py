"""open_source: files, directories and stdin, kinds by extension or content, and unreadable input."""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

import pytest

from storyline.models import Document, Rejection
from storyline.sources import open_source

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A directory of mixed sources, nested, with hidden files that must be skipped."""
    root = tmp_path / "inbox"
    (root / "feeds" / "2026").mkdir(parents=True)
    (root / ".git").mkdir()
    shutil.copy(FIXTURES / "harbour-strike.html", root / "strike.html")
    shutil.copy(FIXTURES / "wire.csv", root / "wire.csv")
    shutil.copy(FIXTURES / "harbour-desk.atom", root / "feeds" / "2026" / "harbour-desk.atom")
    shutil.copy(FIXTURES / "greve-calder.cp1252.txt", root / "feeds" / "greve.txt")
    (root / "a-note.txt").write_text("Union leaders meet the port operator at noon.\n", encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return root


def test_directory_is_read_recursively_in_sorted_order_with_relative_ids(tree):
    items = list(open_source(tree))

    assert all(isinstance(item, Document) for item in items)
    assert [item.id for item in items] == [
        "a-note.txt",
        "tag:courier.example,2026-02-11:/harbour/mediator",
        "tag:courier.example,2026-02-10:/harbour/anchorage",
        "feeds/greve.txt",
        "strike.html",
        "ap-7781",
        "wire.csv:5",
        "courier-88",
    ]
    assert [item.origin for item in items] == [
        str(tree / "a-note.txt"),
        str(tree / "feeds" / "2026" / "harbour-desk.atom") + "#1",
        str(tree / "feeds" / "2026" / "harbour-desk.atom") + "#2",
        str(tree / "feeds" / "greve.txt"),
        str(tree / "strike.html"),
        str(tree / "wire.csv") + ":2",
        str(tree / "wire.csv") + ":5",
        str(tree / "wire.csv") + ":6",
    ]


def test_trailing_separator_and_feed_entries_numbered_after_the_relative_path(tree):
    (tree / "feeds" / "wire.rss").write_text(
        "<rss version='2.0'><channel><title>Wire</title><item><description>Talks resume.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )

    by_id = {item.id: item for item in open_source(str(tree) + os.sep)}

    assert by_id["feeds/greve.txt"].text.startswith("Grève au port de Calder")
    assert by_id["feeds/greve.txt"].origin == str(tree / "feeds" / "greve.txt")
    assert by_id["feeds/wire.rss#1"].text == "Talks resume."


def test_stdin_jsonl_is_sniffed_and_numbered_as_dash():
    data = (FIXTURES / "wire.jsonl").read_bytes()

    items = list(open_source("-", io.BytesIO(data)))

    assert [(item.id, item.origin) for item in items][:3] == [
        ("afp-20260210-0412", "-:1"),
        ("-:2", "-:2"),
        ("20260211", "-:4"),
    ]


@pytest.mark.parametrize(
    ("fixture", "first_id"),
    [
        ("ledger-business.rss", "ledger-2026-0210-0412"),
        ("harbour-desk.atom", "tag:courier.example,2026-02-11:/harbour/mediator"),
        ("harbour-strike.html", "-"),
        ("greve-calder.cp1252.txt", "-"),
        ("hafenstreik.utf16.txt", "-"),
        ("wire.csv", "ap-7781"),
    ],
)
def test_stdin_kind_is_sniffed_from_content(fixture, first_id):
    first = next(iter(open_source("-", io.BytesIO((FIXTURES / fixture).read_bytes()))))

    assert isinstance(first, Document)
    assert first.id == first_id
    assert first.origin.startswith("-")


def test_stdin_html_gives_the_article_not_the_markup():
    [doc] = open_source("-", io.BytesIO((FIXTURES / "harbour-strike.html").read_bytes()))

    assert doc.title == "Dockworkers walk out at Port Calder as wage talks collapse"
    assert "<p>" not in doc.text


def test_stdin_defaults_to_the_process_stdin(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(b'{"id": "piped", "text": "Read from a pipe."}\n'), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)

    assert list(open_source("-")) == [Document(id="piped", origin="-:1", text="Read from a pipe.")]


def test_empty_stdin_is_rejected():
    assert list(open_source("-", io.BytesIO(b""))) == [Rejection("-", "file is empty or holds only whitespace")]


def test_failing_stdin_is_rejected():
    class BrokenPipe(io.RawIOBase):
        def read(self, size: int = -1) -> bytes:
            raise OSError(5, "Input/output error")

    assert list(open_source("-", BrokenPipe())) == [Rejection("-", "cannot read stdin: Input/output error")]


@pytest.mark.parametrize(
    ("fixture", "name", "count"),
    [
        ("wire.jsonl", "export.json", 5),
        ("ledger-business.rss", "feed", 3),
        ("harbour-strike.html", "page.php", 1),
        ("greve-calder.cp1252.txt", "article.md", 1),
        ("wire.csv", "export.dat", 3),
    ],
)
def test_unknown_extension_is_sniffed(tmp_path, fixture, name, count):
    path = tmp_path / name
    shutil.copy(FIXTURES / fixture, path)

    items = list(open_source(path))

    assert len(items) == count
    assert all(isinstance(item, Document) for item in items)
    assert all(item.origin.startswith(str(path)) for item in items)


def test_html_page_with_txt_extension_is_read_as_text(tmp_path):
    # The extension decides when it is known: no sniffing behind the user's back.
    path = tmp_path / "saved.txt"
    shutil.copy(FIXTURES / "harbour-strike.html", path)

    [doc] = open_source(path)

    assert doc.text.startswith("<!DOCTYPE html>")


def test_missing_path_is_a_rejection_not_an_exception(tmp_path):
    path = tmp_path / "nowhere.jsonl"

    assert list(open_source(path)) == [Rejection(str(path), "cannot read file: No such file or directory")]


def test_file_that_vanished_from_a_directory_is_rejected_and_the_rest_is_read(tmp_path):
    (tmp_path / "b.txt").write_text("Ships wait at anchor.", encoding="utf-8")
    (tmp_path / "a.txt").symlink_to(tmp_path / "deleted.txt")  # listed, but gone

    assert list(open_source(tmp_path)) == [
        Rejection(str(tmp_path / "a.txt"), "cannot read file: No such file or directory"),
        Document(id="b.txt", origin=str(tmp_path / "b.txt"), text="Ships wait at anchor."),
    ]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions that bind (not root)")
def test_unreadable_file_is_rejected(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Embargoed until Thursday.", encoding="utf-8")
    path.chmod(0)

    assert list(open_source(path)) == [Rejection(str(path), "cannot read file: Permission denied")]


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_file_that_fails_while_being_read_is_rejected():
    # Opening /proc/self/mem succeeds, reading from offset 0 fails, even for root.
    assert list(open_source("/proc/self/mem")) == [Rejection("/proc/self/mem", "cannot read file: Input/output error")]


def test_directory_skips_readme_and_images_but_reads_files_without_extension(tmp_path):
    (tmp_path / "README.md").write_text("# Wire drop\n\nArticles from the night desk.\n", encoding="utf-8")
    (tmp_path / "photo.PNG").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (tmp_path / "AFP-0412").write_text("Troops left the Al-Tanf base on Wednesday.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Check the casualty figures.\n", encoding="utf-8")

    assert list(open_source(tmp_path)) == [
        Document(id="AFP-0412", origin=str(tmp_path / "AFP-0412"), text="Troops left the Al-Tanf base on Wednesday."),
    ]
