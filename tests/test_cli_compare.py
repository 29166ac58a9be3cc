"""``storyline compare --pairs``, run as a user runs it: one JSON line per pair, errors per line, exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

RELATIONS = {"duplicate", "rewrite", "translation", "conflicting", "related", "unrelated"}
SCRIPT = Path(sys.executable).parent / "storyline"
ROSE = "Oil prices rose sharply on Monday"
DID_NOT_RISE = "Oil prices did not rise on Monday"
SYRIA = "إختطاف 100 عائلة من شرقي سوريا على يد تنظيم الدولة"  # ANS train, disagree
YEMEN = "إختطاف 100 عائلة من اليمن على يد تنظيم الدولة"


def command() -> list[str]:
    if SCRIPT.is_file():
        return [str(SCRIPT)]
    return [sys.executable, "-c", "from storyline.cli import main; main()"]


def storyline(*args: str, cwd: Path, home: Path, input: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed CLI with an empty home and no STORYLINE_ settings; text output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYLINE_")}
    env.update(COLUMNS="200", HOME=str(home), NO_COLOR="1", PYTHONIOENCODING="utf-8")
    done = subprocess.run([*command(), *args], cwd=cwd, env=env, input=input, capture_output=True, timeout=120)
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    )


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def pair(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"


def mixed_lines(sample_texts: dict[str, str]) -> list[str]:
    return [
        pair(id="neg", a=ROSE, b=DID_NOT_RISE),  # 1
        "\n",  # 2: blank
        "{not json}\n",  # 3
        json.dumps([ROSE, DID_NOT_RISE]) + "\n",  # 4: an array
        pair(id="no-b", a=ROSE),  # 5: a missing side
        pair(id="one-word", a="Oil", b=ROSE),  # 6: a one-word side
        pair(id="syria", a=SYRIA, b=YEMEN),  # 7
        pair(id="rewrite", a=sample_texts["001"], b=sample_texts["002"]),  # 8
    ]


BAD_LINES = {3: None, 4: None, 5: "no-b", 6: "one-word"}


@pytest.fixture(scope="module")
def runs(tmp_path_factory, sample_texts) -> dict[str, tuple[Path, subprocess.CompletedProcess[str]]]:
    """The runs that load the models, side by side once for the module (each takes seconds)."""
    home = tmp_path_factory.mktemp("home")
    mixed, bad, piped, bom = (tmp_path_factory.mktemp(name) for name in ("mixed", "bad", "piped", "bom"))
    (mixed / "pairs.jsonl").write_text("".join(mixed_lines(sample_texts)), encoding="utf-8")
    (bad / "bad.jsonl").write_text("[1, 2]\n\n" + pair(id="x", a=ROSE) + "{oops\n", encoding="utf-8")
    stdin = (pair(id="p1", a=ROSE, b=DID_NOT_RISE) + pair(id="p2", a=ROSE, b="")).encode("utf-8")
    (bom / "notepad.jsonl").write_bytes(b"\xef\xbb\xbf" + pair(id="first", a=ROSE, b=DID_NOT_RISE).encode("utf-8"))
    jobs = {
        "mixed": (mixed, ("compare", "--pairs", "pairs.jsonl"), None),
        "bad": (bad, ("compare", "--pairs", str(bad / "bad.jsonl")), None),
        "stdin": (piped, ("compare", "--pairs", "-"), stdin),
        "bom": (bom, ("compare", "--pairs", "notepad.jsonl"), None),
    }
    with ThreadPoolExecutor(len(jobs)) as pool:
        futures = {
            name: pool.submit(storyline, *args, cwd=cwd, home=home, input=data)
            for name, (cwd, args, data) in jobs.items()
        }
        return {name: (jobs[name][0], future.result()) for name, future in futures.items()}


def test_one_json_line_per_non_blank_input_line_in_order(runs):
    _, done = runs["mixed"]

    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [answer["id"] for answer in answers] == ["neg", None, None, "no-b", "one-word", "syria", "rewrite"]
    assert "Traceback" not in done.stderr


def test_good_lines_have_a_relation_a_score_and_changes(runs):
    _, done = runs["mixed"]
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    good = [answer for answer in answers if "error" not in answer]

    assert [answer["id"] for answer in good] == ["neg", "syria", "rewrite"]
    for answer in good:
        assert answer["relation"] in RELATIONS
        assert isinstance(answer["score"], float) and 0.0 <= answer["score"] <= 1.0
        assert isinstance(answer["changes"], list)
        assert all(isinstance(c, dict) and {"a", "b"} <= set(c) for c in answer["changes"])
    by_id = {answer["id"]: answer for answer in good}
    assert by_id["neg"]["relation"] == "conflicting"
    assert by_id["syria"]["relation"] == "conflicting"
    assert by_id["rewrite"]["relation"] == "rewrite"
    gunman = {"a": "lone gunman opened fire on", "b": "sniper targeting", "kind": "wording", "conflict": False}
    assert gunman in by_id["rewrite"]["changes"]
    assert "اليمن" in done.stdout  # Arabic is written as UTF-8, not \u-escaped


def test_bad_lines_carry_their_error_and_line_number(runs):
    _, done = runs["mixed"]
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    bad = [answer for answer in answers if "error" in answer]

    assert {answer["line"]: answer["id"] for answer in bad} == BAD_LINES
    assert all(isinstance(answer["error"], str) and answer["error"].strip() for answer in bad)
    assert "relation" not in json.dumps(bad)


def test_stderr_has_one_line_per_bad_line_naming_the_file_and_line(runs):
    _, done = runs["mixed"]

    messages = lines(done.stderr)

    assert [message.split(": ", 2)[:2] for message in messages] == [
        ["pairs.jsonl", f"line {number}"] for number in BAD_LINES
    ]
    assert all(message.split(": ", 2)[2].strip() for message in messages)
    assert "side 'b' is missing" in messages[2]
    assert "side 'a' has fewer than 2 words" in messages[3]


def test_a_file_with_only_bad_lines_exits_1(runs):
    cwd, done = runs["bad"]

    assert done.returncode == 1
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(answer["line"], answer["id"]) for answer in answers] == [(1, None), (3, "x"), (4, None)]
    assert all("error" in answer for answer in answers)
    messages = lines(done.stderr)
    assert [message.split(": ", 2)[:2] for message in messages] == [
        [str(cwd / "bad.jsonl"), f"line {number}"] for number in (1, 3, 4)
    ]


def test_a_missing_file_exits_2_with_a_one_line_error_naming_it(tmp_path):
    done = storyline("compare", "--pairs", "no-such-pairs.jsonl", cwd=tmp_path, home=tmp_path)

    assert done.returncode == 2
    assert done.stdout == ""
    assert len(lines(done.stderr)) == 1
    assert lines(done.stderr)[0].startswith("error: no-such-pairs.jsonl")
    assert "Traceback" not in done.stderr


def test_pairs_dash_reads_standard_input(runs):
    _, done = runs["stdin"]

    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [answer["id"] for answer in answers] == ["p1", "p2"]
    assert answers[0]["relation"] == "conflicting"
    assert answers[1]["line"] == 2 and "side 'b'" in answers[1]["error"]
    assert lines(done.stderr) == [f"stdin: line 2: {answers[1]['error']}"]


def test_a_file_that_starts_with_a_byte_order_mark_is_read(runs):
    _, done = runs["bom"]

    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["relation"] for line in done.stdout.splitlines()] == ["conflicting"]
