"""The installed ``storyline`` command, run as a user runs it: output lines, exit status, JSON formats."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from storyline.models import Merge
from storyline.store import open_store

FELT = "28_2ecb"
KLITSCHKO = "7_7ecb"
EXPORT_KEYS = {
    "id",
    "event",
    "storyline",
    "duplicate_of",
    "copy_kind",
    "languages",
    "mentions",
    "quality",
    "quality_signs",
    "stale",
    "stale_reason",
}
SCRIPT = Path(sys.executable).parent / "storyline"


def command() -> list[str]:
    if SCRIPT.is_file():
        return [str(SCRIPT)]
    return [sys.executable, "-c", "from storyline.cli import main; main()"]


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """An empty home directory, so no user config file changes the settings."""
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def storyline(home):
    """``storyline(*args, cwd=..., input=...)``: run the CLI, return the finished process (text output)."""

    def run(*args: str, cwd: Path, input: bytes | None = None) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("STORYLINE_")}
        env.update(COLUMNS="200", HOME=str(home), NO_COLOR="1", PYTHONIOENCODING="utf-8")
        done = subprocess.run([*command(), *args], cwd=cwd, env=env, input=input, capture_output=True, timeout=120)
        return subprocess.CompletedProcess(
            done.args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
        )

    return run


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def write_bad_inbox(inbox: Path) -> Path:
    """Files a user drops in by mistake: empty, binary, a JSONL with a broken line, and a README."""
    inbox.mkdir()
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "scan").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (inbox / "feed.jsonl").write_text('{"id": "x", "text": "The port reopened on Monday."\n', encoding="utf-8")
    (inbox / "README.md").write_text("Not an article.\n", encoding="utf-8")
    return inbox


@pytest.fixture(scope="module")
def wire(ecb) -> bytes:
    """A JSONL batch with the agencies' own ids: an article, its exact copy, and an unrelated one."""
    felt = ecb[FELT]["text"]
    rows = [
        {"id": "afp-1", "source": "AFP", "text": felt, "published": "2008-12-19T10:00:00Z"},
        {"id": "afp-2", "source": "Courier", "text": "  ".join(felt.split()), "published": "2008-12-19T12:00:00Z"},
        {"id": "reu-7", "source": "Reuters", "text": ecb[KLITSCHKO]["text"], "language": "en"},
    ]
    return "".join(json.dumps(row) + "\n" for row in rows).encode("utf-8")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, storyline, sample_dir, wire) -> dict[str, tuple[Path, subprocess.CompletedProcess[str]]]:
    """The commands that load the models, run side by side once for the module (each takes seconds).

    ``samples``: the sample corpus and a folder of bad files, into storyline.db in the working
    directory (the default); ``wire``: the JSONL batch piped into ``ingest -``; ``demo``.
    """
    samples, piped, demo = (tmp_path_factory.mktemp(name) for name in ("samples", "wire", "demo"))
    bad = write_bad_inbox(samples / "inbox")
    jobs = {
        "samples": (samples, ("ingest", str(sample_dir), str(bad)), None),
        "wire": (piped, ("ingest", "-", "--db", "wire.db"), wire),
        "demo": (demo, ("demo", str(sample_dir)), None),
    }
    with ThreadPoolExecutor(len(jobs)) as pool:
        futures = {name: pool.submit(storyline, *args, cwd=cwd, input=data) for name, (cwd, args, data) in jobs.items()}
        return {name: (jobs[name][0], future.result()) for name, future in futures.items()}


@pytest.fixture(scope="module")
def samples_db(ingested):
    return ingested["samples"]


