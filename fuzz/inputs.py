"""Turning fuzzer bytes into texts worth trying.

A third of inputs are any code points (lone surrogates, NUL and controls
included); the rest spell texts from an alphabet of quotation marks, doubled
marks, apostrophe words, cue words, names and every kind of break, so most of
the fuzzer's effort goes where the scanner and the rules make decisions.
"""

from __future__ import annotations

import atheris
import hostile_texts


def text_from(data: bytes) -> str:
    """A text spelled by ``data``: raw code points, or tokens of ``hostile_texts.ALPHABET_TOKENS``."""
    fdp = atheris.FuzzedDataProvider(data)
    if fdp.ConsumeIntInRange(0, 2) == 0:
        return fdp.ConsumeUnicode(fdp.remaining_bytes())
    count = fdp.remaining_bytes()
    tokens = hostile_texts.ALPHABET_TOKENS
    return "".join(tokens[i % len(tokens)] for i in fdp.ConsumeIntListInRange(count, 0, 255))
