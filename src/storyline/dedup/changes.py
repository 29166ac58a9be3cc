"""What changed between two statements of the same fact, and whether the change is a contradiction.

A rewrite rewords every clause, so a plain word diff of two aligned sentences
lists everything. What an analyst wants to see is narrower: the numbers,
dates, places, names and negations one side has and the other lacks, and the
rare content words that were swapped ("a tanker" -> "a freighter", "4,000"
-> "400", "rose" -> "did not rise"). Words match across the two sides when
their normalised forms are close (Arabic clitics and spelling variants,
plural endings), so morphology is not mistaken for a change.

Facts get language-neutral keys (digits, month and weekday numbers from
CLDR, GeoNames ids), so a translation is checked against its original even
though no word is shared. Only a fact swapped for another fact of the same
kind conflicts: 4,000 where the other says 400, Yemen where the other says
Oman, a negation added to the same words. Dropping a detail ("a March
flood" -> "a recent flood") or rewording it is a change worth showing, not
a contradiction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from importlib.resources import files
from typing import Literal

from babel import Locale, UnknownLocaleError

from storyline.dedup.shingles import normalize_for_shingles
from storyline.enrich.places import find_places, gazetteer, resolve
from storyline.enrich.terms import ASCII_DIGITS, rarity

ChangeKind = Literal["number", "date", "place", "name", "negation", "wording"]
CLOSE_RATIO = 0.75
"""Character similarity from which two words count as the same word in another form."""
RARE_RARITY = 2.3
"""Rarity (6.5 minus Zipf frequency) from which a content word is worth showing when it changes:
"tanker" and "freighter" are, "said" and "move" are not."""
CONTENT_RARITY = 1.0
"""Rarity below which a word is a function word ("did", "has") that a negation may bring along."""
SWAP_WORDS = 5
"""Words per side up to which a differing stretch is one thing swapped for another
("a tanker ran aground off" -> "a freighter sank near"); longer stretches are rewording."""
NAME_RARITY = 1.5
"""Rarity from which a capitalised word inside a sentence is a name worth tracking: "Trump"
(1.6) and "Palmyra" are, "Mr" (1.3) and "The" are not."""
OPENING_NAME_RARITY = 2.0
"""Rarity from which a capitalised word opening a sentence is taken for a name: every first
word is capitalised, so only rare ones ("Putin", 2.4) count, not "However" (0.9) or "Despite"
(1.5); adverbs in -ly ("Historically", 2.4) never do."""
STEM = 4
"""Letters two words must share at their start to be one word in two forms (Kurds, Kurdish)."""

_TOKEN = re.compile(r"\d+(?:[.,٫٬]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s?$")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_CLITICS = re.compile(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال|لل)?(?=..)")


@dataclass(frozen=True)
class Change:
    """Text of side ``a`` that became ``b`` (either may be empty), the kind of fact, and whether it contradicts."""

    a: str
    b: str
    kind: ChangeKind
    conflict: bool


@dataclass(frozen=True)
class Token:
    """A word or number as written, its comparable form, where it is, and the fact it names if any.

    ``also`` holds the other keys the fact may have: a sentence rarely names enough
    countries to tell Damascus, Syria from Damascus, Maryland, so a place mention
    matches the other side when any of its candidate places does.
    """

    text: str
    norm: str
    start: int
    end: int
    fact: str | None
    also: frozenset[str] = frozenset()

    @property
    def keys(self) -> frozenset[str]:
        """Every key the fact may have (none for a token that names no fact)."""
        return self.also | {self.fact} if self.fact else frozenset()


def normalize(word: str) -> str:
    """A word's comparable form: case and Arabic spelling folded, clitics stripped, digits ASCII, numbers bare."""
    word = normalize_for_shingles(word).translate(ASCII_DIGITS)
    if word[:1].isdigit():
        return re.sub(r"[,٬](?=\d{3}\b)", "", word).replace("٫", ".")
    if _ARABIC.search(word):
        return _ARABIC_CLITICS.sub("", word)
    return _POSSESSIVE.sub("", word)


def words(text: str) -> list[str]:
    """The comparable forms of a text's words and numbers, in order."""
    return [normalize(match.group()) for match in _TOKEN.finditer(text)]


