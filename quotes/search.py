"""Find a claimed quotation among extracted quotes, exactly or approximately.

A fact-checker holds a quotation as it circulates ("The only people ... are
traffickers," Rubio said) and needs to know where it was said, by whom, and how
the circulating version differs from the source. Quotes are compared word by
word after folding typography, case and punctuation away
(:func:`quotes.model.normalise_for_matching`), so straight or curly marks,
apostrophes, dashes and white space never count as differences. An ellipsis in
the claim stands for any run of source words. Small wording changes are
aligned and reported as words added, dropped or changed.

Searching many quotes goes through a :class:`QuoteIndex`: an inverted index
from words to quotes picks the candidates that share the claim's rarest
words, and only those are aligned.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import regex
from rapidfuzz import fuzz

from quotes import marks
from quotes.model import Quote, normalise_for_matching

__all__ = [
    "Differences",
    "Match",
    "QuoteIndex",
    "Token",
    "Words",
    "align",
    "claimed_words",
    "find",
    "iter_records",
    "speaker_matches",
    "tokenise",
]

_WORD = regex.compile(r"[\p{L}\p{N}\p{M}]+(?:['\u2019\u2018`\u2032][\p{L}\p{N}\p{M}]+)*")
_ELLIPSIS = regex.compile(r"(?:[\[(][ ]?)?(?:\u2026|\.[ ]?\.[ ]?\.)(?:[ ]?[\])])?")
_SIMILAR_WORD = 80.0
"""Two different words this similar (rapidfuzz ratio) are a spelling variant, not a new word."""


class Token(NamedTuple):
    """A word of a quote: its folded form and where it stands in the text."""

    norm: str
    start: int
    end: int


_APOSTROPHE = "'\u2019\u2018`\u2032"
_CONTRACTION = regex.compile(rf"(?i)(?<=\p{{L}})(?:n[{_APOSTROPHE}]t|[{_APOSTROPHE}](?:re|ll|ve|m|d|s))$")
_SUFFIXES = {"nt": "not", "re": "are", "ll": "will", "ve": "have", "m": "am", "d": "would", "s": "is"}
_IRREGULAR_STEMS = {"wo": "will", "ca": "can", "sha": "shall"}  # won't, can't, shan't
_IS_AFTER = frozenset("it that there here what who where how he she".split())
"""Words after which 's is "is"; elsewhere it is a possessive ("Panama's") and stays one word."""


def _fold_word(surface: str) -> list[str]:
    """A word's folded form; a contraction becomes its two words ("it's" -> it, is)."""
    found = _CONTRACTION.search(surface)
    if found:
        stem = normalise_for_matching(surface[:found.start()]).replace(" ", "")
        suffix = normalise_for_matching(found.group()).replace(" ", "")
        if suffix == "s" and stem == "let":
            return [stem, "us"]
        if suffix != "s" or stem in _IS_AFTER:
            return [_IRREGULAR_STEMS.get(stem, stem) if suffix == "nt" else stem, _SUFFIXES[suffix]]
    norm = normalise_for_matching(surface).replace(" ", "")
    return [norm] if norm else []


def tokenise(text: str, offset: int = 0) -> list[Token]:
    """The words of ``text``, folded as :func:`normalise_for_matching` folds them.

    Contractions are spelled out ("it's" and "it is", "can't" and "cannot" are the same words),
    both words keeping the contraction's position. ``offset`` is added to
    every position, so tokens of a record's content point into its document.
    """
    tokens = []
    for word in _WORD.finditer(text):
        surface = word.group()
        start, end = word.start() + offset, word.end() + offset
        if surface.isascii() and "'" not in surface and "`" not in surface:
            norm = surface.lower()  # the common case, no folding needed
            if norm == "cannot":
                tokens += [Token("can", start, end), Token("not", start, end)]
            else:
                tokens.append(Token(norm, start, end))
        else:
            tokens.extend(Token(norm, start, end) for norm in _fold_word(surface))
    return tokens


def _ellipsis_breaks(claim: str, tokens: Sequence[Token]) -> frozenset[int]:
    """Where the claim's ellipses stand, as the number of claim words before each."""
    breaks = set()
    for ellipsis in _ELLIPSIS.finditer(claim):
        before = sum(1 for t in tokens if t.end <= ellipsis.start())
        if 0 < before < len(tokens):
            breaks.add(before)
    return frozenset(breaks)


