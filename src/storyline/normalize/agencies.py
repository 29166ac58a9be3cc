"""News agency names from ``rules/agencies.txt``, matched in text and mapped to one canonical name.

Credits must compare equal across outlets and languages ("Agence France-Presse",
"AFP" and "فرانس برس" are one credit), so every alias maps to the first name on
its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from storyline.errors import ConfigError


@dataclass(frozen=True)
class Agencies:
    """The agency list: a regex source for rule files and a finder for canonical names.

    >>> agencies().find("spoke to Agence France-Presse and لوكالة رويترز")
    ['AFP', 'Reuters']
    """

    regex: re.Pattern[str]
    """Matches any name as a whole word, case-sensitively; its source is reused inside rule files."""
    canonical: dict[str, str]
    """Alias (internal whitespace collapsed) -> canonical name."""

    def find(self, text: str) -> list[str]:
        """Canonical names of the agencies named in ``text``, in order of appearance."""
        return [self.canonical[" ".join(m.group().split())] for m in self.regex.finditer(text)]


@cache
def agencies() -> Agencies:
    """Load ``agencies.txt`` once."""
    name = "agencies.txt"
    canonical: dict[str, str] = {}
    text = (files("storyline.normalize") / "rules" / name).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        names = [" ".join(part.split()) for part in line.split("|")]
        if not all(names):
            raise ConfigError(f"{name}:{number}: empty name in {line!r}")
        for alias in names:
            canonical.setdefault(alias, names[0])
    # Longest first, so "Associated Press" wins over "AP"; a Latin name must
    # not be glued to a preceding Latin letter, an Arabic one may carry a
    # proclitic letter, and no name may run on into a longer word.
    alternatives = "|".join(
        r"\s+".join(map(re.escape, alias.split())) for alias in sorted(canonical, key=len, reverse=True)
    )
    return Agencies(regex=re.compile(rf"(?<![A-Za-z])(?-i:{alternatives})(?!\w)"), canonical=canonical)