@pytest.fixture(scope="module")
def samples_export(samples_db, storyline) -> str:
    """``storyline export`` of the sample database, right after the first ingest."""
    done = storyline("export", cwd=samples_db[0])
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def samples_events(samples_db, storyline) -> list[dict]:
    """``storyline events --json`` of the sample database."""
    done = storyline("events", "--json", cwd=samples_db[0])
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_ingest_prints_the_counts_line_and_one_line_per_rejected_file(samples_db):
    cwd, done = samples_db

    assert done.returncode == 0, done.stderr
    assert lines(done.stdout) == ["new 5, duplicates 1 (rewrite 1), already stored 0, rejected 3"]
    inbox = cwd / "inbox"
    rejected = sorted(line for line in lines(done.stderr) if line.startswith("rejected: "))
    assert len(rejected) == 3
    assert rejected[0] == f"rejected: {inbox / 'empty.txt'}: file is empty or holds only whitespace"
    assert rejected[1].startswith(f"rejected: {inbox / 'feed.jsonl:1'}: invalid JSON: ")
    assert rejected[2] == f"rejected: {inbox / 'scan'}: binary content (NUL bytes)"
    assert "README" not in done.stderr and "Traceback" not in done.stderr
    assert (cwd / "storyline.db").is_file()  # the default database, in the working directory


def test_second_identical_ingest_changes_nothing_and_succeeds(samples_db, samples_export, storyline, sample_dir):
    cwd, _ = samples_db

    done = storyline("ingest", str(sample_dir), cwd=cwd)

    assert done.returncode == 0, done.stderr
    assert lines(done.stdout) == ["new 0, duplicates 0, already stored 5, rejected 0"]
    assert storyline("export", cwd=cwd).stdout == samples_export
    assert len(samples_export.splitlines()) == 5


def test_events_json_lists_every_event(samples_events, sample_ids):
    events = samples_events

    assert isinstance(events, list) and events
    for event in events:
        assert isinstance(event["label"], str) and event["label"].strip()
        assert event["articles"] == len(event["article_ids"]) >= 1
        assert set(event["languages"]) <= {"ar", "en"}
        assert event["id"].startswith("ev-")
    assert sum(e["articles"] for e in events) == 5
    assert sorted(a for e in events for a in e["article_ids"]) == sorted(sample_ids.values())
    with_003 = next(e for e in events if sample_ids["003"] in e["article_ids"])
    assert set(with_003["languages"]) == {"ar", "en"}
    with_004 = next(e for e in events if sample_ids["004"] in e["article_ids"])
    assert with_004["first_seen"].startswith("2019-02-11")


def test_events_table_lists_the_events(samples_db, samples_events, storyline):
    cwd, _ = samples_db
    ids = [e["id"] for e in samples_events]

    done = storyline("events", cwd=cwd)

    assert done.returncode == 0
    assert f"{len(ids)} events" in done.stdout
    assert all(event_id in done.stdout for event_id in ids)


def test_show_json_says_which_article_copies_which(samples_db, samples_events, storyline, sample_ids):
    cwd, _ = samples_db
    event = next(e for e in samples_events if sample_ids["002"] in e["article_ids"])

    done = storyline("show", event["id"], "--json", cwd=cwd)

    assert done.returncode == 0, done.stderr
    detail = json.loads(done.stdout)
    assert detail["id"] == event["id"]
    articles = {a["id"]: a for a in detail["articles"]}
    assert list(articles) == event["article_ids"]
    rewrite = articles[sample_ids["002"]]
    assert (rewrite["duplicate_of"], rewrite["copy_kind"]) == (sample_ids["001"], "rewrite")
    assert 0.35 <= rewrite["copy_score"] <= 1
    if sample_ids["001"] in articles:
        assert (articles[sample_ids["001"]]["duplicate_of"], articles[sample_ids["001"]]["copy_kind"]) == (None, None)
    for article in articles.values():
        assert {"duplicate_of", "copy_kind", "languages", "headline"} <= set(article)


