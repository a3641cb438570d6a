"""``quotes extract`` end to end in a subprocess: worker processes and flat memory on a large corpus.

The corpus is BBC and Reuters shuffled together and repeated (ids made
unique) to 5, 50 and 200 MB, so every size holds the same mix of documents;
the fixed start-up of each process (interpreter and imports; the rule
patterns come compiled from the user's cache after the first run) weighs
less the larger the corpus, which the 200 MB runs show.
Each command runs three times: the median wall time (start-up included) and
CPU time of the whole process tree are kept, and the largest resident memory
of the tree (the command and its workers, polled).
Target: the 50 and 200 MB runs peak within 10% of the 5 MB run with the same ``-j``,
since the reader streams and only a few chunks are ever in flight.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from harness import MB, RESULTS, load_corpus, quotes_command, run_command
from pytest_benchmark.fixture import BenchmarkFixture

MEMORY_GROWTH_LIMIT = 0.10
ROUNDS = 3
"""Runs of each command: other work on a shared machine moves any single run's wall time."""
FAST_RUNS = [(5, 1), (50, 1), (200, 1), (5, 2), (50, 2), (200, 2)]
"""(MB of input, worker processes) for the fast path; the 5 MB run of each ``-j`` comes first."""
CASCADE_MB = 5.0
"""Input for the cascade runs, which are 10-20x slower per MB than the fast path."""


@pytest.fixture(scope="session")
def mixed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Callable[[float], Path]:
    """A function giving a JSONL file of about ``mb`` MB of the mixed corpora (written once per size)."""
    lines = [*load_corpus("bbc").lines, *load_corpus("reuters").lines]
    random.Random(0).shuffle(lines)
    folder = tmp_path_factory.mktemp("corpus")
    files: dict[float, Path] = {}

    def build(mb: float) -> Path:
        if mb not in files:
            files[mb] = folder / f"mixed-{mb:g}mb.jsonl"
            with files[mb].open("wb") as out:
                written = 0
                for copy, line in _cycle(lines):
                    record = orjson.loads(line)
                    record["id"] = f"{record['id']}~{copy}"
                    written += out.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
                    if written >= mb * MB:
                        break
        return files[mb]

    return build


def _cycle(lines: list[bytes]) -> Iterator[tuple[int, bytes]]:
    """``(copy number, line)`` without end."""
    copy = 0
    while True:
        for line in lines:
            yield copy, line
        copy += 1


def _timed(benchmark: BenchmarkFixture, command: list[str], source: Path, output: Path) -> dict[str, Any]:
    """Run ``command`` under the benchmark; its figures (median time and CPU, largest memory), also in ``extra_info``.

    ``output`` is the JSONL file, or the folder of JSONL parts, it writes;
    its lines are the quotes counted, and it is removed afterwards.
    """
    runs = []
    benchmark.pedantic(lambda: runs.append(run_command(command)), rounds=ROUNDS, iterations=1, warmup_rounds=0)
    for run in runs:
        assert run.returncode == 0, run.stderr
    seconds = benchmark.stats.stats.median
    nbytes = source.stat().st_size
    files = sorted(output.glob("*.jsonl")) if output.is_dir() else [output]
    found = sum(file.read_bytes().count(b"\n") for file in files)
    shutil.rmtree(output) if output.is_dir() else output.unlink()
    figures = {
        "command": " ".join(Path(part).name for part in command[2:]),
        "mb": round(nbytes / MB, 2),
        "seconds": round(seconds, 2),
        "mb_per_s": nbytes / MB / seconds,
        "cpu_seconds": round(statistics.median(run.cpu_seconds for run in runs), 2),
        "quotes": found,
        "peak_tree_mb": round(max(run.peak_tree_mb for run in runs), 1),
        "peak_process_mb": round(max(run.peak_process_mb for run in runs), 1),
        "processes": max(run.processes for run in runs),
        "load_average": os.getloadavg()[0],
        "stderr_tail": runs[-1].stderr.strip().splitlines()[-1:],
    }
    benchmark.extra_info.update(figures)
    return figures


