"""The sample corpus, raw and normalised once per test session."""

from __future__ import annotations

import pytest

from storyline.models import Article, Document
from storyline.normalize import normalize

PREFIXES = ("000", "001", "002", "003", "004")


@pytest.fixture(scope="session")
def raw_samples(sample_texts: dict[str, str]) -> dict[str, str]:
    """Raw text of every sample file, keyed by its number ("000" ... "004")."""
    assert sorted(sample_texts) == list(PREFIXES)
    return sample_texts


@pytest.fixture(scope="session")
def samples(raw_samples: dict[str, str]) -> dict[str, Article]:
    """Every sample article, normalised, keyed by its number."""
    return {
        prefix: normalize(Document(id=prefix, origin=f"samples/{prefix}", text=text))
        for prefix, text in raw_samples.items()
    }
