"""Figures and attributed statements: what a report counts and who it says said what.

Two reports of one event rarely agree word for word; they disagree on the facts
that matter to an analyst: how many ("about 1,000 troops", "around 7,000 suspected
jihadists"), and who claims what ("within a month", a Syrian government official;
"within 20 days", a diplomat). So each number is kept with what it counts and how
sure the text is of it, and each statement with its speaker, for the claims of
different sources to be shown side by side.

Figures are found by patterns built from data (``data/figures.<language>.txt``):
digits (Arabic-Indic too), number words, scales ("1.5 million", "ثلاثة آلاف"),
vague counts ("dozens of", "عشرات"), ranges ("three to five") and the words that
qualify them ("about" is approximate, "more than" a lower bound, "up to" an upper
one). A number that is a calendar date or a year ("March 3", "in 2017", per
:func:`storyline.enrich.dates.find_dates`) is no figure, nor one inside a name
("M4", "F-16", "Route 66", «طريق 5»). Durations are figures: "for the past 10 days"
is 10 days. What an English number counts is the rest of its noun phrase in
spaCy's parse ("1,000 troops" -> "troops", "dozens of trucks" -> "trucks"); in
Arabic, the words after it up to a preposition, and a dual noun ("قاعدتين") is a
count of two by itself.

Statements are found from reporting verbs and "according to" phrases
(``data/attribution.<language>.txt``). In English the speaker is the subject of
the reporting verb in spaCy's dependency parse ("three sources told AFP" ->
"three sources"), trimmed to the noun and its modifiers ("A diplomat from a
country allied with ..." -> "A diplomat"); what is said is the quotation in the
sentence if there is one, else the clause the verb governs, else the rest of the
sentence. Arabic puts the verb first: the speaker is the words after it up to
"إن" / "أن" or a comma ("وقال مسؤولون سوريون وأكراد إن ..."). Other languages
have no figures or statements found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from storyline.enrich.dates import find_dates
from storyline.enrich.nlp import read

if TYPE_CHECKING:
    from spacy.tokens import Doc

CALENDAR_KINDS = frozenset({"day", "month", "year", "weekday", "relative"})
"""Date kinds whose numbers are no figures; intervals and deadlines ("10 days", "45 days") are durations, and figures."""
MIN_QUOTE_WORDS = 3
"""A quoted run shorter than this is a name or a scare quote ("largely", «طريق 5»), not a statement."""
MAX_ARABIC_SPEAKER_WORDS = 5
MAX_ARABIC_COUNT_WORDS = 2

_LANGUAGE = re.compile(r"[a-z]{2,8}")
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«([^»]+)»|``\s*(.+?)\s*''")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_DIGIT_VALUE = re.compile(r"\d+(?:\.\d+)?")
_ATTACHED = r"(?<![\w.,/:-])"
"""No letter, digit or joiner right before a number: "M4", "F-16", "3/4" and "10:30" are not counts."""
_DETACHED = r"(?![\w/:]|[.,]\d)"
_DATELINE = re.compile(r"[A-Z][A-Z .'-]+(?:,[^:–—-]{1,30})?\s*[:–—-]\s+")
"""A dateline before the first sentence ("ALEPPO, Syria: ", "BEIRUT - ") is no part of a statement."""
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_CAPITALISED_BEFORE = re.compile(r"(?<=\s)[A-Z][\w-]*\s+$|[A-Z]\w*\s*[-–]\s*$")
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ـ": " "}
    | {chr(0x660 + i): str(i) for i in range(10)}
    | {chr(0x6F0 + i): str(i) for i in range(10)}
    | {"٬": ",", "٫": "."}
)
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")
_ARABIC_WORD = re.compile(r"[^\s،,.:;؛«»\"“”()]+")
_ARABIC_ADJECTIVE = re.compile(r"(?:ي|يه|يين|يون|يا)$")
"""A nisba adjective's ending (folded): "أمريكيين", "سوريه"."""
_CLITIC = "(?:[وفبل]{1,2})?"


@dataclass(frozen=True)
class Figure:
    """A number in sentence ``sentence`` (characters ``start:end``, qualifier and counted noun included).

    ``value`` is the number as written (a range's low end, a vague count's least
    meaning: "dozens" is 24); ``low`` and ``high`` bound it where the text does
    ("more than 20": low 20; "three to five": 3 and 5); ``approximate`` is set for
    "about", "around", bounds and vague counts; ``counts`` is what is counted.
    """

    text: str
    value: float
    low: float | None
    high: float | None
    approximate: bool
    counts: str
    sentence: int
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    """A statement and who makes it; ``start:end`` are the statement's characters in ``sentences[sentence]``."""

    text: str
    speaker: str
    sentence: int
    start: int
    end: int


