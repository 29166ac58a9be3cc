"""Language per paragraph: the detector alone against the detector with its short lines checked by word frequencies.

Three sets, each run both ways in the same process:

- MStream News (``../shared/data/mstream_news``): 11,109 English headlines,
  lower-cased, one paragraph each; counted: those not taken for English.
- ECB+ (``../shared/data/ecbplus``): 772 English articles, 12,214 paragraphs;
  counted: paragraphs not taken for English, and the articles holding one.
- Example sentences in 28 languages: spaCy's ``spacy.lang.*.examples`` and the
  model probe's (``../shared/research/models_probe``), whole and cut to their
  first four words (a headline's length); counted: languages named right.

Then the peak memory of a fresh process that only finds the MStream
headlines' languages, each way: the word lists are held as hashed arrays, as
wordfreq's own lookup would hold each list it reads as a dict of words.

    .venv/bin/python benchmarks/language_id.py
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from storyline.normalize import language
from storyline.normalize.language import detect_languages, split_paragraphs

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SPACY_EXAMPLES = "fr de es it pt nl pl sv da nb ro cs tr id ca fi hu hr sl sk lt en".split()


def examples() -> list[tuple[str, str]]:
    """(language, sentence) pairs written by people, from spaCy's examples and the model probe."""
    found = []
    for code in SPACY_EXAMPLES:
        found += [(code, s) for s in importlib.import_module(f"spacy.lang.{code}.examples").sentences]
    sys.path.insert(0, str(SHARED / "research" / "models_probe"))
    from lid_data import ITEMS, SHORT  # noqa: E402 - the probe's data, beside this repository

    return found + ITEMS + SHORT


def texts(path: Path, field: str) -> list[str]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)[field] for line in lines if line.strip()]


def measure(headlines: list[str], articles: list[str], sentences: list[tuple[str, str]]) -> None:
    start = time.perf_counter()
    not_english = Counter(lang for h in headlines for lang in detect_languages([h]) if lang != "en")
    print(f"  MStream: {sum(not_english.values())} of {len(headlines)} headlines not English, {dict(not_english.most_common(5))}")
    found = [detect_languages(split_paragraphs(a)) for a in articles]
    wrong = sum(lang != "en" for langs in found for lang in langs)
    holding = sum(any(lang != "en" for lang in langs) for langs in found)
    print(f"  ECB+: {wrong} of {sum(map(len, found))} paragraphs not English, in {holding} of {len(articles)} articles")
    whole = sum(detect_languages([s])[0] == code for code, s in sentences)
    cut = [(code, " ".join(s.split()[:4])) for code, s in sentences if len(s.split()) >= 4]
    first = sum(detect_languages([s])[0] == code for code, s in cut)
    print(
        f"  examples ({len({c for c, _ in sentences})} languages): {whole} of {len(sentences)} right; "
        f"first four words: {first} of {len(cut)}  [{time.perf_counter() - start:.1f} s]"
    )


def peak_mib(checked_words: int) -> int:
    """Peak resident memory of a process that finds the MStream headlines' languages, in MiB.

    Read from the kernel's VmHWM: ``ru_maxrss`` would carry over the parent's
    peak from before the child's exec.
    """
    news = SHARED / "data" / "mstream_news" / "News.jsonl"
    code = (
        "import json, re; from storyline.normalize import language; "
        f"language.LEXICON_WORDS = {checked_words}; "
        f"[language.detect_languages([json.loads(line)['textCleaned']]) for line in open({str(news)!r})]; "
        "print(int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]) // 1024)"
    )
    return int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def main() -> None:
    headlines = texts(SHARED / "data" / "mstream_news" / "News.jsonl", "textCleaned")
    articles = texts(SHARED / "data" / "ecbplus" / "docs.jsonl", "text")
    sentences = examples()
    checked = language.LEXICON_WORDS
    language.LEXICON_WORDS = 0
    print("detector alone")
    measure(headlines, articles, sentences)
    language.LEXICON_WORDS = checked
    print(f"with lines of under {checked} words checked by word frequencies")
    measure(headlines, articles, sentences)
    print(f"peak memory finding MStream's languages: {peak_mib(0)} MiB alone, {peak_mib(checked)} MiB checked")


if __name__ == "__main__":
    main()
