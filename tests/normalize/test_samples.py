"""What a reader of the sample corpus notices after normalisation."""

from __future__ import annotations

from datetime import UTC, datetime

from storyline.models import Article


def test_000_wire_story_keeps_its_dateline_and_credits_afp(samples: dict[str, Article]) -> None:
    article = samples["000"]
    assert article.dateline == "QAMISHLI, Syria"
    assert article.credits == ("AFP",)
    assert article.text.startswith("QAMISHLI, Syria: US forces that led the coalition")
    assert article.language == "en" and article.languages == ("en",)
    assert article.title is None and article.published is None


def test_001_loses_photo_caption_and_trailing_agency_tag(
    raw_samples: dict[str, str], samples: dict[str, Article]
) -> None:
    article = samples["001"]
    assert "US military vehicles moving ahead of buses" in raw_samples["001"]
    assert "US military vehicles moving ahead of buses" not in article.text
    assert article.text.startswith("DAMASCUS - US forces have withdrawn to Jordan")
    assert article.text.endswith("Washington later conducted retaliatory strikes on IS targets in Syria.")
    assert article.dateline == "DAMASCUS"
    assert article.credits == ("AFP",)


def test_002_mojibake_apostrophes_are_repaired(raw_samples: dict[str, str], samples: dict[str, Article]) -> None:
    raw, article = raw_samples["002"], samples["002"]
    assert "IS\u0e42s" in raw and "al-Assad\u0e42s" in raw
    assert "\u0e42" not in article.text
    assert "contributing to IS’s territorial defeat" in article.text
    assert "Bashar al-Assad’s long-standing regime" in article.text
    assert article.text == article.text.strip()
    assert len(article.text.split("\n\n")) == 7


def test_002_rewrite_has_no_dateline_but_credits_its_sources(samples: dict[str, Article]) -> None:
    assert samples["002"].dateline is None
    assert samples["002"].credits == ("AFP",)


def test_003_arabic_article_and_translation_are_one_article_in_two_segments(samples: dict[str, Article]) -> None:
    article = samples["003"]
    assert [s.language for s in article.segments] == ["ar", "en"]
    arabic, english = article.segments
    assert arabic.text.startswith("كشفت وسائل إعلام غربية")
    assert len(arabic.text.split("\n\n")) == 6
    assert not any("a" <= ch.lower() <= "z" for ch in arabic.text)
    assert english.text.startswith("Western media revealed today (Monday)")
    assert len(english.text.split("\n\n")) == 6
    assert article.text == arabic.text + "\n\n" + english.text
    assert article.credits == ()


def test_004_scraped_page_header_becomes_metadata(samples: dict[str, Article]) -> None:
    article = samples["004"]
    assert article.title == "Backed Syrian fighters advance in clashes with Islamic State"
    assert article.byline == "Minnie Murray"
    assert article.published == datetime(2019, 2, 11, tzinfo=UTC)
    assert article.published_inferred is True
    assert article.text.startswith("That would herald an end")
    assert "Minnie Murray" not in article.text and "February 11, 2019" not in article.text


def test_004_wire_dateline_after_the_standfirst_is_its_dateline(samples: dict[str, Article]) -> None:
    assert samples["004"].dateline == "BEIRUT"


def test_004_page_furniture_and_caption_are_gone(samples: dict[str, Article]) -> None:
    article = samples["004"]
    assert "Discuss This Article" not in article.text
    assert "Other reports by" not in article.text
    assert "Civilians fleeing fighting" not in article.text
    assert article.text.endswith("the diplomat stressed.")
    assert article.credits == ("AP", "Reuters")


def test_every_sample_has_a_hash_and_distinct_text(samples: dict[str, Article]) -> None:
    hashes = {article.content_hash for article in samples.values()}
    assert len(hashes) == 5
    assert all(len(h) == 64 for h in hashes)
