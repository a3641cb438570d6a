"""The parse sieve: dependency-parse attribution for the quotes the rules left open.

Only what needs it is parsed: for each quote without a confident speaker, the
sentence holding it, the sentence before (or the lead-in paragraph that ends
with a colon) and the sentence after, each window capped in characters. Long
quotations are replaced by a short placeholder clause before parsing, so the
parser sees ``"We will see," Rubio told reporters.`` instead of forty words of
speech, and never a text long enough to strain spaCy; offsets are mapped back
to the source afterwards.

On the parse, the quote's tokens are located and the tree is read outward:
the reporting verb governing the quote (its clause or, for a fragment, the
clause it sits in) and that verb's subject; ``said X`` after the verb;
passives (``was quoted as saying``, ``was told by``); ``according to X``;
coordinated verbs borrowing their subject; relative clauses
(``Rubio, who said "..."``); appositions giving a title; a colon lead-in in
the sentence before, or a reporting sentence just before a quote that
stands alone in the same paragraph. A verb outside the cue lexicon counts as
a cue when a whole quote is its clausal or direct object, and is reported
with its lemma. A fragment inside reported speech goes to the subject of the
reporting verb above it, else of the outermost clause holding it.

Each parse rule's confidence is measured (:mod:`quotes.calibration`); the
rules' answer and the parse's are compared on those measured figures.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import regex

from quotes import calibration, cues
from quotes import nlp as models
from quotes.attribution import Attribution, CueMatch, Mention
from quotes.marks import QuoteSpan
from quotes.model import QUOTE_KINDS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["REFINE_BELOW", "ParsedDocSieve", "SyntaxSieve", "Window", "attribute", "build_window", "read_quote"]

REFINE_BELOW = 0.75
"""Rule attributions less confident than this are re-examined on the parse.

