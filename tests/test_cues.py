"""The reporting-verb lexicon: forms, lemmas, complements, and the trie patterns built from word lists."""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from quotes import cues


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("said", "say"),
        ("says", "say"),
        ("told", "tell"),
        ("telling", "tell"),
        ("added", "add"),
        ("tweeted", "tweet"),
        ("wrote", "write"),
        ("according to", "according to"),
        ("pointed out", "point out"),
        ("criticised", "criticize"),
        ("said in a statement", "say"),
        ("told reporters", "tell"),
        ("wrote on Twitter", "write"),
    ],
    ids=lambda value: value.replace(" ", "-"),
)
def test_lemma_of_forms_and_complements(form: str, lemma: str) -> None:
    assert cues.lemma(form) == lemma


@pytest.mark.parametrize("word", ["claims", "remarks", "state", "report", "statement", "Said"])
def test_nouns_and_capitalised_words_are_not_cues(word: str) -> None:
    """Words that are mostly nouns in news ("his claims") stay out of the lexicon."""
    assert cues.match_at(word, 0) is None


def test_every_lexicon_form_is_lower_case_and_has_a_lemma() -> None:
    forms = cues.lexicon()
    assert len(forms) > 150
    assert all(form == form.lower() and lemma for form, lemma in forms.items())


@pytest.mark.parametrize(
    ("text", "cue_text", "lemma"),
    [
        ("said in a statement on Monday", "said in a statement", "say"),
        ("told reporters after the vote", "told reporters", "tell"),
        ("wrote on X that", "wrote on X", "write"),
        ("according  to the report", "according  to", "according to"),
        ("pointed out that", "pointed out", "point out"),
        ("said.", "said", "say"),
    ],
    ids=["statement", "reporters", "on-x", "double-space", "phrasal", "full-stop"],
)
def test_match_at_takes_the_complement(text: str, cue_text: str, lemma: str) -> None:
    found = cues.match_at(text, 0)
    assert found is not None
    assert text[found.start:found.end] == cue_text
    assert found.lemma == lemma


def test_match_at_needs_a_whole_word() -> None:
    assert cues.match_at("saidly", 0) is None
    assert cues.match_at("unsaid", 2) is None


def test_search_last_finds_the_last_cue_in_range() -> None:
    text = "He said that she told him she had warned them"
    found = cues.search_last(text, 0, len(text))
    assert found is not None and text[found.start:found.end] == "warned"
    found = cues.search_last(text, 0, text.index("she had"))
    assert found is not None and text[found.start:found.end] == "told"
    assert cues.search_last(text, 0, 2) is None


_PHRASES = st.text(alphabet="abcde ", min_size=1, max_size=6).map(lambda s: " ".join(s.split())).filter(bool)


@given(st.lists(_PHRASES, min_size=1, max_size=30))
def test_alternation_matches_exactly_the_phrases(phrases: list[str]) -> None:
    pattern = regex.compile(cues.alternation(phrases))
    for phrase in phrases:
        assert pattern.fullmatch(phrase)
    for probe in ("abcdeabcde", "eeeeee e", "b a"):
        assert bool(pattern.fullmatch(probe)) == (probe in phrases)


_CUE_ANYWHERE = regex.compile(cues.CUE)
_FIRST_WORD_AT_BOUNDARY = re.compile(
    r"\b(?:" + "|".join(sorted({form.split()[0].split("-")[0] for form in cues.lexicon()} | {"according"})) + ")"
)
_PIECES = st.sampled_from(
    ["said", "says", "told", "added", "pointed out", "according to", "went on", "he", " ", "  ", "\n", "x", "_", "9",
     "²", "é", "\u0301", "-", "’", ",", "unsaid", "saidly"]
)


@given(st.lists(_PIECES, max_size=12).map("".join), st.integers(0, 60), st.integers(0, 60))
def test_cues_in_lists_what_the_cue_pattern_finds_where_a_first_word_starts(text: str, start: int, end: int) -> None:
    """The candidate scan gives the cue pattern's own matches, and none where the stdlib filter finds no first word."""
    start, end = min(start, len(text)), min(max(start, end), len(text))
    expected = list(_CUE_ANYWHERE.finditer(text, start, end)) if cues.may_hold_cue(text, start, end) else []
    assert [found.span() for found in cues.cues_in(text, start, end)] == [found.span() for found in expected]


@given(st.lists(_PIECES, max_size=12).map("".join), st.integers(0, 60), st.integers(0, 60))
def test_may_hold_cue_is_a_first_word_at_a_stdlib_word_boundary(text: str, start: int, end: int) -> None:
    start, end = min(start, len(text)), min(max(start, end), len(text))
    assert cues.may_hold_cue(text, start, end) == (_FIRST_WORD_AT_BOUNDARY.search(text, start, end) is not None)


@given(st.lists(_PIECES, max_size=12).map("".join))
def test_search_last_is_the_last_match_of_the_cue_pattern(text: str) -> None:
    matches = list(_CUE_ANYWHERE.finditer(text))
    found = cues.search_last(text, 0, len(text))
    assert ((found.start, found.end) if found else None) == (matches[-1].span() if matches else None)


@given(st.lists(_PIECES, max_size=12).map("".join), st.integers(0, 60), st.integers(0, 60))
def test_holds_cue_is_a_search_of_the_cue_pattern(text: str, start: int, end: int) -> None:
    start, end = min(start, len(text)), min(max(start, end), len(text))
    assert cues.holds_cue(text, start, end) == (_CUE_ANYWHERE.search(text, start, end) is not None)
