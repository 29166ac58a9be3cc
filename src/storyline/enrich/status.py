"""Status of places: what an article says of who left a base, a town or a country, is leaving it, or will.

An analyst following a withdrawal wants each base's status over time and per
source: one base left, another being left, a third no longer held per one
report and still being emptied per another. A sentence that says forces,
people or an organisation moved out of a place states one of three values on
the point "status of that place": ``left`` (done: withdrew, departed, were
evacuated, are no longer present), ``leaving`` (under way: began withdrawing,
are pulling out, equipment is being moved out) or ``to leave`` (announced,
planned, will withdraw). The point is named by the place entity's
language-neutral key (:mod:`storyline.enrich.entities`), so Bagram, Bagrām and
باغرام are one point across articles and languages, and sources that differ on
it show as a disagreement (:mod:`storyline.aggregate.disagreements`).

English goes through spaCy's dependency parse, which the facts already run on
the sentences :func:`storyline.enrich.facts.worth_parsing` accepts (movement
words among its cues). From the place mention the parse is followed up to the
word that governs it: through lists ("two other bases, Bagram ... and
Kandahar"), "including", "the outskirts of the town of", to the object of
"from" / "out of", or the direct object of "left" / "evacuated". That verb's
lemma must be a movement verb (``data/status.en.txt``) and its aspect gives the
value: past or perfect, left; progressive or under "began" / "continue",
leaving; under "will" / "plans to", to leave; a negated or merely possible
movement ("has not withdrawn", "may withdraw") states nothing, nor does a bare
present ("forces leave Syria": a headline's past or a timetable's future). A
noun of leaving ("the withdrawal from X") takes the aspect of what governs it:
"began the withdrawal", "following the withdrawal", "a plan for a withdrawal".
Moving materiel out ("convoys will transport equipment from the bases",
"vehicles were withdrawn from the base") is a withdrawal under way whatever
its tense: the troops are still there. "No longer present in" says left.

Arabic has no parser offline: cue words (``data/status.ar.txt``) before "من"
and the place, within a few words ("انسحبت القوات تدريجياً من قاعدة عين
الأسد"), a verbal noun valued by the word before it ("بدء ... الانسحاب من":
leaving), lists continued by "و" ("... وقاعدة على أطراف بلدة الرطبة"), and
"لم تعد موجودة" before the places it names. Other languages state no status.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from storyline.enrich.facts import fold_arabic, language_data, worth_parsing
from storyline.enrich.nlp import read

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from storyline.enrich.entities import Entity

VALUES = ("left", "leaving", "to leave")
MAX_CLIMB = 12
"""Steps from a place up the parse to its governing verb: a list of places is a few, a runaway loop is not."""
MAX_ARABIC_KIND_WORDS = 4
"""Words between "من" and the place ("من قاعدة على أطراف بلدة الرطبة")."""
MAX_ARABIC_CUE_GAP = 5
"""Words between a cue and its "من": the subject ("انسحبت الولايات المتحدة تدريجياً من")."""
MAX_ARABIC_LIST_REACH = 15
"""Words back from a listed place ("، وقاعدة ... الرطبة") to the "من" the list continues."""
MAX_ARABIC_TOWARDS_GAP = 6
"""Words between the place left and "إلى" / "باتجاه" ("من قاعدة ... في ولاية بروان إلى قطر")."""
MAX_ARABIC_ABSENT_REACH = 10
"""Words between "لم تعد موجودة" and a place it names."""

_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")
_ARABIC_WORD = re.compile(r"[^\s،,.:;؛«»\"“”()!?؟]+")
_CLITIC = re.compile(r"^[وف]")
_BREAK = re.compile(r"[.؛;:!?؟]")


@dataclass(frozen=True)
class Status:
    """A place's status as sentence ``sentence`` states it: ``text`` (characters ``start:end``) says so;
    ``destination``, where the sentence says those leaving went, as written."""

    place: str
    key: str
    value: str
    text: str
    sentence: int
    start: int
    end: int
    destination: str | None = None


# --- English ----------------------------------------------------------------------------------


@cache
def _english_rules() -> dict[str, frozenset[str]]:
    return {section: frozenset(words) for section, words in language_data("status", "en").items()}


def _phrasal(section: str) -> dict[str, frozenset[str]]:
    """A section's verbs as lemma -> particles it needs ("pull out"); an empty set for a verb alone."""
    verbs: dict[str, set[str]] = {}
    for entry in _english_rules().get(section, ()):
        lemma, _, particle = entry.partition(" ")
        verbs.setdefault(lemma, set()).add(particle)
    return {lemma: frozenset(particles) for lemma, particles in verbs.items()}


