"""Turning fuzzer bytes into texts worth trying.

A third of inputs are any code points (lone surrogates, NUL and controls
included); the rest spell texts from an alphabet of quotation marks, doubled
marks, apostrophe words, cue words, names and every kind of break, so most of
the fuzzer's effort goes where the scanner and the rules make decisions.
"""

from __future__ import annotations

import atheris
import hostile_texts

ALPHABET: tuple[str, ...] = (
    *hostile_texts.MARKS, *hostile_texts.DOUBLED_MARKS,
    *hostile_texts.CUE_WORDS, *hostile_texts.NAMES, *hostile_texts.WORDS, *hostile_texts.ODD_CHARACTERS,
    " ", " ", " ", "\n", "\n\n", "\r\n", "  ", ",", ".", ":", "(", ")", "[", "]", "<p>", "</p>", "=", "x", "'s",
)


def text_from(data: bytes) -> str:
    """A text spelled by ``data``: raw code points, or tokens of :data:`ALPHABET`."""
    fdp = atheris.FuzzedDataProvider(data)
    if fdp.ConsumeIntInRange(0, 2) == 0:
        return fdp.ConsumeUnicode(fdp.remaining_bytes())
    count = fdp.remaining_bytes()
    return "".join(ALPHABET[i % len(ALPHABET)] for i in fdp.ConsumeIntListInRange(count, 0, 255))
