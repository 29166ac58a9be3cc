"""Per-article enrichment: sentences and multilingual vectors (entities, places and dates come later)."""

from storyline.enrich.sentences import split_sentences
from storyline.enrich.vectors import SentenceEncoder, enrich

__all__ = ["SentenceEncoder", "enrich", "split_sentences"]
