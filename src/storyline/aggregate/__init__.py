"""Aggregate: what an event's articles say together (claims side by side, where sources disagree, what is stale)."""

from storyline.aggregate.disagreements import claim_entry, disagreements
from storyline.aggregate.staleness import stale_articles

__all__ = ["claim_entry", "disagreements", "stale_articles"]
