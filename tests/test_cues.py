"""The reporting-verb lexicon: forms, lemmas, complements, and the trie patterns built from word lists."""

from __future__ import annotations

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