def _in(section: str, word: str) -> bool:
    return word.casefold() in _english_rules().get(section, frozenset())


def _is_verb(token: Any) -> bool:
    return token.pos_ in ("VERB", "AUX")


def _negated(token: Any) -> bool:
    return any(c.dep_ == "neg" or c.lower_ == "never" for c in token.children)


def _auxiliaries(verb: Any) -> list[Any]:
    """The verb's auxiliaries, or its first conjunct's ("have withdrawn ... and redeployed")."""
    found = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not found and verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBG", "VB") and _is_verb(verb.head):
        found = [c for c in verb.head.children if c.dep_ in ("aux", "auxpass")]
    return found


def _governed(verb: Any, depth: int = 0) -> str | None:
    """The value a verb of movement gets from the verb or preposition it depends on ("began withdrawing")."""
    head = verb.head
    if head is verb or depth > 3:
        return None
    if verb.dep_ == "pcomp" and head.dep_ == "prep" or verb.dep_ == "pobj":
        return "left" if _in("after", head.lower_) else _aspect(head.head, depth + 1) if _is_verb(head.head) else None
    if not _is_verb(head) or _negated(head):
        return None
    return _intended(head, depth + 1) or _aspect(head, depth + 1)


def _intended(head: Any, depth: int = 0) -> str | None:
    """The value a verb of planning ("plans to withdraw") or starting ("began withdrawing") gives the movement
    it governs; None for any other verb."""
    if _in("plan", head.lemma_):
        return "to leave"
    if _in("start", head.lemma_):
        return "to leave" if _aspect(head, depth) == "to leave" else "leaving"
    return None


def _aspect(verb: Any, depth: int = 0) -> str | None:
    """``left``, ``leaving`` or ``to leave`` from a verb's tense, auxiliaries and what governs it; None when unsure."""
    if _negated(verb):
        return None
    auxiliaries = _auxiliaries(verb)
    words = {a.lower_ for a in auxiliaries}
    if any(_in("future", w) for w in words):
        return "to leave"
    if any(_in("modal", w) for w in words):
        return None
    if verb.tag_ == "VBG":
        if any(a.lemma_ == "be" for a in auxiliaries):
            return "leaving"
        return _governed(verb, depth)
    if verb.tag_ == "VB":
        if any(a.lower_ == "to" for a in auxiliaries):
            return _governed(verb, depth)
        return "left" if words & {"did", "had"} else None
    if verb.tag_ in ("VBD", "VBN"):
        return "left"
    return None  # a bare present: a headline's past or a timetable's future


def _moved(verb: Any) -> list[Any]:
    """What a verb moves: its object or passive subject and their conjuncts ("supplies, equipment and missiles")."""
    moved = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    for thing in list(moved):
        moved += [c for c in thing.subtree if c.dep_ == "conj" and c.head in moved]
    return moved


