"""Shared fixtures: where the evaluation data lives, and hypothesis settings.

The annotated gold and the seed articles belong to their publishers and stay
outside the project, in ``../shared`` beside the checkout; tests that need
them skip with a clear reason when it is absent (a fresh clone alone passes).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, settings

from quotes.patterns import CACHE_ENV

SHARED = Path(os.environ.get("QUOTES_SHARED", Path(__file__).resolve().parents[2] / "shared"))

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=200
)
settings.load_profile("default")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the evaluation data is kept outside the project")
    return path


def read_jsonl(path: Path) -> list[dict]:
    with path.open("rb") as fh:
        return [orjson.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="session", autouse=True)
def _pattern_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled patterns go to a cache of the test run's own (the CLI's subprocesses too), not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(tmp_path_factory.mktemp("pattern-cache")))
        yield


@pytest.fixture(scope="session")
def dev_gold_path() -> Path:
    return shared_path("eval", "polnear-dev.jsonl")


@pytest.fixture(scope="session")
def seeds_gold() -> list[dict]:
    return read_jsonl(shared_path("eval", "seeds-gold.jsonl"))


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """The seed articles by id (file stem)."""
    folder = shared_path("seeds")
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
