"""The record a quote becomes, and its JSON form (schema 1 of DESIGN.md).

Every span carries Python ``str`` offsets into the exact text that was read,
so ``source[start:end] == text`` holds for the quote, its content, the speaker
mention and the cue. What a stage cannot fill stays ``None``.
"""

from __future__ import annotations

import hashlib
import string
import unicodedata
from dataclasses import dataclass, field
from typing import Any

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
        return {"text": self.text, "start": self.start, "end": self.end}


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
        return {"text": self.text, "start": self.start, "end": self.end, "lemma": self.lemma}


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
        return f"{self.doc_id}:{self.index}"

    def to_dict(self) -> dict[str, Any]:
        """The JSON record, keys in schema order."""
        return {
            "schema": SCHEMA_VERSION,
            "doc_id": self.doc_id,
            "quote_id": self.quote_id,
            "quote": self.quote.to_dict(),
            "content": self.content.to_dict(),
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "method": self.method,
            "rule": self.rule,
            "confidence": self.confidence,
            "fingerprint": self.fingerprint,
            "continues": self.continues,
            "meta": self.meta,
        }


_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "`": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2039": '"', "\u203a": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2026": "...",
    }
)
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
        text = text.translate(_FOLD)  # curly marks and dashes: most quotes are ASCII after this
        if not text.isascii():
            folded = unicodedata.normalize("NFKC", text).casefold()
            folded = folded.replace("'", "")  # it's == its: apostrophes vary, words don't
            return _NOT_WORD.sub(" ", folded).strip().encode("utf-8")
    # ASCII: NFKC leaves it as it is, casefold is lower, and bytes translate at C speed
    return _single_spaced(text.encode("ascii").translate(_ASCII_WORDS, b"'`"))


def _single_spaced(words: bytes) -> bytes:
    """Runs of spaces made one, ends stripped: ``b" ".join(words.split())`` without a bytes object per word.

    Each pass halves the longest run, so a run of n spaces takes log2(n) passes.
    """
    while words.find(b"  ") >= 0:
        words = words.replace(b"  ", b" ")
    return words.strip(b" ")
