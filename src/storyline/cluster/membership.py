"""Which articles each event holds, in arrival order, kept through merges and splits.

The clusterer keeps each event's sums, not its articles. A split check needs
the articles themselves, in the order they came, and the caller needs to know
which event each article ended in after merges and splits. The pipeline (by
article id) and the calibration's replays (by position in a stream) keep
this the same way, here.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

Item = TypeVar("Item", bound=Hashable)


class Membership(Generic[Item]):
    """Events' articles (any hashable handle) and each article's event."""

    def __init__(self) -> None:
        self.event_of: dict[Item, str] = {}
        self._members: dict[str, list[tuple[int, Item]]] = {}

    def join(self, item: Item, arrival: int, event_id: str) -> None:
        """``item``, the ``arrival``-th article of the stream, is now in ``event_id``."""
        self.event_of[item] = event_id
        self._members.setdefault(event_id, []).append((arrival, item))

    def members(self, event_id: str) -> list[Item]:
        """The event's articles, in arrival order."""
        return [item for _, item in self._members.get(event_id, [])]

    def merge(self, gone: str, kept: str) -> None:
        """Every article of ``gone`` now belongs to ``kept``."""
        absorbed = self._members.pop(gone)
        for _, item in absorbed:
            self.event_of[item] = kept
        self._members[kept] = sorted(self._members[kept] + absorbed, key=lambda member: member[0])

    def split(self, event_id: str, new_id: str, positions: Iterable[int]) -> list[Item]:
        """Move the articles at ``positions`` (of :meth:`members`) to the new event ``new_id``; returns them."""
        moving = set(positions)
        members = self._members[event_id]
        moved = [member for i, member in enumerate(members) if i in moving]
        self._members[event_id] = [member for i, member in enumerate(members) if i not in moving]
        self._members[new_id] = moved
        for _, item in moved:
            self.event_of[item] = new_id
        return [item for _, item in moved]
