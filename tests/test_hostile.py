"""Hostile input through the scanner and the whole fast pipeline: no exception, valid records.

Every span of every record must point back into the source text (quote,
content, speaker, cue) and every record must serialise. Sizes are kept to a
few MB so the suite stays quick; ``benchmarks/test_bench_hostile.py`` times
the same texts against ordinary news.
"""

from __future__ import annotations

import pytest
from hostile_texts import ALPHABET_TOKENS, HOSTILE, MARKS, check_records, check_spans
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.marks import scan
from quotes.pipeline import Extractor

FAST = Extractor(fast=True)


def check_both(text: str) -> None:
    check_spans(text, scan(text))
    check_records(text, FAST.extract(text, doc_id="hostile"))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_generated(name: str) -> None:
    check_both(HOSTILE[name](200_000, 1))


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n\n", "\x00", '"', "\u201c", "''", "'''", "``", "\ud800", '"\ud800"', "\u202e\"abc\u202c\"",
     "\U0001f600 \"\U0001f468\u200d\U0001f469\" she said", '"' * 1000, "'" * 1001, "\u201c\u201d" * 500],
    ids=["empty", "space", "blank-lines", "nul", "straight-mark", "curly-mark", "doubled", "tripled", "ptb",
         "lone-surrogate", "quoted-surrogate", "rtl-override", "emoji-zwj", "straight-run", "single-run",
         "curly-pairs"],
)
def test_tiny_and_degenerate(text: str) -> None:
    check_both(text)


def test_100k_nested_quotes() -> None:
    text = HOSTILE["nested"](1_000_000, 0)
    assert text.count("\u201c") + text.count("\u2018") == 100_000
    check_both(text)


def test_2mb_unclosed_quote() -> None:
    text = HOSTILE["unclosed"](2_000_000, 0)
    (span,) = scan(text)
    assert not span.closed and span.end == len(text.rstrip())
    check_records(text, FAST.extract(text))


def test_long_single_document() -> None:
    """A few MB of ordinary wrapped news in one document: every quote found, every record valid."""
    text = HOSTILE["wrapped"](2_000_000, 0)
    quotes = FAST.extract(text)
    assert len(quotes) == text.count('\n\n"') + 1  # one quote opens each paragraph
    check_records(text, quotes)


any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=2000)
mark_dense = st.text(st.sampled_from([*MARKS, "a", "Z", " ", "\n", ",", ".", ":"]), max_size=2000)
adversarial = st.lists(st.sampled_from(ALPHABET_TOKENS), max_size=400).map(" ".join)
"""Cue words, names and marks in any order: every rule finds something to try."""


@settings(max_examples=150)
@given(st.one_of(any_text, mark_dense, adversarial))
def test_pipeline_on_any_text(text: str) -> None:
    check_records(text, FAST.extract(text, doc_id="hypothesis"))
