"""answers() over JSON lines of text pairs: one answer per non-blank line, in order; a bad line answers its error."""

from __future__ import annotations

import json

import pytest

from storyline.dedup.pairs import Answer, answers
from storyline.dedup.relation import Comparer

RELATIONS = {"duplicate", "rewrite", "translation", "conflicting", "related", "unrelated"}
ROSE = "Oil prices rose sharply on Monday"
DID_NOT_RISE = "Oil prices did not rise on Monday"
SYRIA = "إختطاف 100 عائلة من شرقي سوريا على يد تنظيم الدولة"  # ANS train, disagree
YEMEN = "إختطاف 100 عائلة من اليمن على يد تنظيم الدولة"


@pytest.fixture(scope="module")
def comparer(encoder) -> Comparer:
    return Comparer(encoder)


def line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"


@pytest.fixture(scope="module")
def mixed(sample_texts) -> list[str]:
    """Good pairs and the bad lines a user's file may hold, with a blank line among them."""
    return [
        line(id="neg", a=ROSE, b=DID_NOT_RISE),  # 1
        "\n",  # 2: blank, skipped but counted
        '{"id": "cut", "a": "Oil prices\n',  # 3: truncated JSON
        '["' + ROSE + '", "' + DID_NOT_RISE + '"]\n',  # 4: an array, not an object
        line(id="no-b", a=ROSE),  # 5
        line(id="one-word", a=ROSE, b="Oil"),  # 6
        line(id=7, a=SYRIA, b=YEMEN),  # 7: the id is kept as given
        line(id="rewrite", a=sample_texts["001"], b=sample_texts["002"]),  # 8
        "   \n",  # 9: whitespace only
    ]


@pytest.fixture(scope="module")
def answered(mixed, comparer) -> list[Answer]:
    return list(answers(mixed, comparer))


def test_one_answer_per_non_blank_line_in_order(answered):
    ids = [answer.line["id"] for answer in answered]

    assert ids == ["neg", None, None, "no-b", "one-word", 7, "rewrite"]


def test_good_lines_carry_relation_score_and_changes(answered):
    good = [answer for answer in answered if answer.error is None]

    assert [answer.line["id"] for answer in good] == ["neg", 7, "rewrite"]
    for answer in good:
        assert set(answer.line) == {"id", "relation", "score", "changes"}
        assert answer.line["relation"] in RELATIONS
        assert isinstance(answer.line["score"], float) and 0.0 <= answer.line["score"] <= 1.0
        assert answer.line["score"] == round(answer.line["score"], 4)
        for change in answer.line["changes"]:
            assert set(change) == {"a", "b", "kind", "conflict"}
            assert isinstance(change["a"], str) and isinstance(change["b"], str)
        json.dumps(answer.line)  # every answer is a JSON line
    by_id = {answer.line["id"]: answer.line for answer in good}
    assert by_id["neg"]["relation"] == "conflicting"
    assert by_id["neg"]["changes"] == [{"a": "rose sharply", "b": "did not rise", "kind": "negation", "conflict": True}]
    assert by_id[7]["relation"] == "conflicting"
    assert by_id["rewrite"]["relation"] == "rewrite"
    gunman = {"a": "lone gunman opened fire on", "b": "sniper targeting", "kind": "wording", "conflict": False}
    assert gunman in by_id["rewrite"]["changes"]


def test_bad_lines_carry_their_error_and_line_number(answered):
    bad = [answer for answer in answered if answer.error is not None]

    assert [(answer.line["line"], answer.line["id"]) for answer in bad] == [
        (3, None),
        (4, None),
        (5, "no-b"),
        (6, "one-word"),
    ]
    for answer in bad:
        assert set(answer.line) == {"id", "line", "error"}
        assert answer.error == f"line {answer.line['line']}: {answer.line['error']}"
        assert "\n" not in answer.error
    errors = [answer.line["error"] for answer in bad]
    assert errors[0].startswith("invalid JSON")
    assert "JSON object" in errors[1]
    assert errors[2] == "side 'b' is missing"
    assert errors[3] == "side 'b' has fewer than 2 words"


def test_lines_are_answered_one_at_a_time(comparer):
    # A stream is answered as it is read: the first answer comes before the second line is read.
    read: list[int] = []

    def stream():
        for number, text in enumerate([line(id=1, a=ROSE, b=DID_NOT_RISE), line(id=2, a=ROSE, b=ROSE)], start=1):
            read.append(number)
            yield text

    results = answers(stream(), comparer)
    first = next(results)

    assert (first.line["id"], read) == (1, [1])
    assert next(results).line == {"id": 2, "relation": "duplicate", "score": 1.0, "changes": []}
    assert next(results, None) is None


def test_no_lines_no_answers(comparer):
    assert list(answers([], comparer)) == []
    assert list(answers(["\n", "  \n"], comparer)) == []
