"""Event clustering quality on the labelled data sets, as reported in the README.

Progressive evaluation through the real pipeline (each article assigned on
arrival): ECB+ dev in four shuffled orders, MStream News and News-T in file
order. Published reference points: MStream NMI 0.834 (News) and 0.873
(News-T, MStreamF); a plain TF-IDF single pass on ECB+ dev reaches about 0.875
BCubed F1 with its threshold tuned on dev itself.

    .venv/bin/python benchmarks/cluster_quality.py [--quick]
"""

from __future__ import annotations

import sys
from pathlib import Path

from storyline.config import load_settings
from storyline.evaluation import evaluate

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def report(result) -> None:  # type: ignore[no-untyped-def]
    s = result.scores
    print(
        f"{result.dataset} [{result.order}]: {result.articles} articles, {result.gold_events} gold / "
        f"{result.predicted_events} predicted events; BCubed F1 {s['bcubed_f1']:.3f}, "
        f"pairwise F1 {s['pairwise_f1']:.3f}, NMI {s['nmi']:.3f}, ARI {s['ari']:.3f}; "
        f"{result.storylines} storylines, BCubed F1 {result.storyline_scores['bcubed_f1']:.3f}",
        flush=True,
    )


def main() -> None:
    settings = load_settings()
    ecb = DATA / "ecbplus" / "docs.jsonl"
    for seed in range(1 if "--quick" in sys.argv else 4):
        report(evaluate(ecb, "event_cluster", settings, id_field="doc_id", where={"split": "dev"}, shuffle_seed=seed))
    if "--quick" in sys.argv:
        return
    for name in ("News.jsonl", "News-T.jsonl"):
        path = DATA / "mstream_news" / name
        report(evaluate(path, "clusterNo", settings, text_field="textCleaned", id_field="Id"))


if __name__ == "__main__":
    main()