def _verb_value(verb: Any, place_is_object: bool) -> str | None:
    """The value a verb gives the place it moves things out of (or, ``place_is_object``, that it names)."""
    lemma = verb.lemma_.casefold()
    if place_is_object:
        return _aspect(verb) if _in("direct", lemma) else None
    if _negated(verb):
        return None
    if (_in("removal", lemma) or lemma in _phrasal("departure")) and any(
        _in("materiel", t.lemma_) for t in _moved(verb)
    ):
        return "leaving"
    particles = _phrasal("departure").get(lemma)
    if particles is None:
        return None
    words = {c.lower_ for c in verb.children}
    if "" not in particles and not particles & words:
        return None
    return _aspect(verb)


def _noun_value(noun: Any) -> str | None:
    """The value of a noun of leaving from what governs it: "began the withdrawal", "a plan for a withdrawal"."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "xcomp") and _is_verb(head):
        if _negated(head):
            return None
        return _intended(head) or (_aspect(head) if _in("done", head.lemma_) else None)
    if noun.dep_ == "pobj":
        if _in("after", head.lower_):
            return "left"
        if head.lower_ == "for" and _in("plans", head.head.lemma_):
            return "to leave"
    return None


def _judge(mover: Any, place_is_object: bool = False) -> str | None:
    if _is_verb(mover):
        return _verb_value(mover, place_is_object)
    if mover.pos_ == "NOUN" and _in("nouns", mover.lemma_) and not place_is_object:
        return _noun_value(mover)
    return None


def _absent(word: Any) -> str | None:
    """ "no longer present in X": left; "will no longer be present": to leave."""
    verb = word.head if word.dep_ in ("acomp", "advmod", "attr") and word.head is not word else word
    near = [*word.children, *verb.children]
    if not any(c.lower_ == "longer" and any(n.lower_ == "no" for n in c.children) for c in near):
        return None
    return "to leave" if any(_in("future", a.lower_) for a in _auxiliaries(verb)) else "left"


def _mover(governor: Any) -> Any:
    """The verb a "from" phrase belongs to when the parse hangs it on the last thing moved
    ("transport supplies, equipment and missiles from the bases": on "missiles")."""
    token = governor
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    moving = _in("materiel", token.lemma_) or token.head.lemma_.casefold() in _phrasal("departure")
    if token.dep_ in ("dobj", "nsubjpass") and _is_verb(token.head) and moving:  # "evacuating injured from Qeshm"
        return token.head
    return governor


def _referred(doc: Any) -> tuple[str | None, Any]:
    """For "..., referring to X and Y": the value the sentence gives the plural noun after "from"."""
    for token in doc:
        if token.dep_ == "pobj" and token.head.lower_ == "from" and token.tag_ in ("NNS", "NNPS"):
            mover = _mover(token.head.head)
            value = _judge(mover)
            if value:
                return value, mover
    return None, None


def _climb(root: Any) -> tuple[str | None, Any]:
    """Follow a place up the parse to what says it is left; the value, and the word that says it."""
    token, came_by_list = root, False
    for _ in range(MAX_CLIMB):
        dep, head = token.dep_, token.head
        if head is token:
            return None, None
        if dep in ("conj", "appos") or dep == "compound" and _in("kinds", head.lemma_):
            token, came_by_list = head, dep in ("conj", "appos")
            continue
        if dep == "npadvmod" and _is_verb(head):  # "withdrawn from two other bases ..., Bagram": a detached list
            if any(c.dep_ == "prep" and c.lower_ == "from" for c in head.children):
                return _judge(head), head
            return None, None
        if dep == "dobj" or dep == "nsubjpass":
            return (_judge(head, place_is_object=True), head) if _is_verb(head) else (None, None)
        if dep != "pobj":
            return None, None
        preposition, governor = head.lower_, head.head
        if _in("include", preposition):
            token, came_by_list = governor, False
        elif preposition == "of" and _in("parts", governor.lemma_):
            token = governor
        elif preposition in ("on", "at", "near") and _in("parts", token.lemma_):
            token = governor
        elif preposition == "from":
            mover = _mover(governor)
            return _judge(mover), mover
        elif preposition == "of" and governor.lower_ == "out":
            return _judge(governor.head), governor.head
        elif preposition in ("in", "at") and _in("absent", governor.lower_):
            return _absent(governor), governor
        elif preposition == "to" and _in("reference", governor.lemma_):
            return _referred(token.doc)
        elif (
            came_by_list
            and preposition in ("in", "on", "at", "near")
            and token.ent_type_ == ""
            and token.pos_ == "NOUN"
        ):
            token, came_by_list = governor, False  # "Bagram in the north and Kandahar in the south"
        else:
            return None, None
    return None, None


def _destination(word: Any, place: Entity, places: Sequence[Entity]) -> str | None:
    """Where those leaving went: a place after "to" / "into" / "towards" on the word that says they left,
    or on a verb joined to it ("withdrew from Bagram and flew to Qatar", "left Bagram, moving to a
    camp near Kabul")."""
    movers = [word, *(c for c in word.children if c.dep_ in ("conj", "advcl") and _is_verb(c))]
    for mover in movers:
        for preposition in mover.children:
            if preposition.dep_ != "prep" or not _in("towards", preposition.lower_):
                continue
            for token in preposition.subtree:
                target = next((p for p in places if p.start <= token.idx < p.end and p.key != place.key), None)
                if target is not None:
                    return target.text
    return None


def _subject_start(subject: Any) -> Any:
    """The subject's first word after any punctuation inside it: a date line the parse hung on the
    subject ("KABUL - US troops have withdrawn") is not part of what is said."""
    start = subject.left_edge
    for token in subject.subtree:
        if token.i >= subject.i:
            break
        if token.is_punct:
            start = token.nbor(1)
    return start


def _english(sentence: str, number: int, doc: Any, places: Sequence[Entity]) -> list[Status]:
    found: list[Status] = []
    for place in places:
        tokens = [t for t in doc if place.start <= t.idx < place.end]
        roots = [t for t in tokens if t.head not in tokens or t.head is t]
        if not roots:
            continue
        value, word = _climb(roots[0])
        if value is None or word is None:
            continue
        said = [word, *(a for a in _auxiliaries(word) if a.i < word.i)]
        said += [
            t for c in (*word.children, *word.head.children) if c.lower_ == "longer" for t in c.subtree
        ]  # "no longer"
        if word.dep_ == "xcomp" and word.head.i < word.i:  # "have begun withdrawing"
            said += [word.head, *(a for a in _auxiliaries(word.head) if a.i < word.head.i)]
        start = min(place.start, *(t.idx for t in said))
        subjects = [c for c in word.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < word.i]
        if subjects and place.start > word.idx and word.i - subjects[0].left_edge.i <= 6:
            start = min(start, _subject_start(subjects[0]).idx)
        end = max(place.end, word.idx + len(word))
        destination = _destination(word, place, places)
        found.append(Status(place.text, place.key, value, sentence[start:end], number, start, end, destination))
    return found


# --- Arabic -----------------------------------------------------------------------------------


@cache
def _arabic_rules() -> dict[str, dict[str, str]]:
    return {
        section: {_bare(k): v for k, v in entries.items()} for section, entries in language_data("status", "ar").items()
    }


def _bare(word: str) -> str:
    return _ARABIC_MARKS.sub("", fold_arabic(word))


def _unclitic(word: str, table: Mapping[str, str]) -> str | None:
    """The entry of ``table`` the word is, with or without a leading و / ف; None when it is none."""
    if word in table:
        return word
    stripped = _CLITIC.sub("", word)
    if stripped != word and stripped in table:
        return stripped
    if stripped.startswith("ل") and stripped[1:] in table:  # "لانسحاب": for a withdrawal
        return stripped[1:]
    return None


def _arabic_cue(words: list[tuple[int, int, str]], source: int, sentence: str) -> tuple[str | None, int]:
    """The value the words before "من" (index ``source``) give it, and where the cue starts."""
    rules = _arabic_rules()
    verbs, nouns, aspects = rules.get("verbs", {}), rules.get("nouns", {}), rules.get("aspect", {})
    materiel = rules.get("materiel", {})
    moved_materiel = False
    for i in range(source - 1, max(-1, source - 1 - MAX_ARABIC_CUE_GAP), -1):
        if _BREAK.search(sentence[words[i][1] : words[i + 1][0]]) or "،" in sentence[words[i][1] : words[i + 1][0]]:
            return None, -1
        word = words[i][2]
        moved_materiel = moved_materiel or _unclitic(word, materiel) is not None
        two = f"{words[i - 1][2]} {word}" if i > 0 else ""
        for phrase, first in ((two, i - 1), (word, i)):
            cue = _unclitic(phrase, verbs) if phrase else None
            if cue is not None:
                return ("leaving" if moved_materiel else verbs[cue]), first
        if _unclitic(word, nouns) is not None:
            for j in range(i - 1, max(-1, i - 4), -1):
                aspect = _unclitic(words[j][2], aspects)
                if aspect is not None:
                    return aspects[aspect], j
            return None, -1
    return None, -1


def _arabic(sentence: str, number: int, places: Sequence[Entity]) -> list[Status]:
    folded = fold_arabic(sentence)
    words = [(m.start(), m.end(), _ARABIC_MARKS.sub("", m.group(0))) for m in _ARABIC_WORD.finditer(folded)]
    rules = _arabic_rules()
    kinds, absent = rules.get("kinds", {}), rules.get("absent", {})
    found: list[Status] = []
    for place in places:
        # the entity is one mention; the sentence may name the place again where it is left
        for mention in re.finditer(re.escape(place.text), sentence):
            at = next((i for i, w in enumerate(words) if w[0] <= mention.start() < w[1]), None)
            if at is None:
                continue
            value, cue_start = _arabic_source(words, at, sentence, kinds)
            if value is None:
                value, cue_start = _arabic_absent(words, at, absent)
            if value is None:
                continue
            start, end = words[cue_start][0], max(mention.end(), words[at][1])
            destination = _arabic_destination(words, at, sentence, place, places)
            found.append(Status(place.text, place.key, value, sentence[start:end], number, start, end, destination))
            break
    return found


def _arabic_destination(
    words: list[tuple[int, int, str]], at: int, sentence: str, place: Entity, places: Sequence[Entity]
) -> str | None:
    """A place after "إلى" / "باتجاه" / "نحو" within a few words after the place left ("من قاعدة باغرام إلى قطر")."""
    towards = _arabic_rules().get("towards", {})
    for i in range(at + 1, min(len(words), at + 1 + MAX_ARABIC_TOWARDS_GAP)):
        if _BREAK.search(sentence[words[i - 1][1] : words[i][0]]):
            return None
        if _unclitic(words[i][2], towards) is None:
            continue
        reach = words[min(len(words) - 1, i + MAX_ARABIC_KIND_WORDS)][1]
        targets = [p for p in places if words[i][1] <= p.start < reach and p.key != place.key]
        return min(targets, key=lambda p: p.start).text if targets else None
    return None


def _arabic_source(
    words: list[tuple[int, int, str]], at: int, sentence: str, kinds: Mapping[str, str]
) -> tuple[str | None, int]:
    """The cue of the "من" before the place, directly ("من قاعدة عين الأسد") or through a list ("، وقاعدة ...")."""
    i, listed = at - 1, False
    while i >= 0 and at - i <= MAX_ARABIC_KIND_WORDS + 1:
        word = words[i][2]
        if word in ("من", "ومن"):
            return _arabic_cue(words, i, sentence)
        if _unclitic(word, kinds) is None:
            break
        listed = listed or (word != _CLITIC.sub("", word) and word[0] == "و")
        i -= 1
    if not listed:
        return None, -1
    for j in range(i, max(-1, at - MAX_ARABIC_LIST_REACH), -1):
        if _BREAK.search(sentence[words[j][1] : words[j + 1][0]]):
            break
        if words[j][2] in ("من", "ومن"):
            return _arabic_cue(words, j, sentence)
    return None, -1


def _arabic_absent(words: list[tuple[int, int, str]], at: int, absent: Mapping[str, str]) -> tuple[str | None, int]:
    """ "لم تعد موجودة في بعض المراكز، من بينها قاعدة X": the phrase within a few words before the place."""
    for i in range(at - 1, max(-1, at - 1 - MAX_ARABIC_ABSENT_REACH), -1):
        for size in (3, 4, 2):
            if i - size + 1 < 0:
                continue
            phrase = " ".join(w[2] for w in words[i - size + 1 : i + 1])
            cue = _unclitic(phrase, absent)
            if cue is not None:
                return absent[cue], i - size + 1
    return None, -1


# --- articles ---------------------------------------------------------------------------------


def find_statuses(
    sentences: Sequence[str], language: str, places: Sequence[Entity], docs: Mapping[str, Doc] | None = None
) -> list[Status]:
    """The statuses one language's sentences (numbered from 0) state of the places named in them.

    ``places`` are the place entities of these sentences (same numbering);
    ``docs`` as for :func:`storyline.enrich.facts.find_facts`: the English parse
    of the sentences :func:`~storyline.enrich.facts.worth_parsing` accepts.
    """
    by_sentence: dict[int, list[Entity]] = {}
    for place in places:
        if place.kind == "place" and 0 <= place.sentence < len(sentences):
            by_sentence.setdefault(place.sentence, []).append(place)
    found: list[Status] = []
    if language == "en":
        worth = [n for n in sorted(by_sentence) if worth_parsing(sentences[n], language)]
        if docs is None:
            docs = read((), (sentences[n] for n in worth))
        for number in worth:
            doc = docs.get(sentences[number])
            if doc is not None and doc.has_annotation("DEP"):
                found += _english(sentences[number], number, doc, by_sentence[number])
    elif language == "ar":
        for number, listed in sorted(by_sentence.items()):
            found += _arabic(sentences[number], number, listed)
    return found


def _furthest(found: list[Status]) -> list[Status]:
    """Per place, the statements of the furthest stage the article reaches, one per sentence.

    One report tells a withdrawal in phases ("had been moving equipment out of
    Bagram" ... "withdrew entirely from Bagram"): its status of the place is the
    last phase it states, and only that is a claim; sources differ between
    articles, not between the paragraphs of one.
    """
    stage = {value: rank for rank, value in enumerate(reversed(VALUES))}
    furthest: dict[str, int] = {}
    for status in found:
        furthest[status.key] = max(furthest.get(status.key, -1), stage[status.value])
    seen: set[tuple[str, int]] = set()
    kept = []
    for status in sorted(found, key=lambda s: (s.sentence, s.start)):
        if stage[status.value] == furthest[status.key] and (status.key, status.sentence) not in seen:
            seen.add((status.key, status.sentence))
            kept.append(status)
    return kept


def statuses_of(
    segments: Sequence[tuple[str, Sequence[str]]], entities: Sequence[Entity], docs: Mapping[str, Doc] | None = None
) -> list[Status]:
    """An article's place statuses, the furthest stage it states of each place (:func:`_furthest`).

    Segments are language and sentences, entities numbered across them.

    ``docs`` as for :func:`find_statuses`.
    """
    found: list[Status] = []
    offset = 0
    for language, sentences in segments:
        inside = range(offset, offset + len(sentences))
        places = [
            replace(e, sentence=e.sentence - offset) for e in entities if e.kind == "place" and e.sentence in inside
        ]
        found += [replace(s, sentence=s.sentence + offset) for s in find_statuses(sentences, language, places, docs)]
        offset += len(sentences)
    return _furthest(found)


__all__ = ["VALUES", "Status", "find_statuses", "statuses_of"]
