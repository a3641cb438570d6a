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


TEXTS = [TEXT, "Nothing quoted here.", '"Fine," he said.', '“Prices will rise,” Ann Lee told reporters.']


def test_a_batch_gives_what_each_document_gives_alone() -> None:
    extractor = Extractor(fast=True)
    docs = [(text, f"d{i}", {"n": i}) for i, text in enumerate(TEXTS * 3)]
    assert extractor.records_batch(docs) == [extractor.records(*doc) for doc in docs]


def test_a_document_that_breaks_a_stage_leaves_only_its_own_place(monkeypatch: pytest.MonkeyPatch) -> None:
    from quotes import speakers

    resolve = speakers.resolve

    def breaks_on_fine(text: str, *args: object) -> object:
        if text.startswith('"Fine,"'):
            raise IndexError("string index out of range")
        return resolve(text, *args)

    monkeypatch.setattr(speakers, "resolve", breaks_on_fine)
    extractor = Extractor(fast=True)
    docs = [(text, f"d{i}", None) for i, text in enumerate(TEXTS)]
    first, empty, broken, last = extractor.records_batch(docs)
    assert isinstance(broken, IndexError)
    assert empty == [] and first == extractor.records(*docs[0]) and last == extractor.records(*docs[3])
    with pytest.raises(IndexError):
        extractor.records(*docs[2])


class _SieveFailingOnFine:
    """A parse sieve that changes nothing but breaks on one document, in a batch or alone."""

    def refine(self, text: str, spans: object, attributions: list) -> tuple[list, list]:
        if text.startswith('"Fine,"'):
            raise ValueError("cannot parse")
        return attributions, []

    def refine_batch(self, documents: list) -> list:
        return [self.refine(*document) for document in documents]


def test_a_parse_failure_in_a_batch_stays_with_its_document() -> None:
    extractor = Extractor(parser=_SieveFailingOnFine())
    docs = [(text, f"d{i}", None) for i, text in enumerate(TEXTS)]
    first, empty, broken, last = extractor.records_batch(docs)
    assert isinstance(broken, ValueError)
    fast = Extractor(fast=True)
    assert empty == [] and first == fast.records(*docs[0]) and last == fast.records(*docs[3])
