"""Fuzz the whole fast pipeline: on any text, ``Extractor(fast=True).extract`` returns valid records, quickly.

    python fuzz/fuzz_extract.py -max_total_time=900 -max_len=4096 CORPUS_DIR

Every record must point back into the text (quote, content, speaker, cue)
and serialise; see fuzz/README.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import atheris

_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(_ROOT), str(_ROOT / "tests"), str(_ROOT / "fuzz")]

with atheris.instrument_imports(include=["quotes"]):
    from quotes.pipeline import Extractor

import hostile_texts  # noqa: E402
from inputs import text_from  # noqa: E402

SLOW_SECONDS = 1.0
"""CPU seconds for a text of a few kB: the fast path reads that in milliseconds."""

FAST = Extractor(fast=True)


def test_one_input(data: bytes) -> None:
    text = text_from(data)
    started = time.process_time()
    quotes = FAST.extract(text, doc_id="fuzz")
    elapsed = time.process_time() - started
    hostile_texts.check_records(text, quotes)
    if elapsed > SLOW_SECONDS:
        raise RuntimeError(f"slow input: {len(text)} characters took {elapsed:.3f} s")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
