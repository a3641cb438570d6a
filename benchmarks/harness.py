"""How the benchmarks measure: the news corpora and samples of them, throughput, and memory.

The corpora belong to their publishers and stay outside the project, in
``../shared/corpus`` beside the checkout (or ``$QUOTES_SHARED/corpus``); a
benchmark that needs one skips, naming the missing file, when it is absent.
"""

from __future__ import annotations

import gzip
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import orjson
import psutil
import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from quotes import cues, rules, speakers
from quotes.io import document_from_record, dumps_lines
from quotes.runner import BATCH_DOCS, SupportsExtract, process_batch

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("QUOTES_SHARED", REPO.parent / "shared"))
CORPORA = {"bbc": "bbc.jsonl.gz", "reuters": "reuters21578.jsonl.gz"}
"""Quote-dense BBC News features, and terse Reuters wire copy with few quotes."""

MB = 1e6
"""Throughput is in 10^6 bytes of JSONL input per second."""

RESULTS: dict[tuple[str, ...], float] = {}
"""Rates measured earlier in this run, for the ratios that must be measured side by side."""


# ----------------------------------------------------------------- corpora ---

@dataclass(frozen=True)
class Corpus:
    """JSONL lines of one corpus (or a sample of it), kept as bytes so that reading them is part of the work."""

    name: str
    lines: tuple[bytes, ...] = field(repr=False)

    @property
    def nbytes(self) -> int:
        return sum(len(line) + 1 for line in self.lines)

    @property
    def mb(self) -> float:
        return self.nbytes / MB

    def texts(self) -> list[tuple[str, str]]:
        """``(id, text)`` pairs, for engines that are handed parsed records."""
        records = (orjson.loads(line) for line in self.lines)
        return [(record["id"], record["text"]) for record in records]

    def sample(self, mb: float) -> Corpus:
        """About ``mb`` MB of evenly spaced documents: every topic and period, not just the head of the file."""
        if mb >= self.mb:
            return self
        step = self.mb / mb
        picked = [self.lines[int(i * step)] for i in range(int(len(self.lines) / step))]
        return Corpus(f"{self.name}-sample", tuple(picked))


@cache
def load_corpus(name: str) -> Corpus:
    path = SHARED / "corpus" / CORPORA[name]
    if not path.exists():
        pytest.skip(f"{path} is absent: the news corpora are kept outside the project")
    with gzip.open(path, "rb") as stream:
        return Corpus(name, tuple(line.rstrip(b"\n") for line in stream if line.strip()))


# ----------------------------------------------------------------- measuring ---

class PeakMemory:
    """Peak resident memory of this process while the block runs, sampled every 50 ms.

    ``ru_maxrss`` alone would give the peak of the whole session (a model
    loaded by an earlier benchmark included), so the peak is sampled here and
    reported with the resident size at the start. Sampling more often would
    take the GIL from the work being timed.
    """

    def __init__(self, interval: float = 0.05) -> None:
        self._process = psutil.Process()
        self._interval = interval
        self._stop = threading.Event()
        self.start_mb = self.peak_mb = 0.0

    def _sample(self) -> None:
        while not self._stop.wait(self._interval):
            self.peak_mb = max(self.peak_mb, self._process.memory_info().rss / MB)

    def __enter__(self) -> PeakMemory:
        self.start_mb = self.peak_mb = self._process.memory_info().rss / MB
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_mb = max(self.peak_mb, self._process.memory_info().rss / MB)


def forget_seen_texts() -> None:
    """Empty the package's bounded caches of answers per text (the rules' reading of the stretch after a
    quote, the speaker pass's per mention), as if the next round's texts had never been read.

    Rounds repeat the same texts, and a round would otherwise find the last
    one's answers cached, which a corpus read once never does: on a 0.5 MB
    sample of BBC that made the fast path 13% faster, while a round after
    reading other BBC articles ran as fast as one with empty caches.
    """
    for module in (cues, rules, speakers):
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if info is not None and (info().maxsize or 0) > 1:  # not the word lists, read once a process
                value.cache_clear()


