"""What a sieve decides about one quotation span, before speakers are named.

Rules and syntax both produce an :class:`Attribution` per top-level span; the
speaker pass then turns each ``speaker`` mention into a named
:class:`quotes.model.Speaker`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class CueMatch(NamedTuple):
    """The reporting expression found for a quote, with its lemma.

    A named tuple, as :class:`Mention`: immutable, and built for nearly every
    quote, in half the time a frozen dataclass takes.
    """

    start: int
    end: int
    lemma: str


class Mention(NamedTuple):
    """A speaker mention in the text: a name, a pronoun, a descriptor ("a spokesman").

    ``title`` is a title or apposition found beside it ("U.S. Secretary of
    State", "a former senator"), when a sieve saw one. ``carried`` marks a
    speaker taken over from an earlier quote rather than found next to this one.
    """

    start: int
    end: int
    title: str | None = None
    carried: bool = False


@dataclass(frozen=True, slots=True)
class Attribution:
    """A sieve's answer for one quotation span.

    ``kind`` is one of :data:`quotes.model.KINDS`. ``confidence`` is the
    probability that speaker and span are right. ``continues`` is the index
    (among the document's top-level spans) of the quote this one continues,
    for the second half of a split quote.
    """

    kind: str
    speaker: Mention | None = None
    cue: CueMatch | None = None
    rule: str | None = None
    confidence: float = 0.0
    method: str = "rules"
    continues: int | None = None


UNATTRIBUTED = Attribution(kind="unattributed", rule=None, confidence=0.0)
