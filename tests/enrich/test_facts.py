"""Figures and attributed statements: found in English and Arabic news, each tied to what it counts or who said it."""

from __future__ import annotations

import pytest

from storyline.enrich import split_sentences
from storyline.enrich.facts import Figure, Quote, facts_of, find_facts


def _english(text: str) -> tuple[list[str], list[Figure], list[Quote]]:
    sentences = split_sentences(text)
    figures, quotes = facts_of([("en", sentences)])
    return sentences, figures, quotes


def _figure(figures: list[Figure], text: str) -> Figure:
    found = [f for f in figures if f.text == text]
    assert found, f"{text!r} not among {[f.text for f in figures]}"
    return found[0]


def _said(quotes: list[Quote], words: str) -> Quote:
    """The statement containing ``words``."""
    found = [q for q in quotes if words.casefold() in q.text.casefold()]
    assert found, f"{words!r} not said in {[(q.speaker, q.text) for q in quotes]}"
    return found[0]


@pytest.fixture(scope="module")
def sample_000(sample_texts):
    return _english(sample_texts["000"])


@pytest.fixture(scope="module")
def sample_001(sample_texts):
    return _english(sample_texts["001"])


def test_troop_count_is_approximate_and_counts_troops(sample_000):
    sentences, figures, _ = sample_000
    troops = _figure(figures, "about 1,000 troops")
    assert (troops.value, troops.approximate, troops.counts) == (1000, True, "troops")
    assert sentences[troops.sentence][troops.start : troops.end] == "about 1,000 troops"


def test_ranges_and_vague_counts(sample_000):
    _, figures, _ = sample_000
    weeks = _figure(figures, "three to five weeks")
    assert (weeks.value, weeks.low, weeks.high, weeks.counts) == (3, 3, 5, "weeks")
    trucks = _figure(figures, "dozens of trucks")
    assert trucks.counts == "trucks" and trucks.approximate and trucks.low == trucks.value


def test_deadline_claims_are_tied_to_their_speakers(sample_000):
    sentences, _, quotes = sample_000
    month = _said(quotes, "Within a month, they will have withdrawn")
    assert month.speaker == "a Syrian government official"
    assert sentences[month.sentence][month.start : month.end] == month.text  # the quotation, marks excluded
    days = _said(quotes, "within 20 days")
    assert days.speaker == "A diplomat"  # not "A diplomat from a country allied with both ..."
    assert days.text == "the withdrawal should be completed within 20 days"
    assert _said(quotes, "three to five weeks").speaker == "The Kurdish source"


def test_reported_speech_has_its_sources(sample_000):
    _, _, quotes = sample_000
    lead = _said(quotes, "will complete their withdrawal from Syria within a month")
    assert lead.speaker == "three sources"
    assert not lead.text.startswith("QAMISHLI")  # the dateline is nobody's statement
    assert "told AFP" not in lead.text


def test_sample_001_figures_and_sources(sample_001):
    _, figures, quotes = sample_001
    jihadists = _figure(figures, "around 7,000 suspected jihadists")
    assert (jihadists.value, jihadists.approximate, jihadists.counts) == (7000, True, "suspected jihadists")
    days = _figure(figures, "15 days")  # "for the past 15 days" is a span of time, and a figure
    assert (days.value, days.counts, days.approximate) == (15, "days", False)
    assert _figure(figures, "two US soldiers").counts == "US soldiers"
    assert _said(quotes, "withdrawn to Jordan").speaker == "two Syrian military sources"
    assert _said(quotes, "withdrew entirely from Al-Tanf").speaker == "One source"
    assert _said(quotes, "Qasrak base").speaker == "the Syrian Observatory for Human Rights"  # "according to"


def test_years_and_dates_are_no_figures(sample_000, sample_001):
    for _, figures, _ in (sample_000, sample_001):
        written = " ".join(f.text for f in figures)
        for date in ("2014", "2019", "Feb 11", "Feb 8", "11", "8"):
            assert not any(f.text == date or f.text.startswith(date + " ") for f in figures), (date, written)
        assert all(not (1900 <= f.value <= 2100 and not f.counts) for f in figures)


def test_numbers_inside_names_are_no_figures():
    figures, _ = find_facts(["The convoy took the M4 highway and an F-16 flew over Route 66 with 12 soldiers."], "en")
    assert [(f.value, f.counts) for f in figures] == [(12, "soldiers")]


def test_arabic_segment_of_003(sample_texts):
    arabic = "\n".join(sample_texts["003"].splitlines()[:6])
    sentences = split_sentences(arabic)
    figures, quotes = facts_of([("ar", sentences), ("en", ["Nothing here."])])
    bases = _figure(figures, "قاعدتين")  # a dual noun: two bases
    assert (bases.value, bases.counts) == (2, "قاعدة")
    assert not any(f.text.endswith(("2014", "2017", "2019")) for f in figures)  # years
    assert not any("4" in f.text for f in figures)  # «أم 4» is a road's name
    officials = [q for q in quotes if q.speaker == "مسؤولون سوريون وأكراد"]
    assert officials and officials[0].text.startswith("واشنطن لن تبقي")
    assert any(q.speaker == "مصادر متطابقة" for q in quotes)


def test_arabic_digits_words_and_qualifiers():
    sentence = "وقال المرصد السوري إن نحو ٧٠٠٠ معتقل نقلوا إلى العراق، بحسب مصادر محلية."
    figures, quotes = find_facts([sentence], "ar")
    detainees = _figure(figures, "نحو ٧٠٠٠ معتقل")
    assert (detainees.value, detainees.approximate, detainees.counts) == (7000, True, "معتقل")
    assert [q.speaker for q in quotes] == ["المرصد السوري", "مصادر محلية"]


def test_ecb_article_figure_and_quote(ecb):
    _, figures, quotes = _english(ecb["12_4ecbplus"]["text"])
    pirates = _figure(figures, "26 Somali pirates")
    assert (pirates.value, pirates.counts) == (26, "Somali pirates")
    rounds = _figure(figures, "about 300 rounds")
    assert rounds.approximate and rounds.value == 300
    officer = _said(quotes, "The warship immediately altered towards the suspicious vessels")
    assert officer.speaker == "the officer"


def test_ecb_lower_bounds_and_police_statement(ecb):
    _, figures, quotes = _english(ecb["8_1ecbplus"]["text"])
    dead = _figure(figures, "at least three people")
    assert (dead.value, dead.low, dead.high, dead.approximate) == (3, 3, None, True)
    assert _said(quotes, "two women and one man died").speaker == "Police"


def test_other_languages_have_no_facts():
    assert find_facts(["Trois sources ont dit que 1 000 soldats partiront."], "fr") == ([], [])
