"""Page furniture, captions and agency tags on realistic scraped articles."""

from __future__ import annotations

import pytest

from storyline.models import Document
from storyline.normalize import normalize

ENGLISH_PAGE = """\
Rescue workers searching for survivors in Derna, Libya, on Sept 11.
DERNA, Libya, Sept 12 (Reuters) - Floods killed at least 2,000 people in eastern Libya, officials said on Tuesday.
Share this article
Advertisement
The Libyan Red Crescent said the toll was expected to rise as teams reached cut-off districts.
(Photo by Abdullah Doma/AFP via Getty Images)
Read more: Why the dams in Derna failed
Related: Libya's rival governments trade blame
Sign up for our Middle East newsletter
Follow us on Twitter
Officials said rescue teams from Egypt and Turkey (Photo by Jane Doe/AFP) had arrived overnight.
(Reporting by Ahmed Elumami; Editing by Tom Hogue)
Copyright 2023 Thomson Reuters. All rights reserved.
"""

ARABIC_PAGE = """\
بيروت (أ ف ب) - قتل عشرة أشخاص على الأقل في غارة جوية استهدفت بلدة في جنوب لبنان اليوم الثلاثاء، وفق ما أفاد مصدر أمني.
اقرأ أيضا: تصعيد جديد على الحدود الجنوبية
وقال المصدر إن الغارة استهدفت مبنى سكنيا في وسط البلدة.
شارك
إعلان
جميع الحقوق محفوظة © 2024
(أ ف ب)
"""


def _text(raw: str) -> str:
    return normalize(Document(id="t", origin="test", text=raw)).text


def test_english_page_furniture_is_removed() -> None:
    assert _text(ENGLISH_PAGE).split("\n\n") == [
        "DERNA, Libya, Sept 12 (Reuters) - Floods killed at least 2,000 people in eastern Libya, "
        "officials said on Tuesday.",
        "The Libyan Red Crescent said the toll was expected to rise as teams reached cut-off districts.",
        "Officials said rescue teams from Egypt and Turkey had arrived overnight.",
    ]


def test_arabic_page_furniture_and_tag_are_removed_and_credited() -> None:
    article = normalize(Document(id="ar", origin="test", text=ARABIC_PAGE))
    assert article.text.split("\n\n") == [
        "بيروت (أ ف ب) - قتل عشرة أشخاص على الأقل في غارة جوية استهدفت بلدة في جنوب لبنان اليوم الثلاثاء، "
        "وفق ما أفاد مصدر أمني.",
        "وقال المصدر إن الغارة استهدفت مبنى سكنيا في وسط البلدة.",
    ]
    assert article.credits == ("AFP",)


@pytest.mark.parametrize(
    "caption",
    [
        "Soldiers patrolling a street in Mosul, Iraq, on March 3.",
        "Displaced Syrians carrying their belongings walk past a checkpoint near Idlib, Syria, on Feb. 4, 2020.",
        "Civilians fleeing the fighting wait to be screened by the SDF in Deir Ezzor province on February 3, 2019.",
        "Photo: A convoy of US armoured vehicles in Hasakeh province. AFP",
        "AFP PHOTO / DELIL SOULEIMAN",
        "AP Photo/Hussein Malla",
        "Image caption, Residents inspect a damaged building in Gaza City",
        "File photo: US troops at a base in northern Syria",
        "FILE - In this Jan. 5, 2019, file photo, US troops patrol near Manbij, Syria.",
        "مصدر الصورة، Getty Images",
        "صورة أرشيفية لقوات أمريكية في شمال شرق سوريا",
    ],
)
def test_captions_are_removed(caption: str) -> None:
    body = "The defence ministry said the operation would continue until the area was secured."
    assert _text(f"{caption}\n{body}") == body


@pytest.mark.parametrize(
    "sentence",
    [
        # an -ing word, a place and a date, but a finite verb: article text
        "Protesters marching through the capital clashed with police in Baghdad on Friday, witnesses said.",
        "Gunmen wearing military uniforms killed 12 people in Kabul on March 3.",
        "During the Syrian civil war, US forces were deployed in the north-east.",
        "Subscribers to the service were warned of delays, the company said.",
        "The newspaper's copyright claim was rejected by the court on Monday.",
    ],
)
def test_article_sentences_that_look_like_furniture_are_kept(sentence: str) -> None:
    body = "The defence ministry said the operation would continue until the area was secured."
    assert _text(f"{sentence}\n{body}") == f"{sentence}\n\n{body}"


@pytest.mark.parametrize(
    ("ending", "credits"),
    [
        ("Washington later conducted retaliatory strikes on IS targets in Syria. AFP", ("AFP",)),
        ("Washington later conducted retaliatory strikes on IS targets in Syria.\n(Reuters)", ("Reuters",)),
        ("Washington later conducted retaliatory strikes on IS targets in Syria. — AP", ("AP",)),
        ("Washington later conducted retaliatory strikes on IS targets in Syria.\nAFP/Reuters", ("AFP", "Reuters")),
        ("Washington later conducted retaliatory strikes on IS targets in Syria.\n(With AFP)", ("AFP",)),
        ("Washington later conducted retaliatory strikes on IS targets in Syria.\n(Agencies)", ()),
    ],
)
def test_trailing_agency_tag_is_cut_and_credited(ending: str, credits: tuple[str, ...]) -> None:
    lead = "The United States has about 1,000 troops still deployed in Syria, officials said."
    article = normalize(Document(id="t", origin="test", text=f"{lead}\n{ending}"))
    assert article.text == f"{lead}\n\nWashington later conducted retaliatory strikes on IS targets in Syria."
    assert article.credits == credits


def test_agency_named_inside_the_last_sentence_stays() -> None:
    text = "Officials said the withdrawal would be complete within a month, according to AFP."
    article = normalize(Document(id="t", origin="test", text=text))
    assert article.text == text
    assert article.credits == ("AFP",)


def test_arabic_source_line_closing_the_article_is_cut_and_credited() -> None:
    text = "دمشق - أعلنت وزارة الدفاع السورية اليوم انتشار وحدات من الجيش في المنطقة.\nالمصدر: الجزيرة + الفرنسية"
    article = normalize(Document(id="t", origin="test", text=text))
    assert article.text == "دمشق - أعلنت وزارة الدفاع السورية اليوم انتشار وحدات من الجيش في المنطقة."
    assert article.credits == ("AFP",)