def claimed_words(claim: str) -> tuple[Words, frozenset[int]]:
    """The words a claim quotes, and where it leaves words out.

    A claim pasted with its attribution (``Governor Marsh: "The only people
    ..."``) is searched for what stands inside its quotation marks, when that
    is most of its words; several quoted fragments are joined as if by an
    ellipsis. Otherwise the whole claim is the quote.
    """
    whole = Words([(claim, 0)])
    spans = [s for s in marks.scan(claim) if s.depth == 0 and s.content_end > s.content_start]
    quoted = Words([(claim[s.content_start:s.content_end], s.content_start) for s in spans])
    if not spans or 2 * len(quoted.tokens) < len(whole.tokens):
        return whole, _ellipsis_breaks(claim, whole.tokens)
    between = {i for i in range(1, len(quoted.tokens)) if quoted.part_of[i] != quoted.part_of[i - 1]}
    return quoted, _ellipsis_breaks(claim, quoted.tokens) | between


# -- alignment ---------------------------------------------------------------

EQUAL, CHANGED, ADDED, DROPPED, ELIDED = "equal", "changed", "added", "dropped", "elided"


@dataclass(frozen=True, slots=True)
class Alignment:
    """How claim words map onto source words.

    ``ops`` are ``(op, claim_index, source_index)`` with ``None`` for the side
    an op does not touch. ``cost`` counts added, dropped and changed words (a
    spelling variant costs less than a whole word).
    """

    cost: float
    ops: tuple[tuple[str, int | None, int | None], ...]

    @property
    def source_range(self) -> tuple[int, int] | None:
        """First and last source word the claim covers, or None if none."""
        indices = [s for op, _, s in self.ops if s is not None]
        return (indices[0], indices[-1]) if indices else None


_MATCH_BONUS = 1e-5
"""A matched word lowers the cost a hair, so that of two alignments with as many edits the
one that keeps more words matched wins (it reports edits where a reader sees them)."""


def _substitution_cost(a: str, b: str) -> float:
    if a == b:
        return -_MATCH_BONUS
    similarity = fuzz.ratio(a, b, score_cutoff=_SIMILAR_WORD)
    return 1.0 - similarity / 100.0 if similarity else 1.0


def align(claim: Sequence[str], source: Sequence[str], breaks: Iterable[int] = (), *,
          local: bool = True) -> Alignment:
    """Align claim words to source words (edit distance over words).

    With ``local`` the claim may match any stretch of the source (source words
    before and after it are free), as when a claim quotes one sentence of a
    longer quote. ``breaks`` are claim positions where an ellipsis stands:
    source words skipped there are elided, not dropped, and cost nothing.
    """
    m, n = len(claim), len(source)
    free = frozenset(breaks)
    # cost[i][j]: best cost of the first i claim words ending at source word j
    cost = [[0.0] * (n + 1) for _ in range(m + 1)]
    for j in range(1, n + 1):
        cost[0][j] = 0.0 if local else float(j)
    for i in range(1, m + 1):
        row, above = cost[i], cost[i - 1]
        row[0] = float(i)
        skip = 0.0 if i in free else 1.0
        word = claim[i - 1]
        for j in range(1, n + 1):
            best = above[j - 1] + _substitution_cost(word, source[j - 1])
            added = above[j] + 1.0
            if added < best:
                best = added
            dropped = row[j - 1] + skip
            if dropped < best:
                best = dropped
            row[j] = best
    # among equally good ends, the latest: a last word changed rather than added
    end = max(range(n + 1), key=lambda j: (-cost[m][j], j)) if local else n
    ops: list[tuple[str, int | None, int | None]] = []
    i, j = m, end
    while i > 0 or j > 0:
        if i == 0:  # source words before the claim: free when local
            if not local:
                ops.append((DROPPED, None, j - 1))
            j -= 1
        elif j > 0 and cost[i][j] == cost[i - 1][j - 1] + (sub := _substitution_cost(claim[i - 1], source[j - 1])):
            ops.append((EQUAL if sub < 0.0 else CHANGED, i - 1, j - 1))
            i, j = i - 1, j - 1
        elif j > 0 and cost[i][j] == cost[i][j - 1] + (0.0 if i in free else 1.0):
            ops.append((ELIDED if i in free else DROPPED, None, j - 1))
            j -= 1
        else:
            ops.append((ADDED, i - 1, None))
            i -= 1
    ops.reverse()
    total = 0.0
    for op, c, s in ops:
        if op == CHANGED and c is not None and s is not None:
            total += _substitution_cost(claim[c], source[s])
        elif op in (ADDED, DROPPED):
            total += 1.0
    return Alignment(total, tuple(ops))


