"""Disagreements: claims on one point with different values, side by side with who states each."""

from __future__ import annotations

from storyline.aggregate import disagreements


def test_the_completion_date_of_the_withdrawal_is_contested_and_the_counts_are_not(featurize, sample_texts):
    # 000 gives three completion dates from three sources; 001 and 002 give the same count of detainees.
    claims = {key: featurize(key, sample_texts[key]).claims for key in ("000", "001", "002")}

    contested = {d["subject"]: d["claims"] for d in disagreements(claims)}

    deadline = {(c["value"], c["article"]) for c in contested["deadline"]}
    assert {("within a month", "000"), ("within 20 days", "000")} <= deadline
    assert "jihadist" not in contested  # "around 7,000 suspected jihadists" in both 001 and 002
    jihadists = [c for key in ("001", "002") for c in claims[key] if c.subject == "jihadist"]
    assert {c.value for c in jihadists} == {"~7000"} and len(jihadists) == 2


def test_a_point_with_one_value_is_no_disagreement(featurize, sample_texts):
    claims = {"001": featurize("001", sample_texts["001"]).claims}

    assert all(d["subject"] != "jihadist" for d in disagreements(claims))
    assert disagreements({}) == []


def test_a_base_is_one_point_across_articles_and_languages(featurize, sample_texts):
    # Qasrak (000, English) and قسرك / Qasrk (003, Arabic and English) are one point, on which both agree
    claims = {key: featurize(key, sample_texts[key]).claims for key in ("000", "001", "002", "003")}

    qasrak = {(key, c.value) for key, found in claims.items() for c in found if c.subject == "status:place:ksrk"}
    assert qasrak == {("000", "leaving"), ("003", "leaving")}
    tanf = {(key, c.value) for key, found in claims.items() for c in found if c.subject == "status:place:tnf"}
    assert tanf == {(key, "left") for key in ("000", "001", "002", "003")}
    contested = {d["subject"] for d in disagreements(claims)}
    assert "status:place:ksrk" not in contested and "status:place:tnf" not in contested


def test_kharab_al_jir_left_per_003_and_being_left_per_000(featurize, sample_texts):
    claims = {key: featurize(key, sample_texts[key]).claims for key in ("000", "003")}

    contested = {d["subject"]: d["claims"] for d in disagreements(claims)}

    assert {(c["article"], c["value"]) for c in contested["status:place:xrb-jr"]} == {("003", "left"), ("000", "leaving")}
