"""CopyDetector on real text: exact, near, rewrite and translation copies, and the original of each family."""

from __future__ import annotations

import re
from datetime import datetime

import numpy as np
import pytest

from storyline.dedup import CopyDetector, Match
from storyline.dedup.minhash import jaccard
from storyline.dedup.shingles import shingles
from storyline.models import ArticleRecord, Copy, Features
from storyline.pipeline import article_record

FELT = "28_2ecb"  # Mark Felt ("Deep Throat") dies at 95
KLITSCHKO = "7_7ecb"  # a boxing match: another story altogether


class Feed:
    """A detector fed the way the pipeline feeds it: predict, resolve, then index; copies kept like the store keeps them."""

    def __init__(self, **params: float) -> None:
        self.features: dict[str, Features] = {}
        self.records: dict[str, ArticleRecord] = {}
        self.detector = CopyDetector(self.features.__getitem__, **params)
        self.copies: dict[str, Copy] = {}

    def add(self, features: Features) -> tuple[Match | None, list[Copy]]:
        detector = self.detector
        [signature] = detector.signatures([features])
        record = article_record(features, signature, len(self.records) + 1)
        match = detector.predict_one(features, signature)
        updates = detector.resolve(record, match) if match else []
        for copy in updates:
            self.copies[copy.article_id] = copy
        for copy in updates:
            self.copies.pop(copy.original_id, None)  # an original copies nothing
        detector.learn_one(record)
        self.features[record.id] = features
        self.records[record.id] = record
        return match, updates

    def jaccard(self, first: str, second: str) -> float:
        """The detector's own MinHash estimate between two indexed articles."""
        return jaccard(self.records[first].signature, self.records[second].signature)


def true_jaccard(first: str, second: str) -> float:
    a, b = set(shingles(first)), set(shingles(second))
    return len(a & b) / len(a | b)


