"""Confidence per rule, measured: the share of a rule's quotes that are right end to end."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    path = resources.files("quotes.data").joinpath("calibration.json")
    if not path.is_file():
        return {}
    return {rule: row["confidence"] for rule, row in json.loads(path.read_text(encoding="utf-8"))["rules"].items()}


def confidence(rule: str, default: float = 0.5) -> float:
    """The measured confidence of ``rule``, or ``default`` for a rule never measured."""
    return _table().get(rule, default)
