"""Text pairs for ``storyline compare``: JSON lines ``{"id": ..., "a": text, "b": text}``.

Each line is answered on its own: a line that cannot be read or compared
gets an answer carrying its error, and the lines after it are still answered.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from storyline.dedup.relation import Comparer
from storyline.errors import Rejected


@dataclass(frozen=True)
class Answer:
    """One output line and, for a pair that could not be compared, the one-line reason."""

    line: dict[str, Any]
    error: str | None = None


def _pair(text: str) -> tuple[Any, Any, Any]:
    try:
        item = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Rejected(f"invalid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(item, dict):
        raise Rejected("a line must be a JSON object with id, a and b")
    return item.get("id"), item.get("a"), item.get("b")


def answers(lines: Iterable[str], comparer: Comparer) -> Iterator[Answer]:
    """One answer per non-blank line: the relation of ``b`` to ``a`` with score and changes, or the error."""
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        pair_id: Any = None
        try:
            pair_id, a, b = _pair(text)
            result = comparer.compare(a, b)
        except Rejected as exc:
            yield Answer({"id": pair_id, "line": number, "error": exc.reason}, f"line {number}: {exc.reason}")
            continue
        changes = [{"a": c.a, "b": c.b, "kind": c.kind, "conflict": c.conflict} for c in result.changes]
        yield Answer({"id": pair_id, "relation": result.relation, "score": round(result.score, 4), "changes": changes})
