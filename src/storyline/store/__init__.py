"""Persistence: the store is the truth every stateful stage is rebuilt from."""

from storyline.store.sql import SQLStore, database_url

__all__ = ["SQLStore", "database_url", "open_store"]


def open_store(url: str, create: bool = True) -> SQLStore:
    """Open the database at a SQLAlchemy URL or a file path, creating a SQLite file when ``create``."""
    return SQLStore(url, create)