def _extract(benchmark: BenchmarkFixture, source: Path, output: Path, *options: str) -> dict[str, Any]:
    """``quotes extract OPTIONS SOURCE -o OUTPUT``, timed."""
    return _timed(benchmark, quotes_command("extract", *options, str(source), "-o", str(output)), source, output)


@pytest.mark.parametrize(("mb", "jobs"), FAST_RUNS, ids=[f"{mb}MB-j{jobs}" for mb, jobs in FAST_RUNS])
def test_fast_cli(benchmark: BenchmarkFixture, mixed_corpus: Callable[[float], Path], tmp_path: Path, mb: int,
                  jobs: int) -> None:
    figures = _extract(benchmark, mixed_corpus(mb), tmp_path / "quotes.jsonl", "--fast", "-j", str(jobs))
    RESULTS[("cli-fast", str(mb), str(jobs), "seconds")] = figures["seconds"]
    RESULTS[("cli-fast", str(mb), str(jobs), "peak")] = figures["peak_tree_mb"]
    one_job = RESULTS.get(("cli-fast", str(mb), "1", "seconds"))
    if jobs > 1 and one_job:
        benchmark.extra_info["speedup_over_j1"] = round(one_job / figures["seconds"], 2)
    small = RESULTS.get(("cli-fast", str(FAST_RUNS[0][0]), str(jobs), "peak"))
    if mb > FAST_RUNS[0][0] and small:
        growth = figures["peak_tree_mb"] / small - 1
        benchmark.extra_info["memory_growth_over_5mb"] = round(growth, 3)
        assert growth <= MEMORY_GROWTH_LIMIT, (f"peak memory {figures['peak_tree_mb']:.0f} MB on {mb} MB is "
                                               f"{growth:.0%} over {small:.0f} MB on 5 MB (-j {jobs})")


@pytest.mark.parametrize("jobs", [1, 2], ids=["j1", "j2"])
def test_cascade_cli(benchmark: BenchmarkFixture, mixed_corpus: Callable[[float], Path], tmp_path: Path,
                     jobs: int) -> None:
    figures = _extract(benchmark, mixed_corpus(CASCADE_MB), tmp_path / "quotes.jsonl", "-j", str(jobs))
    RESULTS[("cli-cascade", str(jobs))] = figures["seconds"]
    one_job = RESULTS.get(("cli-cascade", "1"))
    if jobs > 1 and one_job:
        benchmark.extra_info["speedup_over_j1"] = round(one_job / figures["seconds"], 2)


DASK_RUNS = [("fast", 5.0), ("cascade", CASCADE_MB)]


@pytest.mark.parametrize(("path", "mb"), DASK_RUNS, ids=[path for path, _ in DASK_RUNS])
def test_dask_local_cluster(benchmark: BenchmarkFixture, mixed_corpus: Callable[[float], Path], tmp_path: Path,
                            path: str, mb: float) -> None:
    """``python -m quotes.distributed`` on a local cluster of 2 workers, start-up included, against ``-j 2``."""
    pytest.importorskip("dask.distributed", reason="the local cluster needs dask[distributed]")
    source = mixed_corpus(mb)
    options = ["--fast"] if path == "fast" else []
    command = [sys.executable, "-m", "quotes.distributed", str(source), "-o", str(tmp_path / "parts"),
               "--workers", "2", "--blocksize", "1MiB" if path == "fast" else "256kB", *options]
    figures = _timed(benchmark, command, source, tmp_path / "parts")
    pool = RESULTS.get(("cli-fast", "5", "2", "seconds") if path == "fast" else ("cli-cascade", "2"))
    if pool:
        benchmark.extra_info["speed_over_j2"] = round(pool / figures["seconds"], 2)
