"""Content-farm signs: a byline with no outlet, several agencies credited, page furniture left in."""

from __future__ import annotations

import pytest

from storyline.models import Document
from storyline.normalize import normalize
from storyline.normalize.quality import is_low_quality


def article(article_id: str, text: str, **fields):
    return normalize(Document(id=article_id, origin=f"test:{article_id}", text=text, **fields))


def test_the_scraped_page_stitched_from_several_agencies_is_low_quality(sample_texts):
    # Sample 004: a byline and no outlet, AP and Reuters sentences, "Discuss This Article" and the like.
    scraped = article("004", sample_texts["004"])

    assert is_low_quality(scraped.quality)
    assert "byline with no outlet" in scraped.quality
    assert any(sign.startswith("credits several agencies") for sign in scraped.quality)


@pytest.mark.parametrize("key", ["000", "001", "002", "003"])
def test_wire_stories_and_their_rewrites_are_not_flagged(sample_texts, key):
    # One agency credited, at most a photo caption removed: ordinary journalism.
    assert not is_low_quality(article(key, sample_texts[key]).quality)


def test_a_byline_from_a_named_outlet_is_no_sign(sample_texts):
    given = article("004", sample_texts["004"], source="Example Daily")

    assert "byline with no outlet" not in given.quality
    assert len(given.quality) == 2  # still several agencies and its furniture