def sentences(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def felt(ecb) -> str:
    return ecb[FELT]["text"]


@pytest.fixture(scope="module")
def exact_copy_of_felt(felt) -> str:
    """The same words reflowed into one paragraph, with other quote marks and spacing."""
    text = " ".join(felt.split())
    return text.replace("``", "\u201c").replace("''", "\u201d").replace(" ,", ",").replace(" .", ".")


@pytest.fixture(scope="module")
def near_copy_of_felt(felt) -> str:
    """One sentence dropped and two phrases reworded, as a subeditor trims a wire story; no fact changed."""
    lines = sentences(felt)
    del lines[4]
    text = "\n".join(lines)
    assert "mysterious" in text and "not immediately known" in text
    return text.replace("mysterious", "enigmatic").replace("not immediately known", "not yet known")


def test_a_near_copy_whose_facts_were_changed_is_not_a_copy(featurize, felt, near_copy_of_felt):
    # A republication that has him die a day earlier at 96 contradicts the original: it is no copy of it.
    altered = near_copy_of_felt.replace("Thursday", "Wednesday").replace("age 95", "age 96")
    feed = Feed()
    feed.add(featurize("felt", felt))

    match, updates = feed.add(featurize("felt-altered", altered))

    assert true_jaccard(felt, altered) >= feed.detector.near_threshold
    assert match is None and updates == []


def test_exact_copy_with_other_whitespace_and_punctuation_is_exact(featurize, felt, exact_copy_of_felt):
    feed = Feed()
    feed.add(featurize("felt", felt))

    match, updates = feed.add(featurize("felt-reflowed", exact_copy_of_felt))

    assert match == Match("felt", "exact", 1.0)
    assert updates == [Copy("felt-reflowed", "felt", "exact", 1.0)]


def test_trimmed_and_edited_copy_is_near_and_an_unrelated_article_is_not_matched(
    featurize, ecb, felt, near_copy_of_felt
):
    feed = Feed()
    feed.add(featurize("felt", felt))

    match, updates = feed.add(featurize("felt-trimmed", near_copy_of_felt))
    unrelated, nothing = feed.add(featurize("klitschko", ecb[KLITSCHKO]["text"]))

    assert match is not None and (match.other_id, match.kind) == ("felt", "near")
    assert match.score >= 0.8
    # The score is the verified similarity of this pair, not just an LSH bucket hit.
    assert match.score == pytest.approx(true_jaccard(felt, near_copy_of_felt), abs=0.1)
    # The reworded descriptor is shown; "not immediately known" -> "not yet known" is common words only.
    assert updates == [Copy("felt-trimmed", "felt", "near", match.score, (("mysterious", "enigmatic", "wording"),))]
    assert unrelated is None and nothing == []
    assert set(feed.copies) == {"felt-trimmed"}


def test_machine_rewrite_sample_002_is_a_rewrite_of_001(featurize, sample_texts):
    feed = Feed()
    feed.add(featurize("001", sample_texts["001"]))

    match, updates = feed.add(featurize("002", sample_texts["002"]))

    assert match is not None and (match.other_id, match.kind) == ("001", "rewrite")
    assert 0.35 <= match.score <= 1.0
    assert [(c.article_id, c.original_id, c.kind, c.score) for c in updates] == [("002", "001", "rewrite", match.score)]
    # The facts that drifted in the rewrite are listed, none of them a contradiction.
    changes = updates[0].changes
    assert ("lone gunman opened fire on", "sniper targeting", "wording") in changes
    assert ("December", "recent", "date") in changes


@pytest.fixture(scope="module")
def sample_003_parts(sample_texts) -> tuple[str, str]:
    """Sample 003 cut in two: its Arabic paragraphs and its English translation."""
    paragraphs = sentences(sample_texts["003"])
    arabic = [p for p in paragraphs if re.search("[\u0600-\u06ff]", p)]
    english = [p for p in paragraphs if not re.search("[\u0600-\u06ff]", p)]
    assert len(arabic) >= 4 and len(english) >= 4
    return "\n".join(arabic), "\n".join(english)


@pytest.mark.parametrize("arabic_first", [True, False], ids=["arabic-first", "english-first"])
def test_arabic_article_and_its_english_translation_are_translations(featurize, sample_003_parts, arabic_first):
    arabic, english = sample_003_parts
    first, second = ("ar", arabic), ("en", english)
    if not arabic_first:
        first, second = second, first
    feed = Feed()
    feed.add(featurize(*first))

    match, updates = feed.add(featurize(*second))

    assert feed.features["ar"].article.languages == ("ar",)
    assert feed.features["en"].article.languages == ("en",)
    assert match is not None and (match.other_id, match.kind) == (first[0], "translation")
    assert [(c.kind, {c.article_id, c.original_id}) for c in updates] == [("translation", {"ar", "en"})]


def test_an_earlier_published_newcomer_becomes_the_original_of_the_whole_family(
    featurize, felt, exact_copy_of_felt, near_copy_of_felt
):
    def at(hour: str) -> dict[str, datetime]:
        return {"published": datetime.fromisoformat(f"2008-12-19T{hour}:00+00:00")}

    lines = sentences(felt)
    earlier = "\n".join(lines[:-1])  # the first version, before a closing paragraph was added
    feed = Feed()
    feed.add(featurize("felt", felt, **at("12:00")))
    feed.add(featurize("felt-reflowed", exact_copy_of_felt, **at("13:00")))
    feed.add(featurize("felt-trimmed", near_copy_of_felt, **at("14:00")))
    assert {c.article_id: c.original_id for c in feed.copies.values()} == {
        "felt-reflowed": "felt",
        "felt-trimmed": "felt",
    }

    match, updates = feed.add(featurize("felt-first", earlier, **at("09:00")))

    assert match is not None and match.other_id == "felt" and match.kind == "near"
    assert {c.article_id: c.original_id for c in updates} == {
        "felt": "felt-first",
        "felt-reflowed": "felt-first",
        "felt-trimmed": "felt-first",
    }
    assert {c.article_id: c.original_id for c in feed.copies.values()} == {
        "felt": "felt-first",
        "felt-reflowed": "felt-first",
        "felt-trimmed": "felt-first",
    }

    # Later copies join the family at its new original.
    _, late = feed.add(featurize("felt-late", felt, **at("18:00")))

    assert [c.original_id for c in late] == ["felt-first"]


def rewrite_passage(words: list[str], start: int, size: int, replacements: list[str]) -> list[str]:
    """The words with ``size`` of them from ``start`` replaced: one passage rewritten by an editor."""
    return words[:start] + replacements[:size] + words[start + size :]


@pytest.mark.parametrize(("changed", "threshold"), [(0.15, 0.65), (0.07, 0.8)], ids=["15pct", "7pct-default"])
def test_a_chain_of_near_copies_does_not_make_the_last_a_near_copy_of_the_first(
    featurize, ecb, felt, changed, threshold
):
    # A -> B (a passage rewritten) -> C (another passage rewritten): B is near A, C is near B,
    # but C shares less with A; C must not be reported as A's near copy on B's evidence.
    words = felt.split()
    other = ecb[KLITSCHKO]["text"].split()
    size = int(changed * len(words))
    b_words = rewrite_passage(words, 10, size, other)
    c_words = rewrite_passage(b_words, len(words) - 10 - size, size, other[size:])
    a, b, c = felt, " ".join(b_words), " ".join(c_words)
    assert true_jaccard(a, b) >= threshold + 0.05 and true_jaccard(b, c) >= threshold + 0.05
    assert true_jaccard(a, c) < threshold - 0.05

    feed = Feed(near_threshold=threshold)
    feed.add(featurize("A", a))
    b_match, _ = feed.add(featurize("B", b))
    c_match, c_updates = feed.add(featurize("C", c))

    assert b_match is not None and (b_match.other_id, b_match.kind) == ("A", "near")
    assert c_match is not None  # C is still recognised as a copy in A's family...
    assert [copy.article_id for copy in c_updates] == ["C"]
    [c_copy] = c_updates
    if c_copy.kind == "near":  # ...but called a near copy only of an article it is itself near to
        assert feed.jaccard("C", c_copy.original_id) >= threshold
        assert c_copy.score == pytest.approx(feed.jaccard("C", c_copy.original_id))
    assert not (c_copy.original_id == "A" and c_copy.kind == "near")
    assert feed.jaccard("C", "A") < threshold


def test_every_reported_copy_holds_against_the_original_it_points_to(featurize, ecb, felt, near_copy_of_felt):
    # An exact copy of a near copy is not an exact copy of the original.
    feed = Feed()
    feed.add(featurize("felt", felt))
    feed.add(featurize("felt-trimmed", near_copy_of_felt))

    match, updates = feed.add(featurize("felt-trimmed-again", " ".join(near_copy_of_felt.split())))

    [copy] = updates
    assert copy.original_id == "felt"
    assert copy.kind != "exact"
    for copy in feed.copies.values():
        if copy.kind == "exact":
            assert feed.records[copy.article_id].content_hash == feed.records[copy.original_id].content_hash
        if copy.kind == "near":
            assert feed.jaccard(copy.article_id, copy.original_id) >= feed.detector.near_threshold


def test_signature_is_uint32_and_deterministic(featurize, felt):
    features = featurize("felt", felt)
    first, second = CopyDetector(lambda _: features), CopyDetector(lambda _: features)

    [signature] = first.signatures([features])

    assert signature.dtype == np.uint32 and signature.shape == (128,)
    assert np.array_equal(signature, second.signatures([features])[0])


def test_threshold_outside_the_unit_interval_is_refused():
    with pytest.raises(ValueError, match="near_threshold"):
        CopyDetector(lambda _: None, near_threshold=0.0)  # type: ignore[arg-type,return-value]


def test_every_near_copy_above_the_threshold_is_found(featurize, ecb, felt):
    # Copies just above the threshold are the ones LSH banding tends to miss; verification would accept
    # each of them, so each must be proposed and reported as near, not left to the rewrite test.
    words = felt.split()
    filler = ecb[KLITSCHKO]["text"].split()
    feed = Feed()
    feed.add(featurize("felt", felt))
    variants = {
        f"felt-{start}": " ".join(rewrite_passage(words, start, 15, filler[start:]))
        for start in range(0, len(words) - 15, 30)
    }
    assert len(variants) >= 8

    found = {}
    for article_id, text in variants.items():
        features = featurize(article_id, text)
        [signature] = feed.detector.signatures([features])
        match = feed.detector.predict_one(features, signature)
        found[article_id] = (match.other_id, match.kind) if match else None
        estimate = jaccard(signature, feed.records["felt"].signature)
        assert 0.8 <= estimate < 0.95, (article_id, estimate)

    assert found == {article_id: ("felt", "near") for article_id in variants}


@pytest.mark.xfail(
    strict=True,
    reason="known defect: the alignment test (sentence cosine 0.7, F1 0.35) calls independent reports of one "
    "event rewrites (alignment 0.36-0.38 here, while sample 002 vs 001 scores 0.60); needs calibration on labelled pairs",
)
@pytest.mark.parametrize(("first", "second"), [("7_10ecbplus", "7_6ecbplus"), ("28_10ecbplus", "28_1ecbplus")])
def test_independent_reports_of_the_same_event_are_not_copies(featurize, ecb, first, second):
    # Two outlets' own stories on one event (a title fight; an obituary): same facts, written separately.
    feed = Feed()
    feed.add(featurize(first, ecb[first]["text"]))

    match, _ = feed.add(featurize(second, ecb[second]["text"]))

    assert match is None


def test_only_the_newest_window_of_articles_can_be_copied_from(featurize, ecb, felt, exact_copy_of_felt):
    # A long-running stream keeps a bounded index: once `window` newer articles have arrived,
    # an old article is forgotten and a late copy of it starts a family of its own.
    others = [doc_id for doc_id in sorted(ecb) if doc_id.startswith("7_")][:3]
    feed = Feed(window=3)
    feed.add(featurize("felt", felt))
    for doc_id in others:
        feed.add(featurize(doc_id, ecb[doc_id]["text"]))

    match, updates = feed.add(featurize("felt-late", exact_copy_of_felt))

    assert match is None and updates == []
    assert len(feed.detector) == 3 and "felt" not in feed.detector


def test_a_copy_within_the_window_is_still_found(featurize, ecb, felt, exact_copy_of_felt):
    others = [doc_id for doc_id in sorted(ecb) if doc_id.startswith("7_")][:2]
    feed = Feed(window=3)
    feed.add(featurize("felt", felt))
    for doc_id in others:
        feed.add(featurize(doc_id, ecb[doc_id]["text"]))

    match, _ = feed.add(featurize("felt-late", exact_copy_of_felt))

    assert match == Match("felt", "exact", 1.0)


def test_a_window_below_one_article_is_refused():
    with pytest.raises(ValueError, match="window"):
        CopyDetector(lambda _: None, window=0)  # type: ignore[arg-type,return-value]


def test_two_outlets_headlines_of_one_event_are_not_copies_but_a_repeated_headline_is(featurize, ecb):
    # Two outlets' headlines on one security patch: as close as sentences get, yet nothing says one copied the other.
    first, second = (featurize(doc, ecb[doc]["text"].splitlines()[0]) for doc in ("27_8ecbplus", "27_11ecbplus"))
    assert float(first.body @ second.body) > 0.9
    feed = Feed()
    feed.add(first)

    restated = feed.detector.restated(second)
    match, _ = feed.add(second)
    again, _ = feed.add(featurize("again", second.article.text))

    assert match is None and restated == "27_8ecbplus"  # of one event, not a copy
    assert again is not None and (again.other_id, again.kind) == ("27_11ecbplus", "exact")