Measured on the dev set (end-to-end F1): 0.8806 at 0.6, 0.8803 at 0.7,
0.8806 at 0.75, 0.8795 at 0.8 and 0.8797 at 0.97: past the weakest rules the
parse only finds other mentions of the same speaker, at a growing cost in time.
"""

LEFT_CONTEXT = 400
"""At most this many characters before a quote are parsed with it."""
RIGHT_CONTEXT = 300
"""At most this many characters after it."""
MAX_WINDOW = 3000
"""Neighbouring windows merge into one parse while they stay under this size."""
VERBATIM_WORDS = 8
"""Quotations up to this many words (and :data:`RENDER_CHARS`) are parsed as written."""
RENDER_CHARS = 120
"""No quotation reaches the parser longer than this."""
PLACEHOLDER = "We will see"
"""What the parser reads instead of a long quoted sentence: a short clause it attaches like the original."""
MAX_CLIMB = 6
"""How many heads above a quote the governing verb is looked for."""
MAX_MENTION_TOKENS = 12
BATCH_SIZE = 32

_PRIOR = {"dep-nsubj": 0.85, "dep-inverted": 0.85, "dep-passive": 0.75, "dep-according-to": 0.8,
          "dep-relcl": 0.75, "dep-conj": 0.75, "dep-parataxis": 0.8, "dep-lead-in": 0.75,
          "dep-previous-sentence": 0.75, "dep-partial": 0.7, "dep-partial-clause": 0.5}
"""Confidence of a rule until :mod:`quotes.calibration` has measured it."""
_NO_CUE_RULES = frozenset({"dep-partial-clause"})
"""Rules that attribute without finding a reporting verb."""

_SENTENCE_END = regex.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“‘(\[]?\p{Lu})")
_ABBREVIATION = regex.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|St|Jr|Sr|No|vs|Inc|Co|Corp|Ltd|Mt|Ft)"
    r"|\b\p{L})\.$"
)
_CLOSING_PUNCT = ",.;:?!…\u2014\u2013-"
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_EMPTY_SUBJECTS = frozenset({"it", "there", "this", "what"})
_PASSIVE_SPEAKERS = frozenset({"quoted", "cited"})
"""Passive participles whose subject is the speaker ("X was quoted: ...")."""
_SUBJECT_LINKS = frozenset({"conj", "xcomp", "pcomp", "prep", "advcl", "acl"})
"""Relations through which a subjectless speech verb borrows a subject from its head."""
_OBJECT_LINKS = frozenset({"ccomp", "dobj", "parataxis", "xcomp"})
"""Relations of a quote to a verb that make the verb a speech verb."""
_VERBAL = frozenset({"VERB", "AUX"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def _sentence_starts(text: str, start: int, end: int) -> list[int]:
    """Where sentences start inside ``text[start:end]`` (a cheap guess, abbreviations aside)."""
    starts = []
    for found in _SENTENCE_END.finditer(text, start, end):
        if not _ABBREVIATION.search(text, max(start, found.start() - 6), found.start() + 1):
            starts.append(found.end())
    return starts


def context(text: str, span: QuoteSpan) -> tuple[int, int]:
    """The part of ``text`` parsed for ``span``: the sentence before to the sentence after."""
    low = max(0, span.start - LEFT_CONTEXT)
    newline = text.rfind("\n", low, span.start)
    left = newline + 1 if newline >= 0 else low
    if not text[left:span.start].strip() and newline >= 0:
        before = text[low:newline].rstrip()
        if before.endswith(":"):  # a lead-in paragraph: `Rubio told reporters:`
            previous = text.rfind("\n", low, low + len(before))
            left = previous + 1 if previous >= 0 else low
    starts = _sentence_starts(text, left, span.start)
    if len(starts) >= 2:
        left = starts[-2]
    high = min(len(text), span.end + RIGHT_CONTEXT)
    newline = text.find("\n", span.end, high)
    right = newline if newline >= 0 else high
    ends = _sentence_starts(text, span.end, right)
    if ends:
        right = ends[0]
    return left, right


@dataclass(frozen=True, slots=True)
class _Piece:
    parse_start: int
    parse_end: int
    source_start: int
    source_end: int
    verbatim: bool


@dataclass(frozen=True, slots=True)
class Window:
    """A text sent to the parser and how its offsets map back to the source.

    ``quotes`` holds, per span index, the parse offsets of the quote's content.
    """

    text: str
    pieces: tuple[_Piece, ...]
    quotes: dict[int, tuple[int, int]]

    def source(self, offset: int, *, end: bool = False) -> int | None:
        """The source offset of parse ``offset`` (an end offset if ``end``); None inside a placeholder."""
        at = bisect.bisect_right(self.pieces, offset - end, key=lambda p: p.parse_start) - 1
        if at < 0:
            return None
        piece = self.pieces[at]
        if not piece.verbatim or offset - end >= piece.parse_end:
            return None
        return piece.source_start + offset - piece.parse_start

    def source_span(self, tokens: Sequence[Token]) -> tuple[int, int] | None:
        """Source offsets of a run of tokens, None if any part is not verbatim source text."""
        start = self.source(tokens[0].idx)
        end = self.source(tokens[-1].idx + len(tokens[-1].text), end=True)
        return (start, end) if start is not None and end is not None else None


def _render_content(content: str) -> tuple[str, int]:
    """What the parser reads for a quote's content, and how much of it is verbatim.

    A short quote is read as written. A longer one that reads as a sentence
    becomes :data:`PLACEHOLDER`; a longer fragment keeps its first words. The
    closing punctuation is kept, since it tells the parser how the sentence goes on.
    """
    head = content[:RENDER_CHARS + 1]
    if len(content) <= RENDER_CHARS and len(head.split()) <= VERBATIM_WORDS:
        return content, len(content)
    body = content.rstrip()
    last = body[-1] if body and body[-1] in _CLOSING_PUNCT else ""
    first = content.lstrip(" .…'\"‘“")[:1]
    if first.isupper() or last in (".", "?", "!", "…"):
        return PLACEHOLDER + last, 0
    cut = 0
    for count, word in enumerate(regex.finditer(r"\S+", head[:RENDER_CHARS]), 1):
        cut = word.end()
        if count == VERBATIM_WORDS:
            break
    return content[:cut] + last, cut


def build_window(text: str, start: int, end: int, spans: Sequence[QuoteSpan], inside: Iterable[int]) -> Window:
    """The parse text for ``text[start:end]``, the spans ``inside`` it rendered by :func:`_render_content`."""
    parts: list[str] = []
    pieces: list[_Piece] = []
    quotes: dict[int, tuple[int, int]] = {}
    length = 0

    def add(source_start: int, source_end: int, rendered: str | None = None, verbatim: int | None = None) -> None:
        nonlocal length
        piece_text = text[source_start:source_end] if rendered is None else rendered
        if not piece_text:
            return
        kept = len(piece_text) if verbatim is None else verbatim
        if kept:
            pieces.append(_Piece(length, length + kept, source_start, source_start + kept, True))
        if kept < len(piece_text):
            pieces.append(_Piece(length + kept, length + len(piece_text), source_start + kept, source_end, False))
        parts.append(piece_text)
        length += len(piece_text)

    at = start
    for index in inside:
        span = spans[index]
        add(at, span.content_start)
        rendered, verbatim = _render_content(text[span.content_start:span.content_end])
        quotes[index] = (length, length + len(rendered))
        add(span.content_start, span.content_end, rendered, verbatim)
        at = span.content_end
    add(at, end)
    return Window("".join(parts), tuple(pieces), quotes)


def _windows(text: str, spans: Sequence[QuoteSpan], wanted: Sequence[int]) -> list[tuple[Window, list[int]]]:
    """One window per run of neighbouring quotes that need the parse, with those quotes' indices."""
    starts = [s.start for s in spans]
    ranges: list[tuple[int, int, list[int]]] = []
    for index in wanted:
        left, right = context(text, spans[index])
        left, right = _widen(spans, starts, left, right)
        if ranges and left <= ranges[-1][1] and right - ranges[-1][0] <= MAX_WINDOW:
            previous = ranges.pop()
            ranges.append((previous[0], max(right, previous[1]), previous[2] + [index]))
        else:
            ranges.append((left, right, [index]))
    windows = []
    for left, right, indices in ranges:
        first = bisect.bisect_left(starts, left)
        inside = [i for i in range(first, bisect.bisect_left(starts, right)) if spans[i].end <= right]
        windows.append((build_window(text, left, right, spans, inside), indices))
    return windows


