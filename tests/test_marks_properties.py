"""Properties of the scanner on any text: valid offsets, real quotes, paragraphs respected, no crash."""

from __future__ import annotations

from hostile_texts import ALPHABET_TOKENS, MARKS, check_spans
from hypothesis import example, given
from hypothesis import strategies as st

from quotes.marks import _MARK, QUOTE_MARKS, _tokens, scan

any_text = st.text(st.characters(codec=None, exclude_categories=()))
"""Every code point of every category: controls, lone surrogates, unassigned, private use."""

mark_heavy = st.text(st.sampled_from([*MARKS, "a", "Z", "9", " ", "\n", ",", ".", "s", "n"]))
"""Mostly quotation marks, with the characters that decide their direction."""

BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

news_like = st.lists(st.sampled_from(ALPHABET_TOKENS), max_size=200).map("".join)
"""Marks, doubled marks, apostrophe words, cue words and names, in any order."""

one_mark = st.sampled_from(sorted(QUOTE_MARKS)).flatmap(
    lambda mark: st.text(st.sampled_from([mark, "a", "9", " ", "\n", ",", "s", "\u00e9"]))
)
"""Text that holds one kind of mark character, in ASCII text or not."""


@given(any_text)
@example("\ud800\"\udfff\x00\u202e\u200d")
def test_any_unicode(text: str) -> None:
    check_spans(text, scan(text))


@given(mark_heavy)
@example("''''''\n\n'''\"\"\"")
def test_mark_heavy(text: str) -> None:
    check_spans(text, scan(text))


@given(news_like)
def test_news_like(text: str) -> None:
    check_spans(text, scan(text))


@given(news_like, news_like)
def test_a_closed_paragraph_is_not_touched_by_what_follows(first: str, rest: str) -> None:
    """A paragraph whose quotes all close is scanned the same whatever comes after it."""
    spans = scan(first)
    if any(not s.closed for s in spans) or any(ch in first for ch in BREAKS):
        return
    text = f"{first}\n\nNext paragraph. {rest}"
    assert [s for s in scan(text) if s.start < len(first)] == spans


@given(news_like, st.sampled_from(['"', "\u201c", "''", "``", "\u00ab"]))
def test_an_unclosed_quote_never_swallows_the_next_paragraph(before: str, mark: str) -> None:
    text = f"{before}\n\nHe said {mark}we will\n\nThe article goes on without quotes."
    tail = text.index("The article")
    assert all(s.end <= tail for s in scan(text) if s.start < tail)


@given(st.one_of(one_mark, mark_heavy, news_like, any_text))
def test_the_patterns_led_by_one_mark_find_the_tokens_of_all_marks(text: str) -> None:
    assert list(_tokens(text) or ()) == [m.span() for m in _MARK.finditer(text)]
