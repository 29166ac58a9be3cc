"""Plain text files: the sample corpus, legacy encodings, and what gets rejected."""

from __future__ import annotations

from pathlib import Path

from storyline.models import Document, Rejection
from storyline.sources import open_source

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_samples_directory_gives_five_documents_named_by_file():
    items = list(open_source(SAMPLES))

    assert all(isinstance(item, Document) for item in items)
    assert [doc.id for doc in items] == sorted(path.name for path in SAMPLES.glob("*.txt"))
    assert len(items) == 5
    for doc in items:
        assert doc.origin == str(SAMPLES / doc.id)
        assert doc.text == (SAMPLES / doc.id).read_text(encoding="utf-8")
        assert doc.title is None and doc.published is None


def test_arabic_sample_text_is_intact():
    [doc] = open_source(SAMPLES / "003_afd3c0f09ef6e2c6.txt")

    assert doc.id == "003_afd3c0f09ef6e2c6.txt"
    assert doc.text.startswith("كشفت وسائل إعلام غربية، اليوم (الإثنين)")
    assert "\ufffd" not in doc.text


def test_single_file_is_named_by_its_file_name_and_keeps_the_given_path_as_origin():
    given = str(SAMPLES / "000_78994a7526681892.txt")

    [doc] = open_source(given)

    assert doc.id == "000_78994a7526681892.txt"
    assert doc.origin == given
    assert doc.text.startswith("QAMISHLI, Syria: US forces")


def test_windows_1252_text_decodes_to_the_right_accents():
    [doc] = open_source(FIXTURES / "greve-calder.cp1252.txt")

    assert doc.text.startswith("Grève au port de Calder : les dockers réclament")
    assert "l’échec des négociations" in doc.text
    assert "35 000 000 €" in doc.text
    assert "« C’est une situation très préoccupante" in doc.text
    assert "à Zürich" in doc.text


def test_latin_1_text_decodes_to_the_right_accents(tmp_path):
    path = tmp_path / "huelga.txt"
    text = (
        "Huelga en el puerto de Calder: miles de estibadores dejaron de trabajar el martes "
        "tras el fracaso de las negociaciones salariales. Un mediador del Estado se reunirá "
        "con ambas partes el jueves, según el ministerio. ¿Quién pagará la factura?\n"
    )
    path.write_bytes(text.encode("latin-1"))

    [doc] = open_source(path)

    assert doc.text == text


def test_utf16_file_with_byte_order_mark():
    [doc] = open_source(FIXTURES / "hafenstreik.utf16.txt")

    assert doc.text.startswith("Hafenstreik in Port Calder: Gespräche über Löhne gescheitert")
    assert "\ufeff" not in doc.text
    assert "Kräne" in doc.text


def test_empty_and_whitespace_only_files_are_rejected(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \r\n\t\n  \n")

    assert list(open_source(tmp_path)) == [
        Rejection(str(tmp_path / "blank.txt"), "file is empty or holds only whitespace"),
        Rejection(str(tmp_path / "empty.txt"), "file is empty or holds only whitespace"),
    ]


def test_binary_file_with_nul_bytes_is_rejected(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)

    assert list(open_source(path)) == [Rejection(str(path), "binary content (NUL bytes)")]


def test_binary_file_of_control_characters_is_rejected(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_bytes(bytes(range(1, 9)) * 200 + b"some words")

    [rejection] = open_source(path)

    assert isinstance(rejection, Rejection)
    assert rejection.origin == str(path)
    assert rejection.reason.startswith("binary content (1600 control characters")