def _widen(spans: Sequence[QuoteSpan], starts: list[int], left: int, right: int) -> tuple[int, int]:
    """Move window edges that fall inside a quotation out to its marks, so quotes are never cut."""
    at = bisect.bisect_right(starts, left) - 1
    if at >= 0 and spans[at].start < left < spans[at].end:
        left = spans[at].start
    at = bisect.bisect_left(starts, right) - 1
    if at >= 0 and spans[at].start < right < spans[at].end:
        right = spans[at].end
    return left, right


# -- reading the tree


@dataclass(frozen=True, slots=True)
class Found:
    """A speaker and cue read off the parse, in parse tokens."""

    speaker: Token
    cue: Sequence[Token]
    rule: str


def _lemma(nlp: Language | None, token: Token) -> str:
    """A verb's lemma: from the cue lexicon, else from the pipeline (its own, or the token's)."""
    if nlp is not None:
        return cues.lemma(token.lower_) or models.lemmatize(nlp, token)
    return cues.lemma(token.lower_) or token.lemma_ or token.lower_


def _is_cue(token: Token) -> bool:
    return token.pos_ in _VERBAL and cues.lemma(token.lower_) is not None


def _according_to(token: Token) -> Token | None:
    """The object of ``according to`` when ``token`` is its "according"."""
    if token.lower_ != "according":
        return None
    for to in token.children:
        if to.lower_ == "to":
            return next((c for c in to.children if c.dep_ == "pobj"), None)
    return None


def _subject(verb: Token) -> tuple[Token, str] | None:
    """The speaker-subject of a speech verb, looked for up the chain of verbs it depends on."""
    node = verb
    for step in range(4):
        passive = agent = None
        for child in node.children:
            if child.dep_ in ("nsubj", "csubj") and child.lower_ not in _EMPTY_SUBJECTS:
                if child.lower_ in _RELATIVE and node.dep_ == "relcl":
                    return node.head, "dep-relcl"
                if step == 0:
                    return child, "dep-inverted" if child.i > node.i else "dep-nsubj"
                return child, "dep-conj" if _linked_by(verb, node) == "conj" else "dep-nsubj"
            if child.dep_ == "nsubjpass":
                passive = child
            if child.dep_ == "agent":
                agent = next((c for c in child.children if c.dep_ == "pobj"), None)
        if agent is not None:
            return agent, "dep-passive"
        if passive is not None:
            if step > 0 or node.lower_ in _PASSIVE_SPEAKERS:
                return passive, "dep-passive"
            return None
        if node.dep_ not in _SUBJECT_LINKS or node.head.i == node.i:
            return None
        node = node.head
    return None


