"""MinHash signatures and the LSH index on real text: copies found, others not, entries removed and expired."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import numpy as np
import pytest

from storyline.dedup.minhash import EMPTY, MinHashIndex, jaccard, signatures
from storyline.dedup.shingles import hashed_shingles, shingles

FELT = "28_2ecb"  # Mark Felt ("Deep Throat") dies at 95
NEAR = 0.8


def signature(text: str) -> np.ndarray:
    return signatures([hashed_shingles(text)])[0]


def true_jaccard(first: str, second: str) -> float:
    a, b = set(shingles(first)), set(shingles(second))
    return len(a & b) / len(a | b)


def buckets_of(index: MinHashIndex) -> dict[int, str | set[str]]:
    """The index's buckets (internal), to check that removal leaves none behind."""
    return index._buckets


@pytest.fixture(scope="module")
def felt(ecb) -> str:
    return ecb[FELT]["text"]


@pytest.fixture(scope="module")
def near_copy_of_felt(felt) -> str:
    """One sentence dropped and two facts edited, as a subeditor trims a wire story."""
    lines = [line for line in felt.splitlines() if line.strip()]
    del lines[4]
    text = "\n".join(lines)
    assert "Thursday" in text and "age 95" in text
    return text.replace("Thursday", "Wednesday").replace("age 95", "age 96")


@pytest.fixture(scope="module")
def ecb_signatures(ecb) -> dict[str, np.ndarray]:
    ids = list(ecb)
    return dict(zip(ids, signatures([hashed_shingles(ecb[i]["text"]) for i in ids])))


@pytest.fixture(scope="module")
def ecb_index(ecb_signatures) -> MinHashIndex:
    index = MinHashIndex(threshold=0.6)
    for key, sig in ecb_signatures.items():
        index.insert(key, sig)
    return index


def test_hashed_shingles_are_the_shingles_as_numbers(ecb, arabic_headlines):
    texts = [doc["text"] for doc in ecb.values()][:200] + arabic_headlines[:200]
    texts += ["美国军队周一开始撤离叙利亚东北部的卡斯拉克基地", "撤军", "Troops left", ""]
    hash_of: dict[bytes, int] = {}
    for text in texts:
        grams, hashes = shingles(text), hashed_shingles(text).tolist()
        assert len(grams) == len(hashes), text
        for gram, value in zip(grams, hashes):
            assert hash_of.setdefault(gram, value) == value, gram  # one shingle, one hash

    assert len(set(hash_of.values())) == len(hash_of)  # different shingles, different hashes


def test_a_lightly_edited_copy_is_found_among_real_articles(ecb_index, near_copy_of_felt, felt, ecb_signatures):
    assert NEAR <= true_jaccard(near_copy_of_felt, felt) < 1.0
    copy = signature(near_copy_of_felt)

    assert FELT in ecb_index.query(copy)
    assert jaccard(copy, ecb_signatures[FELT]) >= NEAR


def test_other_articles_on_the_same_death_are_not_proposed(ecb, felt, ecb_signatures):
    # Other outlets' reports of Felt's death share the topic and names, not the text.
    index = MinHashIndex(threshold=0.6)
    index.insert(FELT, ecb_signatures[FELT])
    others = [key for key in ecb if key.startswith("28_") and key != FELT]
    assert len(others) >= 20

    for key in others:
        assert true_jaccard(ecb[key]["text"], felt) < 0.3, key
        assert index.query(ecb_signatures[key]) == [], key


