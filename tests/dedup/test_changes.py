"""changes(), conflicting(), stated() and facts() on real sentences: which differences are facts, and which contradict.

Sentences come from the sample corpus and the ANS stance corpus (Arabic headline pairs);
where a pair is built, it is a real sentence with one fact changed, as a rewrite would.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from storyline.dedup.changes import Change, changes, conflicting, facts, stated
from storyline.enrich.sentences import split_sentences

ANS = Path(__file__).resolve().parents[3] / "shared" / "data" / "ans_arabic_news_stance" / "stance"
"""The ANS corpus in ../shared beside the repository, as tests/conftest.py finds it."""


@pytest.fixture(scope="module")
def ans_rows() -> dict[tuple[str, str], str]:
    """Stance of every ANS pair (train and dev), keyed by (s1, s2)."""
    rows: dict[tuple[str, str], str] = {}
    for split in ("train", "dev"):
        path = ANS / f"{split}.csv"
        if not path.is_file():
            pytest.fail(f"real data set not found: {path} (the tests expect ../shared beside the repository)")
        with path.open(encoding="utf-8", newline="") as lines:
            rows.update({(row["s1"], row["s2"]): row["stance"] for row in csv.DictReader(lines)})
    return rows


def sentence(text: str, start: str) -> str:
    """The sentence of a sample that begins with ``start``, split as the comparer splits it."""
    found = [s for line in text.splitlines() if line.strip() for s in split_sentences(line) if s.startswith(start)]
    assert len(found) == 1, (start, found)
    return found[0]


def kinds(found: list[Change]) -> list[tuple[str, bool]]:
    return [(c.kind, c.conflict) for c in found]


@pytest.fixture(scope="module")
def sample_003_lines(sample_texts) -> tuple[list[str], list[str]]:
    """Sample 003's Arabic paragraphs and their English translations, in order (one sentence each)."""
    lines = [line for line in sample_texts["003"].splitlines() if line.strip()]
    arabic = [line for line in lines if re.search("[\u0600-\u06ff]", line)]
    english = [line for line in lines if not re.search("[\u0600-\u06ff]", line)]
    assert len(arabic) == len(english) == 6
    return arabic, english


# Numbers


def test_a_number_swapped_for_a_tenth_of_it_conflicts(sample_texts):
    original = sentence(sample_texts["001"], "Since then, the US has been conducting")
    assert "7,000" in original

    found = changes(original, original.replace("7,000", "700"))

    assert found == [Change("7,000", "700", "number", True)]
    assert conflicting(found)


def test_a_real_headline_pair_with_another_age_conflicts(ans_rows):
    a, b = "وفاة ميني مي عن عمر يناهز 49 عام", "وفاة ميني مي عن عمر يناهز 80 عام"
    assert ans_rows[(a, b)] == "disagree"

    found = changes(a, b, "ar", "ar")

    assert found == [Change("49", "80", "number", True)]


def test_arabic_indic_digits_are_the_same_number(ans_rows):
    headline = "أسعار النفط ترتفع.. وبرنت يقترب من 80 دولارا"
    restated = "ارتفاع على النفط و٨٠ دولارا للبرنت"  # the corpus's own rewording, in Arabic-Indic digits
    assert ans_rows[(headline, restated)] == "agree"

    assert changes(headline, headline.replace("80", "٨٠"), "ar", "ar") == []
    assert not [c for c in changes(headline, restated, "ar", "ar") if c.kind == "number"]
    assert [t.fact for t in facts("٨٠ دولارا", "ar") if t.fact] == ["number:80"]
    # Arabic-Indic digits are compared, not ignored: another number in them conflicts.
    assert changes(headline, headline.replace("80", "٧٠"), "ar", "ar") == [Change("80", "٧٠", "number", True)]


def test_a_dropped_number_is_reported_but_does_not_conflict(sample_texts):
    original = sentence(sample_texts["001"], "A second source confirmed")
    trimmed = original.replace(" for the past 15 days", "")
    assert trimmed != original

    found = changes(original, trimmed)

    assert found == [Change("for the past 15 days", "", "number", False)]
    assert not conflicting(found)


# Negation


def test_an_english_statement_negated_conflicts():
    found = changes("Oil prices rose sharply on Monday", "Oil prices did not rise on Monday")

    assert found == [Change("rose sharply", "did not rise", "negation", True)]
    assert conflicting(found)


