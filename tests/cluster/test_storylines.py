"""Storylines on real articles: fragments of one event linked, events of one kind and far-apart dates kept apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from storyline.cluster.online import grown_state, new_state
from storyline.cluster.storylines import StorylineLinker, storyline_id_for


def state_of(members):
    state = new_state(members[0])
    for features in members[1:]:
        state = grown_state(state, features)
    return state


@pytest.fixture(scope="module")
def events(featurize, ecb):
    """ECB+ dev topics 2 and 18: each has two real events of one kind (two hirings; two shootings)."""
    found: dict[str, list] = {}
    for doc in ecb.values():
        if doc["split"] == "dev" and doc["topic"] in (2, 18):
            found.setdefault(doc["event_cluster"], []).append(featurize(doc["doc_id"], doc["text"]))
    return found


def halves(members):
    middle = len(members) // 2
    return state_of(members[:middle]), state_of(members[middle:])


def dated(state, day):
    """The event as if its reports had been published over the two days from ``day`` (ECB+ strips the dates)."""
    return replace(state, first_seen=day, last_seen=day + timedelta(days=2))


JACKMAN = datetime(2008, 12, 12, tzinfo=UTC)
"""When Hugh Jackman was named host of the 2009 Oscars (topic 2's first hiring); Ellen DeGeneres was named in 2013."""
DEGENERES = datetime(2013, 8, 2, tzinfo=UTC)


def test_two_halves_of_one_event_are_one_storyline_and_its_look_alike_years_later_another(events):
    first, second = (dated(half, JACKMAN) for half in halves(events["2_ecb"]))
    other = dated(state_of(events["2_ecbplus"]), DEGENERES)
    storylines = StorylineLinker().link([first, other, second])
    by_event = {event_id: s for s in storylines for event_id in s.event_ids}
    assert by_event[first.id] is by_event[second.id]
    assert by_event[other.id] is not by_event[first.id]
    assert len(storylines) == 2


def test_storylines_of_several_topics_never_mix_topics(events):
    states = [part for members in events.values() for part in halves(members)]
    storylines = StorylineLinker().link(states)
    topic_of = {state.id: label.split("_")[0] for label, members in events.items() for state in halves(members)}
    for storyline in storylines:
        assert len({topic_of[e] for e in storyline.event_ids}) == 1, storyline


def test_dated_events_further_apart_than_the_window_are_not_linked(events):
    first, second = halves(events["18_ecb"])
    start = datetime(2026, 2, 1, tzinfo=UTC)
    first = replace(first, first_seen=start, last_seen=start + timedelta(days=3))
    near = replace(second, first_seen=start + timedelta(days=10), last_seen=start + timedelta(days=12))
    far = replace(second, first_seen=start + timedelta(days=200), last_seen=start + timedelta(days=201))
    linker = StorylineLinker(window_days=60.0)
    assert len(linker.link([first, near])) == 1
    assert len(linker.link([first, far])) == 2


def test_an_undated_event_is_timed_by_its_arrival_and_kept_from_an_old_dated_one(events):
    # The two halves of one shooting's reports: one half dated by its sources years ago, the other undated.
    old, undated = halves(events["18_ecb"])
    then = datetime(2019, 2, 11, tzinfo=UTC)
    old = replace(old, first_seen=then, last_seen=then + timedelta(days=2))
    now = datetime(2026, 11, 22, tzinfo=UTC)
    linker = StorylineLinker(window_days=60.0)

    assert len(linker.link([old, undated])) == 1  # no time for the undated half: linked on content alone
    arrived_now = {undated.id: (now, now + timedelta(hours=1))}
    assert len(linker.link([old, undated], arrived_now)) == 2
    arrived_then = {undated.id: (then + timedelta(days=5), then + timedelta(days=6))}
    (linked,) = linker.link([old, undated], arrived_then)
    assert (linked.first_seen, linked.last_seen) == (old.first_seen, old.last_seen)  # dates as published, not arrivals


def test_a_storyline_keeps_the_id_of_its_oldest_event_and_lists_events_in_time_order(events):
    first, second = halves(events["18_ecbplus"])
    start = datetime(2026, 2, 1, tzinfo=UTC)
    first = replace(first, first_seen=start + timedelta(days=5), last_seen=start + timedelta(days=6))
    second = replace(second, first_seen=start, last_seen=start + timedelta(days=1))
    (alone,) = StorylineLinker().link([first])
    (grown,) = StorylineLinker().link([first, second])  # the oldest event (first stored) keeps naming it
    assert alone.id == grown.id == storyline_id_for(first.id)
    assert grown.event_ids == (second.id, first.id)  # by date, not by arrival
    assert grown.first_seen == start and grown.last_seen == start + timedelta(days=6)


def test_threshold_out_of_range_is_refused():
    with pytest.raises(ValueError, match="threshold"):
        StorylineLinker(threshold=1.5)


def test_events_of_one_topic_years_apart_are_related_but_not_linked_and_other_topics_are_not_related(events):
    # Topic 2's two hirings share a topic; topic 18's shootings are another.
    states = {label: state_of(members) for label, members in events.items()}
    states["2_ecb"], states["2_ecbplus"] = dated(states["2_ecb"], JACKMAN), dated(states["2_ecbplus"], DEGENERES)
    storylines = StorylineLinker().link(list(states.values()))
    of = {event_id: s for s in storylines for event_id in s.event_ids}
    hiring, other_hiring = of[states["2_ecb"].id], of[states["2_ecbplus"].id]
    assert hiring is not other_hiring
    assert other_hiring.id in hiring.related and hiring.id in other_hiring.related
    shootings = {of[states["18_ecb"].id].id, of[states["18_ecbplus"].id].id}
    assert not shootings & set(hiring.related)


def test_a_small_store_searched_exhaustively_links_as_the_index_would(events, monkeypatch):
    import storyline.cluster.storylines as module

    states = [part for members in events.values() for part in halves(members)]
    exhaustive = StorylineLinker().link(states)
    monkeypatch.setattr(module, "EXACT_LIMIT", 0)  # as a store too large to search exhaustively is searched

    assert StorylineLinker().link(states) == exhaustive
    assert len(exhaustive) < len(states)  # halves were linked: the comparison is not of nothing