def test_estimated_jaccard_tracks_the_exact_jaccard(ecb):
    # Copies trimmed by more and more sentences span similarities from near 1 down to about 0.3.
    trimmed, full = [], []
    for key in list(ecb)[::8]:
        lines = [line for line in ecb[key]["text"].splitlines() if line.strip()]
        for dropped in range(1, len(lines) // 2 + 1):
            trimmed.append("\n".join(lines[dropped:]))
            full.append(ecb[key]["text"])
    exact = np.array([true_jaccard(a, b) for a, b in zip(trimmed, full)])
    pairs = zip(signatures([hashed_shingles(t) for t in trimmed]), signatures([hashed_shingles(t) for t in full]))
    estimated = np.array([jaccard(a, b) for a, b in pairs])
    # Errors in standard deviations of an estimate from 128 independent permutations.
    z = (estimated - exact) / np.sqrt(exact * (1 - exact) / 128)

    assert len(z) > 500 and exact.min() < 0.4 and exact.max() > 0.9
    assert abs(z.mean()) < 0.3  # unbiased
    assert 0.6 < (z**2).mean() < 1.4  # as precise as theory says, no less
    assert np.abs(z).max() < 5


def test_unrelated_articles_have_a_low_estimate(ecb, ecb_signatures):
    keys = list(ecb)
    estimates = [jaccard(ecb_signatures[a], ecb_signatures[b]) for a, b in zip(keys[::7], keys[3::7])]

    assert np.mean(estimates) < 0.02


def test_signatures_do_not_depend_on_the_batch(ecb, ecb_signatures):
    # ecb_signatures were computed in one batch of 772 articles, permuted across many slices.
    for key in list(ecb)[:50]:
        assert np.array_equal(signature(ecb[key]["text"]), ecb_signatures[key]), key
    assert signatures([hashed_shingles(""), hashed_shingles(ecb[FELT]["text"])])[0].tolist() == [EMPTY] * 128


_DIACRITICS = re.compile("[\u064b-\u0652\u0670]")
_LETTER = re.compile("[\u0621-\u064a]")
_BARE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي"})


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: t.translate(_BARE), id="bare alef, ha for ta marbuta"),
        pytest.param(lambda t: _LETTER.sub("\\g<0>\u064e", _DIACRITICS.sub("", t)), id="fully vowelled"),
        pytest.param(lambda t: re.sub(r"(\w\w)(\w{3,})", "\\1\u0640\u0640\\2", t, count=1), id="tatweel in a word"),
    ],
)
def test_arabic_spelling_variants_give_the_same_signature(arabic_headlines, variant):
    headlines = [h for h in arabic_headlines if "ة" in h and re.search("[أإآ]", h) and len(h.split()) >= 6][:40]
    assert len(headlines) == 40
    originals = signatures([hashed_shingles(h) for h in headlines])
    variants = signatures([hashed_shingles(variant(h)) for h in headlines])

    for headline, original, spelled in zip(headlines, originals, variants):
        assert variant(headline) != headline
        assert np.array_equal(spelled, original), headline
    assert len({row.tobytes() for row in originals}) == len(set(headlines))  # different headlines stay apart


def test_removed_entries_are_no_longer_proposed_and_leave_no_buckets(ecb_signatures, near_copy_of_felt):
    keys = list(ecb_signatures)[:300] + [FELT]
    index = MinHashIndex(threshold=0.6)
    for key in keys:
        index.insert(key, ecb_signatures[key])
    copy = signature(near_copy_of_felt)
    assert FELT in index.query(copy)

    index.remove(FELT)
    for key in keys[:150]:
        index.remove(key)

    assert FELT not in index and len(index) == 150
    assert FELT not in index.query(copy)
    rebuilt = MinHashIndex(threshold=0.6)
    for key in keys[150:300]:
        rebuilt.insert(key, ecb_signatures[key])
    assert buckets_of(index) == buckets_of(rebuilt)  # as if the removed ones had never been indexed
    for key in keys[150:300]:
        index.remove(key)
    assert len(index) == 0 and buckets_of(index) == {}
    with pytest.raises(KeyError):
        index.remove(FELT)


def test_expire_drops_entries_inserted_before_the_cut_off(ecb_signatures):
    keys = list(ecb_signatures)[:200]
    index = MinHashIndex(threshold=0.6)
    for hour, key in enumerate(keys):
        index.insert(key, ecb_signatures[key], at=float(hour))
    index.insert(keys[10], ecb_signatures[keys[10]], at=500.0)  # seen again later: kept by its new time
    index.insert("pinned", ecb_signatures[keys[20]])  # no time: never expires
    index.remove(keys[150])

    index.expire(before=100.0)

    kept = set(keys[100:]) - {keys[150]} | {keys[10], "pinned"}
    assert {key for key in keys + ["pinned"] if key in index} == kept and len(index) == len(kept)
    assert keys[5] not in index.query(ecb_signatures[keys[5]])
    rebuilt = MinHashIndex(threshold=0.6)
    for key in kept:
        rebuilt.insert(key, ecb_signatures[keys[20] if key == "pinned" else key])
    assert buckets_of(index) == buckets_of(rebuilt)

    index.expire(before=1000.0)
    assert set(buckets_of(index).values()) == {"pinned"} and len(index) == 1


_SIGN = """
import json, sys
from storyline.dedup.minhash import signatures
from storyline.dedup.shingles import hashed_shingles
print(json.dumps(signatures([hashed_shingles(t) for t in json.load(sys.stdin)]).tolist()))
"""


def test_signatures_are_the_same_in_every_process(ecb):
    # They are stored in the database: a restarted process must compute the very same values.
    texts = [ecb[FELT]["text"], "صرح وزير الخارجية بأن المفاوضات مستمرة", "美国军队周一开始撤离叙利亚东北部的卡斯拉克基地"]
    runs = []
    for hash_seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", _SIGN],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )
        runs.append(json.loads(done.stdout))

    assert runs[0] == runs[1] == signatures([hashed_shingles(t) for t in texts]).tolist()