def measure(benchmark: BenchmarkFixture, work: Callable[[], int], *, nbytes: int, docs: int, rounds: int,
            counted: str = "quotes") -> dict[str, float]:
    """Time ``work`` and record throughput and memory in ``extra_info``; the figures recorded.

    ``work`` returns how many of ``counted`` it found (quotes, or tokens for
    a plain parse). Rates use the median round of wall time; ``cpu_mb_per_s``
    uses the median round of this process's CPU time instead, which other
    work on a shared machine disturbs much less.
    """
    found: list[int] = []
    cpu: list[float] = []

    def round_() -> None:
        start = time.process_time()
        found.append(work())
        cpu.append(time.process_time() - start)

    with PeakMemory() as memory:
        benchmark.pedantic(round_, setup=forget_seen_texts, rounds=rounds, iterations=1, warmup_rounds=0)
    seconds = benchmark.stats.stats.median
    cpu_seconds = statistics.median(cpu)
    figures = {
        "mb": round(nbytes / MB, 3),
        "docs": docs,
        counted: found[-1],
        "mb_per_s": nbytes / MB / seconds,
        "docs_per_s": docs / seconds,
        f"{counted}_per_s": found[-1] / seconds,
        "cpu_mb_per_s": nbytes / MB / cpu_seconds,  # on CPU time: what a quiet machine would give
        "rss_start_mb": round(memory.start_mb, 1),
        "rss_peak_mb": round(memory.peak_mb, 1),
        "load_average": os.getloadavg()[0],
    }
    benchmark.extra_info.update(figures)
    return figures


@dataclass
class Run:
    """One command run to the end: wall time and the memory of its whole process tree."""

    seconds: float
    returncode: int
    cpu_seconds: float = 0.0
    peak_tree_mb: float = 0.0
    peak_process_mb: float = 0.0
    processes: int = 0
    stderr: str = ""
    pids: set[int] = field(default_factory=set)


def run_command(command: Sequence[str], *, interval: float = 0.02) -> Run:
    """Run ``command`` with this checkout importable, polling the RSS of it and all its children.

    ``cpu_seconds`` is the CPU time of the whole tree (all of it waited for),
    which shows the cost of extra processes even when the cores are busy.
    """
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    start = time.perf_counter()
    cpu_start = _children_cpu()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(process.pid)
    run = Run(0.0, 0)
    stderr: list[bytes] = []
    reader = threading.Thread(target=lambda: stderr.append(process.stderr.read()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    while process.poll() is None:
        sizes = list(_tree_rss(root))
        if sizes:
            run.peak_tree_mb = max(run.peak_tree_mb, sum(size for _, size in sizes) / MB)
            run.peak_process_mb = max(run.peak_process_mb, max(size for _, size in sizes) / MB)
            run.pids.update(pid for pid, _ in sizes)
        time.sleep(interval)
    run.seconds = time.perf_counter() - start
    run.cpu_seconds = _children_cpu() - cpu_start
    reader.join()
    run.returncode = process.returncode
    run.processes = len(run.pids)
    run.stderr = b"".join(stderr).decode("utf-8", "replace")
    return run


def _children_cpu() -> float:
    """CPU seconds of every finished child process, and of the descendants they waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _tree_rss(root: psutil.Process) -> Iterator[tuple[int, int]]:
    try:
        members = [root, *root.children(recursive=True)]
    except psutil.Error:
        return
    for member in members:
        try:
            yield member.pid, member.memory_info().rss
        except psutil.Error:
            continue


def quotes_command(*args: str) -> list[str]:
    """``quotes ...`` run by this interpreter, whether or not the package is installed."""
    return [sys.executable, "-m", "quotes", *args]


def extract_lines(lines: tuple[bytes, ...], extractor: SupportsExtract) -> tuple[int, int]:
    """Extract from JSONL lines as the CLI does (``BATCH_DOCS`` documents at a time); ``(quotes found, bytes of JSONL written)``."""
    found = written = 0
    for first in range(0, len(lines), BATCH_DOCS):
        batch = [document_from_record(orjson.loads(line), source="bench", line=number, fallback_id=str(number))
                 for number, line in enumerate(lines[first:first + BATCH_DOCS], first + 1)]
        for result in process_batch(batch, extractor):
            records = result.records()
            found += len(records)
            written += len(dumps_lines(records))
    return found, written