def _linked_by(low: Token, high: Token) -> str:
    """The relation by which the chain from ``low`` reaches ``high`` (the last link's)."""
    node = low
    while node.head.i not in (high.i, node.i):
        node = node.head
    return node.dep_


def _climb(top: Token, inside: set[int], fragment: bool) -> Found | None:
    """Walk up from a quote's top token to the verb that reports it.

    A whole quotation is reported by the first verb above it that is a cue or
    takes it as its object. A fragment (``called it a "fraud"``) is reported
    by the first cue above it, else by the outermost clause it sits in: the
    nearer verbs are usually the reported speech itself. A verb whose subject
    holds the quote (``Washington, star of "Scandal", thanked...``) is passed
    over: its speaker would contain what it says.
    """
    relation = top.dep_
    below, node = top, top.head
    outermost: Found | None = None
    for depth in range(MAX_CLIMB):
        source = _according_to(node) or (_according_to(node.head) if node.lower_ == "to" else None)
        if source is not None:
            return Found(source, _according_cue(node), "dep-according-to")
        if node.pos_ in _VERBAL and node.i not in inside and below.dep_ not in _SUBJECTS:
            takes_quote = not fragment and depth == 0 and relation in _OBJECT_LINKS and node.pos_ == "VERB"
            subject = _subject(node)
            if subject is not None and (takes_quote or _is_cue(node)):
                governs = depth == 0 and relation in _OBJECT_LINKS
                return Found(subject[0], [node], subject[1] if governs else "dep-partial")
            if subject is not None and fragment:
                outermost = Found(subject[0], [node], "dep-partial-clause")
        for child in node.children:
            source = _according_to(child)
            if source is not None and child.i not in inside:
                return Found(source, _according_cue(child), "dep-according-to")
        if node.head.i == node.i:
            break
        below, node = node, node.head
    return outermost


def _according_cue(token: Token) -> list[Token]:
    according = token if token.lower_ == "according" else token.head
    return [according] + [c for c in according.children if c.lower_ == "to"][:1]


def _dependents(content: Sequence[Token], inside: set[int]) -> Found | None:
    """A reporting clause hanging off the quote: `"...," he said` parsed with the quote as root."""
    for token in content:
        for child in token.children:
            if child.i in inside:
                continue
            source = _according_to(child)
            if source is not None:
                return Found(source, _according_cue(child), "dep-according-to")
            if child.pos_ in _VERBAL and child.dep_ in ("parataxis", "advcl", "conj", "ccomp") and _is_cue(child):
                subject = _subject(child)
                if subject is not None:
                    return Found(subject[0], [child], "dep-parataxis")
    return None


def _sentence_before(content: Sequence[Token]) -> Found | None:
    """A quote standing as a sentence of its own, reported by the sentence before it.

    ``Rubio told reporters: "..."`` parsed as two sentences (``dep-lead-in``),
    or ``..., Schiff said. "..."`` within one paragraph, the quote going on
    with what was reported (``dep-previous-sentence``).
    """
    first = content[0]
    doc = first.doc
    sentence = first.sent
    if any(not (t.is_space or t.is_punct) for t in doc[sentence.start:first.i]):
        return None
    at = sentence.start - 1
    paragraph_break = False
    while at >= 0 and (doc[at].is_space or doc[at].is_quote):
        paragraph_break = paragraph_break or "\n" in doc[at].text
        at -= 1
    if at < 0:
        return None
    previous = doc[at]
    if previous.text == ":":
        verb, rule = (previous.head if previous.head.pos_ in _VERBAL else previous.sent.root), "dep-lead-in"
    elif previous.text == "." and not paragraph_break and _is_cue(previous.sent.root):
        verb, rule = previous.sent.root, "dep-previous-sentence"
    else:
        return None
    subject = _subject(verb) if verb.pos_ in _VERBAL else None
    return Found(subject[0], [verb], rule) if subject is not None else None


