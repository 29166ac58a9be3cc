"""Date expressions in news text, resolved against the article's publication date.

A report dates its events relative to when it was written: "on Tuesday", "March 3",
"last week", "within six weeks". Resolved to calendar days or intervals, they become
language-neutral evidence that two articles report the same event (who, where,
*when*) and the material of timelines, so every mention is resolved the way a
careful analyst reads past-tense news:

- a weekday, a month or a day written without its year is the most recent one
  not after publication ("on Monday" in Wednesday's paper is two days back),
  unless its clause looks ahead ("will take place on Feb 22"), when it is the next one;
- "last/this/next" pick the previous, current or next weekday, month or calendar
  period ("last month" is the previous calendar month);
- deadlines run forward from publication ("within six weeks": from publication to
  six weeks later; "two to three months": the window between), spans back to it ("in the
  past ten days", "for the past 3 months"); a deadline's words in a clause that tells
  the past and not the future ("the army had taken the city within two weeks") are
  a span back;
- a date written in full ("March 3, 2017", "in 2017") needs no anchor; anything
  else has no bounds when the publication date is unknown, and is still reported.

Expressions are found by patterns built from data, not from per-language code:
month and weekday names from CLDR (babel, every locale of the language, so the
Levantine شباط and the Egyptian فبراير alike), and numbers, units, relative words
and deadline templates from ``data/dates.<language>.txt``. A language without a
file has no dates found. dateparser's search is not used: it reads every duration as
a day in the past ("within 20 days" became 20 days *before* publication, "three to
five weeks" five weeks before) and returns days, never the intervals news means.
Times of day are not dates: "7 p.m." is not found, "Friday night" is Friday.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, partial
from importlib.resources import files

from babel import Locale, localedata

from storyline.models import DateKind as Kind
from storyline.models import DateMention

Bounds = tuple[date | None, date | None]
Resolved = tuple[Kind, Bounds] | None
"""What a match means, or None when it is no date after all ("2000 troops")."""

FORWARD_TOLERANCE = timedelta(days=1)
"""A day without its year may fall this far after publication and still be the recent one:
publication times are often in UTC while the text writes the local date ("March 4" at 23:00 UTC March 3)."""


# Matching runs on a folded copy of the sentence, one character for one (short
# vowels and tatweel dropped, offsets mapped back): Arabic spelling variants
# (أ إ آ -> ا, ى -> ي, ة -> ه), Arabic-Indic digits and curly apostrophes read as one.
_DROPPED = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "’": "'", "\u00a0": " "}
    | {chr(0x660 + i): str(i) for i in range(10)}
    | {chr(0x6F0 + i): str(i) for i in range(10)}
)
_LANGUAGE = re.compile(r"[a-z]{2,8}")
_CLAUSE_END = re.compile(r"[,;:!?\"“”«»()\[\]،؛]|\s[–—-]\s")
_NEXT_WORD = re.compile(r"\s*([^\W\d_])")
END = r"(?![\w])"
YEAR = r"(?:1[89]|20)[0-9]{2}"


def _fold(text: str) -> tuple[str, Sequence[int]]:
    """The folded text and, for each of its characters (and its end), the index in ``text``."""
    if not _DROPPED.search(text):
        return text.translate(_FOLD), range(len(text) + 1)
    kept = [i for i, ch in enumerate(text) if not _DROPPED.match(ch)]
    return "".join(text[i] for i in kept).translate(_FOLD), [*kept, len(text)]


def _key(phrase: str) -> str:
    """How a phrase is looked up: folded, case-free, single spaces, no abbreviation dot."""
    return " ".join(_fold(phrase)[0].casefold().split()).rstrip(".")


def _alternation(phrases: Iterable[str]) -> str:
    """Phrases as one regex alternative, longest first, any run of spaces for a space."""
    ordered = sorted({_fold(p)[0] for p in phrases}, key=len, reverse=True)
    if not ordered:
        return "(?!)"  # no phrase: matches nothing
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered) + ")"


def _words(phrases: Iterable[str]) -> str:
    """Phrases matched case-insensitively."""
    return f"(?i:{_alternation(phrases)})"


def _names(names: Iterable[str]) -> str:
    """Names matched as written or in capitals ("Monday", "MONDAY"), not in lower case."""
    written = list(names)
    return f"(?:{_alternation(written)}|{_alternation(n.upper() for n in written)})"


def _optional(phrases: list[str], shape: str) -> str:
    """An optional group of ``shape`` around the phrases ("{}"), or nothing when the language has none."""
    return f"(?:{shape.format(_words(phrases))})?" if phrases else ""


def _phrase(phrase: str) -> str:
    """One phrase as a whole-word regex ("'ll" may follow a letter: "they'll")."""
    body = r"\s+".join(map(re.escape, _fold(phrase)[0].split()))
    return (r"(?<!\w)" if body[:1].isalnum() else "") + body + END


@dataclass(frozen=True)
class _Unit:
    base: str
    """"day" or "month": a week is 7 days, a year 12 months."""
    size: int
    implied: int | None
    """The count the word stands for when no number is written (a dual's 2); None for a plural."""


@dataclass(frozen=True)
class _Modifier:
    offset: int
    after: bool
    clip: str | None
    """"until" keeps the current period up to publication ("earlier this week"), "from" the rest."""


def _read(language: str) -> dict[str, list[tuple[str, str]]] | None:
    """The sections of ``data/dates.<language>.txt`` as (phrase, value) lines, or None without a file."""
    if not _LANGUAGE.fullmatch(language):  # the code may come from input: never let it name another path
        return None
    resource = files("storyline.enrich") / "data" / f"dates.{language}.txt"
    if not resource.is_file():
        return None
    sections: dict[str, list[tuple[str, str]]] = {}
    section = ""
    for line in resource.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        phrase, _, value = line.partition(" = ")
        sections.setdefault(section, []).append((phrase.strip(), value.strip()))
    return sections


def _cldr_names(language: str) -> tuple[dict[str, int], set[str], dict[str, int]]:
    """Month names (wide and abbreviated) to 1..12, the wide ones, and weekday names to 0..6,
    over every locale of the language written in its default script."""
    months: dict[str, int] = {}
    wide: set[str] = set()
    weekdays: dict[str, int] = {}
    for identifier in localedata.locale_identifiers():
        locale = Locale.parse(identifier)
        if locale.language != language or locale.script is not None:
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    months[name] = number
                    if width == "wide":
                        wide.add(_key(name))
            for number, name in locale.days[context]["wide"].items():
                weekdays[name] = number
    return months, wide, weekdays


class _Grammar:
    """The date patterns of one language and how each match resolves."""

    def __init__(self, language: str, data: dict[str, list[tuple[str, str]]]) -> None:
        def phrases(section: str) -> list[str]:
            return [phrase for phrase, _ in data.get(section, [])]

        def values(section: str) -> dict[str, str]:
            return {_key(phrase): value for phrase, value in data.get(section, [])}

        month_names, self.wide_months, weekday_names = _cldr_names(language)
        self.months = {_key(name): number for name, number in month_names.items()}
        self.weekdays = {_key(name): (number, number) for name, number in weekday_names.items()}
        for phrase, value in data.get("weekdays", []):
            first, last = map(int, value.split())
            self.weekdays[_key(phrase)] = (first, last)
        self.numbers = {k: int(v) for k, v in values("numbers").items()}
        self.units = {
            k: _Unit(base, int(size), None if implied == "-" else int(implied))
            for k, (base, size, implied) in ((k, v.split()) for k, v in values("units").items())
        }
        self.days = {k: int(v) for k, v in values("days").items()}
        self.periods = values("periods")
        self.modifiers = {
            k: _Modifier(int(fields[0]), fields[1] == "after", fields[2] if len(fields) > 2 else None)
            for k, fields in ((k, v.split()) for k, v in values("modifiers").items())
        }
        parts = values("parts")

        # Names are matched as written (title case or capitals: "May" is a month, "may" is not),
        # every other word case-insensitively.
        wide = [n for n in month_names if _key(n) in self.wide_months]
        month = f"(?:{_names(wide)}|{_names(n for n in month_names if n not in wide)}\\.?)"
        month = rf"(?P<m>{month})(?:\s*/\s*{month})?"  # Arabic writes both names: شباط/فبراير
        weekday = _names(weekday_names)
        if phrases("weekdays"):
            weekday = f"(?:{weekday}|{_words(phrases('weekdays'))})"
        number = r"(?:(?<![0-9.,])[0-9]{1,3}(?![0-9]|[.,][0-9])|" + _words(self.numbers) + ")"
        count = rf"(?P<n1>{number})"
        if phrases("range"):  # "three to five weeks"
            count += rf"(?:\s*{_words(phrases('range'))}\s*(?P<n2>{number}))?"
        day = r"(?P<d>[0-3]?[0-9])" + _optional(phrases("ordinals"), "{}")
        year = rf"(?P<y>{YEAR}|'[0-9]{{2}})"
        of = _optional(phrases("of"), r"\s+{}")
        since = _optional(phrases("since"), r"(?P<since>{})\s+")
        cue = _optional(phrases("cues"), r"(?P<cue>{})(?:\s+|-)")
        year_cue = _optional(phrases("cues") + phrases("year cues"), r"(?P<cue>{})(?:\s+|-)")
        mod = _optional([k for k, m in self.modifiers.items() if not m.after], r"(?P<mod>{})\s+")
        moda = _optional([k for k, m in self.modifiers.items() if m.after], r"\s+(?P<moda>{})")
        pb = _optional([k for k, v in parts.items() if "before" in v.split()], r"{}\s+")
        pa = _optional([k for k, v in parts.items() if "after" in v.split()], r"\s+{}")
        unit = rf"(?P<unit>{_words(self.units)})"
        relative = _words(self.days)  # "today (Monday)" is one mention
        years = rf"(?<![0-9.,])(?P<y>{YEAR})(?:(?P<decade>s)|\s*[-–/]\s*(?P<y2>{YEAR}|[0-9]{{2}}))?"  # 1950s, 2008-09

        start = "(?:(?<!\\w)" + "".join(f"|(?<=(?<!\\w){re.escape(_fold(p)[0])})" for p in phrases("prefixes")) + ")"
        # (regex, how a match resolves, whether it counts from another event than publication,
        # words it cannot match without: a cheap test that spares most sentences most templates)
        patterns: list[tuple[str, Callable[..., Resolved], bool, tuple[str, ...]]] = [
            (rf"(?P<date>{since}(?:{weekday}[,،]?\s+)?{month}\s+{day}(?:[,،]?\s+{year})?)", self._day, False, ()),
            (rf"(?P<date>{since}(?:{weekday}[,،]?\s+)?{day}{of}\s+{month}(?:[,،]?\s+{year})?)", self._day, False, ()),
            (rf"(?P<date>{since}(?P<y>{YEAR})-(?P<m>[01]?[0-9])-(?P<d>[0-3]?[0-9]))", self._day, False, ()),
            (rf"{cue}(?P<date>{since}{mod}{month}(?:[,،]?\s+{year})?{moda})", self._month, False, ()),
            (rf"{year_cue}(?P<date>{since}{years})(?![.,]?[0-9])", self._year, False, ()),
            (rf"(?P<date>{since}{pb}{mod}(?P<wd>{weekday}){moda}{pa})", self._weekday, False, ()),
            (rf"(?P<date>{pb}(?P<rel>{relative}){pa}(?:\s*\(\s*{weekday}\s*\))?)", self._relative_day, False, ()),
            (rf"(?P<date>{since}{mod}(?P<period>{_words(self.periods)}){moda})", self._period, False, ()),
        ]
        for template, direction in data.get("spans", []):
            words = _fold(template)[0].replace("{n} {unit}", "{count}").split()
            body = r"\s+".join(
                rf"(?:{count}\s+)?{unit}" if w == "{count}" else unit if w == "{unit}" else f"(?i:{re.escape(w)})"
                for w in words
            )
            literals = tuple(w.casefold() for w in words if not w.startswith("{"))
            patterns.append((rf"(?P<date>{body})", partial(self._span, direction), direction == "anchored", literals))
        self.patterns = [
            (re.compile(start + source + END), handler, anchored, "(?P<unit>" in source, literals)
            for source, handler, anchored, literals in patterns
        ]
        self.unit_word = re.compile(start + unit + END)
        future, past = phrases("future"), phrases("past")
        self.future = re.compile("|".join(map(_phrase, future)), re.IGNORECASE) if future else None
        self.past = re.compile("|".join(map(_phrase, past)), re.IGNORECASE) if past else None

    def find(self, sentence: str, number: int, published: date | None) -> list[DateMention]:
        """The date mentions of one sentence: at each place the longest expression found."""
        text, index = _fold(sentence)
        found: list[tuple[bool, int, int, Kind, Bounds]] = []
        has_unit = self.unit_word.search(text) is not None
        lowered = text.casefold()
        for pattern, handler, anchored, needs_unit, literals in self.patterns:
            if (needs_unit and not has_unit) or not all(word in lowered for word in literals):
                continue
            for match in pattern.finditer(text):
                start, end = match.span("date")
                ahead = self._clause_has(self.future, text, start, end)  # "will take place on Feb 22"
                resolved = handler(match, published, ahead)
                if resolved is None:
                    continue
                if resolved[0] == "deadline" and not ahead and self._clause_has(self.past, text, start, end):
                    resolved = self._span("back", match, published, ahead)  # "had taken the city within two weeks"
                    if resolved is None:
                        continue
                kind, bounds = resolved
                if match.groupdict().get("since"):
                    kind, bounds = "interval", (bounds[0], published if bounds[0] else None)
                found.append((anchored, start, end, kind, bounds))
        found.sort(key=lambda f: (f[1] - f[2], f[1]))  # longest first, then leftmost
        taken: list[tuple[int, int, Kind, Bounds]] = []
        for anchored, start, end, kind, bounds in found:
            # A reading anchored elsewhere yields to one resolved from publication that it only
            # partly overlaps: "last month after losing" is last month, not "month after".
            if anchored and any(not a and s < end and start < e and (s < start or e > end) for a, s, e, _, _ in found):
                continue
            if all(end <= s or e <= start for s, e, _, _ in taken):
                taken.append((start, end, kind, bounds))
        return [
            DateMention(sentence[index[s] : index[e]], index[s], index[e], number, kind, *bounds)
            for s, e, kind, bounds in sorted(taken)
        ]

    @staticmethod
    def _clause_has(cues: re.Pattern[str] | None, text: str, start: int, end: int) -> bool:
        """Whether the clause around ``text[start:end]`` holds one of the ``cues``."""
        if cues is None:
            return False
        left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
        right = _CLAUSE_END.search(text, end)
        return cues.search(text, left, right.start() if right else len(text)) is not None

    def _modifier(self, match: re.Match[str]) -> _Modifier | None:
        groups = match.groupdict()
        word = groups.get("mod") or groups.get("moda")
        return self.modifiers[_key(word)] if word else None

    def _day(self, match: re.Match[str], published: date | None, ahead: bool) -> Resolved:
        """A day of a month: as written with its year, else its nearest year on the side the clause points to."""
        month = self.months.get(_key(match["m"])) or int(match["m"])  # a name, or ISO digits
        day = int(match["d"])
        if match["y"]:
            found = _date(_full_year(match["y"]), month, day)
        elif published is None:
            return ("day", (None, None)) if _date(2000, month, day) else None  # 2000: Feb 29 is valid
        else:
            years = range(published.year - 4, published.year + 2)  # four back: Feb 29 is in one of them
            dates = [d for y in years if (d := _date(y, month, day))]
            if ahead:
                found = next((d for d in dates if d >= published), None)
            else:
                found = next((d for d in reversed(dates) if d <= published + FORWARD_TOLERANCE), None)
        return ("day", (found, found)) if found else None

    def _month(self, match: re.Match[str], published: date | None, ahead: bool) -> Resolved:
        """A month with its year, or a month name after a cue ("in November") or a modifier ("last December")."""
        month = self.months[_key(match["m"])]
        if match["y"]:
            return "month", _month_bounds(_full_year(match["y"]), month)
        modifier = self._modifier(match)
        if _key(match["m"]) not in self.wide_months or not (match["cue"] or match["since"] or modifier):
            return None  # "the March", "May" the verb: a bare name is only a date where a cue says so
        if published is None:
            return "month", (None, None)
        year = published.year + _shift(month - published.month, modifier, ahead)
        return "month", _month_bounds(year, month)

    def _year(self, match: re.Match[str], published: date | None, ahead: bool) -> Resolved:
        """A year after a cue ("in 2019"), before punctuation or a name ("2014 Oscars"), a decade
        ("the 1950s") or a range ("2008-09"); "2000 troops" is no year (news writes such counts "2,000" anyway)."""
        first = int(match["y"])
        if match["decade"]:
            return ("interval", (date(first, 1, 1), date(first + 9, 12, 31))) if first % 10 == 0 else None
        if match["y2"]:
            last = int(match["y2"]) if len(match["y2"]) == 4 else first // 100 * 100 + int(match["y2"])
            return ("interval", (date(first, 1, 1), date(last, 12, 31))) if last > first else None
        following = _NEXT_WORD.match(match.string, match.end())
        if not (match["cue"] or match["since"]) and following and not following.group(1).isupper():
            return None
        return "year", (date(first, 1, 1), date(first, 12, 31))

    def _weekday(self, match: re.Match[str], published: date | None, ahead: bool) -> Resolved:
        """A weekday (or the weekend): by default the most recent one on or before publication."""
        first, last = self.weekdays[_key(match["wd"])]
        if published is None:
            return "weekday", (None, None)
        day = published + timedelta(days=first - published.weekday())  # in publication's week
        day += timedelta(weeks=_shift(first - published.weekday(), self._modifier(match), ahead))
        return "weekday", (day, day + timedelta(days=last - first))

    def _relative_day(self, match: re.Match[str], published: date | None, ahead: bool) -> Resolved:
        """"today", "yesterday", "اليوم": a day counted from publication."""
        if published is None:
            return "relative", (None, None)
        day = published + timedelta(days=self.days[_key(match["rel"])])
        return "relative", (day, day)

    def _period(self, match: re.Match[str], published: date | None, ahead: bool) -> Resolved:
        """"last month", "this week", "العام الماضي": a calendar period shifted from publication's."""
        modifier = self._modifier(match)
        if modifier is None:
            return None  # "the week" alone dates nothing
        if published is None:
            return "relative", (None, None)
        period = self.periods[_key(match["period"])]
        if period == "week":
            first = published - timedelta(days=published.weekday()) + timedelta(weeks=modifier.offset)
            last = first + timedelta(days=6)
        elif period == "month":
            first, last = _month_bounds(*_months_later(published.year, published.month, modifier.offset))
        else:
            first, last = date(published.year + modifier.offset, 1, 1), date(published.year + modifier.offset, 12, 31)
        if modifier.clip == "until":
            last = published
        elif modifier.clip == "from":
            first = published
        return "relative", (first, last)

    def _span(self, direction: str, match: re.Match[str], published: date | None, ahead: bool) -> Resolved:
        """A count of units from publication: a deadline ahead, a span back, a day ago, or anchored elsewhere."""
        written = match.groupdict()  # a template may have no count ("the following {unit}"), or no unit
        if written.get("unit") is None:
            return "relative", (None, None)  # "اليوم التالي" (the next day): a length-free phrase anchored elsewhere
        unit = self.units[_key(written["unit"])]
        low = self._count(written["n1"]) if written.get("n1") else unit.implied
        high = self._count(written["n2"]) if written.get("n2") else low
        if low is None or high is None:
            return None  # "within weeks": no count, no date
        kind: Kind = "deadline" if direction == "ahead" else "interval" if direction == "back" else "relative"
        if published is None or direction == "anchored":
            return kind, (None, None)
        if direction == "ahead":  # "within a month" ends by then; "three to five weeks" is the window between
            first = _later(published, unit, low) if written.get("n2") else published
            return kind, (first, _later(published, unit, high))
        if direction == "back":
            return kind, (_later(published, unit, -high), published)
        return kind, (_later(published, unit, -high), _later(published, unit, -low))

    def _count(self, written: str) -> int:
        return int(written) if written.isdigit() else self.numbers[_key(written)]


def _shift(distance: int, modifier: _Modifier | None, ahead: bool) -> int:
    """How many cycles (weeks, years) to move from the occurrence ``distance`` steps from publication's.

    Without a modifier: the nearest occurrence on the side the clause points to, publication's
    own included; with one: the previous (-1), the current (0) or the next one (1), publication's excluded.
    """
    if modifier is None:
        return (1 if distance < 0 else 0) if ahead else (-1 if distance > 0 else 0)
    if modifier.offset < 0:
        return -1 if distance >= 0 else 0
    if modifier.offset > 0:
        return 1 if distance <= 0 else 0
    return 0


def _full_year(written: str) -> int:
    """A year as written: "2019", or "'19" for 2019."""
    year = int(written.lstrip("'"))
    return year + 2000 if year < 100 else year


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _months_later(year: int, month: int, months: int) -> tuple[int, int]:
    year, index = divmod(year * 12 + month - 1 + months, 12)
    return year, index + 1


def _month_bounds(year: int, month: int) -> Bounds:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _later(day: date, unit: _Unit, count: int) -> date:
    """``count`` units after ``day`` (before it when negative); months keep the day where the month has it."""
    if unit.base == "day":
        return day + timedelta(days=unit.size * count)
    year, month = _months_later(day.year, day.month, unit.size * count)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@cache
def _grammar(language: str) -> _Grammar | None:
    """The compiled patterns of a language, built once; None when there is no data file for it."""
    data = _read(language)
    return _Grammar(language, data) if data is not None else None


def find_dates(sentences: list[str], language: str, published: datetime | None) -> list[DateMention]:
    """Every date expression in the sentences, resolved against ``published`` (its calendar day).

    >>> [(m.text, m.kind, str(m.earliest), str(m.latest)) for m in find_dates(
    ...     ["Troops left on Monday, and all will be gone within a month."], "en", datetime(2026, 2, 18))]
    [('Monday', 'weekday', '2026-02-16', '2026-02-16'), ('within a month', 'deadline', '2026-02-18', '2026-03-18')]
    """
    grammar = _grammar(language)
    if grammar is None:
        return []
    anchor = published.date() if published is not None else None
    return [m for number, sentence in enumerate(sentences) for m in grammar.find(sentence, number, anchor)]


def infer_published(mentions: list[DateMention]) -> datetime | None:
    """A publication date read from the content: the latest day the text writes in full, at midnight UTC.

    Pass mentions found without a publication date, where only days written with
    their year ("March 3, 2017") are resolved. News reports its latest development,
    and the full dates it writes are that development's (the date line, a caption) or
    earlier background, so the latest of them is the best guess of when it was
    written; a background date is off by years, a scheduled one written in full
    ("will be held on March 2, 2014") by weeks, so the latest errs less than the first.
    On ECB+ articles whose URL carries a date, 49 of the 51 dated this way fall within
    two days of it. Months and years are too coarse to date an article; None when no
    full day is written.
    """
    days = [m.earliest for m in mentions if m.kind == "day" and m.earliest is not None and m.earliest == m.latest]
    return datetime.combine(max(days), time(), tzinfo=UTC) if days else None


def dates_of(segments: list[tuple[str, list[str]]], published: datetime | None) -> list[DateMention]:
    """An article's date mentions (segments as language and sentences), numbered across its segments."""
    mentions: list[DateMention] = []
    offset = 0
    for language, sentences in segments:
        mentions += [replace(m, sentence=m.sentence + offset) for m in find_dates(sentences, language, published)]
        offset += len(sentences)
    return mentions
