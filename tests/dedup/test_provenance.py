"""earlier_original: earlier publication, then agency credits, then the more complete text, then arrival."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import numpy as np
import pytest

from storyline.dedup import earlier_original
from storyline.models import ArticleRecord

NOON = datetime(2026, 2, 11, 12, 0, tzinfo=UTC)


def record(
    article_id: str,
    seq: int,
    published: datetime | None = None,
    credits: tuple[str, ...] = (),
    length: int = 2000,
) -> ArticleRecord:
    return ArticleRecord(
        id=article_id,
        seq=seq,
        content_hash=article_id,
        language="en",
        published=published,
        credits=credits,
        length=length,
        event_id=None,
        signature=np.zeros(4, dtype=np.uint64),
        body=np.zeros(4, dtype=np.float32),
    )


@pytest.mark.parametrize("newcomer_is_earlier", [True, False])
def test_earlier_publication_wins_whatever_the_arrival_order(newcomer_is_earlier):
    early = NOON - timedelta(hours=3)
    first = record("first", 1, published=NOON if newcomer_is_earlier else early)
    second = record("second", 2, published=early if newcomer_is_earlier else NOON)

    assert earlier_original(first, second) is (second if newcomer_is_earlier else first)


def test_publication_beats_credits_and_completeness():
    # The later wire copy, longer and crediting AFP, still copies the earlier bare report.
    first = record("bare", 1, published=NOON - timedelta(minutes=5), length=1000)
    second = record("wire", 2, published=NOON, credits=("AFP",), length=3000)

    assert earlier_original(first, second) is first
    assert earlier_original(second, first) is first


def test_publication_times_compare_as_instants_across_time_zones():
    # 10:00 in Damascus (UTC+3) is 07:00 UTC, before 08:00 UTC.
    damascus = record("damascus", 1, published=datetime(2026, 2, 11, 10, 0, tzinfo=timezone(timedelta(hours=3))))
    london = record("london", 2, published=datetime(2026, 2, 11, 8, 0, tzinfo=UTC))

    assert earlier_original(london, damascus) is damascus


@pytest.mark.parametrize(
    ("first_published", "second_published"),
    [(NOON, NOON), (None, None), (NOON, None), (None, NOON)],
    ids=["same-time", "both-undated", "second-undated", "first-undated"],
)
def test_without_two_different_dates_the_article_with_credits_wins(first_published, second_published):
    plain = record("plain", 1, published=first_published, length=5000)
    wire = record("wire", 2, published=second_published, credits=("AFP",), length=1000)

    assert earlier_original(plain, wire) is wire
    assert earlier_original(wire, plain) is wire


def test_then_the_clearly_more_complete_text_wins():
    short = record("short", 1, credits=("AP",), length=1000)
    full = record("full", 2, credits=("Reuters",), length=1300)

    assert earlier_original(short, full) is full
    assert earlier_original(full, short) is full


def test_a_little_longer_is_not_more_complete_and_the_first_arrived_wins():
    first = record("first", 1, length=1000)
    slightly_longer = record("second", 2, length=1150)
    same = record("same", 3, length=1000)

    assert earlier_original(first, slightly_longer) is first
    assert earlier_original(first, same) is first
    assert earlier_original(same, first) is same
