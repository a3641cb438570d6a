"""The record a quote becomes, and its JSON form (schema 1 of DESIGN.md).

The JSON layout is written once, in the ``*_record`` functions (and
``Speaker.to_dict``: speakers are objects either way). The ``to_dict``
methods use them, and so does the extractor when it goes straight to records
(:data:`AS_RECORDS`) without building the quote objects.

Every span carries Python ``str`` offsets into the exact text that was read,
so ``source[start:end] == text`` holds for the quote, its content, the speaker
mention and the cue. What a stage cannot fill stays ``None``.
"""

from __future__ import annotations

import hashlib
import string
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import regex

SCHEMA_VERSION = 1

KINDS = ("direct", "partial", "unattributed", "title", "nickname", "scare")
"""``direct``/``partial``/``unattributed`` are quotes; the rest are other uses
of quotation marks, emitted only when asked for (``--all``)."""

QUOTE_KINDS = frozenset(KINDS[:3])

SPEAKER_TYPES = ("person", "organisation", "descriptor", "pronoun")


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the source text: ``source[start:end] == text``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return span_record(self.text, self.start, self.end)


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said it: the mention next to the quote and the person it names.

    ``name`` is the canonical name within the document ("Marco Rubio" for the
    mention "Rubio" or "he"); ``resolved_by`` says how the mention reached it:
    ``direct`` (the mention is the name), ``surname``, ``pronoun``, ``title``
    ("the senator"), ``previous-quote`` (carried from the quote before) or
    ``apposition``.
    """

    text: str
    start: int
    end: int
    name: str | None
    title: str | None
    type: str
    resolved_by: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "title": self.title,
            "type": self.type,
            "resolved_by": self.resolved_by,
        }


@dataclass(frozen=True, slots=True)
class Cue:
    """The reporting expression ("told", "according to") and its lemma."""

    text: str
    start: int
    end: int
    lemma: str

    def to_dict(self) -> dict[str, Any]:
        return cue_record(self.text, self.start, self.end, self.lemma)


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation with its speaker and cue, as one JSONL record."""

    doc_id: str
    index: int
    quote: Span
    content: Span
    kind: str
    speaker: Speaker | None
    cue: Cue | None
    method: str
    rule: str | None
    confidence: float
    fingerprint: str
    continues: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def quote_id(self) -> str:
        return quote_id(self.doc_id, self.index)

    def to_dict(self) -> dict[str, Any]:
        """The JSON record, keys in schema order."""
        return quote_record(self.doc_id, self.index, self.quote.to_dict(), self.content.to_dict(), self.kind,
                            self.speaker.to_dict() if self.speaker else None, self.cue.to_dict() if self.cue else None,
                            self.method, self.rule, self.confidence, self.fingerprint, self.continues, self.meta)


# -- the JSON layout

def quote_id(doc_id: str, index: int) -> str:
    """The id of the ``index``-th quotation span of a document, unique across documents."""
    return f"{doc_id}:{index}"


def span_record(text: str, start: int, end: int) -> dict[str, Any]:
    """The record of a :class:`Span`."""
    return {"text": text, "start": start, "end": end}


def cue_record(text: str, start: int, end: int, lemma: str) -> dict[str, Any]:
    """The record of a :class:`Cue`."""
    return {"text": text, "start": start, "end": end, "lemma": lemma}


def quote_record(doc_id: str, index: int, quote: dict[str, Any], content: dict[str, Any], kind: str,
                 speaker: dict[str, Any] | None, cue: dict[str, Any] | None, method: str, rule: str | None,
                 confidence: float, fingerprint: str, continues: str | None,
                 meta: dict[str, Any]) -> dict[str, Any]:
    """The record of a :class:`Quote`, from its fields in field order, the parts already records."""
    return {
        "schema": SCHEMA_VERSION,
        "doc_id": doc_id,
        "quote_id": quote_id(doc_id, index),
        "quote": quote,
        "content": content,
        "kind": kind,
        "speaker": speaker,
        "cue": cue,
        "method": method,
        "rule": rule,
        "confidence": confidence,
        "fingerprint": fingerprint,
        "continues": continues,
        "meta": meta,
    }


def _same(speaker: Speaker) -> Speaker:
    """A quote object holds the speaker object itself."""
    return speaker


class Builders(NamedTuple):
    """What a quote and its parts are made into: the objects, or their records straight away.

    Each takes its fields in field order, positionally: keywords cost a third more per quote.
    """

    quote: Callable[..., Any]
    span: Callable[[str, int, int], Any]
    cue: Callable[[str, int, int, str], Any]
    speaker: Callable[[Speaker], Any]


AS_OBJECTS = Builders(Quote, Span, Cue, _same)
AS_RECORDS = Builders(quote_record, span_record, cue_record, Speaker.to_dict)


_TYPOGRAPHY = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "`": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2039": '"', "\u203a": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2026": "...",
}
"""Curly marks, primes, dashes and the ellipsis, with the ASCII each folds to."""
_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]+")
_ASCII_WORDS = bytes(
    code + 32 if chr(code) in string.ascii_uppercase else code if chr(code) in string.ascii_lowercase + string.digits else 32
    for code in range(256)
)
"""Bytes table: ASCII letters lower-cased, digits kept, everything else a space (apostrophes are deleted apart)."""


def normalise_for_matching(text: str) -> str:
    """Fold typography, case and punctuation away: the words of a quote only.

    Straight and curly marks, dashes, ellipses, case and runs of white space
    all collapse, so one quote printed by two outlets normalises the same.
    """
    return _normalised_utf8(text).decode("utf-8")


def fingerprint(content: str) -> str:
    """A stable 16-hex-digit hash of the normalised words of a quote."""
    return hashlib.blake2b(_normalised_utf8(content), digest_size=8).hexdigest()


def _normalised_utf8(text: str) -> bytes:
    """:func:`normalise_for_matching` as UTF-8 bytes, what the fingerprint hashes (most quotes never leave bytes)."""
    if not text.isascii():
        text = _fold_typography(text)  # most quotes are ASCII after this
        if not text.isascii():
            folded = unicodedata.normalize("NFKC", text).casefold()
            folded = folded.replace("'", "")  # it's == its: apostrophes vary, words don't
            return _NOT_WORD.sub(" ", folded).strip().encode("utf-8")
    # ASCII: NFKC leaves it as it is, casefold is lower, and bytes translate at C speed
    return _single_spaced(text.encode("ascii").translate(_ASCII_WORDS, b"'`"))


def _fold_typography(text: str) -> str:
    """Straight marks, dashes and dots for curly, long and ellipsis ones.

    A replace per character the text holds: ``str.translate`` with a dict
    looks up (and fails to find) every other character, ten times slower.
    """
    for char, ascii_ in _TYPOGRAPHY.items():
        if char in text:
            text = text.replace(char, ascii_)
    return text


def _single_spaced(words: bytes) -> bytes:
    """Runs of spaces made one, ends stripped: ``b" ".join(words.split())`` without a bytes object per word.

    Each pass halves the longest run, so a run of n spaces takes log2(n) passes.
    """
    while words.find(b"  ") >= 0:
        words = words.replace(b"  ", b" ")
    return words.strip(b" ")
