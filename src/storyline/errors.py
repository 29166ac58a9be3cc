"""One error hierarchy for the whole package.

Bad input never crashes a batch: a stage raises :class:`Rejected`, the pipeline
turns it into a :class:`storyline.models.Rejection` record, counts it and goes on.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class of every error Storyline raises on purpose."""


class Rejected(StorylineError):
    """An input document cannot be used; ``reason`` says why in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class StoreError(StorylineError):
    """The database cannot be opened, migrated or written."""


class ConfigError(StorylineError):
    """A setting is missing or malformed."""
