"""Language-specific text rules kept as data files under ``rules/``, compiled once.

Language specifics live in data, not in ``if lang == ...`` branches: adding a
language or an outlet's furniture means editing a text file. A rule file is
named ``<kind>.<language>.txt`` (``furniture.en.txt``); ``<kind>.any.txt``
holds the rules that apply whatever the language. The format:

- blank lines and lines whose first non-blank character is ``#`` are ignored;
- ``[name]`` starts a section; every other line is one regular expression
  belonging to the current section (leading and trailing blanks are not part
  of it: write ``\\s`` or ``[ ]`` where they matter);
- lines of a ``[define]`` section read ``name = regex`` and make ``{name}``
  available to the lines after them in the same file;
- ``{agency}`` stands for any name in ``agencies.txt`` (case-sensitive, whole word);
- patterns are compiled case-insensitively; ``(?-i:...)`` makes a part
  case-sensitive.

What a section means (whole paragraph, span, end of article) is up to the
module that reads that kind of file, and is documented at the top of each file.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from storyline.errors import ConfigError
from storyline.normalize.agencies import agencies

_SECTION = re.compile(r"\[(\w+)\]")
_DEFINITION = re.compile(r"(\w+)\s*=\s*(.+)")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_LANGUAGE = re.compile(r"[a-z]{2,8}")


@cache
def rules(kind: str, language: str, section: str) -> tuple[re.Pattern[str], ...]:
    """One section of ``<kind>.any.txt`` followed by the same section of ``<kind>.<language>.txt``.

    A language without a file of its own gets the language-independent rules only.

    >>> any(p.fullmatch("Share this article") for p in rules("furniture", "en", "line"))
    True
    """
    names = [f"{kind}.any.txt"]
    if _LANGUAGE.fullmatch(language):  # the code may come from input: never let it name another path
        names.append(f"{kind}.{language}.txt")
    return tuple(pattern for name in names for pattern in _read(name).get(section, ()))


@cache
def _read(name: str) -> dict[str, tuple[re.Pattern[str], ...]]:
    resource = files("storyline.normalize") / "rules" / name
    if not resource.is_file():
        return {}
    defined = {"agency": agencies().regex.pattern}
    sections: dict[str, list[re.Pattern[str]]] = {}
    section = ""
    for number, raw in enumerate(resource.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{name}:{number}"
        if header := _SECTION.fullmatch(line):
            section = header.group(1)
        elif not section:
            raise ConfigError(f"{where}: rule before any [section] header")
        elif section == "define":
            definition = _DEFINITION.fullmatch(line)
            if definition is None:
                raise ConfigError(f"{where}: expected 'name = regex' in [define], got {line!r}")
            defined[definition.group(1)] = _expand(definition.group(2), defined, where)
        else:
            source = _expand(line, defined, where)
            try:
                sections.setdefault(section, []).append(re.compile(source, re.IGNORECASE))
            except re.error as exc:
                raise ConfigError(f"{where}: bad pattern {line!r}: {exc}") from exc
    return {section: tuple(patterns) for section, patterns in sections.items()}


def _expand(source: str, defined: dict[str, str], where: str) -> str:
    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in defined:
            raise ConfigError(f"{where}: unknown placeholder {{{name}}}; known: {', '.join(sorted(defined))}")
        return f"(?:{defined[name]})"

    return _PLACEHOLDER.sub(substitute, source)
