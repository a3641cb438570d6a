"""Fuzz the quotation-mark scanner: on any text, ``scan`` returns valid spans, quickly.

    python fuzz/fuzz_scan.py -max_total_time=900 -max_len=4096 CORPUS_DIR

(any libFuzzer option works; see fuzz/README.md). A failing input is saved
by libFuzzer as ``crash-*``; replay it with ``python fuzz/fuzz_scan.py FILE``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import atheris

_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(_ROOT), str(_ROOT / "tests"), str(_ROOT / "fuzz")]

with atheris.instrument_imports(include=["quotes.marks"]):
    from quotes import marks

import hostile_texts  # noqa: E402
from inputs import text_from  # noqa: E402

SLOW_SECONDS = 0.25
"""CPU seconds (not wall time: the fuzzer runs niced beside other work). Inputs
are a few kB, which a linear scan reads in about a millisecond."""


def test_one_input(data: bytes) -> None:
    text = text_from(data)
    started = time.process_time()
    spans = marks.scan(text)
    elapsed = time.process_time() - started
    hostile_texts.check_spans(text, spans)
    if elapsed > SLOW_SECONDS:
        raise RuntimeError(f"slow input: {len(text)} characters took {elapsed:.3f} s")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
