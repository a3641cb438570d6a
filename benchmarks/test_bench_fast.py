"""The fast path (marks + rules + speakers, no parser) over whole corpora, on one core.

Each round does what ``quotes extract --fast`` does per document, minus the
file: parse the JSONL line, extract, and serialise every record with orjson.
Targets (one core): 20 MB/s on quote-dense BBC, 40 MB/s on Reuters wire copy.
"""

from __future__ import annotations

from harness import Corpus, extract_lines, measure
from pytest_benchmark.fixture import BenchmarkFixture

from quotes.pipeline import Extractor

TARGET_MB_PER_S = {"bbc": 20.0, "reuters": 40.0}


def test_fast_path(benchmark: BenchmarkFixture, corpus: Corpus) -> None:
    extractor = Extractor(fast=True)
    figures = measure(benchmark, lambda: extract_lines(corpus.lines, extractor)[0], nbytes=corpus.nbytes,
                      docs=len(corpus.lines), rounds=5)
    target = TARGET_MB_PER_S[corpus.name]
    benchmark.extra_info["target_mb_per_s"] = target
    assert figures["quotes"] > 0
    assert figures["mb_per_s"] >= target, f"fast path {figures['mb_per_s']:.1f} MB/s on {corpus.name}, target {target}"
