"""Dedup and provenance: which articles copy which, and which one is the original."""

from storyline.dedup.alignment import alignment_score
from storyline.dedup.copies import CopyDetector, Match
from storyline.dedup.provenance import earlier_original

__all__ = ["CopyDetector", "Match", "alignment_score", "earlier_original"]
