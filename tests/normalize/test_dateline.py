"""Datelines and agency credits in English and Arabic wire copy."""

from __future__ import annotations

import pytest

from storyline.models import Document
from storyline.normalize import normalize


def _article(text: str):
    return normalize(Document(id="d", origin="test", text=text))


@pytest.mark.parametrize(
    ("lead", "place"),
    [
        ("QAMISHLI, Syria: US forces will complete their withdrawal within a month, sources said.", "QAMISHLI, Syria"),
        ("DAMASCUS - US forces have withdrawn to Jordan from a base in the south-east, sources said.", "DAMASCUS"),
        ("BEIRUT (AP) _ A spokesman for US-backed Syrian forces says they have captured 41 positions.", "BEIRUT"),
        ("LONDON (Reuters) - Britain's economy grew faster than expected in the third quarter.", "LONDON"),
        ("LONDON, Feb 11 (Reuters) - Oil prices rose on Tuesday as supply worries mounted.", "LONDON"),
        ("WASHINGTON — The Pentagon said on Friday it would move troops out within weeks.", "WASHINGTON"),
        ("Kabul, Afghanistan (AFP) – Gunmen stormed a school in the capital on Monday.", "Kabul, Afghanistan"),
        ("Damascus - The Syrian government announced a new cabinet on Sunday.", "Damascus"),
        ("دمشق - أعلنت وزارة الدفاع السورية اليوم انتشار وحدات من الجيش في المنطقة.", "دمشق"),
        ("بيروت (أ ف ب) - قتل عشرة أشخاص على الأقل في غارة جوية في جنوب لبنان.", "بيروت"),
        ("القاهرة ـ أعلنت الحكومة المصرية اليوم عن خطة جديدة لدعم الاقتصاد.", "القاهرة"),
    ],
)
def test_dateline_is_recognised_and_kept_in_the_text(lead: str, place: str) -> None:
    article = _article(lead)
    assert article.dateline == place
    assert article.text == lead


@pytest.mark.parametrize(
    "lead",
    [
        "US forces have withdrawn from the Al-Tanf base in Syria, two military sources said.",
        "UPDATE: The death toll from the floods has risen to 2,000, officials said.",
        "The United States has about 1,000 troops still deployed in Syria.",
        "وقال مسؤول في وزارة الدفاع إن الانسحاب سيكتمل خلال شهر.",
    ],
)
def test_no_dateline(lead: str) -> None:
    assert _article(lead).dateline is None


def test_wire_dateline_after_a_standfirst_is_recognised() -> None:
    text = (
        "That would herald an end to the war aimed at pushing the militants out of their last enclave.\n\n"
        "BEIRUT (AP) _ A spokesman for US-backed Syrian forces says they have captured 41 positions.\n\n"
        "The offensive began on Saturday."
    )
    assert _article(text).dateline == "BEIRUT"


@pytest.mark.parametrize(
    "second",
    [
        "DAMASCUS - The government announced a new cabinet on Sunday.",  # no agency: could be any paragraph
        "WORLD CUP (Group B) - Spain beat the hosts 2-1 on Sunday.",  # a parenthesis, but no agency in it
    ],
)
def test_later_paragraphs_give_a_dateline_only_with_an_agency_tag(second: str) -> None:
    text = f"The talks ended without an agreement on Friday, officials said.\n\n{second}"
    assert _article(text).dateline is None


def test_a_wire_dateline_deep_in_the_article_is_not_its_dateline() -> None:
    paragraphs = [f"Paragraph {n} of the story says what happened on the ground." for n in range(1, 5)]
    text = "\n\n".join([*paragraphs, "BEIRUT (AP) _ An earlier report said fighting had stopped."])
    assert _article(text).dateline is None


@pytest.mark.parametrize(
    ("text", "credits"),
    [
        ("BEIRUT (AP) _ Fighting continued on Sunday, activists said.", ("AP",)),
        ("LONDON, Feb 11 (Reuters) - Oil prices rose on Tuesday.", ("Reuters",)),
        ("Three sources told AFP on Monday that the base would be empty within a month.", ("AFP",)),
        ("An AFP team saw a convoy of dozens of trucks on the road to Iraq.", ("AFP",)),
        ("The ministry confirmed the figures, AFP reported.", ("AFP",)),
        ("According to Reuters, the talks collapsed on Friday.", ("Reuters",)),
        (
            "A Reuters report said 40 people had died. Officials later told the Associated Press the toll was higher.",
            ("Reuters", "AP"),
        ),
        ("The official news agency SANA said the army had entered the town.", ("SANA",)),
        ("Speaking to Agence France-Presse, the minister denied the claims.", ("AFP",)),
        ("وقال مصدر أمني لوكالة فرانس برس إن الغارة استهدفت مبنى سكنيا.", ("AFP",)),
        ("وقال مصدر عسكري لرويترز إن القوات انسحبت من القاعدة.", ("Reuters",)),
        ("وأعلن الجيش سيطرته على البلدة، بحسب ما ذكرت وكالة الأناضول.", ("Anadolu",)),
        ("وأفادت سانا بأن وحدات من الجيش انتشرت في المنطقة.", ("SANA",)),
    ],
)
def test_credits(text: str, credits: tuple[str, ...]) -> None:
    assert _article(text).credits == credits


@pytest.mark.parametrize(
    "text",
    [
        "Former New York mayor Michael Bloomberg said he would fund the campaign.",
        "Growth in the MENA region slowed to 2 percent last year, the IMF said.",
        "Protesters gathered outside the Reuters building in London on Saturday.",
    ],
)
def test_bare_mentions_are_not_credits(text: str) -> None:
    assert _article(text).credits == ()


def test_credits_keep_order_of_first_appearance_and_are_unique() -> None:
    text = (
        "KABUL (AFP) - Gunmen attacked a school on Monday, police told AFP.\n"
        "A witness told Reuters that the attackers fled. AFP reported five deaths.\n"
        "The attack was not immediately claimed. AP"
    )
    assert _article(text).credits == ("AFP", "Reuters", "AP")
