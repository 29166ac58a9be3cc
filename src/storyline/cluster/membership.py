"""Which articles each event holds, in arrival order, kept through merges and splits.

The clusterer keeps each event's sums, not its articles. A split check needs
the articles themselves, in the order they came, and the caller needs to know
which event each article ended in after merges and splits. The pipeline (by
article id) and the calibration's replays (by position in a stream) keep
this the same way, here.

A pipeline over a store of millions of articles touches few of its events
in a run, so it need not read every article's event when it starts: given
``stored_members`` and ``stored_event``, an event's stored articles are read
the first time the event is asked about, joined, merged or split. From then
on this record is ahead of the store (the batch's merges and splits are
written with the batch), so an event is read at most once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

Item = TypeVar("Item", bound=Hashable)


class Membership(Generic[Item]):
    """Events' articles (any hashable handle) and each article's event.

    Parameters
    ----------
    stored_members
        An event's stored articles as (arrival, item), in arrival order; none for an event not stored.
    stored_event
        The event a stored item is in; None for an item not stored.
    """

    def __init__(
        self,
        stored_members: Callable[[str], list[tuple[int, Item]]] | None = None,
        stored_event: Callable[[Item], str | None] | None = None,
    ) -> None:
        self.stored_members = stored_members
        self.stored_event = stored_event
        self._event_of: dict[Item, str] = {}
        self._members: dict[str, list[tuple[int, Item]]] = {}
        self._read: set[str] = set()

    def _read_stored(self, event_id: str) -> None:
        """Take in the event's stored articles, the first time the event comes up."""
        if self.stored_members is None or event_id in self._read:
            return
        self._read.add(event_id)
        self._members[event_id] = self.stored_members(event_id)
        for _, item in self._members[event_id]:
            self._event_of[item] = event_id

    def event(self, item: Item) -> str | None:
        """The event ``item`` is in now; None for an item neither joined nor stored."""
        if item not in self._event_of and self.stored_event is not None:
            if (stored := self.stored_event(item)) is not None:
                self._read_stored(stored)
        return self._event_of.get(item)

    def join(self, item: Item, arrival: int, event_id: str) -> None:
        """``item``, the ``arrival``-th article of the stream, is now in ``event_id``."""
        self._read_stored(event_id)
        self._event_of[item] = event_id
        self._members.setdefault(event_id, []).append((arrival, item))

    def members(self, event_id: str) -> list[Item]:
        """The event's articles, in arrival order."""
        self._read_stored(event_id)
        return [item for _, item in self._members.get(event_id, [])]

    def merge(self, gone: str, kept: str) -> None:
        """Every article of ``gone`` now belongs to ``kept``."""
        self._read_stored(gone)
        self._read_stored(kept)
        absorbed = self._members.pop(gone)
        for _, item in absorbed:
            self._event_of[item] = kept
        self._members[kept] = sorted(self._members[kept] + absorbed, key=lambda member: member[0])

    def split(self, event_id: str, new_id: str, positions: Iterable[int]) -> list[Item]:
        """Move the articles at ``positions`` (of :meth:`members`) to the new event ``new_id``; returns them."""
        self._read_stored(event_id)
        self._read.add(new_id)  # its articles are the ones moved here, whatever the store says of the id
        moving = set(positions)
        members = self._members[event_id]
        moved = [member for i, member in enumerate(members) if i in moving]
        self._members[event_id] = [member for i, member in enumerate(members) if i not in moving]
        self._members[new_id] = moved
        for _, item in moved:
            self._event_of[item] = new_id
        return [item for _, item in moved]
