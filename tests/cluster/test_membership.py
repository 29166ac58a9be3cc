"""Events' articles through merges and splits: arrival order kept, every article's event known."""

from __future__ import annotations

from storyline.cluster.membership import Membership


def test_merges_interleave_by_arrival_and_splits_move_articles_with_their_event():
    membership = Membership[str]()
    for arrival, (article, event) in enumerate([("a", "e1"), ("b", "e2"), ("c", "e1"), ("d", "e2"), ("e", "e1")]):
        membership.join(article, arrival, event)

    membership.merge("e2", "e1")
    assert membership.members("e1") == ["a", "b", "c", "d", "e"]
    assert membership.members("e2") == []

    moved = membership.split("e1", "e3", [1, 3])
    assert moved == ["b", "d"]
    assert membership.members("e1") == ["a", "c", "e"] and membership.members("e3") == ["b", "d"]
    assert {a: membership.event(a) for a in "abcde"} == {"a": "e1", "b": "e3", "c": "e1", "d": "e3", "e": "e1"}
    assert membership.event("f") is None


def test_an_events_stored_articles_are_read_once_when_it_comes_up_and_then_kept_ahead_of_the_store():
    stored = {"e1": [(1, "a"), (3, "c")], "e2": [(2, "b")]}
    read: list[str] = []

    def stored_members(event_id: str) -> list[tuple[int, str]]:
        read.append(event_id)
        return list(stored.get(event_id, []))

    def stored_event(item: str) -> str | None:
        return next((event for event, members in stored.items() if any(i == item for _, i in members)), None)

    membership = Membership[str](stored_members, stored_event)
    membership.join("d", 4, "e1")  # a new article joins a stored event: the event's stored articles come first
    assert membership.members("e1") == ["a", "c", "d"]
    membership.merge("e2", "e1")  # not written yet: the store still has b in e2
    assert membership.event("b") == "e1" and membership.members("e1") == ["a", "b", "c", "d"]
    assert membership.members("e2") == []
    moved = membership.split("e1", "e2", [1, 3])  # split off again under the merged-away id
    assert moved == ["b", "d"] and membership.members("e2") == ["b", "d"]
    assert membership.event("c") == "e1" and membership.event("x") is None
    assert read == ["e1", "e2"]  # each event read once, however often it came up