def _phrases(ops: Sequence[tuple[str, int | None, int | None]], kind: str) -> list[tuple[list[int], list[int]]]:
    """Runs of consecutive ops of one kind, as (claim indices, source indices)."""
    runs: list[tuple[list[int], list[int]]] = []
    previous = None
    for op, c, s in ops:
        if op == kind:
            if previous != kind:
                runs.append(([], []))
            if c is not None:
                runs[-1][0].append(c)
            if s is not None:
                runs[-1][1].append(s)
        previous = op
    return runs


class Words:
    """The words of a text, or of the parts of a split quote, with their surface forms."""

    def __init__(self, parts: Sequence[tuple[str, int]]) -> None:
        self.parts = parts
        self.tokens: list[Token] = []
        self.part_of: list[int] = []
        for k, (text, offset) in enumerate(parts):
            found = tokenise(text, offset)
            self.tokens.extend(found)
            self.part_of.extend([k] * len(found))

    @property
    def norms(self) -> list[str]:
        return [t.norm for t in self.tokens]

    def surface(self, indices: Sequence[int]) -> str:
        """The text from the first to the last of these words, part by part ("" for none)."""
        pieces = []
        for k in sorted({self.part_of[i] for i in indices}):
            inside = [self.tokens[i] for i in indices if self.part_of[i] == k]
            text, offset = self.parts[k]
            pieces.append(text[inside[0].start - offset:inside[-1].end - offset])
        return " ".join(pieces)


@dataclass(frozen=True, slots=True)
class Differences:
    """What separates a claimed quotation from its source, phrase by phrase.

    ``added``: claim words the source does not have; ``dropped``: source words
    the claim leaves out (without an ellipsis); ``changed``: ``(claimed,
    source)`` pairs; ``elided``: source passages an ellipsis stands for.
    """

    added: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    changed: tuple[tuple[str, str], ...] = ()
    elided: tuple[str, ...] = ()

    @property
    def wording_identical(self) -> bool:
        """True when only typography, case or ellipses separate the two."""
        return not (self.added or self.dropped or self.changed)

    @classmethod
    def of(cls, alignment: Alignment, claim: Words, source: Words) -> Differences:
        return cls(
            added=tuple(claim.surface(c) for c, _ in _phrases(alignment.ops, ADDED)),
            dropped=tuple(source.surface(s) for _, s in _phrases(alignment.ops, DROPPED)),
            changed=tuple((claim.surface(c), source.surface(s)) for c, s in _phrases(alignment.ops, CHANGED)),
            elided=tuple(source.surface(s) for _, s in _phrases(alignment.ops, ELIDED)),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": list(self.added),
            "dropped": list(self.dropped),
            "changed": [list(pair) for pair in self.changed],
            "elided": list(self.elided),
        }


def similarity(alignment: Alignment, claim_length: int) -> float:
    """1.0 for the same words; falls with each word added, dropped or changed.

    Elided words do not count: the claim says openly that it leaves them out.
    """
    covered = sum(1 for op, _, s in alignment.ops if s is not None and op != ELIDED)
    longest = max(claim_length, covered, 1)
    return max(0.0, 1.0 - alignment.cost / longest)


# -- speakers ----------------------------------------------------------------

_TITLE_WORDS = frozenset(
    "mr mrs ms miss dr prof sir dame lord lady rev sen rep gov pres gen col capt lt sgt "
    "president vice prime minister secretary senator governor mayor chancellor premier representative "
    "congressman congresswoman judge justice chief ambassador spokesman spokeswoman the of state former".split()
)
"""Words a claim may put before a name that the source need not repeat ("Governor Marsh")."""


def speaker_matches(claimed: str, speaker: dict[str, Any] | None) -> bool | None:
    """Whether the source's speaker can be the person the claim names.

    The claimed surname must be the speaker's; the other claimed words must
    be in the speaker's name, title or mention, or be title words: "Rubio",
    "Secretary Rubio" and "Mr. Marco Rubio" match a speaker named "Marco
    Rubio"; "Joe Biden" does not match "Hunter Biden". None when the source names nobody (unattributed, or a pronoun
    left unresolved): the claim can be neither confirmed nor contradicted.
    """
    if not speaker or not (speaker.get("name") or speaker.get("type") != "pronoun"):
        return None
    wanted = normalise_for_matching(claimed).split()
    if not wanted:
        return None
    name = set(normalise_for_matching(speaker.get("name") or speaker.get("text") or "").split())
    known = name | set(normalise_for_matching(f"{speaker.get('title') or ''} {speaker.get('text') or ''}").split())
    return wanted[-1] in name and all(w in known or w in _TITLE_WORDS for w in wanted)


