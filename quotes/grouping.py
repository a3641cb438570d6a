"""Group one quotation reported by many outlets, across a corpus.

Records with the same ``fingerprint`` (same words once marks, apostrophes,
case and white space are folded) are one variant. Variants that differ by a
few words, or where one outlet printed only part of a longer quote, are
near-duplicates and join the same group. Finding them must not compare
every pair of quotes: each variant looks up its rarest words in an
inverted index (blocking), and only the variants holding one are compared,
with rapidfuzz.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rapidfuzz import fuzz

from quotes.dates import record_date
from quotes.model import fingerprint
from quotes.search import Differences, Words, align, iter_records

__all__ = ["Group", "group"]

BLOCK_KEYS = 4
"""How many of its rarest words a variant looks up: a near-duplicate holds at least two."""

MAX_BLOCK = 1000
"""Words found in more variants than this are too common to look up."""

MIN_WORDS = 4
"""Variants shorter than this group by fingerprint only: short phrases recur without being one quote."""

MIN_CONTAINED_WORDS = 8
"""A quote printed in part joins the longer quote when the part has at least this many words."""


@dataclass
class _Variant:
    """The records sharing one fingerprint, and its words."""

    fingerprint: str
    words: Words
    records: list[dict[str, Any]]
    norm_text: str = ""

    def __post_init__(self) -> None:
        self.norm_text = " ".join(self.words.norms)


class _Sets:
    """Union-find over variant indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _near_duplicates(a: _Variant, b: _Variant, threshold: float) -> bool:
    """Same quote with small wording changes, or one printed in part inside the other."""
    shorter_chars, longer_chars = sorted((len(a.norm_text), len(b.norm_text)))
    could_be_alike = 2 * shorter_chars >= threshold * (shorter_chars + longer_chars)  # bound on ratio
    if could_be_alike and fuzz.ratio(a.norm_text, b.norm_text, score_cutoff=threshold * 100):
        return True
    shorter = min(len(a.words.tokens), len(b.words.tokens))
    return shorter >= MIN_CONTAINED_WORDS and bool(
        fuzz.partial_ratio(a.norm_text, b.norm_text, score_cutoff=95)
    )


def _candidate_pairs(variants: list[_Variant]) -> Iterator[tuple[int, int]]:
    """Pairs of variants worth comparing: one holds two of the other's rarest words.

    Every variant is filed under all its words; each looks up only its
    rarest ones, whose postings are short. A variant printed in part inside a
    longer quote shares all its words with it, its rarest included.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for index, variant in enumerate(variants):
        for word in set(variant.words.norms):
            postings[word].append(index)
    seen: set[tuple[int, int]] = set()
    for index, variant in enumerate(variants):
        if len(variant.words.tokens) < MIN_WORDS:
            continue
        rarest = sorted(set(variant.words.norms), key=lambda w: (len(postings[w]), w))[:BLOCK_KEYS]
        shared: Counter[int] = Counter()
        for word in rarest:
            if len(postings[word]) > MAX_BLOCK:
                break
            shared.update(postings[word])
        needed = min(2, len(rarest))
        for other, count in shared.items():
            if count < needed or other == index:
                continue
            pair = (index, other) if index < other else (other, index)
            if pair not in seen:
                seen.add(pair)
                yield pair


@dataclass(frozen=True, slots=True)
class Group:
    """One quotation and every place it was found."""

    canonical: _Variant
    variants: tuple[_Variant, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON record: canonical text, speakers, occurrences, first/last seen, variants."""
        records = [r for v in self.variants for r in v.records]
        speakers = Counter(_speaker_name(r) for r in records)
        dated = sorted(((d, r) for r in records if (d := record_date(r))), key=lambda x: x[0][0])
        occurrences = sorted(records, key=lambda r: (str(r.get("doc_id")), r["content"]["start"]))
        canonical_text = self.canonical.records[0]["content"]["text"]
        return {
            "group_id": self.canonical.fingerprint,
            "canonical": canonical_text,
            "count": len(records),
            "documents": len({r.get("doc_id") for r in records}),
            "speakers": [{"name": name, "count": n} for name, n in speakers.most_common() if name],
            "unattributed": speakers.get(None, 0),
            "first_seen": _seen(dated[0]) if dated else None,
            "last_seen": _seen(dated[-1]) if dated else None,
            "occurrences": [_occurrence(r) for r in occurrences],
            "variants": [
                {
                    "fingerprint": v.fingerprint,
                    "text": v.records[0]["content"]["text"],
                    "count": len(v.records),
                    "doc_ids": sorted({str(r.get("doc_id")) for r in v.records}),
                    "differences": _differences(v, self.canonical).to_dict(),
                }
                for v in self.variants
            ],
        }


def _speaker_name(record: dict[str, Any]) -> str | None:
    speaker = record.get("speaker") or {}
    return speaker.get("name") or speaker.get("text") or None


def _seen(dated: tuple[tuple[datetime, str], dict[str, Any]]) -> dict[str, Any]:
    (_, value), record = dated
    return {"date": value, "doc_id": record.get("doc_id"), "quote_id": record.get("quote_id")}


def _occurrence(record: dict[str, Any]) -> dict[str, Any]:
    dated = record_date(record)
    return {
        "doc_id": record.get("doc_id"),
        "quote_id": record.get("quote_id"),
        "start": record["content"]["start"],
        "end": record["content"]["end"],
        "speaker": _speaker_name(record),
        "date": dated[1] if dated else None,
        "fingerprint": record.get("fingerprint"),
    }


def _differences(variant: _Variant, canonical: _Variant) -> Differences:
    """What the variant says differently from the canonical text."""
    if variant is canonical:
        return Differences()
    alignment = align(variant.words.norms, canonical.words.norms, local=False)
    return Differences.of(alignment, variant.words, canonical.words)


def _canonical(variants: list[_Variant]) -> _Variant:
    """The variant most records print; ties go to the one in most documents, then the longest."""
    return max(
        variants,
        key=lambda v: (len(v.records), len({r.get("doc_id") for r in v.records}), len(v.words.tokens),
                       v.fingerprint),
    )


def group(records: Iterable[Any], *, threshold: float = 0.85, fast: bool = False) -> list[Group]:
    """Group quote records (or documents, extracted first) by the quotation they carry.

    ``threshold`` is the rapidfuzz ratio (0-1) over folded words above which
    two variants are the same quote. Groups come largest first.
    """
    by_fingerprint: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in iter_records(records, fast=fast):
        key = record.get("fingerprint") or fingerprint(record["content"]["text"])
        by_fingerprint[key].append(record)
    variants = [
        _Variant(key, Words([(found[0]["content"]["text"], 0)]), found)
        for key, found in by_fingerprint.items()
    ]
    sets = _Sets(len(variants))
    for a, b in _candidate_pairs(variants):
        if sets.find(a) != sets.find(b) and _near_duplicates(variants[a], variants[b], threshold):
            sets.union(a, b)
    members_of: dict[int, list[_Variant]] = defaultdict(list)
    for index, variant in enumerate(variants):
        members_of[sets.find(index)].append(variant)
    groups = []
    for members in members_of.values():
        canonical = _canonical(members)
        ordered = [canonical, *sorted((v for v in members if v is not canonical),
                                      key=lambda v: (-len(v.records), v.fingerprint))]
        groups.append(Group(canonical, tuple(ordered)))
    groups.sort(key=lambda g: (-sum(len(v.records) for v in g.variants), g.canonical.fingerprint))
    return groups
