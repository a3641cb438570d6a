"""Per-rule confidence: measured on gold, smoothed, and checked bin by bin."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from quotes import calibration
from quotes.pipeline import Extractor

TEXT = '"We will win," Jane Doe said. "Never," he said. Trump called it a "total disaster" today.'


def test_shares_are_smoothed_towards_one_half() -> None:
    rows = [("a", 0.9, True)] * 8 + [("a", 0.9, False)] * 2 + [("b", 0.5, True), (None, 0.0, False)]
    rules = calibration.table(rows, source="test")["rules"]
    assert rules["a"] == {"n": 10, "right": 8, "confidence": 0.75}
    assert rules["b"]["confidence"] == pytest.approx(2 / 3, abs=1e-3)
    assert set(rules) == {"a", "b"}


def test_reliability_bins_count_and_compare() -> None:
    bins = calibration.reliability([(0.96, True), (0.97, False), (0.55, True), (0.1, False)])
    assert [(low, n) for low, _, n, _, _ in bins] == [(0.0, 1), (0.5, 1), (0.95, 2)]
    assert bins[-1][3:] == (pytest.approx(0.965), 0.5)


def test_an_unmeasured_rule_keeps_what_it_was_given() -> None:
    assert calibration.confidence("no-such-rule", 0.33) == 0.33
    assert calibration.confidence(None, 0.0) == 0.0


def test_the_packaged_table_is_well_formed() -> None:
    path = resources.files("quotes.data").joinpath("calibration.json")
    table = json.loads(path.read_text(encoding="utf-8"))
    assert table["rules"]
    for rule, row in table["rules"].items():
        assert 0 < row["confidence"] < 1, rule
        assert 0 <= row["right"] <= row["n"], rule
        assert calibration.confidence(rule) == row["confidence"]


def test_measure_marks_each_found_quote_right_or_wrong() -> None:
    start = TEXT.index('"Never')
    gold = {"d": {"text": TEXT, "quotes": [
        {"start": 0, "end": 14, "speaker": "Jane Doe", "speaker_start": 15, "speaker_end": 23},
        {"start": start, "end": start + 8, "speaker": "Someone Else"},
    ]}}
    rows = calibration.measure(gold, Extractor(fast=True))
    right = {TEXT[q.quote.start:q.quote.end]: r for q, (_, _, r) in zip(Extractor(fast=True).extract(TEXT), rows)}
    assert right['"We will win,"'] is True
    assert right['"Never,"'] is False