def test_show_json_lists_the_events_entities_places_and_dates(samples_db, samples_events, storyline, sample_ids):
    # The Qasrak event: 000 in English and 003 in Arabic and English name Hasakeh three ways;
    # they are one place, with the gazetteer's coordinates.
    cwd, _ = samples_db
    event = next(e for e in samples_events if sample_ids["003"] in e["article_ids"])

    detail = json.loads(storyline("show", event["id"], "--json", cwd=cwd).stdout)

    hasakah = [p for p in detail["places"] if p["key"] == "geonames:173811"]
    assert len(hasakah) == 1 and hasakah[0]["lat"] == pytest.approx(36.5, abs=0.1)
    entities = {e["key"]: e for e in detail["entities"]}
    assert entities["geonames:173811"]["articles"] >= 2
    assert any(e["kind"] == "organisation" for e in detail["entities"])
    assert any(d["text"].casefold() == "within a month" and d["article"] == sample_ids["000"] for d in detail["dates"])
    # Figures with what they count, statements with who makes them.
    assert {"text": "about 1,000 troops", "value": "~1000 troops", "article": sample_ids["000"]} in detail["figures"]
    said = {q["speaker"].casefold(): q["text"] for q in detail["quotes"] if q["article"] == sample_ids["000"]}
    assert "within 20 days" in said["a diplomat"]
    # Three sources give three completion dates: shown side by side with who says which.
    [deadline] = [d for d in detail["disagreements"] if d["subject"] == "deadline"]
    stated = {
        (c["value"], (c["speaker"] or "").casefold()) for c in deadline["claims"] if c["article"] == sample_ids["000"]
    }
    assert {("within a month", "a syrian government official"), ("within 20 days", "a diplomat")} <= stated
    assert any("three to five weeks" in value and "kurdish source" in speaker for value, speaker in stated)


def test_show_json_locates_the_base_by_the_town_its_article_puts_it_in(
    samples_db, samples_events, samples_export, storyline, sample_ids
):
    # 000: "the Qasrak base in Hasakeh province". The gazetteer lacks the base, so it takes Hasakeh's
    # coordinates, and says so; the stored mention keeps the relation.
    cwd, _ = samples_db
    event = next(e for e in samples_events if sample_ids["000"] in e["article_ids"])

    detail = json.loads(storyline("show", event["id"], "--json", cwd=cwd).stdout)

    places = {p["key"]: p for p in detail["places"]}
    qasrak, hasakeh = places["place:ksrk"], places["geonames:173811"]
    assert qasrak["lat"] == pytest.approx(36.5, abs=0.1) and (qasrak["lat"], qasrak["lon"]) == (hasakeh["lat"], hasakeh["lon"])
    assert qasrak["located_by"] == hasakeh["name"] and hasakeh["located_by"] is None
    [row] = [json.loads(line) for line in samples_export.splitlines() if json.loads(line)["id"] == sample_ids["000"]]
    [first, *_] = [m for m in row["mentions"] if m["value"] == "place:ksrk"]
    assert first == {"kind": "place", "text": "Qasrak", "value": "place:ksrk", "near": "geonames:173811"}


def test_show_unknown_event_fails_with_a_clear_message(samples_db, storyline):
    cwd, _ = samples_db

    done = storyline("show", "no-such-event", cwd=cwd)

    assert done.returncode != 0
    assert lines(done.stderr) == ["error: no event 'no-such-event'; `storyline events` lists them"]
    assert "Traceback" not in done.stderr


def test_a_postgresql_database_holds_and_shows_what_a_sqlite_file_does(
    storyline, postgres_url, sample_dir, samples_db, samples_export, samples_events
):
    cwd, _ = samples_db

    first = storyline("ingest", str(sample_dir), "--db", postgres_url, cwd=cwd)
    again = storyline("ingest", str(sample_dir), "--db", postgres_url, cwd=cwd)

    assert first.returncode == 0 and again.returncode == 0, first.stderr + again.stderr
    assert lines(first.stdout) == ["new 5, duplicates 1 (rewrite 1), already stored 0, rejected 0"]
    assert lines(again.stdout) == ["new 0, duplicates 0, already stored 5, rejected 0"]
    assert storyline("export", "--db", postgres_url, cwd=cwd).stdout == samples_export
    assert json.loads(storyline("events", "--json", "--db", postgres_url, cwd=cwd).stdout) == samples_events
    for event in samples_events:
        shown = [storyline("show", event["id"], "--json", *db, cwd=cwd).stdout for db in ((), ("--db", postgres_url))]
        assert shown[0] == shown[1]


def test_a_server_that_cannot_be_reached_is_one_error_line_that_keeps_the_password_back(storyline, tmp_path):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    done = storyline("events", "--db", f"postgresql://news:s3cret@127.0.0.1:{port}/storyline", cwd=tmp_path)

    assert done.returncode == 2
    (line,) = lines(done.stderr)
    assert line.startswith(f"error: postgresql://news:***@127.0.0.1:{port}/storyline: cannot open the database")
    assert "refused" in line and "s3cret" not in done.stderr + done.stdout