def test_an_arabic_headline_negated_with_lam_conflicts(ans_rows):
    headline = "المصور المصري شوكان يتسلم جائزة حرية الصحافة من اليونسكو"
    assert headline in {s2 for _, s2 in ans_rows}
    negated = headline.replace("شوكان يتسلم", "شوكان لم يتسلم")

    found = changes(headline, negated, "ar", "ar")

    assert kinds(found) == [("negation", True)]
    assert "لم" in found[0].b


def test_a_real_arabic_pair_that_drops_a_negation_conflicts(ans_rows):
    a = "إسرائيل تعلن أنه لا يوجد تغيير في قواعد الاشتباك عند حدود غزة"
    b = "إسرائيل تعلن تغيير كبير في قواعد الاشتباك عند حدود غزة"
    assert ans_rows[(a, b)] == "disagree"

    found = changes(a, b, "ar", "ar")

    assert kinds(found) == [("negation", True)]
    assert "لا" in found[0].a.split()


# Places


def test_a_country_swapped_in_a_real_headline_pair_conflicts(ans_rows):
    a = "إختطاف 100 عائلة من شرقي سوريا على يد تنظيم الدولة"
    b = "إختطاف 100 عائلة من اليمن على يد تنظيم الدولة"
    assert ans_rows[(a, b)] == "disagree"

    found = changes(a, b, "ar", "ar")

    assert kinds(found) == [("place", True)]
    assert "سوريا" in found[0].a and found[0].b == "اليمن"
    assert conflicting(found)


def test_the_same_place_in_two_scripts_is_no_change(sample_003_lines):
    arabic, english = sample_003_lines
    ar, en = arabic[1], english[1]  # the M4 road to Hasakah / الحسكة
    assert "Hasakah" in en and "الحسكة" in ar
    hasakah = {t.fact for t in facts(en, "en") if t.text == "Hasakah"}

    assert hasakah and hasakah == {t.fact for t in facts(ar, "ar") if t.text == "الحسكة"}
    assert changes(en, ar, "en", "ar") == []
    assert changes(ar, en, "ar", "en") == []
    # Another town in the translation is a contradiction, not a spelling.
    assert changes(en, ar.replace("الحسكة", "الرقة"), "en", "ar") == [Change("Hasakah", "الرقة", "place", True)]


def test_syria_spelled_with_ta_marbuta_is_syria(sample_003_lines):
    arabic, english = sample_003_lines
    assert "سورية" in arabic[0] and "Syria" in english[0]

    assert changes(english[0], arabic[0], "en", "ar") == []


def test_the_us_and_the_united_states_are_one_place(sample_texts):
    original = sentence(sample_texts["001"], "However, after the fall")
    assert "the United States" in original

    assert changes(original, original.replace("the United States", "the US")) == []


# Names


def test_one_person_swapped_for_another_conflicts(sample_texts):
    original = sentence(sample_texts["004"], "Mr Trump said last December")
    putin, erdogan = original.replace("Trump", "Putin"), original.replace("Trump", "Erdogan")

    found = changes(putin, erdogan)

    assert found == [Change("Putin", "Erdogan", "name", True)]


def test_a_name_that_opens_the_sentence_swapped_for_another_conflicts(sample_texts):
    original = sentence(sample_texts["004"], "Mr Trump said last December")

    found = changes(original.replace("Mr Trump", "Putin"), original.replace("Mr Trump", "Erdogan"))

    assert found == [Change("Putin", "Erdogan", "name", True)]


def test_a_name_that_is_also_a_word_swapped_for_another_conflicts(sample_texts):
    original = sentence(sample_texts["004"], "Mr Trump said last December")

    found = changes(original, original.replace("Trump", "Erdogan"))

    assert found == [Change("Trump", "Erdogan", "name", True)]


def test_one_name_spelled_two_ways_is_no_change(sample_texts):
    # 000-002 write Qasrak, the English of 003 writes Qasrk: the same base.
    assert "Qasrk" in sample_texts["003"] and "Qasrak" in sample_texts["000"]
    original = sentence(sample_texts["001"], "Following the withdrawal from Al-Tanf")

    assert changes(original, original.replace("Qasrak", "Qasrk")) == []
    assert changes(original, original.replace("Qasrak", "Shadadi")) == [Change("Qasrak", "Shadadi", "name", True)]


# Dates


def test_another_weekday_conflicts(sample_texts):
    original = sentence(sample_texts["000"], "QAMISHLI, Syria")

    found = changes(original, original.replace("Monday", "Tuesday"))

    assert found == [Change("Monday", "Tuesday", "date", True)]


