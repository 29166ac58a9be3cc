"""A disk cache for data that is slow to build and the same every run.

The gazetteer folds some 350,000 place names, 4-5 s in every process that
enriches; unpickling the result takes under half a second. The word lists
that check the language of short lines take 0.03-0.07 s each to hash, and
a stream of short lines needs dozens of them. The files sit in
``$XDG_CACHE_HOME/storyline`` (``~/.cache/storyline``), named by a digest of
everything the data is built from, so a new version of the code or of a data
package finds no file and builds afresh. A cache that cannot be read or written
(a read-only home, a truncated file) costs the build and nothing else: it is
never an error.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
UNUSED_DAYS = 30
"""A cache file no run has read for this long is removed when another is written: not at once, because two
installations of different versions may share one home and would otherwise remove each other's."""


def cache_dir() -> Path:
    """Where Storyline keeps what it can always rebuild, by the XDG convention."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "storyline"


def digest(inputs: Iterable[str | bytes]) -> str:
    """A short digest of the inputs, each kept apart from the next (``ab``, ``c`` is not ``a``, ``bc``)."""
    hashed = hashlib.sha256()
    for part in inputs:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "little") + data)
    return hashed.hexdigest()[:16]


def cached(name: str, inputs: Iterable[str | bytes], build: Callable[[], T]) -> T:
    """The value ``build`` returns for these ``inputs``: read from the cache when it holds it, else built and stored.

    The file is written to a temporary name and renamed into place, so
    processes starting together never read one half written. Unpickling runs
    what the file says: the folder is the user's own, like the code it runs.
    """
    try:
        path = cache_dir() / f"{name}-{digest(inputs)}.pickle"
        data = path.read_bytes()
    except RuntimeError:  # no home folder to keep it in (a service account without one)
        return build()
    except OSError:
        pass
    else:
        collecting = gc.isenabled()
        gc.disable()  # unpickling allocates a million small objects; collecting between them triples the time
        try:
            value: T = pickle.loads(data)
        except Exception:  # a damaged or outdated file is rebuilt, whatever unpickling raised
            pass
        else:
            with contextlib.suppress(OSError):
                os.utime(path)  # marks it used, so that the sweep below keeps it
            return value
        finally:
            if collecting:
                gc.enable()
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)
        for old in path.parent.glob(f"{name}-*.pickle"):  # what other versions built, some 12 MB each
            if old != path and time.time() - old.stat().st_mtime > UNUSED_DAYS * 86400:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return value