@pytest.fixture(scope="module")
def wire_db(ingested):
    return ingested["wire"]


def test_ingest_reads_jsonl_from_stdin(wire_db):
    _, done = wire_db

    assert done.returncode == 0, done.stderr
    assert lines(done.stdout) == ["new 3, duplicates 1 (exact 1), already stored 0, rejected 0"]


def test_export_jsonl_keeps_the_given_ids_in_the_interchange_format(wire_db, storyline):
    cwd, _ = wire_db

    done = storyline("export", "--db", "wire.db", "--format", "jsonl", cwd=cwd)

    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [row["id"] for row in rows] == ["afp-1", "afp-2", "reu-7"]
    assert all(set(row) == EXPORT_KEYS for row in rows)
    by_id = {row["id"]: row for row in rows}
    assert (by_id["afp-2"]["duplicate_of"], by_id["afp-2"]["copy_kind"]) == ("afp-1", "exact")
    assert by_id["afp-2"]["event"] == by_id["afp-1"]["event"]
    for original in ("afp-1", "reu-7"):
        assert (by_id[original]["duplicate_of"], by_id[original]["copy_kind"]) == (None, None)
    assert all(isinstance(row["event"], str) and row["event"] for row in rows)
    assert all(row["languages"] == ["en"] for row in rows)
    assert all(row["storyline"].startswith("sl-") for row in rows)
    # The Felt obituary and the Klitschko fight are different stories.
    assert by_id["afp-1"]["storyline"] == by_id["afp-2"]["storyline"] != by_id["reu-7"]["storyline"]
    for row in rows:  # every mention says what it is, as written and normalised
        assert row["mentions"] and all(set(m) == {"kind", "text", "value"} for m in row["mentions"])


def test_export_in_an_unknown_format_fails_with_a_message(wire_db, storyline):
    cwd, _ = wire_db

    done = storyline("export", "--db", "wire.db", "--format", "xml", cwd=cwd)

    assert done.returncode != 0
    assert done.stdout == ""
    assert "xml" in done.stderr and "jsonl" in done.stderr


def test_only_bad_inputs_exit_1_with_one_rejected_line_each(storyline, tmp_path):
    inbox = write_bad_inbox(tmp_path / "inbox")

    done = storyline("ingest", str(inbox), "--db", "bad.db", cwd=tmp_path)

    assert done.returncode == 1
    assert lines(done.stdout) == ["new 0, duplicates 0, already stored 0, rejected 3"]
    rejected = [line for line in lines(done.stderr) if line.startswith("rejected: ")]
    assert sorted(line.split(": ")[1] for line in rejected) == sorted(
        [str(inbox / "empty.txt"), str(inbox / "feed.jsonl:1"), str(inbox / "scan")]
    )
    assert all(len(line.split(": ", 2)) == 3 and line.split(": ", 2)[2].strip() for line in rejected)
    assert "README" not in done.stderr
    assert "Traceback" not in done.stderr


def test_a_page_without_article_text_is_one_rejected_line_and_nothing_else(storyline, tmp_path):
    (tmp_path / "menu.html").write_text("<html><head><title>Menu</title></head><body></body></html>", encoding="utf-8")

    done = storyline("ingest", "menu.html", "--db", "x.db", cwd=tmp_path)

    assert done.returncode == 1
    assert lines(done.stderr) == ["rejected: menu.html: no article text found in the page"]


def test_nothing_to_ingest_exits_1_and_says_so(storyline, tmp_path):
    (tmp_path / "empty-folder").mkdir()

    done = storyline("ingest", "empty-folder", "--db", "x.db", cwd=tmp_path)

    assert done.returncode == 1
    assert "no articles found in empty-folder" in done.stderr


@pytest.mark.parametrize("args", [("events",), ("export",), ("ingest", "-")], ids=["events", "export", "ingest"])
def test_db_in_a_missing_folder_is_a_one_line_error_with_exit_2(storyline, tmp_path, args):
    target = tmp_path / "missing" / "storyline.db"

    done = storyline(*args, "--db", str(target), cwd=tmp_path, input=b"")

    assert done.returncode == 2
    assert len(lines(done.stderr)) == 1
    assert lines(done.stderr)[0].startswith("error: ") and str(target) in done.stderr
    assert not target.parent.exists()


