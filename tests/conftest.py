"""Fixtures shared across the test tree: the sentence encoder, the sample corpus and real data sets.

The encoder takes a couple of seconds to load, so one instance serves the
whole session; everything else that needs vectors goes through ``featurize``,
which runs the real per-article stages (normalize, then enrich).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

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