def test_a_month_made_vague_is_a_date_change_that_does_not_conflict(sample_texts):
    original = sentence(sample_texts["001"], "It was blamed for a December attack")

    found = changes(original, original.replace("a December attack", "a recent attack"))

    assert found == [Change("December", "recent", "date", False)]
    assert not conflicting(found)


# Wording


def test_the_rewritten_attack_sentence_of_002_rewords_the_gunman_without_contradiction(sample_texts):
    original = sentence(sample_texts["001"], "It was blamed for a December attack")
    rewrite = sentence(sample_texts["002"], "Despite being territorially vanquished")

    found = changes(original, rewrite)

    assert Change("lone gunman opened fire on", "sniper targeting", "wording", False) in found
    assert Change("December", "recent", "date", False) in found
    assert not conflicting(found)


def test_another_form_of_the_same_word_is_no_change(sample_texts):
    original = sentence(sample_texts["001"], "As Mr Sharaa")
    assert "the Kurds have" in original

    assert changes(original, original.replace("the Kurds have", "the Kurdish have")) == []
    assert changes(original, original.replace("Kurds", "Druze")) == [Change("Kurds", "Druze", "name", True)]


# Facts stated elsewhere in the text


def test_a_fact_moved_to_another_sentence_is_not_dropped(sample_texts):
    original = sentence(sample_texts["001"], "DAMASCUS - US forces have withdrawn to Jordan")
    rewrite = sentence(sample_texts["002"], "US forces have withdrawn from the Al-Tanf base")
    assert "Jordan" not in rewrite  # 002 says "a new base in Jordan" two sentences later
    rewrite_facts = stated([(s, "en") for line in sample_texts["002"].splitlines() for s in split_sentences(line)])
    original_facts = stated([(s, "en") for line in sample_texts["001"].splitlines() for s in split_sentences(line)])

    alone = changes(original, rewrite)
    in_context = changes(original, rewrite, known_a=original_facts, known_b=rewrite_facts)

    assert Change("to Jordan", "", "place", False) in alone
    assert not [c for c in in_context if "Jordan" in c.a]
    # A fact the rewrite never states is still reported as dropped.
    assert [c for c in in_context if "Feb 11" in c.a] and not conflicting(in_context)


def test_stated_gives_the_same_language_neutral_keys_in_either_language():
    english = stated(
        [("Around 7,000 detainees were moved on Monday.", "en"), ("They arrived in Hasakah in December.", "en")]
    )
    arabic = stated([("نقل نحو ٧٠٠٠ محتجز يوم الإثنين.", "ar"), ("وصلوا إلى الحسكة في ديسمبر", "ar")])

    assert english == arabic == {"number:7000", "weekday:0", "month:12", "place:geonames:173811"}


# Across languages


ENGLISH_7000 = "Since then, the US has been conducting an operation to transfer around 7,000 suspected jihadists"
ARABIC_7000 = (
    "ومنذ ذلك الحين، تجري الولايات المتحدة عملية لنقل نحو {} جهادي مشتبه بهم من سوريا، "
    "حيث كان كثير منهم محتجزين في مرافق احتجاز لدى مقاتلين أكراد، إلى العراق المجاور."
)
"""An Arabic translation of 001's sentence on the transfer of detainees, with the number left open."""


@pytest.mark.parametrize("number", ["700", "٧٠٠"])
def test_a_translation_with_another_number_conflicts(sample_texts, number):
    english = sentence(sample_texts["001"], ENGLISH_7000)

    found = changes(english, ARABIC_7000.format(number), "en", "ar")

    assert [c for c in found if c.kind == "number"] == [Change("7,000", number, "number", True)]
    assert conflicting(found)


@pytest.mark.parametrize("number", ["7000", "٧٠٠٠"])
def test_a_translation_with_the_same_number_has_no_number_change(sample_texts, number):
    english = sentence(sample_texts["001"], ENGLISH_7000)

    found = changes(english, ARABIC_7000.format(number), "en", "ar")

    # (It does list the US, named in Arabic only: see test_the_us_and_the_united_states_are_one_place.)
    assert not [c for c in found if c.kind == "number"]
    assert not conflicting(found)


def test_a_faithful_translation_of_a_number_sentence_has_no_change(sample_texts):
    english = sentence(sample_texts["000"], "The United States has about 1,000 troops")
    arabic = "لا يزال لدى الولايات المتحدة نحو {} جندي منتشرين في سوريا."

    assert changes(english, arabic.format("1000"), "en", "ar") == []
    assert changes(english, arabic.format("١٠٠٠"), "en", "ar") == []
    assert changes(english, arabic.format("100"), "en", "ar") == [Change("1,000", "100", "number", True)]
