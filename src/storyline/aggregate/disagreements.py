"""Where an event's sources disagree: claims on one point with different values, side by side.

Claims are grouped by subject across the event's articles. A point on which
two or more different values are stated is a disagreement; each value is
listed with who states it and in which article, so an analyst sees "within
a month" (a ministry official), "within 20 days" (a diplomat) and "three to
five weeks" (a militia commander) together. A point every source gives
the same value for is agreement, and not listed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from storyline.models import Claim


def claim_entry(claim: Claim, article_id: str) -> dict[str, Any]:
    """A claim as shown: its value, words and speaker, the article, and a status's ``to`` and ``when`` when known."""
    return (
        {"value": claim.value, "text": claim.text, "speaker": claim.speaker, "article": article_id}
        | ({"to": claim.to} if claim.to else {})
        | ({"when": claim.when} if claim.when else {})
    )


def disagreements(claims: Mapping[str, Sequence[Claim]]) -> list[dict[str, Any]]:
    """Points with more than one stated value, most contested first: ``{"subject", "claims": [...]}``."""
    by_subject: dict[str, list[dict[str, Any]]] = {}
    for article_id, found in claims.items():
        for claim in found:
            by_subject.setdefault(claim.subject, []).append(claim_entry(claim, article_id))
    contested = [
        {"subject": subject, "claims": listed}
        for subject, listed in by_subject.items()
        if len({item["value"] for item in listed}) > 1
    ]
    return sorted(contested, key=lambda d: (-len({item["value"] for item in d["claims"]}), d["subject"]))