# -- search ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Match:
    """A source quote that matches the claim.

    ``start``/``end`` are offsets in the source document of the words the
    claim covers (within one quote, or across the two halves of a split
    quote, whose records are all in ``records``); ``text`` is those words as
    the source prints them. ``before``/``after`` are the words of the
    source quote around them that the claim leaves out: a claim cut short can
    change what was meant. ``speaker_match`` is None when no speaker was
    claimed or the source names nobody.
    """

    score: float
    doc_id: str
    quote_id: str
    start: int
    end: int
    text: str
    before: str
    after: str
    speaker: dict[str, Any] | None
    speaker_match: bool | None
    differences: Differences
    records: tuple[dict[str, Any], ...]

    @property
    def exact(self) -> bool:
        """Same words in the same order; only typography, case or ellipses differ."""
        return self.differences.wording_identical

    def to_dict(self) -> dict[str, Any]:
        first = self.records[0]
        return {
            "doc_id": self.doc_id,
            "quote_id": self.quote_id,
            "quote_ids": [r.get("quote_id") for r in self.records],
            "score": round(self.score, 4),
            "exact": self.exact,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "before": self.before,
            "after": self.after,
            "speaker": self.speaker,
            "speaker_match": self.speaker_match,
            "cue": first.get("cue"),
            "kind": first.get("kind"),
            "confidence": first.get("confidence"),
            "differences": self.differences.to_dict(),
            "meta": first.get("meta") or {},
        }


