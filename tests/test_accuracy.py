"""Accuracy floor of the fast path on the annotated dev set (kept outside the project; skipped when absent).

The floors sit about 0.01 below what the fast path measured, so a change
that costs accuracy fails here rather than being found later.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quotes.evaluate import flat_quote, load_gold, score
from quotes.pipeline import Extractor

FLOORS = {
    "end_to_end_f1": 0.86,
    "quote_f1": 0.938,
    "speaker_accuracy": 0.908,
    "cue_accuracy": 0.895,
}
"""Measured on the dev set with ``Extractor(fast=True)``: end-to-end F1 0.870
(P 0.879, R 0.861), quote F1 (overlap) 0.948, speaker accuracy 0.918, cue
accuracy 0.905."""


@pytest.fixture(scope="module")
def result(dev_gold_path: Path) -> dict[str, Any]:
    gold = load_gold(dev_gold_path)
    extractor = Extractor(fast=True)
    predictions = {
        doc_id: [flat_quote(q.to_dict()) for q in extractor.extract(doc["text"], doc_id)]
        for doc_id, doc in gold.items()
    }
    return score(gold, predictions)


def test_end_to_end_f1_floor(result: dict[str, Any]) -> None:
    assert result["end_to_end"]["f1"] >= FLOORS["end_to_end_f1"]


def test_quote_detection_floor(result: dict[str, Any]) -> None:
    assert result["quote_overlap"]["f1"] >= FLOORS["quote_f1"]


def test_speaker_accuracy_floor(result: dict[str, Any]) -> None:
    assert result["speaker_accuracy"] >= FLOORS["speaker_accuracy"]


def test_cue_accuracy_floor(result: dict[str, Any]) -> None:
    assert result["cue_accuracy"] >= FLOORS["cue_accuracy"]
