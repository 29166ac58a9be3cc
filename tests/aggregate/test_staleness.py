"""Staleness: an article is stale when the rest of its story is far newer, not merely because it is early."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storyline.aggregate import stale_articles
from storyline.models import Storyline

START = datetime(2026, 2, 1, tzinfo=UTC)


def days(n: float) -> datetime:
    return START + timedelta(days=n)


def test_the_early_reports_of_a_long_storyline_are_not_stale():
    # A storyline covered every few weeks for two years: its first reports have their contemporaries.
    times = {f"a{n}": days(20 * n) for n in range(40)}
    storyline = Storyline("sl-long", "", ("ev-long",))

    found = stale_articles([storyline], ((a, "ev-long") for a in times), times, after_days=180)

    assert found == {}


def test_an_old_page_among_current_reports_is_stale_and_they_are_not():
    times = {"old": days(-2000), "new-1": days(0), "new-2": days(1), "new-3": days(3)}
    storyline = Storyline("sl-1", "", ("ev-1", "ev-2"))
    placements = [("old", "ev-2"), ("new-1", "ev-1"), ("new-2", "ev-1"), ("new-3", "ev-2")]

    found = stale_articles([storyline], placements, times, after_days=180)

    assert list(found) == ["old"]
    assert found["old"].startswith("dated 2020-08-11, 2,000 days before the rest of its storyline")


def test_an_article_alone_is_judged_beside_the_storylines_on_its_topic():
    times = {"alone": days(-400), "current": days(0), "archive": days(-390)}
    alone = Storyline("sl-alone", "", ("ev-alone",), related=("sl-current",))
    current = Storyline("sl-current", "", ("ev-current",), related=("sl-alone",))
    placements = [("alone", "ev-alone"), ("current", "ev-current")]

    assert list(stale_articles([alone, current], placements, times, after_days=180)) == ["alone"]
    # With coverage of its own time on the topic, it is archive, not a resurfaced page.
    archive = Storyline("sl-archive", "", ("ev-archive",), related=("sl-alone",))
    with_archive = [Storyline("sl-alone", "", ("ev-alone",), related=("sl-current", "sl-archive")), current, archive]
    placements.append(("archive", "ev-archive"))
    assert stale_articles(with_archive, placements, times, after_days=180) == {}
    # With nothing on its topic, there is nothing it is old beside.
    assert stale_articles([Storyline("sl-alone", "", ("ev-alone",))], placements[:1], times, after_days=180) == {}
