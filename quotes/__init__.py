"""quotes: direct quotations in English news, linked to speaker and reporting verb.

>>> import quotes
>>> [q.speaker.name for q in quotes.extract('"We will win," Jane Doe said.', fast=True)]
['Jane Doe']

The names below are imported on first use, so ``import quotes`` (and
``quotes --help``) stay quick and never load spaCy.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_PUBLIC = {
    "Cue": "quotes.model",
    "Quote": "quotes.model",
    "Span": "quotes.model",
    "Speaker": "quotes.model",
    "Extractor": "quotes.pipeline",
    "extract": "quotes.pipeline",
    "extract_partition": "quotes.runner",
    "QuoteIndex": "quotes.search",
    "find": "quotes.search",
    "group": "quotes.grouping",
}

__all__ = sorted([*_PUBLIC, "__version__"])

if TYPE_CHECKING:
    from quotes.search import QuoteIndex, find
    from quotes.grouping import group
    from quotes.model import Cue, Quote, Span, Speaker
    from quotes.pipeline import Extractor, extract
    from quotes.runner import extract_partition


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        value = getattr(importlib.import_module(_PUBLIC[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'quotes' has no attribute {name!r}")


logging.getLogger(__name__).addHandler(logging.NullHandler())
