"""Searching and grouping 100,000 quotes, as a fact-checking desk would hold them.

The quotes are the real ones ``quotes extract --fast`` finds in the news
corpora (BBC and Reuters, about 23,000), each reprinted by several invented
outlets the way syndication reprints them: other quotation marks, a word
dropped, another case, only the first sentence. That makes 100,000 records
with realistic vocabulary and realistic near-duplicates.

Targets: one search in under a second once the index is built (it runs in
milliseconds); grouping all of them in well under a minute, without
comparing every pair.
"""

from __future__ import annotations

import random

import pytest
from harness import PeakMemory, load_corpus

from quotes.search import QuoteIndex
from quotes.grouping import group
from quotes.model import fingerprint
from quotes.pipeline import Extractor

TARGET_RECORDS = 100_000
SEARCH_TARGET_S = 1.0
CLAIMS = 50


def _reprint(text: str, rng: random.Random) -> str:
    """The quote as another outlet prints it."""
    edit = rng.randrange(5)
    words = text.split()
    if edit == 0:
        return text.replace("'", "\u2019")
    if edit == 1 and len(words) > 6:
        del words[rng.randrange(1, len(words) - 1)]
        return " ".join(words)
    if edit == 2:
        return text.upper() if len(text) < 40 else text.lower()
    if edit == 3 and ". " in text:
        return text.split(". ")[0] + "."
    return text


@pytest.fixture(scope="module")
def records() -> list[dict]:
    extractor = Extractor(fast=True)
    found = []
    for name in ("bbc", "reuters"):
        for doc_id, text in load_corpus(name).texts():
            found.extend(q.to_dict() for q in extractor.extract(text, doc_id))
    rng = random.Random(2025)
    reprinted = list(found)
    while len(reprinted) < TARGET_RECORDS:
        source = found[rng.randrange(len(found))]
        text = _reprint(source["content"]["text"], rng)
        reprinted.append({**source, "doc_id": f"outlet{len(reprinted)}/{source['doc_id']}",
                          "quote_id": f"outlet{len(reprinted)}/{source['quote_id']}", "continues": None,
                          "content": {"text": text, "start": 0, "end": len(text)}, "fingerprint": fingerprint(text)})
    return reprinted


def _claims(records: list[dict]) -> list[str]:
    """Claims as they circulate: exact, cut with an ellipsis, or with a word changed."""
    rng = random.Random(7)
    long_enough = [r["content"]["text"] for r in records if len(r["content"]["text"].split()) >= 12]
    claims = []
    for text in rng.sample(long_enough, CLAIMS):
        words = text.split()
        shape = len(claims) % 3
        if shape == 1:
            words = [*words[:4], "...", *words[-4:]]
        elif shape == 2:
            words[len(words) // 2] = "reportedly"
        claims.append(" ".join(words))
    return claims


def test_build_index(benchmark, records: list[dict]) -> None:
    with PeakMemory() as memory:
        index = benchmark.pedantic(lambda: QuoteIndex(records), rounds=1, iterations=1)
    benchmark.extra_info.update(records=len(records), entries=len(index), rss_peak_mb=round(memory.peak_mb, 1),
                                rss_start_mb=round(memory.start_mb, 1))


def test_search(benchmark, records: list[dict]) -> None:
    index = QuoteIndex(records)
    claims = _claims(records)
    found: list[int] = []

    def search_all() -> None:
        found[:] = [len(index.search(claim)) for claim in claims]

    benchmark.pedantic(search_all, rounds=3, iterations=1)
    per_search = benchmark.stats.stats.median / len(claims)
    benchmark.extra_info.update(records=len(records), claims=len(claims), seconds_per_search=per_search,
                                claims_with_matches=sum(1 for n in found if n))
    assert all(found), "every claim is taken from an indexed quote and must be found"
    assert per_search < SEARCH_TARGET_S, f"{per_search:.3f} s per search over {len(records)} quotes"


def test_group(benchmark, records: list[dict]) -> None:
    groups: list = []
    with PeakMemory() as memory:
        benchmark.pedantic(lambda: groups.append(group(records)), rounds=1, iterations=1)
    found = groups[-1]
    benchmark.extra_info.update(records=len(records), groups=len(found), rss_peak_mb=round(memory.peak_mb, 1),
                                multi_variant_groups=sum(1 for g in found if len(g.variants) > 1))
    assert len(found) < len(records) // 2, "reprints must join their source quote"
