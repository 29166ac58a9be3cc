"""Dates: found in English and Arabic news, resolved against the publication date as an analyst would."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from babel.dates import format_date

from storyline.enrich import split_sentences
from storyline.enrich.dates import DateMention, find_dates, infer_published
from storyline.models import Document
from storyline.normalize import normalize

Resolved = tuple[str, date | None, date | None]


def _published(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T09:00:00+00:00")


def _resolved(mentions: list[DateMention]) -> dict[str, Resolved]:
    """Each distinct mention text with its kind and bounds; a text repeated must resolve the same each time."""
    found: dict[str, Resolved] = {}
    for m in mentions:
        assert found.setdefault(m.text, (m.kind, m.earliest, m.latest)) == (m.kind, m.earliest, m.latest), m.text
    return found


def _day(iso: str) -> tuple[date, date]:
    return date.fromisoformat(iso), date.fromisoformat(iso)


def test_dateline_story_resolves_against_its_publication_day(sample_texts):
    found = _resolved(find_dates(split_sentences(sample_texts["001"]), "en", _published("2026-02-11")))
    assert found["Feb 11"] == ("day", *_day("2026-02-11"))
    assert found["Feb 8"] == ("day", *_day("2026-02-08"))  # the photo caption, three days before
    assert found["November"] == ("month", date(2025, 11, 1), date(2025, 11, 30))  # "visited ... in November"
    assert found["for the past 15 days"] == ("interval", date(2026, 1, 27), date(2026, 2, 11))
    assert found["today"] == ("relative", *_day("2026-02-11"))
    assert found["last month"] == ("relative", date(2026, 1, 1), date(2026, 1, 31))
    assert found["December"] == ("month", date(2025, 12, 1), date(2025, 12, 31))  # "a December attack"
    assert found["2019"] == ("year", date(2019, 1, 1), date(2019, 12, 31))


def test_weekday_deadlines_and_spans_of_a_story_published_on_monday(sample_texts):
    mentions = find_dates(split_sentences(sample_texts["000"]), "en", _published("2026-02-16"))
    found = _resolved(mentions)
    assert found["Monday"] == ("weekday", *_day("2026-02-16"))
    assert found["Saturday"] == ("weekday", *_day("2026-02-14"))
    assert found["within a month"] == ("deadline", date(2026, 2, 16), date(2026, 3, 16))
    assert found["Within a month"] == found["within a month"]
    assert found["last month"] == ("relative", date(2026, 1, 1), date(2026, 1, 31))
    assert found["in the past two weeks"] == ("interval", date(2026, 2, 2), date(2026, 2, 16))
    # the three sources' deadlines for the withdrawal, each from publication
    assert found["within 20 days"] == ("deadline", date(2026, 2, 16), date(2026, 3, 8))
    assert found["within a period of three to five weeks"] == ("deadline", date(2026, 3, 9), date(2026, 3, 23))
    # "about 1,000 troops", "lasted for about 12 years", "over the coming days" date nothing
    assert sorted(found) == sorted(
        ["Monday", "Saturday", "within a month", "Within a month", "last month", "in the past two weeks",
         "within 20 days", "within a period of three to five weeks", "2014", "2019"]
    )  # fmt: skip


def test_a_bare_weekday_is_the_most_recent_one(sample_texts):
    found = _resolved(find_dates(split_sentences(sample_texts["000"]), "en", _published("2026-02-18")))
    assert found["Monday"] == ("weekday", *_day("2026-02-16"))  # Wednesday's paper: two days back
    assert found["Saturday"] == ("weekday", *_day("2026-02-14"))


def test_mentions_point_into_their_sentence(sample_texts):
    sentences = split_sentences(sample_texts["000"])
    for m in find_dates(sentences, "en", _published("2026-02-16")):
        assert sentences[m.sentence][m.start : m.end] == m.text


def test_arabic_segment_resolves_today_monday_deadline_and_last_month(sample_texts):
    article = normalize(Document(id="003", origin="test:003", text=sample_texts["003"]))
    (arabic,) = [s for s in article.segments if s.language == "ar"]
    found = _resolved(find_dates(split_sentences(arabic.text), "ar", _published("2026-02-16")))
    assert found["اليوم (الإثنين)"] == ("relative", *_day("2026-02-16"))
    assert found["خلال شهر"] == ("deadline", date(2026, 2, 16), date(2026, 3, 16))
    # «بعدما أخلت قاعدتين خلال أسبوعين»: after it vacated two bases within two weeks, a span back
    assert found["خلال أسبوعين"] == ("interval", date(2026, 2, 2), date(2026, 2, 16))
    assert found["الشهر الماضي"] == ("relative", date(2026, 1, 1), date(2026, 1, 31))
    assert {found[y][1] for y in ("2014", "2017", "2019")} == {date(2014, 1, 1), date(2017, 1, 1), date(2019, 1, 1)}


def test_old_page_dates_itself_and_its_relative_dates(sample_texts):
    sentences = split_sentences(sample_texts["004"])
    published = infer_published(find_dates(sentences, "en", None))
    assert published == datetime(2019, 2, 11, tzinfo=UTC)  # its date line, under the byline

    found = _resolved(find_dates(sentences, "en", published))
    assert found["February 11, 2019"] == ("day", *_day("2019-02-11"))
    assert found["February 3, 2019"] == ("day", *_day("2019-02-03"))
    assert found["January 29"] == ("day", *_day("2019-01-29"))
    assert found["last December"] == ("month", date(2018, 12, 1), date(2018, 12, 31))
    assert found["Wednesday"] == ("weekday", *_day("2019-02-06"))
    assert found["last week"] == ("relative", date(2019, 2, 4), date(2019, 2, 10))
    assert found["next week"] == ("relative", date(2019, 2, 18), date(2019, 2, 24))
    assert found["since 2016"] == ("interval", date(2016, 1, 1), date(2019, 2, 11))
    assert found["weekend"] == ("weekday", date(2019, 2, 9), date(2019, 2, 10))  # "the weekend offensive"
    assert found["within a couple of weeks"] == ("deadline", date(2019, 2, 11), date(2019, 2, 25))


def test_undated_article_keeps_its_mentions_without_bounds(sample_texts):
    sentences = split_sentences(sample_texts["000"])
    dated = find_dates(sentences, "en", _published("2026-02-16"))
    undated = find_dates(sentences, "en", None)
    assert [(m.text, m.kind) for m in undated] == [(m.text, m.kind) for m in dated]
    bounded = {m.text: (m.earliest, m.latest) for m in undated if m.earliest or m.latest}
    assert bounded == {"2014": (date(2014, 1, 1), date(2014, 12, 31)), "2019": (date(2019, 1, 1), date(2019, 12, 31))}
    assert infer_published(undated) is None  # no day written with its year


def test_ecbplus_absolute_dates(ecb):
    line = ecb["35_11ecbplus"]["text"].split("\n")[1]
    (williams,) = find_dates([line], "en", None)
    assert williams.text == "Sunday, February 1, 2009" and williams.kind == "day"
    assert williams.earliest == williams.latest == date(2009, 2, 1)

    (header,) = find_dates([ecb["2_1ecbplus"]["text"].split("\n")[1]], "en", None)
    assert header.text == "Friday August 2, 2013" and header.earliest == date(2013, 8, 2)  # "@ 8: 13am PDT" left out

    cnn = ecb["2_2ecbplus"]  # its URL says 2013/08/02
    assert infer_published(find_dates(cnn["text"].split("\n"), "en", None)) == datetime(2013, 8, 2, tzinfo=UTC)


def test_times_of_day_are_not_dates(ecb):
    walking = ecb["21_13ecbplus"]["text"].split("\n")[2]  # "at about 7 p. m. when she was struck by a gray 2013 Toyota"
    assert "7 p. m." in walking
    assert [m.text for m in find_dates([walking], "en", None)] == ["2013"]
    parked = ecb["21_4ecbplus"]["text"].split("\n")[4]  # "around 7 p. m. Friday at 97th Avenue"
    assert [m.text for m in find_dates([parked], "en", None) if m.kind != "year"] == ["Friday"]


def test_a_clause_that_looks_ahead_takes_the_next_date(ecb, sample_texts):
    broadcast = ecb["2_3ecb"]["text"].split("\n")[2]
    assert broadcast == "ABC will broadcast the awards show on Feb. 22."
    (oscars,) = find_dates([broadcast], "en", _published("2008-12-13"))
    assert (oscars.text, oscars.earliest) == ("Feb. 22", date(2009, 2, 22))
    said = [s for s in split_sentences(sample_texts["004"]) if "January 29" in s]
    (reported,) = [m for m in find_dates(said, "en", _published("2019-02-11")) if m.kind == "day"]
    assert reported.earliest == date(2019, 1, 29)  # "said on January 29 that ISIS was expected to lose ..."


@pytest.mark.parametrize("locale", ["ar_SY", "ar_LB", "ar_IQ", "ar_EG", "ar_SA", "ar_DZ", "ar_MA"])
def test_arabic_month_names_of_every_family(locale):
    """Levantine (كانون الثاني, شباط), Egyptian (يناير, فبراير) and Maghrebi (جانفي) dates as CLDR writes them."""
    for month in range(1, 13):
        written = format_date(date(2026, month, 11), "full", locale=locale)  # "الأربعاء، 11 شباط 2026"
        (mention,) = find_dates([f"وقع الهجوم {written}."], "ar", None)
        assert (mention.kind, mention.earliest, mention.latest) == ("day", date(2026, month, 11), date(2026, month, 11))
        assert mention.text == written


def test_arabic_headlines(arabic_headlines):
    published = _published("2026-02-18")
    headlines = {
        "ليبيا تعلن الاتفاق على إجراء انتخابات رئاسية وبرلمانية في ديسمبر المقبل": (
            "ديسمبر المقبل", "month", date(2026, 12, 1)
        ),
        "ارتفاع قياسي لمؤشر نيكاي منذ ١٩٩١": ("منذ ١٩٩١", "interval", date(1991, 1, 1)),
        "اللبنانيون ينتخبون برلمانا جديدا لأول مرة منذ 9 أعوام": ("منذ 9 أعوام", "interval", date(2017, 2, 18)),
        "تراجع في أسعار الذهب هذا الاسبوع": ("هذا الاسبوع", "relative", date(2026, 2, 16)),
        "مع تدهور الليرة.. تركيا تعلن غدا عن نموذج اقتصادي جديد": ("غدا", "relative", date(2026, 2, 19)),
    }
    for headline, expected in headlines.items():
        assert headline in arabic_headlines
        (mention,) = find_dates([headline], "ar", published)
        assert (mention.text, mention.kind, mention.earliest) == expected
    nissan = "ضربة قوية لشركة نيسان بعد فضيحة الانبعاثات"  # Nissan the carmaker, not نيسان the month (April)
    assert nissan in arabic_headlines and find_dates([nissan], "ar", published) == []


def test_language_without_date_words_finds_nothing():
    assert find_dates(["Le lundi 16 février 2026, les troupes sont parties."], "fr", None) == []


def test_deadline_words_in_a_clause_that_tells_the_past_are_a_span_back():
    published = _published("2026-02-16")
    ahead = _resolved(find_dates(["ستنسحب القوات خلال أسبوعين."], "ar", published))
    assert ahead["خلال أسبوعين"] == ("deadline", date(2026, 2, 16), date(2026, 3, 2))
    back = _resolved(find_dates(["The army had taken the town within two weeks."], "en", published))
    assert back["within two weeks"] == ("interval", date(2026, 2, 2), date(2026, 2, 16))
    both = _resolved(find_dates(["Troops will leave within a month, as they had planned."], "en", published))
    assert both["within a month"] == ("deadline", date(2026, 2, 16), date(2026, 3, 16))  # the future wins
