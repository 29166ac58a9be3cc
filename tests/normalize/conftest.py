"""The sample corpus, raw and normalised once per test session."""

from __future__ import annotations

from importlib.resources import files

import pytest

from storyline.models import Article, Document
from storyline.normalize import normalize

PREFIXES = ("000", "001", "002", "003", "004")


@pytest.fixture(scope="session")
def raw_samples() -> dict[str, str]:
    """Raw text of every sample file, keyed by its number ("000" ... "004")."""
    texts = {}
    for path in (files("storyline") / "samples").iterdir():
        if path.name.endswith(".txt"):
            texts[path.name[:3]] = path.read_text(encoding="utf-8")
    assert sorted(texts) == list(PREFIXES)
    return texts


@pytest.fixture(scope="session")
def samples(raw_samples: dict[str, str]) -> dict[str, Article]:
    """Every sample article, normalised, keyed by its number."""
    return {
        prefix: normalize(Document(id=prefix, origin=f"samples/{prefix}", text=text))
        for prefix, text in raw_samples.items()
    }