# --- data files -------------------------------------------------------------------------------


@cache
def _sections(name: str) -> dict[str, dict[str, str]]:
    """A data file's ``[section]`` lines as phrase -> value ("" without " = "); {} when the file is missing."""
    resource = files("storyline.enrich") / "data" / name
    if not resource.is_file():
        return {}
    sections: dict[str, dict[str, str]] = {}
    section = ""
    for line in resource.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        phrase, _, value = line.partition(" = ")
        sections.setdefault(section, {})[fold_arabic(phrase.strip())] = value.strip()
    return sections


def language_data(kind: str, language: str) -> dict[str, dict[str, str]]:
    """The ``[section]`` word lists of ``data/<kind>.<language>.txt`` (empty for a language without one)."""
    if not _LANGUAGE.fullmatch(language):  # the code may come from input: never let it name another path
        return {}
    return _sections(f"{kind}.{language}.txt")


def fold_arabic(text: str) -> str:
    """Arabic spelling variants and digits read as one, length kept (tatweel becomes a space, marks are kept)."""
    return text.translate(_ARABIC_FOLD)


def _alternation(phrases: Iterable[str]) -> str:
    """Phrases as one regex alternative, longest first, any run of spaces for a space."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    if not ordered:
        return "(?!)"
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered) + ")"


# --- figures ----------------------------------------------------------------------------------


class _Numbers:
    """The figure pattern of one language and how to read a matched number."""

    def __init__(self, data: dict[str, dict[str, str]], clitic: str) -> None:
        self.words = {k.casefold(): float(v) for k, v in data.get("numbers", {}).items()}
        self.scales = {k.casefold(): float(v) for k, v in data.get("scales", {}).items()}
        self.vague = {k.casefold(): float(v) for k, v in data.get("vague", {}).items()}
        self.lower = set(map(str.casefold, data.get("lower", {})))
        self.upper = set(map(str.casefold, data.get("upper", {})))
        self.duals = {k: v for k, v in data.get("duals", {}).items()}
        between = data.get("between", {})
        word = rf"(?<!\w){clitic}{_alternation(self.words)}(?!\w)"
        scale = rf"(?:[\s-]+{_alternation(self.scales)}(?!\w))"
        number = rf"(?:{_ATTACHED}(?:{_DIGITS}){_DETACHED}|{word})(?:[\s-]+{_alternation(self.words)}(?!\w))*{scale}*"
        joiner = _alternation(data.get("range", {}))
        qualifier = _alternation([*data.get("approximate", {}), *self.lower, *self.upper])
        ranges = [rf"(?P<low>{number})(?:\s*{joiner}\s*(?P<high>{number}))?"]
        ranges += [
            rf"(?<!\w){clitic}{re.escape(b)}\s+(?P<low{i}>{number})\s+{re.escape(a)}\s*(?P<high{i}>{number})"
            for i, (b, a) in enumerate(between.items())
        ]
        self.pattern = re.compile(
            rf"(?i:(?:(?<!\w){clitic}(?P<qualifier>{qualifier})\s+)?"
            rf"(?:(?P<vague>(?<!\w){clitic}{_alternation(self.vague)}(?!\w))|{'|'.join(ranges)}))"
        )
        self.dual = re.compile(rf"(?<!\w){clitic}(?P<dual>{_alternation(self.duals)})(?!\w)") if self.duals else None

    def value(self, written: str) -> float:
        """ "1,000" -> 1000, "twenty-five" -> 25, "1.5 million" -> 1500000, "7 آلاف" -> 7000."""
        total = current = 0.0
        for part in re.split(r"[\s-]+", written.casefold().strip()):
            part = re.sub(r"^[وفبل]{1,2}(?=\S)", "", part) if part not in self.words | self.scales else part
            if part in self.scales and (current or part not in self.words):
                current = (current or 1) * self.scales[part]
                if self.scales[part] >= 1000:
                    total, current = total + current, 0.0
            elif part in self.words:
                current += self.words[part]
            elif _DIGIT_VALUE.fullmatch(part.replace(",", "")):
                current += float(part.replace(",", ""))
        return total + current

    def read(self, match: re.Match[str]) -> tuple[float, float | None, float | None, bool, bool]:
        """Value, low, high, approximate, and whether the number was written in digits."""
        groups = {k: v for k, v in match.groupdict().items() if v}
        qualifier = " ".join(groups.get("qualifier", "").casefold().split())
        if "vague" in groups:
            value = self._vague(groups["vague"])
            return value, value, None, True, False
        low_text = next(v for k, v in groups.items() if k.startswith("low"))
        high_text = next((v for k, v in groups.items() if k.startswith("high")), None)
        value = self.value(low_text)
        high = self.value(high_text) if high_text else None
        digits = bool(re.match(r"\d", low_text))
        if high is not None and high > value:
            return value, value, high, bool(qualifier), digits
        low, top = (value if qualifier in self.lower else None), (value if qualifier in self.upper else None)
        return value, low, top, bool(qualifier), digits

    def _vague(self, written: str) -> float:
        key = " ".join(written.casefold().split())
        while key not in self.vague and key:
            key = key[1:]  # a clitic before the word: "وعشرات"
        return self.vague.get(key, 0.0)


@cache
def _numbers(language: str) -> _Numbers | None:
    data = language_data("figures", language)
    return _Numbers(data, _CLITIC if language == "ar" else "") if data else None


def _inside_name(sentence: str, start: int, end: int, digits: bool) -> bool:
    """A number in a short quoted name («طريق 5», "Route 66") or after a capitalised word mid-sentence ("Apollo 11")."""
    for quoted in _QUOTED.finditer(sentence):
        if quoted.start() < start and end < quoted.end() and len(quoted.group(0).split()) < MIN_QUOTE_WORDS + 1:
            return True
    return digits and bool(_CAPITALISED_BEFORE.search(sentence[:start]))


def _calendar_spans(sentence: str, language: str) -> list[tuple[int, int]]:
    return [(d.start, d.end) for d in find_dates([sentence], language, None) if d.kind in CALENDAR_KINDS]


def _figures(sentence: str, number: int, language: str, doc: Any | None) -> list[Figure]:
    """The figures of one sentence; ``doc`` is its spaCy parse for English, None elsewhere."""
    numbers = _numbers(language)
    if numbers is None:
        return []
    folded = fold_arabic(sentence)
    dates = _calendar_spans(sentence, language)
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for match in numbers.pattern.finditer(folded):
        start, end = match.span()
        number_start = match.end("qualifier") if match.group("qualifier") else start
        if any(a < end and number_start < b for a, b in dates):
            continue
        value, low, high, approximate, digits = numbers.read(match)
        if _inside_name(sentence, number_start, end, digits):
            continue
        counts, counts_end = _counts(sentence, folded, end, language, doc, numbers)
        written = sentence[number_start:end].strip()
        if not counts and (not digits or _YEAR.fullmatch(written)):
            continue  # "one of them", a bare year: no count
        found.append(
            Figure(sentence[start:counts_end].strip(), value, low, high, approximate, counts, number, start, counts_end)
        )
        taken.append((start, counts_end))
    if numbers.dual:
        for match in numbers.dual.finditer(folded):
            if any(a < match.end() and match.start() < b for a, b in taken + dates):
                continue
            noun = numbers.duals.get(fold_arabic(match.group("dual")), "")
            a, b = match.span()
            found.append(Figure(sentence[a:b], 2.0, None, None, False, noun, number, a, b))
    return sorted(found, key=lambda f: f.start)


def _counts(sentence: str, folded: str, end: int, language: str, doc: Any | None, numbers: _Numbers) -> tuple[str, int]:
    """What the number ending at ``end`` counts, and where that ends in the sentence."""
    if doc is not None:
        return _english_counts(doc, end)
    stops = set(language_data("figures", language).get("stop", {}))
    words: list[re.Match[str]] = []
    for word in _ARABIC_WORD.finditer(folded, end):
        between = folded[(words[-1].end() if words else end) : word.start()]
        if between.strip() or word.group(0) in stops or len(words) == MAX_ARABIC_COUNT_WORDS:
            break
        if re.match(r"\d", word.group(0)) or word.group(0).casefold() in numbers.words:
            break
        if words and not _ARABIC_ADJECTIVE.search(word.group(0)):
            break  # after the noun only an adjective counts ("جنود أمريكيين"), not the verb ("معتقل نقلوا")
        words.append(word)
    if not words:
        return "", end
    return sentence[words[0].start() : words[-1].end()], words[-1].end()


def _english_counts(doc: Any, end: int) -> tuple[str, int]:
    """The rest of the number's noun phrase ("1,000 troops"), or the noun after "of" ("dozens of trucks")."""
    last = next((t for t in reversed(doc) if t.idx < end), None)
    if last is None:
        return "", end
    head = last.head if last.dep_ in ("nummod", "quantmod", "compound") and last.head.i > last.i else None
    if head is None and last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "of":
        objects = [c for c in doc[last.i + 1].children if c.dep_ == "pobj"]
        head = objects[0] if objects else None
    if head is None:
        following = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if following is not None and following.pos_ in ("NOUN", "PROPN") and following.head.i >= following.i:
            head = following.head if following.head.pos_ in ("NOUN", "PROPN") else following
    if head is None or head.i <= last.i:
        return "", end
    first = last.i + 1
    while first < head.i and doc[first].lower_ in ("of", "the", "-", "–"):  # "dozens of the trucks" counts trucks
        first += 1
    span = doc[first : head.i + 1]
    if not span.text[:1].isalnum():
        return "", end  # "900 (Dh4": punctuation, no noun
    return span.text, span.end_char