@pytest.mark.parametrize(
    "args", [("events",), ("storylines",), ("show", "ev-1"), ("export",)], ids=["events", "storylines", "show", "export"]
)
def test_reading_a_database_that_is_not_there_is_an_error_and_creates_none(storyline, tmp_path, args):
    done = storyline(*args, "--db", "storylin.db", cwd=tmp_path)  # a typo for storyline.db

    assert done.returncode == 2
    assert lines(done.stderr) == ["error: storylin.db: no database there yet; `storyline ingest` creates it"]
    assert not (tmp_path / "storylin.db").exists()


def test_demo_shows_the_events_and_that_002_rewrites_001(ingested, sample_ids):
    cwd, done = ingested["demo"]

    assert done.returncode == 0, done.stderr
    assert "new 5, duplicates 1 (rewrite 1), already stored 0, rejected 0" in done.stdout
    assert " events" in done.stdout and "ev-" in done.stdout
    copy_rows = [line for line in done.stdout.splitlines() if sample_ids["002"] in line]
    assert any(f"{sample_ids['001']} (rewrite" in line for line in copy_rows), done.stdout
    assert list(cwd.iterdir()) == []  # the demo database is temporary


def test_demo_away_from_the_repository_says_where_the_corpus_is_missing(storyline, tmp_path):
    done = storyline("demo", cwd=tmp_path)

    assert done.returncode == 2
    assert lines(done.stderr) == [
        "error: samples: no sample corpus there; run from the repository root or pass its directory"
    ]
    assert list(tmp_path.iterdir()) == []


def test_demo_of_a_folder_without_articles_says_so_instead_of_empty_tables(storyline, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "README.md").write_text("Not news.\n")

    done = storyline("demo", "empty", cwd=tmp_path)

    assert done.returncode == 1
    assert lines(done.stderr) == ["error: no articles found in empty"]
    assert "events" not in done.stdout


def test_storylines_link_the_sample_events_and_the_export_names_them(
    samples_db, samples_events, storyline, sample_ids, samples_export
):
    cwd, _ = samples_db

    done = storyline("storylines", "--json", cwd=cwd)

    assert done.returncode == 0, done.stderr
    storylines = json.loads(done.stdout)
    assert sorted(e for s in storylines for e in s["events"]) == sorted(e["id"] for e in samples_events)
    assert all(s["id"].startswith("sl-") for s in storylines)
    exported = {row["id"]: row for row in map(json.loads, lines(samples_export))}
    storyline_of = {e: s["id"] for s in storylines for e in s["events"]}
    for row in exported.values():
        assert row["storyline"] == storyline_of[row["event"]]


def test_the_2019_article_is_a_storyline_of_its_own(samples_export, sample_ids):
    exported = {row["id"]: row for row in map(json.loads, lines(samples_export))}
    old = exported[sample_ids["004"]]["storyline"]
    assert all(exported[sample_ids[n]]["storyline"] != old for n in ("000", "001", "002", "003"))


def test_the_two_2026_events_are_one_storyline(samples_export, sample_ids):
    exported = {row["id"]: row for row in map(json.loads, lines(samples_export))}
    assert exported[sample_ids["000"]]["event"] != exported[sample_ids["001"]]["event"]
    assert len({exported[sample_ids[n]]["storyline"] for n in ("000", "001", "002", "003")}) == 1


def test_show_of_a_merged_event_id_shows_the_event_it_joined(
    samples_db, samples_events, storyline, sample_ids, tmp_path
):
    cwd, _ = samples_db
    shutil.copy(cwd / "storyline.db", tmp_path / "storyline.db")
    old = next(e["id"] for e in samples_events if sample_ids["004"] in e["article_ids"])
    into = next(e["id"] for e in samples_events if sample_ids["000"] in e["article_ids"])
    store = open_store(str(tmp_path / "storyline.db"))
    with store.writing() as writing:
        writing.save([], [], [], [Merge(old, into, sample_ids["004"], 0.98)])
    store.close()

    table = storyline("show", old, cwd=tmp_path)
    detail = storyline("show", old, "--json", cwd=tmp_path)

    assert table.returncode == 0, table.stderr
    assert f"{old} was merged into {into}" in table.stdout
    data = json.loads(detail.stdout)
    assert data["id"] == into
    assert data["merged_from"] == [{"event": old, "article": sample_ids["004"], "probability": 0.98}]
    assert sample_ids["004"] in [a["id"] for a in data["articles"]]