def attribute(content: Sequence[Token], *, fragment: bool = False) -> Found | None:
    """The speaker and cue of the quote whose content is ``content`` (tokens of one parsed Doc).

    ``fragment`` says the quote is a piece of a sentence (see :func:`inline`).
    """
    if not content:
        return None
    inside = {t.i for t in content}
    for top in content:
        if top.head.i not in inside and top.head.i != top.i:
            found = _climb(top, inside, fragment)
            if found is not None:
                return found
    return _dependents(content, inside) or _sentence_before(content)


def mention_tokens(speaker: Token) -> tuple[list[Token], list[Token]]:
    """The tokens naming the speaker, and those of a title in apposition (may be empty).

    ``Rubio, a former senator,`` gives (Rubio) and (a former senator); a
    descriptor with a name in apposition (``his spokesman, John Doe,``) gives
    the name as the mention and the descriptor as the title.
    """
    if speaker.pos_ == "PRON":
        return [speaker], []
    name = _noun_phrase(speaker)
    apposition = next((c for c in speaker.rights if c.dep_ == "appos" and c.i > name[-1].i), None)
    if apposition is None:
        return name, []
    title = list(speaker.doc[apposition.left_edge.i:apposition.right_edge.i + 1])
    while title and title[-1].is_punct:
        title.pop()
    if speaker.pos_ != "PROPN" and apposition.pos_ == "PROPN":
        return _noun_phrase(apposition), name
    return name, title


def _noun_phrase(head: Token) -> list[Token]:
    """A noun with its modifiers on the left and the name parts run on to its right, at most a dozen tokens."""
    doc = head.doc
    start = end = head.i
    for child in head.lefts:
        if child.dep_ not in ("punct", "cc", "conj", "appos", "relcl", "prep"):
            start = min(start, child.left_edge.i)
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "appos") and child.i == end + 1:
            end = child.right_edge.i
    while start < end and doc[start].is_punct:
        start += 1
    phrase = list(doc[start:end + 1])
    if len(phrase) > MAX_MENTION_TOKENS:
        phrase = [t for t in phrase if t.i == head.i or (t.dep_ in ("compound", "flat") and t.head.i == head.i)]
    return phrase


# -- the sieve


def _measured(attribution: Attribution) -> float:
    """An attribution's confidence as measured for its rule (:mod:`quotes.calibration`), else as given."""
    return calibration.confidence(attribution.rule, attribution.confidence)


def _needs_parse(attribution: Attribution) -> bool:
    """Unattributed, or less sure than :data:`REFINE_BELOW`: a quote, or marks the rules took for a scare quote or title."""
    return attribution.speaker is None or _measured(attribution) < REFINE_BELOW


def inline(text: str, span: QuoteSpan) -> bool:
    """A quotation that continues a sentence's words is a fragment of reported speech."""
    before = text[max(0, span.start - 40):span.start].rstrip(" \t")
    return bool(before) and (before[-1].isalnum() or before[-1] in "%$")


class SyntaxSieve:
    """Re-attributes the quotes the rules could not settle, from a dependency parse.

    ``model`` names any installed spaCy pipeline (see :func:`quotes.nlp.load`).
    ``ner`` also runs the entity recogniser on the windows, handing its
    entities to the speaker pass: off by default, since on the dev set it cost
    40% more time for no measurable gain (end-to-end F1 0.8796 with, 0.8795 without).
    """

    def __init__(self, model: str | None = None, *, ner: bool = False) -> None:
        self.nlp = models.load(model, ner=ner)

    def refine(self, text: str, spans: list[QuoteSpan],
               attributions: list[Attribution]) -> tuple[list[Attribution], list[tuple[int, int, str]]]:
        """The attributions with the unsettled ones replaced by parse-based ones, and the entities parsed."""
        return self.refine_batch([(text, spans, attributions)])[0]

    def refine_batch(self, documents: Sequence[tuple[str, list[QuoteSpan], list[Attribution]]]
                     ) -> list[tuple[list[Attribution], list[tuple[int, int, str]]]]:
        """:meth:`refine` of each ``(text, spans, attributions)``, the windows of all parsed in one stream.

        One stream keeps spaCy's batches full: a quarter less time than a
        stream per document on news, where a document has one or two windows.
        """
        plans = [_windows(text, spans, [i for i, a in enumerate(attributions) if _needs_parse(a)])
                 for text, spans, attributions in documents]
        results = []
        with self.nlp.memory_zone():
            docs = self.nlp.pipe((window.text for plan in plans for window, _ in plan), batch_size=BATCH_SIZE)
            for (text, spans, attributions), plan in zip(documents, plans):
                refined = list(attributions)
                entities: set[tuple[int, int, str]] = set()
                for (window, indices), doc in zip(plan, docs):
                    entities.update(_entities(doc, window))
                    for index in indices:
                        _settle(refined, index, read_quote(self.nlp, text, spans[index], doc, window, index),
                                text, spans)
                results.append((refined, sorted(entities)))
        return results


