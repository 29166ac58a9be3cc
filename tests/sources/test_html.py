"""HTML pages: the article text without page furniture, and its metadata."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from storyline.models import Document, Rejection
from storyline.sources import open_source

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = FIXTURES / "harbour-strike.html"


def test_article_page_gives_its_main_text_without_furniture():
    [doc] = open_source(PAGE)

    assert isinstance(doc, Document)
    assert doc.id == "harbour-strike.html"
    assert doc.origin == str(PAGE)
    assert doc.text.startswith("PORT CALDER - Thousands of dockworkers at Port Calder walked off the job")
    assert doc.text.rstrip().endswith("ended with a two-year pay deal.")
    for furniture in ("cookies", "Subscribe", "Most read", "All rights reserved", "harbourwatcher",
                      "empty shelves", "Get the morning briefing", "Share on"):
        assert furniture not in doc.text


def test_paragraphs_stay_on_separate_lines():
    [doc] = open_source(PAGE)

    paragraphs = doc.text.split("\n")
    assert len(paragraphs) == 7
    assert paragraphs[2].startswith('"We are not against new cranes.')


def test_metadata_comes_from_the_meta_tags():
    [doc] = open_source(PAGE)

    assert doc.title == "Dockworkers walk out at Port Calder as wage talks collapse"
    assert doc.byline == "Maren Holt"
    assert doc.source == "The Northern Ledger"
    assert doc.url == "https://www.northernledger.example/business/2026/02/10/port-calder-strike"
    assert doc.published == datetime(2026, 2, 10, 7, 45, tzinfo=timezone(timedelta(hours=1)))
    assert doc.published.utcoffset() is not None


def test_page_without_time_of_day_is_dated_midnight_utc(tmp_path):
    page = PAGE.read_text(encoding="utf-8").replace('"article:published_time" content="2026-02-10T07:45:00+01:00"',
                                                    '"article:published_time" content="2026-02-10"')
    path = tmp_path / "strike.htm"
    path.write_text(page, encoding="utf-8")

    [doc] = open_source(path)

    assert doc.published == datetime(2026, 2, 10, tzinfo=timezone.utc)


def test_legacy_encoded_page_with_declared_charset(tmp_path):
    body = "".join(
        f"<p>{sentence}</p>\n"
        for sentence in (
            "Des milliers de dockers du port de Calder ont cessé le travail mardi matin, après l’échec "
            "des négociations salariales avec l’opérateur portuaire.",
            "« Nous ne sommes pas contre les nouvelles grues », a déclaré la secrétaire du syndicat, "
            "devant l’entrée principale du terminal est.",
            "La chambre de commerce estime le coût de la grève à 35 millions d’euros par jour, "
            "surtout en livraisons retardées de pièces automobiles.",
        )
    )
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Grève au port de Calder</title></head>"
        f"<body><nav><a href='/'>Accueil</a></nav><article><h1>Grève au port de Calder</h1>{body}</article></body></html>"
    )
    path = tmp_path / "greve.html"
    path.write_bytes(page.encode("cp1252"))

    [doc] = open_source(path)

    assert doc.title == "Grève au port de Calder"
    assert "l’échec des négociations salariales" in doc.text
    assert "« Nous ne sommes pas contre les nouvelles grues »" in doc.text


def test_page_without_main_text_is_rejected(tmp_path):
    path = tmp_path / "index.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>The Northern Ledger</title></head><body>"
        "<nav><a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        "<footer>&copy; 2026 The Northern Ledger</footer></body></html>",
        encoding="utf-8",
    )

    assert list(open_source(path)) == [Rejection(str(path), "no article text found in the page")]


def test_empty_html_file_is_rejected(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("\n\n", encoding="utf-8")

    assert list(open_source(path)) == [Rejection(str(path), "file is empty or holds only whitespace")]


def test_xhtml_page_with_xml_declaration_naming_its_encoding(tmp_path):
    paragraphs = "".join(
        f"<p>{text}</p>"
        for text in (
            "Les dockers du port de Calder ont voté mardi la reconduction de la grève pour 48 heures, "
            "après une assemblée générale tenue devant l’entrée du terminal est.",
            "Le médiateur nommé par le ministère rencontrera les deux parties jeudi matin à la préfecture, "
            "a indiqué son cabinet dans un communiqué.",
            "Les armateurs évoquent déjà des déroutements vers Westhaven, à 180 kilomètres au sud.",
        )
    )
    page = (
        '<?xml version="1.0" encoding="iso-8859-15"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>La grève reconduite</title></head>'
        f"<body><div class='article'>{paragraphs}</div></body></html>"
    )
    path = tmp_path / "greve.xhtml"
    path.write_bytes(page.replace("’", "'").encode("iso-8859-15"))

    [doc] = open_source(path)

    assert doc.text.startswith("Les dockers du port de Calder ont voté mardi la reconduction de la grève")
    assert "Le médiateur nommé par le ministère" in doc.text
