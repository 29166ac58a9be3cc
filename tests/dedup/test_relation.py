"""Comparer.compare on real texts: what text b is to text a, how sure, and which facts changed."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from storyline.dedup.changes import Change
from storyline.dedup.relation import Comparer
from storyline.errors import Rejected

ANS_DEV = Path(__file__).resolve().parents[3] / "shared" / "data" / "ans_arabic_news_stance" / "stance" / "dev.csv"
"""ANS dev pairs in ../shared beside the repository, as tests/conftest.py finds the corpus."""
RELATIONS = {"duplicate", "rewrite", "translation", "conflicting", "related", "unrelated"}
STANCE_OF = {
    "duplicate": "agree",
    "rewrite": "agree",
    "translation": "agree",
    "conflicting": "disagree",
    "related": "other",
    "unrelated": "other",
}
FELT = "28_2ecb"  # Mark Felt ("Deep Throat") dies at 95
KLITSCHKO = "7_7ecb"  # a boxing match: another story altogether


@pytest.fixture(scope="module")
def comparer(encoder) -> Comparer:
    return Comparer(encoder)


@pytest.fixture(scope="module")
def rewrite_of_001(comparer, sample_texts):
    return comparer.compare(sample_texts["001"], sample_texts["002"])


def test_machine_rewrite_002_is_a_rewrite_of_001(rewrite_of_001):
    result = rewrite_of_001

    assert result.relation == "rewrite"
    assert 0.35 <= result.score <= 1.0
    assert Change("lone gunman opened fire on", "sniper targeting", "wording", False) in result.changes
    assert Change("December", "recent", "date", False) in result.changes
    assert not any(change.conflict for change in result.changes)


def test_the_mojibake_of_002_is_repaired_not_reported_as_a_change(rewrite_of_001, sample_texts):
    assert "ISโs" in sample_texts["002"] and "Assadโs" in sample_texts["002"]  # the sample is raw

    for change in rewrite_of_001.changes:
        assert "โ" not in change.a + change.b, change
        assert not ("Assad" in change.a and "Assad" in change.b), change  # Assad -> Assadโs


@pytest.mark.parametrize("variant", ["same", "reflowed"])
def test_the_same_article_is_a_duplicate_with_score_1(comparer, sample_texts, variant):
    text = sample_texts["001"]
    other = text if variant == "same" else " ".join(text.split())

    assert comparer.compare(text, other).relation == "duplicate"
    assert comparer.compare(text, other).score == 1.0
    assert comparer.compare(text, other).changes == ()


def test_an_article_with_one_paragraph_dropped_is_a_duplicate_below_1(comparer, sample_texts):
    paragraphs = [line for line in sample_texts["001"].splitlines() if line.strip()]
    del paragraphs[3]

    result = comparer.compare(sample_texts["001"], "\n".join(paragraphs))

    assert result.relation == "duplicate"
    assert 0.8 <= result.score < 1.0


@pytest.mark.parametrize(("first", "second"), [("000", "004"), ("004", "000")])
def test_another_event_of_the_same_long_running_story_is_no_copy(comparer, sample_texts, first, second):
    # 000: the US leaves its last Syrian bases (2026); 004: the fight for IS's last pocket (2019).
    result = comparer.compare(sample_texts[first], sample_texts[second])

    assert result.relation in {"related", "unrelated"}
    assert result.changes == ()
    assert 0.0 <= result.score <= 1.0


@pytest.mark.parametrize("other", ["ecb", "sample-004"])
def test_an_ecb_article_and_one_on_another_topic_are_unrelated(comparer, ecb, sample_texts, other):
    text = ecb[KLITSCHKO]["text"] if other == "ecb" else sample_texts["004"]

    result = comparer.compare(ecb[FELT]["text"], text)

    assert result.relation == "unrelated"
    assert result.changes == ()


def test_relations_mapped_to_stances_agree_with_ans_dev_labels(comparer):
    # The first 200 dev pairs, all of them: 126 disagree, 70 agree, 4 other (always-"disagree" scores 0.63).
    # The stance model was trained on train.csv; its per-stance offsets were tuned on dev.csv.
    if not ANS_DEV.is_file():
        pytest.fail(f"real data set not found: {ANS_DEV} (the tests expect ../shared beside the repository)")
    with ANS_DEV.open(encoding="utf-8", newline="") as lines:
        rows = list(csv.DictReader(lines))[:200]
    outcomes: Counter[tuple[str, str]] = Counter()

    for row in rows:
        relation = comparer.compare(row["s1"], row["s2"]).relation
        assert relation in RELATIONS
        outcomes[row["stance"], STANCE_OF[relation]] += 1

    accuracy = sum(n for (gold, got), n in outcomes.items() if gold == got) / len(rows)
    recall = {
        stance: outcomes[stance, stance] / sum(n for (gold, _), n in outcomes.items() if gold == stance)
        for stance in ("agree", "disagree")
    }
    assert accuracy >= 0.70, outcomes
    assert recall["agree"] >= 0.6 and recall["disagree"] >= 0.6, outcomes


def test_a_real_arabic_headline_pair_with_another_country_is_conflicting(comparer):
    a = "إختطاف 100 عائلة من شرقي سوريا على يد تنظيم الدولة"  # ANS train, disagree
    b = "إختطاف 100 عائلة من اليمن على يد تنظيم الدولة"

    result = comparer.compare(a, b)

    assert result.relation == "conflicting"
    assert [(c.kind, c.conflict) for c in result.changes] == [("place", True)]


# English statements: the stance model knows Arabic only, so facts and the cosine decide.


def test_the_stance_model_is_arabic_only(comparer):
    assert comparer.stance.languages == frozenset({"ar"})


def test_an_english_statement_and_its_negation_are_conflicting(comparer):
    result = comparer.compare("Oil prices rose sharply on Monday", "Oil prices did not rise on Monday")

    assert result.relation == "conflicting"
    assert result.changes == (Change("rose sharply", "did not rise", "negation", True),)


def test_two_english_headlines_of_one_fight_are_a_rewrite(comparer, encoder, ecb):
    a, b = (ecb[doc]["text"].splitlines()[0] for doc in ("7_6ecbplus", "7_10ecbplus"))
    assert a == "Klitschko stops Thompson in regulation win"
    first, second = encoder.encode([a, b])
    assert float(first @ second) >= 0.7

    result = comparer.compare(a, b)

    assert result.relation == "rewrite"
    assert result.score == pytest.approx(float(first @ second), abs=1e-4)
    assert not any(c.conflict for c in result.changes)


@pytest.fixture(scope="module")
def first_sentences_of_003(sample_texts) -> tuple[str, str]:
    """The opening sentence of sample 003 in Arabic and in its English translation."""
    lines = [line for line in sample_texts["003"].splitlines() if line.strip()]
    arabic = next(line for line in lines if re.search("[\u0600-\u06ff]", line))
    english = next(line for line in lines if not re.search("[\u0600-\u06ff]", line))
    assert english.startswith("Western media revealed today (Monday)")
    return arabic, english


@pytest.mark.parametrize("arabic_first", [True, False], ids=["ar-en", "en-ar"])
def test_a_headline_and_its_translation_are_translations(comparer, first_sentences_of_003, arabic_first):
    arabic, english = first_sentences_of_003
    a, b = (arabic, english) if arabic_first else (english, arabic)

    result = comparer.compare(a, b)

    assert result.relation == "translation"
    assert 0.7 <= result.score <= 1.0
    assert not any(c.conflict for c in result.changes)


def test_a_translation_with_another_weekday_is_conflicting(comparer, first_sentences_of_003):
    arabic, english = first_sentences_of_003
    assert "(الإثنين)" in arabic

    result = comparer.compare(english, arabic.replace("(الإثنين)", "(الثلاثاء)"))

    assert result.relation == "conflicting"
    assert Change("Monday", "الثلاثاء", "date", True) in result.changes


# Input that cannot be compared


GOOD = "Oil prices rose sharply on Monday"


@pytest.mark.parametrize(
    ("a", "b", "side", "says"),
    [
        ("", GOOD, "a", "empty"),
        (GOOD, "  \n\t", "b", "empty"),
        (None, GOOD, "a", "missing"),
        (GOOD, None, "b", "missing"),
        (GOOD, 42, "b", "not text but int"),
        (GOOD, "Oil", "b", "fewer than 2 words"),
        ("Monday", GOOD, "a", "fewer than 2 words"),
        (GOOD, "ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ ᎠᏂᏴᏫ", "b", "CHEROKEE"),
        ("ዜና ዛሬ ኢትዮጵያ", GOOD, "a", "ETHIOPIC"),
    ],
    ids=["empty-a", "blank-b", "none-a", "none-b", "number-b", "one-word-b", "one-word-a", "cherokee-b", "geez-a"],
)
def test_a_side_that_cannot_be_compared_is_rejected_naming_the_side(comparer, a, b, side, says):
    with pytest.raises(Rejected) as caught:
        comparer.compare(a, b)

    assert f"side {side!r}" in caught.value.reason
    assert says in caught.value.reason
    assert "\n" not in caught.value.reason


def test_a_short_statement_in_a_script_written_without_spaces_is_accepted(comparer):
    # One "word" of Japanese is a sentence: it is not rejected as too short.
    result = comparer.compare(GOOD, "石油価格が上昇した")

    assert result.relation in RELATIONS
