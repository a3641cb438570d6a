"""The seed articles against their gold: every quote found, with its canonical speaker and its cue.

The seeds and their gold stay outside the project (``../shared``); these
tests skip when they are absent.
"""

from __future__ import annotations

import pytest

from quotes.model import normalise_for_matching
from quotes.pipeline import Extractor


@pytest.fixture(scope="module")
def extracted(seed_texts: dict[str, str]) -> dict[str, list]:
    extractor = Extractor(fast=True)
    return {doc_id: extractor.extract(text, doc_id) for doc_id, text in seed_texts.items()}


def _gold_quotes(seeds_gold: list[dict]) -> list[tuple[str, dict]]:
    return [(doc["id"], quote) for doc in seeds_gold for quote in doc["quotes"]]


def test_seed_texts_match_their_gold(seeds_gold: list[dict], seed_texts: dict[str, str]) -> None:
    for doc in seeds_gold:
        assert seed_texts[doc["id"]] == doc["text"]


def test_every_gold_quote_is_found_with_its_speaker_and_cue(seeds_gold: list[dict], extracted: dict[str, list]) -> None:
    misses = []
    for doc_id, gold in _gold_quotes(seeds_gold):
        found = [q for q in extracted[doc_id] if (q.quote.start, q.quote.end) == (gold["start"], gold["end"])]
        if not found:
            misses.append((doc_id, gold["start"], "quote not found"))
            continue
        quote = found[0]
        if quote.speaker is None or quote.speaker.name != gold["speaker"]:
            misses.append((doc_id, gold["start"], f"speaker {quote.speaker and quote.speaker.name!r} != {gold['speaker']!r}"))
        if quote.speaker is not None and gold.get("speaker_start") is not None and not (
            quote.speaker.start < gold["speaker_end"] and gold["speaker_start"] < quote.speaker.end
        ):
            misses.append((doc_id, gold["start"], f"mention {quote.speaker.text!r} != {gold['speaker_mention']!r}"))
        if quote.cue is None or not (quote.cue.start < gold["cue_end"] and gold["cue_start"] < quote.cue.end):
            misses.append((doc_id, gold["start"], f"cue {quote.cue and quote.cue.text!r} != {gold['cue']!r}"))
    assert misses == []
    assert len(_gold_quotes(seeds_gold)) == 11


def test_quotes_both_seeds_share_get_equal_fingerprints(seeds_gold: list[dict], extracted: dict[str, list]) -> None:
    """One quote printed by two outlets (straight and curly marks) groups under one fingerprint."""
    texts = {doc["id"]: doc["text"] for doc in seeds_gold}
    by_words: dict[str, dict[str, set[str]]] = {}  # words -> doc id -> fingerprints found there
    for doc_id, gold in _gold_quotes(seeds_gold):
        words = normalise_for_matching(texts[doc_id][gold["start"]:gold["end"]])
        prints = {q.fingerprint for q in extracted[doc_id] if (q.quote.start, q.quote.end) == (gold["start"], gold["end"])}
        by_words.setdefault(words, {}).setdefault(doc_id, set()).update(prints)
    shared = [docs for docs in by_words.values() if len(docs) > 1]
    assert len(shared) >= 2, "the seeds share at least two quotes"
    for docs in shared:
        assert len(set().union(*docs.values())) == 1