def test_the_2019_article_is_flagged_stale_beside_the_current_ones(samples_db, storyline, sample_ids, samples_export):
    # 004 is dated 11 Feb 2019 by its page; everything else arrived now, undated.
    exported = {row["id"]: row for row in map(json.loads, lines(samples_export))}
    old = exported[sample_ids["004"]]
    assert old["stale"] and old["stale_reason"].startswith("dated 2019-02-11")
    assert not any(exported[sample_ids[n]]["stale"] for n in ("000", "001", "002", "003"))

    done = storyline("show", old["event"], "--json", cwd=samples_db[0])

    detail = json.loads(done.stdout)
    assert detail["storyline"] == old["storyline"]
    stale_of = {a["id"]: a["stale"] for a in detail["articles"]}
    assert stale_of[sample_ids["004"]] and not any(v for k, v in stale_of.items() if k != sample_ids["004"])
    table = storyline("show", old["event"], cwd=samples_db[0]).stdout
    assert "stale: dated 2019-02-11" in " ".join(table.replace("│", " ").split())  # the cell wraps over rows


def test_show_json_gives_a_bases_status_with_where_those_leaving_went_and_when(
    samples_db, samples_events, storyline, sample_ids
):
    # 001: "US forces have withdrawn to Jordan from Syria’s Al-Tanf base, ... told AFP on Feb 11."
    # The article is undated, so the day stays as written.
    cwd, _ = samples_db
    event = next(e for e in samples_events if sample_ids["001"] in e["article_ids"])

    detail = json.loads(storyline("show", event["id"], "--json", cwd=cwd).stdout)

    tanf = [c for c in detail["claims"] if c["subject"] == "status:place:tnf" and c["article"] == sample_ids["001"]]
    assert {"value": "left", "to": "Jordan", "when": "Feb 11"}.items() <= next(c for c in tanf if "to" in c).items()
    assert all(c["value"] == "left" for c in tanf)


def test_eval_judges_each_article_on_arrival_and_prints_the_scores(storyline, tmp_path, ecb):
    # ECB+ dev topic 21: two hit-and-runs, one kind of event in two places and years.
    docs = [d for d in ecb.values() if d["topic"] == 21]
    (tmp_path / "gold.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")

    done = storyline("eval", "gold.jsonl", "--label", "event_cluster", "--id", "doc_id", "--shuffle", "1", "--json", cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["order"].startswith("shuffled (seed 1)")
    assert (result["articles"], result["gold_events"], result["rejected"]) == (len(docs), 2, 0)
    assert result["scores"]["bcubed_f1"] > 0.9, result["scores"]
    assert not list(tmp_path.glob("*.db"))  # scored in a throw-away store


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "error: gone.jsonl: No such file or directory"),
        ('{"text": "Troops left the base.", "event": "a"}\n{oops\n', "error: gone.jsonl:2: invalid JSON: "),
    ],
    ids=["missing", "bad line"],
)
def test_eval_of_an_unreadable_dataset_is_one_line_with_exit_2(storyline, tmp_path, content, message):
    if content is not None:
        (tmp_path / "gone.jsonl").write_text(content, encoding="utf-8")

    done = storyline("eval", "gone.jsonl", cwd=tmp_path)

    assert done.returncode == 2
    assert len(lines(done.stderr)) == 1 and lines(done.stderr)[0].startswith(message), done.stderr


def test_a_bad_setting_is_one_error_line_with_exit_2(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYLINE_")}
    env.update(HOME=str(tmp_path), STORYLINE_BATCH_SIZE="abc", NO_COLOR="1")

    done = subprocess.run([*command(), "events"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)

    assert done.returncode == 2
    assert lines(done.stderr) == ["error: setting 'batch_size': cannot read 'abc' as int"]
