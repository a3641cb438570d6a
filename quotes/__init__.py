"""quotes: direct quotations in English news, linked to speaker and reporting verb.

>>> import quotes
>>> [q.speaker.name for q in quotes.extract('"We will win," Jane Doe said.', fast=True)]
['Jane Doe']
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

from quotes.model import Cue, Quote, Span, Speaker  # noqa: E402
from quotes.pipeline import Extractor, extract  # noqa: E402
from quotes.find import QuoteIndex, find  # noqa: E402
from quotes.group import group  # noqa: E402
from quotes.runner import extract_partition  # noqa: E402

__all__ = [
    "Cue", "Extractor", "Quote", "QuoteIndex", "Span", "Speaker", "__version__",
    "extract", "extract_partition", "find", "group",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