class QuoteIndex:
    """An inverted index from words to extracted quotes, for repeated searches.

    The two halves of a split quote (a record whose ``continues`` names an
    earlier record) are indexed as one quote, so a claim that runs across
    the "he said" between them still matches.
    """

    MAX_CANDIDATES = 200
    """Quotes sharing the most rare words with the claim that get aligned."""

    def __init__(self, records: Iterable[Quote | dict[str, Any]] = ()) -> None:
        self._entries: list[list[dict[str, Any]]] = []
        self._words: list[tuple[str, ...]] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._by_quote_id: dict[str, int] = {}
        for record in records:
            self.add(record)

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, record: Quote | dict[str, Any]) -> None:
        """Index one record (a :class:`Quote` or its dict form)."""
        if isinstance(record, Quote):
            record = record.to_dict()
        words = {t.norm for t in tokenise(record["content"]["text"])}
        entry = self._by_quote_id.get(record.get("continues") or "")
        if entry is None:
            entry = len(self._entries)
            self._entries.append([record])
            self._words.append(())
        else:
            self._entries[entry].append(record)
        new = words.difference(self._words[entry])
        for word in new:
            self._postings[word].append(entry)
        self._words[entry] += tuple(new)
        if record.get("quote_id"):
            self._by_quote_id[record["quote_id"]] = entry

    def _candidates(self, words: set[str]) -> list[int]:
        """Entries sharing the claim's rarest words, best first."""
        total = len(self._entries)
        common = max(100, total // 20)
        weights: dict[int, float] = defaultdict(float)
        used = 0
        for word in sorted(words, key=lambda w: len(self._postings.get(w, ()))):
            posting = self._postings.get(word)
            if not posting:
                continue
            if len(posting) > common and used >= 2:
                break  # the rest are common words: they would only add noise and time
            weight = math.log(1.0 + total / len(posting))
            for entry in posting:
                weights[entry] += weight
            used += 1
        return heapq.nlargest(self.MAX_CANDIDATES, weights, key=weights.__getitem__)

    def search(self, claim: str, *, speaker: str | None = None, min_score: float = 0.75,
               limit: int | None = None, require_speaker: bool = False) -> list[Match]:
        """The quotes matching ``claim``, best first.

        ``speaker`` flags each match whose source speaker differs from the one
        claimed (``speaker_match`` False); ``require_speaker`` drops those.
        """
        claimed, breaks = claimed_words(claim)
        norms = claimed.norms
        if not norms:
            return []
        matches = []
        for entry in self._candidates(set(norms)):
            present = set(self._words[entry])
            if sum(w in present for w in norms) < len(norms) * min_score * 0.7:
                continue  # too few of the claim's words: cannot reach min_score
            match = self._match(claimed, breaks, self._entries[entry], speaker)
            if match.score >= min_score and not (require_speaker and match.speaker_match is not True):
                matches.append(match)
        matches.sort(key=lambda m: (-m.score, m.speaker_match is False, m.doc_id, m.start))
        return matches[:limit] if limit is not None else matches

    @staticmethod
    def _match(claimed: Words, breaks: frozenset[int], records: list[dict[str, Any]],
               speaker: str | None) -> Match:
        source = Words([(r["content"]["text"], r["content"]["start"]) for r in records])
        alignment = align(claimed.norms, source.norms, breaks)
        first_word, last_word = alignment.source_range or (0, 0)
        covered = [s for op, _, s in alignment.ops if s is not None and op != ELIDED]
        part = records[source.part_of[first_word]] if source.tokens else records[0]
        said_by = part.get("speaker") or records[0].get("speaker")
        return Match(
            score=similarity(alignment, len(claimed.tokens)),
            doc_id=str(records[0].get("doc_id", "")),
            quote_id=str(part.get("quote_id", "")),
            start=source.tokens[first_word].start if source.tokens else records[0]["content"]["start"],
            end=source.tokens[last_word].end if source.tokens else records[0]["content"]["start"],
            text=source.surface(covered) if covered else "",
            before=source.surface(range(first_word)) if covered and first_word else "",
            after=source.surface(range(last_word + 1, len(source.tokens))) if covered else "",
            speaker=said_by,
            speaker_match=speaker_matches(speaker, said_by) if speaker else None,
            differences=Differences.of(alignment, claimed, source),
            records=tuple(records),
        )


def iter_records(items: Iterable[Any], *, fast: bool = False) -> Iterator[dict[str, Any]]:
    """Quote records (dicts) from records, :class:`Quote` objects or documents.

    Accepted items: :class:`Quote`; a record dict (``quotes extract`` output);
    a per-document record (``--group doc``, its quotes are unpacked); or a
    document, given as an ``(id, text)`` pair, an object with ``id`` (or
    ``doc_id``), ``text`` and ``meta`` (:class:`quotes.io.Document`) or a dict with
    ``text`` -- documents are run through the extractor (``fast``: rules only).
    Error records are skipped.
    """
    extractor = None
    for item in items:
        if isinstance(item, Quote):
            yield item.to_dict()
            continue
        if isinstance(item, dict) and "content" in item:
            yield item
            continue
        if isinstance(item, dict) and "quotes" in item:
            for quote in item["quotes"]:
                yield {"doc_id": item.get("doc_id"), **quote, "meta": item.get("meta") or {}}
            continue
        if isinstance(item, dict) and "error" in item:
            continue
        doc_id, text, meta = _as_document(item)
        if extractor is None:
            from quotes.pipeline import Extractor  # the parser loads only if documents come

            extractor = Extractor(fast=fast)
        yield from extractor.records(text, doc_id, meta)


def _as_document(item: Any) -> tuple[str, str, dict[str, Any]]:
    if isinstance(item, (tuple, list)) and len(item) == 2:
        return str(item[0]), str(item[1]), {}
    if isinstance(item, dict) and isinstance(item.get("text"), str):
        doc_id = item.get("doc_id", item.get("id", ""))
        return str(doc_id), item["text"], {k: v for k, v in item.items() if k not in ("text", "doc_id", "id")}
    doc_id = getattr(item, "doc_id", getattr(item, "id", None))
    if doc_id is not None and isinstance(getattr(item, "text", None), str):
        return str(doc_id), item.text, dict(getattr(item, "meta", None) or {})
    raise TypeError(f"not a quote record or a document: {type(item).__name__}")


def find(claim: str, items: Iterable[Any], speaker: str | None = None, *, min_score: float = 0.75,
         limit: int | None = None, fast: bool = False) -> list[Match]:
    """Where ``claim`` was quoted in ``items`` (records, Quotes or documents), best first.

    >>> doc = ("d1", "\u201cThe only people who benefit are traffickers,\u201d Rubio said.")
    >>> [(m.score, m.text) for m in find('"The only people ... are traffickers"', [doc], fast=True)]
    [(1.0, 'The only people who benefit are traffickers')]

    For many searches over the same quotes, build a :class:`QuoteIndex` once.
    """
    return QuoteIndex(iter_records(items, fast=fast)).search(claim, speaker=speaker, min_score=min_score,
                                                              limit=limit)
