"""Unicode repair on realistic damaged news text."""

from __future__ import annotations

import pytest

from storyline.models import Document
from storyline.normalize import normalize, repair

THAI = "กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย และเป็นศูนย์กลางทางเศรษฐกิจของประเทศ"


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        # only the lead byte of ’ survived the cp874 round trip
        ("contributing to ISโs territorial defeat", "contributing to IS’s territorial defeat"),
        ("the fall of Bashar al-Assadโs regime", "the fall of Bashar al-Assad’s regime"),
        # whole cp874 sequences survived
        (
            "7,000 jihadists from Syria โ€“ where many were held โ€“ to Iraq",
            "7,000 jihadists from Syria – where many were held – to Iraq",
        ),
        ("the base โ€” once vital โ€” was emptied", "the base — once vital — was emptied"),
        ("and so onโ€ฆ", "and so on…"),
        ("the countryโ€s northeast", "the country’s northeast"),
        ("he said โ€Within a month", "he said “Within a month"),
        # windows-1252 mojibake is ftfy's job
        ("Syriaâ€™s government", "Syria’s government"),
    ],
)
def test_mojibake_is_repaired(damaged: str, repaired: str) -> None:
    assert repair(damaged) == repaired


def test_real_thai_is_left_untouched() -> None:
    assert repair(THAI) == THAI
    article = normalize(Document(id="th", origin="test", text=THAI))
    assert article.text == THAI
    assert article.language == "th"


def test_thai_paragraph_and_damaged_english_paragraph_in_one_file() -> None:
    text = f"Kurdish officials said ISโs last cells were still active in the desert.\n\n{THAI}"
    assert repair(text) == f"Kurdish officials said IS’s last cells were still active in the desert.\n\n{THAI}"


def test_curly_quotes_survive() -> None:
    text = "“Within a month, they will have withdrawn,” a Syrian official said of the base’s future."
    assert repair(text) == text


def test_line_endings_invisible_characters_and_spaces() -> None:
    text = (
        "\ufeffUS forces\u200b began\u00a0 leaving\tthe base.\r\n\r\n"
        "A convoy\u00ad was seen.  \rIt left\x07 at dawn.\u2028End."
    )
    assert repair(text) == "US forces began leaving the base.\n\nA convoy was seen.\nIt left at dawn.\nEnd."


def test_persian_zero_width_non_joiner_is_kept() -> None:
    text = "می\u200cخواهم"
    assert repair(text) == text


def test_result_is_nfc() -> None:
    assert repair("Cafe\u0301 Beyrouth") == "Café Beyrouth"