# --- quotes -----------------------------------------------------------------------------------


def _trimmed(head: Any) -> Any:
    """The speaker's noun phrase: the noun with what precedes it and its "of" phrase ("the head of the union"),
    a name's "for" phrase ("the Syrian Observatory for Human Rights"), not the rest ("A diplomat from a country ...")."""
    right = head.i + 1
    for child in head.rights:
        if (
            child.dep_ in ("compound", "flat", "nummod", "appos")
            and child.i == right
            or child.dep_ == "prep"
            and child.i == right
            and (child.lower_ == "of" or head.pos_ == "PROPN" and child.lower_ == "for")
        ):
            right = child.right_edge.i + 1
        else:
            break
    return head.doc[head.left_edge.i : right]


def _statement(sentence: str, verb: Any, attribution: Any) -> tuple[str, int, int] | None:
    """What is said: the quotation in the sentence, else the clause the verb governs, else the rest."""
    quotes = [q for q in _QUOTED.finditer(sentence) if len(next(g for g in q.groups() if g).split()) >= MIN_QUOTE_WORDS]
    if quotes:
        at = attribution[0]
        quote = min(quotes, key=lambda q: min(abs(q.start() - at), abs(q.end() - at)))
        group = next(i for i, g in enumerate(quote.groups(), 1) if g)
        return quote.group(group).strip(), quote.start(group), quote.end(group)
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i] if verb is not None else []
    if clauses:
        left, right = clauses[0].left_edge.idx, clauses[0].right_edge.idx + len(clauses[0].right_edge)
        if verb.doc[clauses[0].left_edge.i].lower_ == "that":
            left = verb.doc[clauses[0].left_edge.i + 1].idx
        return sentence[left:right], left, right
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and c.pos_ == "NOUN"] if verb else []
    if objects:  # "confirmed the withdrawal, adding ...": what follows; "told AFP" names a listener, not a statement
        left, right = objects[0].left_edge.idx, verb.right_edge.idx + len(verb.right_edge)
        return sentence[left:right].rstrip(" ,.;"), left, left + len(sentence[left:right].rstrip(" ,.;"))
    # the statement is the sentence outside the attribution ("X will happen, three sources told AFP")
    a, b = attribution
    before, after = sentence[:a].rstrip(" ,;:–—-"), sentence[b:].lstrip(" ,;:–—-.")
    text, start = (before, 0) if len(before) >= len(after) else (after, len(sentence) - len(after))
    text = text.rstrip(" ,.;")
    if start == 0 and (dateline := _DATELINE.match(text)):
        text, start = text[dateline.end() :], dateline.end()
    return (text, start, start + len(text)) if len(text.split()) >= MIN_QUOTE_WORDS else None


