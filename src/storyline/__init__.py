"""Storyline: turn a stream of news articles into events, copies and storylines."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version(__name__)
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"