class ParsedDocSieve:
    """The parse sieve over a Doc a spaCy pipeline has already parsed: it reads that tree, parses nothing."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    def refine(self, text: str, spans: list[QuoteSpan],
               attributions: list[Attribution]) -> tuple[list[Attribution], list[tuple[int, int, str]]]:
        """As :meth:`SyntaxSieve.refine`, on the Doc's own parse and entities."""
        whole = (_Piece(0, len(text), 0, len(text), True),)
        window = Window(text, whole, {i: (s.content_start, s.content_end) for i, s in enumerate(spans)})
        refined = list(attributions)
        for index, attribution in enumerate(attributions):
            if _needs_parse(attribution):
                _settle(refined, index, read_quote(None, text, spans[index], self.doc, window, index), text, spans)
        return refined, [(e.start_char, e.end_char, e.label_) for e in self.doc.ents]


def _settle(refined: list[Attribution], index: int, found: Attribution | None, text: str,
            spans: Sequence[QuoteSpan]) -> None:
    """Keep the more confident of the rules' and the parse's answers for span ``index``, with a kind decided.

    Marks the rules took for a scare quote, title or nickname become a quote
    only when the parse finds a reporting verb governing them: the clause
    around a scare quote always has a subject, which proves nothing.
    """
    old = refined[index]
    if found is None or _measured(old) >= found.confidence and (old.speaker is not None or old.kind not in QUOTE_KINDS):
        return
    if old.kind not in QUOTE_KINDS and found.rule in _NO_CUE_RULES:
        return
    kind = old.kind if old.kind in ("direct", "partial") else ("partial" if inline(text, spans[index]) else "direct")
    refined[index] = replace(found, kind=kind, continues=old.continues)


def read_quote(nlp: Language | None, text: str, span: QuoteSpan, doc: Doc, window: Window,
               index: int) -> Attribution | None:
    """The parse attribution of ``span`` (number ``index``) in a parsed ``window``, if the tree gives one."""
    start, end = window.quotes[index]
    tokens = doc.char_span(start, end, alignment_mode="expand")
    content = [t for t in tokens if not t.is_space] if tokens is not None else []
    found = attribute(content, fragment=inline(text, span))
    if found is None:
        return None
    name, title = mention_tokens(found.speaker)
    speaker = window.source_span(name)
    cue = window.source_span(list(found.cue))
    if speaker is None or cue is None or _overlaps(speaker, (span.start, span.end)):
        return None
    title_span = window.source_span(title) if title else None
    if title_span is not None and _overlaps(title_span, (span.start, span.end)):
        title_span = None
    lemma = " ".join(_lemma(nlp, t) if t.pos_ in _VERBAL else t.lower_ for t in found.cue)
    return Attribution(
        kind="direct",
        speaker=Mention(speaker[0], speaker[1], title=text[slice(*title_span)] if title_span else None),
        cue=CueMatch(cue[0], cue[1], cues.lemma(" ".join(t.lower_ for t in found.cue)) or lemma),
        rule=found.rule,
        confidence=calibration.confidence(found.rule, _PRIOR.get(found.rule, 0.5)),
        method="syntax",
    )


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _entities(doc: Doc, window: Window) -> list[tuple[int, int, str]]:
    found = []
    for entity in doc.ents:
        span = window.source_span(list(entity))
        if span is not None:
            found.append((span[0], span[1], entity.label_))
    return found