def _word_list(name: str, language: str) -> frozenset[str]:
    resource = files("storyline.dedup") / "data" / f"{name}.{language}.txt"
    if not resource.is_file():
        return frozenset()
    lines = resource.read_text(encoding="utf-8").splitlines()
    return frozenset(normalize(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


@cache
def negations(language: str) -> frozenset[str]:
    """Negation words of a language, from ``dedup/data/negations.LANG.txt`` (empty when there is none)."""
    return _word_list("negations", language)


@cache
def calendar_words(language: str) -> dict[str, str]:
    """Month and weekday names of a language (CLDR, wide and abbreviated) mapped to neutral keys."""
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return {}
    keys: dict[str, str] = {}
    for kind, table in (("month", locale.months), ("weekday", locale.days)):
        for width in ("wide", "abbreviated"):
            for number, name in table["format"][width].items():
                keys[normalize(name.rstrip("."))] = f"{kind}:{number}"
    return keys


def facts(text: str, language: str) -> list[Token]:
    """The sentence's tokens, each with the language-neutral key of the fact it names, if any."""
    places: list[tuple[int, int, str, frozenset[str]]] = []
    for found, place in resolve(find_places([text], language, gazetteer()), set()):
        start = text.find(found.text)
        if start >= 0:
            others = frozenset(f"place:{p.key}" for p in found.candidates)
            places.append((start, start + len(found.text), f"place:{place.key}", others))
    calendar = calendar_words(language)
    tokens = []
    for index, match in enumerate(_TOKEN.finditer(text)):
        word, norm = match.group(), normalize(match.group())
        fact, also = next(
            ((key, others) for start, end, key, others in places if start <= match.start() < end), (None, frozenset())
        )
        if fact is None and norm[:1].isdigit():
            fact = f"number:{norm}"
        elif fact is None and norm in calendar and (len(norm) > 3 or word[:1].isupper()):
            fact = calendar[norm]
        elif fact is None and _is_name(word, norm, language, opening=index == 0):
            fact = f"name:{norm}"
        tokens.append(Token(word, norm, match.start(), match.end(), fact, also))
    return tokens


def _is_name(word: str, norm: str, language: str, opening: bool) -> bool:
    """A capitalised Latin-script word rare enough to be a name (scripts without case have none here)."""
    if not (word[:1].isupper() and norm.isascii()) or (opening and norm.endswith("ly")):
        return False
    return rarity(norm, language) >= (OPENING_NAME_RARITY if opening else NAME_RARITY)


def close(word: str, others: list[str]) -> bool:
    """Whether ``word`` appears among ``others`` in the same or a close form."""
    for other in others:
        if word == other:
            return True
        shorter = min(len(word), len(other))
        if shorter >= STEM and word[:STEM] == other[:STEM] and STEM / shorter >= 0.6:
            return True
        if shorter >= 3 and SequenceMatcher(None, word, other).ratio() >= CLOSE_RATIO:
            return True
    return False


def unmatched(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    """The words of each side with no counterpart on the other (normalised forms)."""
    return [w for w in a if not close(w, b)], [w for w in b if not close(w, a)]


def _category(fact: str) -> str:
    category = fact.split(":", 1)[0]
    return "date" if category in ("month", "weekday") else category


@dataclass(frozen=True)
class Side:
    """One sentence of a compared pair, its language, and the facts its whole text states anywhere."""

    text: str
    language: str
    tokens: list[Token]
    known: frozenset[str]

    @classmethod
    def of(cls, text: str, language: str, known: frozenset[str] = frozenset()) -> Side:
        tokens = facts(text, language)
        return cls(text, language, tokens, known.union(*(t.keys for t in tokens)))

    def span(self, tokens: list[Token]) -> str:
        return self.text[tokens[0].start : tokens[-1].end] if tokens else ""


def _new_facts(part: list[Token], other: Side) -> dict[str, set[str]]:
    """Facts of ``part`` that the other side does not state anywhere, by category.

    A rewrite moves facts between sentences ("to Qatar" said one sentence later),
    so only a fact its whole text never states was dropped or changed.
    """
    other_names = [fact.split(":", 1)[1] for fact in other.known if fact.startswith("name:")]
    new: dict[str, set[str]] = {}
    for token in part:
        if not token.fact or token.keys & other.known:
            continue
        if token.fact.startswith("name:") and close(token.norm, other_names):
            continue  # one name spelled two ways: Mosul, Mossul
        new.setdefault(_category(token.fact), set()).add(token.fact)
    return new


def _judge(a_part: list[Token], b_part: list[Token], a: Side, b: Side) -> tuple[ChangeKind, bool] | None:
    """The kind of fact a differing stretch carries and whether it contradicts; None when it is only wording."""
    a_new, b_new = _new_facts(a_part, b), _new_facts(b_part, a)
    a_words, b_words = [t.norm for t in a.tokens], [t.norm for t in b.tokens]
    swap = len(a_part) <= SWAP_WORDS and len(b_part) <= SWAP_WORDS
    for category in ("number", "date", "place", "name"):
        if category in a_new or category in b_new:
            # A name is only swapped for another in a short stretch; in a long one it is rewording.
            both = category in a_new and category in b_new and (category != "name" or swap)
            return category, both  # type: ignore[return-value]
    for part, side, other, other_words in ((a_part, a, b, b_words), (b_part, b, a, a_words)):
        negating = [t for t in part if t.norm in negations(side.language)]
        if negating and not any(t.norm in negations(other.language) for t in other.tokens):
            # Negated and otherwise the same words: a contradiction. Negated among new words: rewording.
            rest = [t for t in part if t not in negating and rarity(t.norm, side.language) >= CONTENT_RARITY]
            return ("negation", True) if all(close(t.norm, other_words) for t in rest) else None
    a_fresh = [t for t in a_part if not close(t.norm, b_words) and rarity(t.norm, a.language) >= RARE_RARITY]
    b_fresh = [t for t in b_part if not close(t.norm, a_words) and rarity(t.norm, b.language) >= RARE_RARITY]
    return ("wording", False) if a_fresh and b_fresh and swap else None


def changes(
    a: str,
    b: str,
    language_a: str = "en",
    language_b: str = "en",
    known_a: frozenset[str] = frozenset(),
    known_b: frozenset[str] = frozenset(),
) -> list[Change]:
    """The fact-bearing differences between two aligned sentences, in reading order of ``a``.

    ``known_a`` and ``known_b`` are the facts each whole text states (:func:`stated`),
    so a fact moved to another sentence is not reported as dropped. Sentences in
    different languages share no words, so only their facts are compared.

    >>> [(c.a, c.b, c.kind, c.conflict) for c in changes("Around 4,000 detainees were moved.", "Around 400 detainees were moved.")]
    [('4,000', '400', 'number', True)]
    """
    side_a, side_b = Side.of(a, language_a, known_a), Side.of(b, language_b, known_b)
    if language_a != language_b:
        return _fact_changes(side_a, side_b)
    matcher = SequenceMatcher(None, [t.norm for t in side_a.tokens], [t.norm for t in side_b.tokens], autojunk=False)
    found = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        a_part, b_part = side_a.tokens[i1:i2], side_b.tokens[j1:j2]
        judged = _judge(a_part, b_part, side_a, side_b)
        if judged is not None:
            found.append(Change(side_a.span(a_part), side_b.span(b_part), *judged))
    return found


def _fact_changes(a: Side, b: Side) -> list[Change]:
    """Facts stated on one side only, for sentences that share no words (a translation)."""
    a_new, b_new = _new_facts(a.tokens, b), _new_facts(b.tokens, a)
    found = []
    for category in ("number", "date", "place"):
        a_tokens = [t for t in a.tokens if t.fact in a_new.get(category, ())]
        b_tokens = [t for t in b.tokens if t.fact in b_new.get(category, ())]
        if a_tokens or b_tokens:
            both = bool(a_tokens and b_tokens)
            found.append(
                Change(", ".join(t.text for t in a_tokens), ", ".join(t.text for t in b_tokens), category, both)
            )  # type: ignore[arg-type]
    return found


def stated(sentences: list[tuple[str, str]]) -> frozenset[str]:
    """Every fact key the (sentence, language) pairs of a text state."""
    return frozenset().union(*(t.keys for text, language in sentences for t in facts(text, language)))


def conflicting(found: list[Change]) -> bool:
    """Whether any change swaps one fact for another, rather than dropping or rewording it."""
    return any(change.conflict for change in found)
