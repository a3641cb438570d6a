"""quotes.pipeline: an Extractor's records are exactly its quotes' ``to_dict()``."""

from __future__ import annotations

import pytest

from quotes.pipeline import Extractor

TEXT = """"We will win," Jane Doe said. "Yes," she added, "and soon."
The so-called "reform" failed, according to the union. "It is over."
"""


@pytest.mark.parametrize("keep_all", [False, True])
@pytest.mark.parametrize("meta", [None, {"url": "u"}])
def test_records_are_the_quotes_as_dicts(keep_all: bool, meta: dict[str, str] | None) -> None:
    extractor = Extractor(fast=True, keep_all=keep_all)
    quotes = extractor.extract(TEXT, "d", meta)
    assert len(quotes) >= 3 and any(quote.continues for quote in quotes)
    assert extractor.records(TEXT, "d", meta) == [quote.to_dict() for quote in quotes]


def test_no_quotes_no_records() -> None:
    assert Extractor(fast=True).records("Nothing quoted here.", "d") == []
