"""Train the stance model on labelled statement pairs: ``python -m storyline.dedup.calibration DIR``.

DIR holds ``train.csv`` and ``dev.csv`` with columns ``s1``, ``s2`` and
``stance`` (agree, disagree, other), the layout of the ANS corpus. The model
is fitted on train; the per-stance offsets are then chosen on dev to
maximise macro F1, because the rare "other" stance is under-predicted by a
model fitted to mostly agree/disagree pairs.
"""

from __future__ import annotations

import csv
import itertools
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import numpy as np
import typer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

from storyline.dedup.stance import STANCES, Pair, StanceModel, features
from storyline.enrich.vectors import SentenceEncoder
from storyline.normalize.language import detect_languages

REGULARISATION = 1.0
MIN_LANGUAGE_SHARE = 0.05
"""A language is among the model's when at least this share of training statements is in it."""
OFFSET_GRID = np.linspace(-1.5, 1.5, 13)


def read_pairs(path: Path) -> tuple[list[Pair], np.ndarray]:
    """Pairs and their stance labels from a CSV file with s1, s2, stance columns."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    pairs = [Pair(r["s1"], r["s2"], detect_languages([r["s1"]])[0], detect_languages([r["s2"]])[0]) for r in rows]
    return pairs, np.array([STANCES.index(r["stance"]) for r in rows])


def macro_f1(labels: np.ndarray, predicted: np.ndarray) -> float:
    return float(f1_score(labels, predicted, labels=range(len(STANCES)), average="macro", zero_division=0.0))


def tune_offsets(model: StanceModel, rows, labels: np.ndarray) -> np.ndarray:
    """Offsets for disagree and other (agree fixed at 0) that maximise macro F1 on held-out rows."""
    base = np.log(np.clip(model.probabilities(rows), 1e-12, None))
    best, best_score = np.zeros(len(STANCES)), -1.0
    for disagree, other in itertools.product(OFFSET_GRID, OFFSET_GRID):
        offsets = np.array([0.0, disagree, other])
        score = macro_f1(labels, (base + offsets).argmax(axis=1))
        if score > best_score:
            best, best_score = offsets, score
    return best


def main(
    data: Annotated[Path, typer.Argument(help="Folder with train.csv and dev.csv (s1, s2, stance).")],
    out: Annotated[Path, typer.Option(help="Where to write the model.")] = Path("stance_model.npz"),
) -> None:
    """Fit the stance model on train, tune its offsets on dev, and write it."""
    encoder = SentenceEncoder()
    train_pairs, train_labels = read_pairs(data / "train.csv")
    dev_pairs, dev_labels = read_pairs(data / "dev.csv")
    train_rows, dev_rows = features(train_pairs, encoder), features(dev_pairs, encoder)
    fitted = LogisticRegression(C=REGULARISATION, max_iter=5000).fit(train_rows, train_labels)
    languages = Counter(language for p in train_pairs for language in (p.language_a, p.language_b))
    model = StanceModel(
        coef=fitted.coef_.astype(np.float32),
        intercept=fitted.intercept_,
        offsets=np.zeros(len(STANCES)),
        languages=frozenset(k for k, n in languages.items() if n >= MIN_LANGUAGE_SHARE * 2 * len(train_pairs)),
        trained_on=f"{data.name}/train.csv, {len(train_pairs)} pairs; offsets tuned on dev.csv",
    )
    before = macro_f1(dev_labels, model.probabilities(dev_rows).argmax(axis=1))
    model = replace(model, offsets=tune_offsets(model, dev_rows, dev_labels))
    after = macro_f1(dev_labels, model.probabilities(dev_rows).argmax(axis=1))
    model.save(out)
    typer.echo(
        f"dev macro F1 {before:.3f} before offsets, {after:.3f} after; offsets {model.offsets.round(2).tolist()}; "
        f"languages {sorted(model.languages)}; wrote {out}"
    )


if __name__ == "__main__":
    typer.run(main)
