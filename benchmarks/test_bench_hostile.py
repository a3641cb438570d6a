"""Hostile texts next to ordinary news of the same size, through the fast path (``--fast``).

The ordinary side is BBC News articles, extracted one by one as a corpus
would be; each hostile side is one document of the same size (tests/
hostile_texts.py). The long-document case joins the whole BBC corpus into
one document and times it against the same articles one by one. ``extra_info["slowdown"]`` is hostile time over ordinary
time, both medians of the same run; the requirement is at most 5.

    QUOTES_HOSTILE_MB=1 python -m pytest benchmarks/test_bench_hostile.py --benchmark-only
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from harness import RESULTS, forget_seen_texts, load_corpus

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the generators the tests share
from hostile_texts import HOSTILE  # noqa: E402

from quotes.pipeline import Extractor  # noqa: E402

MAX_SLOWDOWN = 5.0
ROUNDS = 3


@pytest.fixture(scope="module")
def size() -> int:
    """Characters per text: ``$QUOTES_HOSTILE_MB`` million (default 1)."""
    return int(float(os.environ.get("QUOTES_HOSTILE_MB", "1")) * 1e6)


@pytest.fixture(scope="module")
def articles(size: int) -> list[str]:
    """BBC articles, in corpus order, adding up to ``size`` characters."""
    picked: list[str] = []
    total = 0
    for line in load_corpus("bbc").lines:
        if total >= size:
            break
        text = orjson.loads(line)["text"]
        picked.append(text)
        total += len(text) + 2
    return picked


def _time(benchmark: pytest.FixtureRequest, work: Callable[[], object]) -> float:
    benchmark.pedantic(work, setup=forget_seen_texts, rounds=ROUNDS, iterations=1, warmup_rounds=1)
    return benchmark.stats.stats.median


@pytest.mark.benchmark(group="hostile")
def test_ordinary_news(benchmark: pytest.FixtureRequest, articles: list[str]) -> None:
    extractor = Extractor(fast=True)
    seconds = _time(benchmark, lambda: [extractor.extract(text) for text in articles])
    RESULTS[("hostile", "ordinary")] = seconds
    benchmark.extra_info.update({"chars": sum(map(len, articles)), "docs": len(articles)})


@pytest.mark.benchmark(group="hostile")
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile(benchmark: pytest.FixtureRequest, articles: list[str], size: int, name: str) -> None:
    ordinary = RESULTS.get(("hostile", "ordinary"))
    if ordinary is None:
        pytest.skip("run test_ordinary_news in the same session: the slowdown is measured side by side")
    text = HOSTILE[name](size, 0)
    extractor = Extractor(fast=True)
    seconds = _time(benchmark, lambda: extractor.extract(text))
    slowdown = seconds / ordinary
    benchmark.extra_info.update({"chars": len(text), "ordinary_seconds": ordinary, "slowdown": round(slowdown, 2),
                                 "max_slowdown": MAX_SLOWDOWN})
    assert slowdown <= MAX_SLOWDOWN, f"{name}: {slowdown:.1f}x slower than ordinary news of the same size"


@pytest.mark.benchmark(group="hostile-long-document")
def test_long_document(benchmark: pytest.FixtureRequest) -> None:
    """All of the BBC corpus (about 5 MB) as one document, against the same articles one by one."""
    texts = [orjson.loads(line)["text"] for line in load_corpus("bbc").lines]
    extractor = Extractor(fast=True)
    ordinary = min(_seconds(lambda: [extractor.extract(text) for text in texts]) for _ in range(ROUNDS))
    document = "\n\n".join(texts)
    seconds = _time(benchmark, lambda: extractor.extract(document))
    slowdown = seconds / ordinary
    benchmark.extra_info.update({"chars": len(document), "ordinary_seconds": ordinary, "slowdown": round(slowdown, 2),
                                 "max_slowdown": MAX_SLOWDOWN})
    assert slowdown <= MAX_SLOWDOWN, f"one long document: {slowdown:.1f}x slower than the same articles one by one"


def _seconds(work: Callable[[], object]) -> float:
    forget_seen_texts()
    started = time.perf_counter()
    work()
    return time.perf_counter() - started