def _english_quotes(sentence: str, number: int, doc: Any) -> list[Quote]:
    data = language_data("attribution", "en")
    verbs = set(data.get("verbs", {}))
    according = [p.split() for p in data.get("according", {})]
    found: list[Quote] = []
    for token in doc:
        if token.pos_ in ("VERB", "AUX") and token.lemma_.casefold() in verbs:
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects:
                continue
            speaker = _trimmed(subjects[0])
            clause = [c for c in token.children if c.dep_ in ("ccomp", "xcomp") and c.i > token.i]
            end = clause[0].left_edge.i if clause else token.right_edge.i + 1
            attribution = (
                min(speaker.start_char, token.idx),
                doc[max(end - 1, token.i)].idx + len(doc[max(end - 1, token.i)]),
            )
            said = _statement(sentence, token, attribution)
            if said:
                found.append(Quote(said[0], speaker.text, number, said[1], said[2]))
        for words in according:
            if (
                token.lower_ == words[0]  # the cheap test first: most tokens start no phrase
                and [t.lower_ for t in doc[token.i : token.i + len(words)]] == words
                and token.i + len(words) < len(doc)
            ):
                last = doc[token.i + len(words) - 1]
                objects = [c for c in last.children if c.dep_ in ("pobj", "dobj")] or [doc[token.i + len(words)]]
                source = objects[0]
                while source.dep_ == "compound" and source.head.i > source.i:
                    source = source.head
                speaker = _trimmed(source)
                said = _statement(sentence, None, (token.idx, speaker.end_char))
                if said:
                    found.append(Quote(said[0], speaker.text, number, said[1], said[2]))
    return found


