"""RSS and Atom feeds: one Document per entry, HTML content turned into plain text."""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

from storyline.models import Document, Rejection
from storyline.sources import open_source

FIXTURES = Path(__file__).parent / "fixtures"
RSS = FIXTURES / "ledger-business.rss"
ATOM = FIXTURES / "harbour-desk.atom"


def test_rss_gives_one_document_per_item():
    items = list(open_source(RSS))

    assert all(isinstance(item, Document) for item in items)
    assert [doc.id for doc in items] == [
        "ledger-2026-0210-0412",  # guid
        "https://www.northernledger.example/business/2026/02/10/westhaven-diversions",  # guid that is a link
        "https://www.northernledger.example/business/2026/02/10/strike-cost",  # no guid: the link
    ]
    assert [doc.origin for doc in items] == [f"{RSS}#1", f"{RSS}#2", f"{RSS}#3"]
    assert {doc.source for doc in items} == {"The Northern Ledger - Business"}
    assert [doc.published for doc in items] == [
        datetime(2026, 2, 10, 6, 45, tzinfo=timezone.utc),
        datetime(2026, 2, 10, 9, 30, tzinfo=timezone.utc),  # 10:30 +0100
        datetime(2026, 2, 10, 11, 50, tzinfo=timezone.utc),
    ]


def test_rss_full_content_is_preferred_to_the_description_and_keeps_paragraphs():
    first = next(iter(open_source(RSS)))

    assert first.title == "Dockworkers walk out at Port Calder as wage talks collapse"
    assert first.byline == "Maren Holt"
    assert first.url == "https://www.northernledger.example/business/2026/02/10/port-calder-strike"
    assert first.text.split("\n") == [
        "PORT CALDER - Thousands of dockworkers at Port Calder walked off the job on Tuesday after "
        "overnight talks over pay and the introduction of automated cranes broke down.",
        "The Harbour Workers' Union said about 4,200 of its members had joined the stoppage, "
        "which is planned to last 48 hours.",
        '"We are not against new cranes," union secretary Ilse Brandvold said.',
        'The port operator called its offer "fair and final".',
    ]


def test_rss_html_description_becomes_plain_text():
    items = list(open_source(RSS))

    assert items[1].text == (
        "Port officials in Westhaven said they could take up to six extra vessels a day "
        "while the Port Calder strike lasts.\nTruck operators warned of queues on the coast road."
    )
    assert items[2].text.startswith("The regional chamber of commerce estimated")
    assert items[1].byline is None


def test_atom_feed():
    first, second = open_source(ATOM)

    assert first.id == "tag:courier.example,2026-02-11:/harbour/mediator"
    assert first.source == "Harbour Desk"
    assert first.byline == "Tomas Reyes"
    assert first.url == "https://courier.example/harbour/2026/02/11/mediator"
    assert first.published == datetime(2026, 2, 11, 6, 30, tzinfo=timezone.utc)
    assert first.text == (
        "A state mediator will meet the Harbour Workers' Union and Calder Port Holdings on Thursday, "
        "the labour ministry said.\nAbout 4,200 dockworkers have been on strike since Tuesday."
    )
    # No <published>: the <updated> time stands in.
    assert second.published == datetime(2026, 2, 10, 13, 10, tzinfo=timezone.utc)
    assert second.text.startswith("At least eleven vessels were waiting at anchor")


def test_entry_without_text_is_rejected_and_the_others_come_through(tmp_path):
    path = tmp_path / "wire.xml"
    path.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
        <item><title>Photo: cranes at dawn</title><link>https://wire.example/photo/1</link></item>
        <item><title>Strike enters second day</title><description>Talks resume on Thursday.</description></item>
        </channel></rss>""",
        encoding="utf-8",
    )

    rejection, doc = open_source(path)

    assert rejection == Rejection(f"{path}#1", "feed entry 'Photo: cranes at dawn' has no text")
    assert doc.id == "wire.xml#2"  # neither guid nor link: numbered
    assert doc.text == "Talks resume on Thursday."
    assert doc.published is None


def test_file_that_is_not_a_feed_is_rejected(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_text("<rss version='2.0'><channel><title>Cut short", encoding="utf-8")

    [rejection] = open_source(path)

    assert rejection.origin == str(path)
    assert rejection.reason.startswith("not a feed (")


def test_feed_without_entries_is_rejected(tmp_path):
    path = tmp_path / "quiet.atom"
    path.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet desk</title>'
        "<id>tag:quiet.example,2026:desk</id><updated>2026-02-11T08:00:00Z</updated></feed>",
        encoding="utf-8",
    )

    assert list(open_source(path)) == [Rejection(str(path), "feed has no entries")]


def test_empty_feed_file_is_rejected(tmp_path):
    path = tmp_path / "empty.rss"
    path.write_bytes(b"")

    assert list(open_source(path)) == [Rejection(str(path), "file is empty or holds only whitespace")]


def test_rss_1_0_rdf_feed_from_stdin_is_sniffed():
    data = b"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://agency.example/"><title>Agency wire</title><link>https://agency.example/</link>
    <description>Wire</description></channel>
  <item rdf:about="https://agency.example/2026/02/11/calder">
    <title>Calder strike: mediator named</title><link>https://agency.example/2026/02/11/calder</link>
    <description>The labour ministry named a state mediator on Wednesday.</description>
    <dc:date>2026-02-11T08:15:00Z</dc:date>
  </item>
</rdf:RDF>"""

    [doc] = open_source("-", io.BytesIO(data))

    assert doc.id == "https://agency.example/2026/02/11/calder"
    assert doc.origin == "-#1"
    assert doc.source == "Agency wire"
    assert doc.text == "The labour ministry named a state mediator on Wednesday."
    assert doc.published == datetime(2026, 2, 11, 8, 15, tzinfo=timezone.utc)
