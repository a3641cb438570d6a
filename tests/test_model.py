"""quotes.model: the words a fingerprint hashes, and the JSON records of the objects."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotes.model import (
    _TYPOGRAPHY,
    Cue,
    Quote,
    Span,
    Speaker,
    _fold_typography,
    _single_spaced,
    fingerprint,
    normalise_for_matching,
    quote_record,
)


@pytest.mark.parametrize(("text", "words", "hexdigest"), [
    ("\u201cWe cannot keep paying -- for buildings,\u201d   it's said.",
     "we cannot keep paying for buildings its said", "c70deed9d7d4e46b"),
    ("  Hello,   WORLD!!  ", "hello world", "878633aa32a3b150"),
    ("Caf\u00e9 \u2014 na\u00efve\u2026 ok", "caf\u00e9 na\u00efve ok", "f588d5365b2a1cef"),
])
def test_fingerprints_stay_what_they_were(text: str, words: str, hexdigest: str) -> None:
    # fingerprints are stored and compared across runs: they must never drift
    assert normalise_for_matching(text) == words
    assert fingerprint(text) == hexdigest


@given(st.text(alphabet="a ").map(str.encode))
def test_single_spacing_is_split_and_join(words: bytes) -> None:
    assert _single_spaced(words) == b" ".join(words.split())


@given(st.text(alphabet=" \t\n.,;'`-aZ09\u2019\u201c\u2014\u00e9"))
def test_a_fingerprint_hashes_the_normalised_words(text: str) -> None:
    assert fingerprint(text) == fingerprint(normalise_for_matching(text))


def test_to_dict_is_the_record_in_schema_order() -> None:
    quote = Quote("d", 3, Span('"Yes," she', 0, 10), Span("Yes,", 1, 5), "direct",
                  Speaker("she", 7, 10, "Jane Doe", None, "pronoun", "pronoun"), Cue("said", 11, 15, "say"),
                  "rules", "r", 0.5, fingerprint("Yes,"), "d:2", {"url": "u"})
    record = quote.to_dict()
    assert list(record) == ["schema", "doc_id", "quote_id", "quote", "content", "kind", "speaker", "cue", "method",
                            "rule", "confidence", "fingerprint", "continues", "meta"]
    assert record["quote_id"] == quote.quote_id == "d:3"
    assert record["content"] == {"text": "Yes,", "start": 1, "end": 5}
    assert record["cue"] == {"text": "said", "start": 11, "end": 15, "lemma": "say"}
    assert record["speaker"]["name"] == "Jane Doe" and record["meta"] == {"url": "u"}
    assert record == quote_record("d", 3, quote.quote.to_dict(), quote.content.to_dict(), "direct",
                                  quote.speaker.to_dict(), quote.cue.to_dict(), "rules", "r", 0.5,
                                  quote.fingerprint, "d:2", {"url": "u"})


@given(st.text(alphabet="".join(_TYPOGRAPHY) + " a'\u00e9"))
def test_folding_typography_is_translating_it(text: str) -> None:
    assert _fold_typography(text) == text.translate(str.maketrans(_TYPOGRAPHY))