def _arabic_quotes(sentence: str, number: int) -> list[Quote]:
    data = language_data("attribution", "ar")
    if not data:
        return []
    folded = fold_arabic(_ARABIC_MARKS.sub("\u200b", sentence)).replace(
        "\u200b", " "
    )  # marks read as nothing, offsets kept
    stops = set(data.get("stop", {}))
    found: list[Quote] = []
    cues = rf"(?<!\w)(?:{_CLITIC}{_alternation(data.get('verbs', {}))}(?!\w)|{_CLITIC}{_alternation(data.get('according', {}))})"
    for cue in re.finditer(cues, folded):
        words: list[re.Match[str]] = []
        for word in _ARABIC_WORD.finditer(folded, cue.end()):
            between = folded[(words[-1].end() if words else cue.end()) : word.start()]
            if between.strip() or word.group(0) in stops or len(words) == MAX_ARABIC_SPEAKER_WORDS:
                break
            words.append(word)
        if not words:
            continue
        speaker = sentence[words[0].start() : words[-1].end()]
        said = _statement(sentence, None, (cue.start(), words[-1].end()))
        if said:
            text, start, end = said
            while lead := re.match(rf"\s*(?:{_alternation(stops)})\s+|\s*[،,:]\s*", fold_arabic(text)):
                text, start = text[lead.end() :], start + lead.end()
            found.append(Quote(text, speaker, number, start, end))
    return found


# --- articles ---------------------------------------------------------------------------------


@cache
def _cues(language: str) -> re.Pattern[str]:
    """Digits, quotation marks, number words, reporting-verb forms and movement-verb forms (``status``): what any
    figure, statement or place status (:mod:`storyline.enrich.status`) contains."""
    figures, attribution = language_data("figures", language), language_data("attribution", language)
    words = [*figures.get("numbers", {}), *figures.get("vague", {}), *attribution.get("forms", {})]
    words += [*language_data("status", language).get("forms", {})]
    words += [phrase.split()[0] for phrase in attribution.get("according", {})]
    return re.compile(rf"\d|[\"“”«»]|\b(?:{_alternation(words)})\b", re.IGNORECASE)


def worth_parsing(sentence: str, language: str = "en") -> bool:
    """Whether a sentence may hold a figure, a statement or a place's status: the parser is the cost, most need none."""
    return bool(_cues(language).search(sentence))


def find_facts(
    sentences: Sequence[str], language: str, docs: Mapping[str, Doc] | None = None
) -> tuple[list[Figure], list[Quote]]:
    """The figures and attributed statements of one language's sentences (numbered from 0).

    ``docs`` holds the English model's parse of (at least) the English sentences
    :func:`worth_parsing`, by sentence (:func:`storyline.enrich.nlp.read`), so that a
    batch of articles is parsed in one stream; without it they are parsed here.
    """
    figures: list[Figure] = []
    quotes: list[Quote] = []
    if language == "en":
        worth = [number for number, sentence in enumerate(sentences) if worth_parsing(sentence, language)]
        if docs is None:
            docs = read((), (sentences[number] for number in worth))
        for number in worth:
            doc = docs[sentences[number]]
            figures += _figures(sentences[number], number, language, doc)
            quotes += _english_quotes(sentences[number], number, doc)
    elif language == "ar":
        for number, sentence in enumerate(sentences):
            figures += _figures(sentence, number, language, None)
            quotes += _arabic_quotes(sentence, number)
    return figures, quotes


def facts_of(
    segments: Sequence[tuple[str, Sequence[str]]], docs: Mapping[str, Doc] | None = None
) -> tuple[list[Figure], list[Quote]]:
    """An article's figures and statements (segments as language and sentences), numbered across its segments.

    ``docs`` as for :func:`find_facts`.
    """
    figures: list[Figure] = []
    quotes: list[Quote] = []
    offset = 0
    for language, sentences in segments:
        found, said = find_facts(sentences, language, docs)
        figures += [replace(f, sentence=f.sentence + offset) for f in found]
        quotes += [replace(q, sentence=q.sentence + offset) for q in said]
        offset += len(sentences)
    return figures, quotes
