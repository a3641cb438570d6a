"""The spaCy component: ``nlp.add_pipe("quotes")`` puts each Doc's quotes on ``doc._.quotes``.

The component runs the same cascade as :func:`quotes.extract` and stores the
same records (``Quote.to_dict()``: plain dicts of character offsets and
strings), so the results survive ``nlp.pipe(n_process=...)``, ``Doc.to_bytes``
and ``DocBin(store_user_data=True)``. When the pipeline has parsed the Doc,
the parse sieve reads that parse instead of parsing again; without a parser in
the pipeline (or with ``fast = true``) only the marks and rules run.

Registered through the ``spacy_factories`` entry point, so installing the
package is enough for ``add_pipe("quotes")`` to find it.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from quotes.pipeline import Extractor
from quotes.syntax import ParsedDocSieve

__all__ = ["QuotesComponent", "make_quotes_component", "stored_quotes"]

EXTENSION = "quotes"
_STORE = ("quotes", "records")
"""Where the records live in ``doc.user_data``, which Doc.to_bytes and DocBin carry along."""


def stored_quotes(doc: Doc) -> list[dict[str, Any]]:
    """The getter of ``doc._.quotes``: the stored records, as a list (msgpack hands back a tuple)."""
    return list(doc.user_data.get(_STORE, ()))


class QuotesComponent:
    """Finds the quotes of a Doc and stores their records on ``doc._.quotes``."""

    def __init__(self, name: str, *, fast: bool, keep_all: bool) -> None:
        self.name = name
        self.fast = fast
        self.keep_all = keep_all
        self._rules_only = Extractor(fast=True, keep_all=keep_all)
        if not Doc.has_extension(EXTENSION):
            Doc.set_extension(EXTENSION, getter=stored_quotes)

    def __call__(self, doc: Doc) -> Doc:
        if self.fast or not doc.has_annotation("DEP"):
            extractor = self._rules_only
        else:
            extractor = Extractor(keep_all=self.keep_all, parser=ParsedDocSieve(doc))
        doc.user_data[_STORE] = extractor.records(doc.text)
        return doc


@Language.factory(
    "quotes",
    default_config={"fast": False, "keep_all": False},
    assigns=[f"doc._.{EXTENSION}"],
)
def make_quotes_component(nlp: Language, name: str, fast: bool, keep_all: bool) -> QuotesComponent:
    """Build the component: ``fast`` ignores the Doc's parse, ``keep_all`` also keeps titles and scare quotes."""
    return QuotesComponent(name, fast=fast, keep_all=keep_all)

