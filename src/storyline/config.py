"""Settings: packaged defaults < user file < environment.

The user file is TOML, found at ``$STORYLINE_CONFIG`` or
``~/.config/storyline/config.toml``; environment variables are named
``STORYLINE_<FIELD>`` in upper case (``STORYLINE_DB=sqlite:///x.db``).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from storyline.errors import ConfigError


@dataclass(frozen=True)
class Settings:
    """Every tunable of the pipeline, with its packaged default."""

    db: str = "sqlite:///storyline.db"
    """SQLAlchemy URL of the store."""
    batch_size: int = 256
    """Articles written per transaction."""
    near_duplicate_threshold: float = 0.8
    """Estimated Jaccard similarity of word shingles above which two texts are near copies."""
    event_window_days: float = 7.0
    """How far (in days of publication time) an event keeps pulling new articles."""
    storyline_window_days: float = 60.0
    """Dated events further apart than this are never linked into one storyline."""
    stale_after_days: float = 180.0
    """An article dated this much before the median of its storyline (or, alone, of its topic) is stale."""
    threads: int = 2
    """Threads for the sentence encoder (shared out among the ``processes``)."""
    processes: int = 1
    """Processes that enrich articles, the costly per-article stage, each with models of its own (about
    0.6 GB): 2 on 2 cores ingested ECB+'s 772 articles 1.2-1.4 times as fast; on a small ingest their
    start-up (some 10 s) costs more than they save (197 articles: 44.5 s against 40.4)."""
    extract_facts: bool = True
    """Find entities, dates, figures, statements and claims: about 60% of ingest time, and
    nothing event clustering needs; off for a bulk ingest that only wants events and copies."""

    def __post_init__(self) -> None:
        """Refuse values no run could use, naming the setting, before anything is read or written."""
        for name in ("batch_size", "threads", "processes"):
            if getattr(self, name) < 1:
                raise ConfigError(f"setting {name!r}: must be at least 1, not {getattr(self, name)}")
        for name in ("event_window_days", "storyline_window_days", "stale_after_days"):
            if not getattr(self, name) > 0:
                raise ConfigError(f"setting {name!r}: must be more than 0 days, not {getattr(self, name)}")
        if not 0 < (threshold := self.near_duplicate_threshold) <= 1:
            raise ConfigError(f"setting 'near_duplicate_threshold': must be above 0 and at most 1, not {threshold}")


_BOOLEANS = {"true": True, "1": True, "yes": True, "on": True, "false": False, "0": False, "no": False, "off": False}


def _coerce(name: str, value: Any, kind: type) -> Any:
    if kind is bool and isinstance(value, str):  # bool("false") is True: read the word instead
        if value.strip().casefold() not in _BOOLEANS:
            raise ConfigError(f"setting {name!r}: cannot read {value!r} as true or false")
        return _BOOLEANS[value.strip().casefold()]
    try:
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: cannot read {value!r} as {kind.__name__}") from exc


def load_settings(path: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Read the user file (if any) and the environment over the packaged defaults."""
    environ = dict(os.environ) if environ is None else environ
    settings = Settings()
    kinds = {f.name: type(getattr(settings, f.name)) for f in fields(Settings)}
    if path is None:
        configured = environ.get("STORYLINE_CONFIG")
        path = Path(configured) if configured else Path.home() / ".config" / "storyline" / "config.toml"
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        unknown = sorted(set(data) - set(kinds))
        if unknown:
            raise ConfigError(f"{path}: unknown settings {', '.join(unknown)}; known: {', '.join(kinds)}")
        settings = replace(settings, **{k: _coerce(k, v, kinds[k]) for k, v in data.items()})
    overrides = {
        name: _coerce(name, environ[f"STORYLINE_{name.upper()}"], kind)
        for name, kind in kinds.items()
        if f"STORYLINE_{name.upper()}" in environ
    }
    return replace(settings, **overrides)
