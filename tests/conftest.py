"""Fixtures shared across the test tree: the sentence encoder, the sample corpus, real data sets and a
real PostgreSQL server.

The encoder takes a couple of seconds to load, so one instance serves the
whole session; everything else that needs vectors goes through ``featurize``,
which runs the real per-article stages (normalize, then enrich).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from storyline.enrich import SentenceEncoder, enrich
from storyline.models import Document, Features
from storyline.normalize import normalize

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
"""The labelled data sets live in ../shared beside the repository (as in CI)."""
ECB_PLUS = SHARED_DATA / "ecbplus" / "docs.jsonl"
MSTREAM_NEWS = SHARED_DATA / "mstream_news" / "News.jsonl"
ANS_STANCE = SHARED_DATA / "ans_arabic_news_stance" / "stance" / "train.csv"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
"""The sample corpus, kept in the repository beside the package (``storyline demo`` reads it)."""

Featurize = Callable[..., Features]


@pytest.fixture(scope="session")
def encoder() -> SentenceEncoder:
    """One loaded multilingual sentence encoder for the whole session."""
    encoder = SentenceEncoder()
    encoder.encode(["Load the model once."])
    return encoder


@pytest.fixture(scope="session")
def featurize(encoder: SentenceEncoder) -> Featurize:
    """``featurize(id, text, **document_fields)``: a Document through normalize and enrich."""

    done: dict[tuple[str, str, tuple[tuple[str, Any], ...]], Features] = {}

    def run(article_id: str, text: str, **fields: Any) -> Features:
        key = (article_id, text, tuple(sorted(fields.items())))
        if key not in done:  # the same input gives the same features: encode it once per session
            article = normalize(Document(id=article_id, origin=f"test:{article_id}", text=text, **fields))
            done[key] = enrich([article], encoder)[0]
        return done[key]

    return run


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """The sample corpus (five .txt files)."""
    assert len(list(SAMPLES.glob("*.txt"))) == 5
    return SAMPLES


@pytest.fixture(scope="session")
def sample_texts(sample_dir: Path) -> dict[str, str]:
    """Raw text of each sample, keyed by its number ("000" ... "004")."""
    return {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(sample_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def sample_ids(sample_dir: Path) -> dict[str, str]:
    """The article id the pipeline gives each sample (its file name), keyed by its number."""
    return {path.name[:3]: path.name for path in sorted(sample_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def ecb() -> dict[str, dict[str, Any]]:
    """ECB+ news articles (English), by doc_id."""
    if not ECB_PLUS.is_file():
        pytest.fail(f"real data set not found: {ECB_PLUS} (the tests expect ../shared beside the repository)")
    with ECB_PLUS.open(encoding="utf-8") as lines:
        return {doc["doc_id"]: doc for doc in map(json.loads, lines)}


@pytest.fixture(scope="session")
def mstream_news() -> list[dict[str, Any]]:
    """The MStream News stream in file order: cleaned English headlines (``textCleaned``) with gold ``clusterNo``."""
    if not MSTREAM_NEWS.is_file():
        pytest.fail(f"real data set not found: {MSTREAM_NEWS} (the tests expect ../shared beside the repository)")
    with MSTREAM_NEWS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def arabic_headlines() -> list[str]:
    """Arabic news headlines from the ANS stance corpus (first sentence of each pair)."""
    if not ANS_STANCE.is_file():
        pytest.fail(f"real data set not found: {ANS_STANCE} (the tests expect ../shared beside the repository)")
    with ANS_STANCE.open(encoding="utf-8", newline="") as rows:
        return [row["s1"] for row in csv.DictReader(rows)]


REQUIRE_POSTGRES = "STORYLINE_REQUIRE_POSTGRES"
"""Set (as CI does, having installed PostgreSQL) to fail rather than skip the PostgreSQL tests when it is missing."""


def _postgres_bin() -> Path | None:
    """The folder of PostgreSQL's server programs: on the PATH, or Debian's /usr/lib/postgresql/VERSION/bin."""
    if found := shutil.which("initdb"):
        return Path(found).parent
    installed = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parents[1].name))
    return installed[-1].parent if installed else None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server of the test session's own, on a Unix socket in a temporary folder; yields its base URL.

    PostgreSQL refuses to run as root, so as root the server runs as the
    ``postgres`` user the distribution's package creates.
    """
    bindir = _postgres_bin()
    if bindir is None:
        message = "PostgreSQL is not installed (no initdb); its tests need the server programs"
        if os.environ.get(REQUIRE_POSTGRES):
            pytest.fail(message)
        pytest.skip(message)
    as_server = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    home = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    if as_server:
        shutil.chown(home, "postgres")
    data = home / "data"

    def run(*command: str) -> None:
        done = subprocess.run([*as_server, *command], capture_output=True, text=True, timeout=120)
        if done.returncode:
            log = (home / "log").read_text(errors="replace") if (home / "log").is_file() else ""
            pytest.fail(f"{Path(command[0]).name} failed: {done.stderr.strip()} {log.strip()}")

    run(str(bindir / "initdb"), "-D", str(data), "-U", "storyline", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
    options = f"-k {home} -c listen_addresses='' -c fsync=off -c max_connections=50"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(home / "log"), "-w", "start")
    try:
        yield f"postgresql://storyline@/{{database}}?host={home}"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def postgres_databases(postgres_server: str) -> Iterator[Callable[[], str]]:
    """``new()``: the URL of a new, empty database on the session's PostgreSQL server; all are dropped after the test."""
    admin = create_engine(postgres_server.format(database="postgres"), isolation_level="AUTOCOMMIT")
    names: list[str] = []

    def new() -> str:
        names.append(f"t{uuid.uuid4().hex[:12]}")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {names[-1]}"))
        return postgres_server.format(database=names[-1])

    yield new
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def postgres_url(postgres_databases: Callable[[], str]) -> str:
    """The URL of a new, empty database on the session's PostgreSQL server."""
    return postgres_databases()
