"""Progressive evaluation through the real pipeline, on real labelled articles."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from storyline.cluster.metrics import scores
from storyline.config import load_settings
from storyline.evaluation import evaluate, labelled_documents


@pytest.fixture(scope="module")
def stream(tmp_path_factory, ecb):
    """ECB+ dev topics 2 and 5 (two events of the same kind each) as a labelled JSONL file with its own field names."""
    path = tmp_path_factory.mktemp("eval") / "stream.jsonl"
    docs = [d for d in ecb.values() if d["topic"] in (2, 5)]
    path.write_text(
        "\n".join(
            json.dumps({"key": d["doc_id"], "body": d["text"], "gold": d["event_cluster"], "split": d["split"]})
            for d in docs
        )
        + "\n",
        encoding="utf-8",
    )
    return path, len(docs)


def test_labelled_documents_map_fields_and_filter(stream):
    path, count = stream
    found = labelled_documents(path, "gold", text_field="body", id_field="key", where={"split": "dev"})
    assert len(found) == count
    document, label = found[0]
    assert document.id.startswith("2_") and label.startswith("2_") and document.text


def test_evaluation_scores_the_online_assignments_and_states_the_order(stream):
    path, count = stream
    settings = replace(load_settings(environ={}), db="unused")
    result = evaluate(path, "gold", settings, text_field="body", id_field="key", shuffle_seed=3)
    # Four of these reports date themselves in their headers; as in every ingest, a batch takes them in
    # publication order, which moves three of them in this order.
    assert result.order == "shuffled (seed 3); 3 dated articles moved into publication order within batches of 256"
    assert result.articles == count and result.gold_events == 4
    gold = [label for _, label in labelled_documents(path, "gold", text_field="body", id_field="key")]
    by_topic = scores(gold, [label.split("_")[0] for label in gold])["bcubed_f1"]
    singletons = scores(gold, list(range(len(gold))))["bcubed_f1"]
    # Two events of one kind per topic: better than one bucket per topic, and than no clustering.
    assert result.scores["bcubed_f1"] > max(by_topic, singletons), result.scores
    assert set(result.scores) >= {"bcubed_f1", "pairwise_f1", "nmi", "ari"}
    # Storylines link events, never split them, and do not lump each topic's two events together.
    assert result.storylines <= result.predicted_events
    assert result.storyline_scores["bcubed_f1"] > by_topic, result.storyline_scores


def test_missing_label_field_is_a_clear_error(stream):
    path, _ = stream
    with pytest.raises(ValueError, match="no gold label field 'cluster'"):
        labelled_documents(path, "cluster", text_field="body", id_field="key")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{oops", "invalid JSON: Expecting property name enclosed in double quotes (column 2)"),
        ("[1, 2]", "line is a JSON list, not an object"),
    ],
    ids=["invalid JSON", "array"],
)
def test_a_bad_line_is_an_error_naming_the_file_and_line(tmp_path, line, reason):
    path = tmp_path / "gold.jsonl"
    first = json.dumps({"text": "Troops left the base on Tuesday.", "event": "a"})
    path.write_text(f"{first}\n{line}\n", encoding="utf-8")

    with pytest.raises(ValueError) as raised:
        labelled_documents(path, "event")

    assert str(raised.value) == f"{path}:2: {reason}"
