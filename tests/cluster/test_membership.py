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
    assert membership.event_of == {"a": "e1", "b": "e3", "c": "e1", "d": "e3", "e": "e1"}
