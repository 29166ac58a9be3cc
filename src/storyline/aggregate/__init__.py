"""Aggregate: what an event's articles say together (claims side by side, where sources disagree)."""

from storyline.aggregate.disagreements import disagreements

__all__ = ["disagreements"]
