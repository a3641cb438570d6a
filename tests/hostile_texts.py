"""Hostile texts, and the checks every output must pass on them.

Shared by the hostile-input tests, the slowdown benchmark and the fuzzing
harnesses. Each generator builds a text of about ``size`` characters from a
seeded random source, so a failure can be reproduced from its name and size.
``check_spans`` and ``check_records`` state what must hold on any input:
valid offsets, spans that are what they claim to be, records that serialise.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Sequence

from quotes import marks
from quotes.io import dumps_line
from quotes.model import KINDS, SPEAKER_TYPES, Quote

MARKS = "".join(sorted(marks.QUOTE_MARKS))
"""Every character the scanner reads as a quotation mark."""

_SURROGATE = re.compile("[\ud800-\udfff]")

DOUBLED_MARKS = ("''", "``", "'''", "\u2018\u2018", "\u2019\u2019")

CUE_WORDS = ("said", "says", "told", "added", "according to", "warned", "insisted", "claimed", "wrote",
             "tweeted", "asked", "replied", "explained", "noted", "was quoted as saying")
NAMES = ("Marco Rubio", "Rubio", "Mr. Smith", "Angela Merkel", "the senator", "a spokesman", "he", "she", "they",
         "U.S. Secretary of State Marco Rubio", "Rep. Jim Clyburn (D-S.C.)", "The White House")
WORDS = ("the", "vote", "we", "will", "not", "back", "down", "it's", "rock 'n' roll", "the '90s", "Jones'",
         "o'clock", "can't", "economy", "today", "reform", "tax", "—", "...", ";", ":")
ODD_CHARACTERS = (
    "\x00", "\x01", "\x1b", "\x7f", "\x85", "\u00a0", "\u00ad", "\u200b", "\u200c", "\u200d", "\u200e",
    "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\u2028", "\u2029", "\ufeff", "\ufffd", "\ufffe",
    "\ud800", "\udbff", "\udc00", "\udfff",  # lone surrogates
    "\U0001f600", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f1fa\U0001f1f8",  # emoji, ZWJ family, flag
    "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u0301", "\u0e01", "\U00010348",
    "\r", "\t", "\f", "\v",
)

ALPHABET_TOKENS: tuple[str, ...] = (
    *MARKS, *DOUBLED_MARKS, *CUE_WORDS, *NAMES, *WORDS, *ODD_CHARACTERS,
    " ", " ", " ", "\n", "\n\n", "\r\n", "  ", ",", ".", ":", "(", ")", "[", "]", "<p>", "</p>", "=", "x", "'s",
)
"""The pieces adversarial texts are spelled from: every mark, doubled marks,
apostrophe words, cue words, names, odd characters and every kind of break."""


def _words(rng: random.Random, size: int, vocabulary: Sequence[str]) -> str:
    pieces: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(vocabulary)
        pieces.append(word)
        length += len(word) + 1
    return " ".join(pieces)[:size]


def nested(size: int, seed: int = 0) -> str:
    """Quotes inside quotes, as deep as the size allows: ``“we ‘we “we … ok” ok’ ok”``."""
    depth = max(1, size // 10)
    opening = "".join(f"{chr(0x201C) if i % 2 == 0 else chr(0x2018)}we " for i in range(depth))
    closing = "".join(f" ok{chr(0x201D) if i % 2 == 0 else chr(0x2019)}" for i in reversed(range(depth)))
    return opening + "x" + closing


def nested_straight(size: int, seed: int = 0) -> str:
    """Straight double quotes nested as deep as the size allows: ``"we "we … ok" ok"``."""
    depth = max(1, size // 8)
    return '"we ' * depth + "x" + ' ok"' * depth


def unclosed(size: int, seed: int = 0) -> str:
    """One quotation that never closes, in one paragraph as long as the text."""
    rng = random.Random(seed)
    return 'Rubio said: "' + _words(rng, size, WORDS[:15])


def unclosed_paragraphs(size: int, seed: int = 0) -> str:
    """Paragraphs each opening a quote that never closes: a multi-paragraph quote with no end."""
    rng = random.Random(seed)
    paragraphs = []
    length = 0
    while length < size:
        paragraph = '"' + _words(rng, 200, WORDS[:15])
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def all_marks(size: int, seed: int = 0) -> str:
    """Nothing but quotation marks."""
    rng = random.Random(seed)
    return "".join(rng.choice(MARKS) for _ in range(size))


def alternating(size: int, seed: int = 0) -> str:
    """Marks alternating with letters: ``"a'b"c'd``…"""
    rng = random.Random(seed)
    return "".join(rng.choice(MARKS) if i % 2 else rng.choice("aZ9 ") for i in range(size))


def mixed_styles(size: int, seed: int = 0) -> str:
    """News-like sentences whose marks are drawn at random from every style, balanced or not."""
    rng = random.Random(seed)
    pieces: list[str] = []
    length = 0
    every_mark = list(MARKS) + list(DOUBLED_MARKS)
    gaps = (" ", " ", "\n", "\n\n")
    while length < size:
        piece = (f"{rng.choice(every_mark)}{_words(rng, rng.randint(5, 80), WORDS)}{rng.choice(',.?!')}"
                 f"{rng.choice(every_mark)} {rng.choice(NAMES)} {rng.choice(CUE_WORDS)}.{rng.choice(gaps)}")
        pieces.append(piece)
        length += len(piece)
    return "".join(pieces)[:size]


def no_spaces(size: int, seed: int = 0) -> str:
    """Long lines of words and marks with no white space at all."""
    rng = random.Random(seed)
    pieces: list[str] = []
    length = 0
    while length < size:
        piece = rng.choice(('"', "'", "said", "Rubio", "\u201c", "\u201d", "word", ",", "''", "told", ":"))
        pieces.append(piece)
        length += len(piece)
    return "".join(pieces)[:size]


def cue_dense(size: int, seed: int = 0) -> str:
    """Cue words, names and marks packed together, where every rule finds a partial match."""
    rng = random.Random(seed)
    vocabulary = CUE_WORDS + NAMES + ('"', "\u201c", "\u201d", ",", ":", "'", "(", ")", "—", "the", "a")
    return _words(rng, size, vocabulary)


def names_no_marks(size: int, seed: int = 0) -> str:
    """Names, titles and cue words with one quotation at the very end: rules look left over all of it."""
    rng = random.Random(seed)
    body = _words(rng, max(0, size - 20), NAMES + CUE_WORDS + (",", "of", "and"))
    return body + ' said: "Yes."'


def odd_characters(size: int, seed: int = 0) -> str:
    """Control characters, NUL, lone surrogates, bidi controls, zero-width joiners, emoji, among marks."""
    rng = random.Random(seed)
    alphabet = ODD_CHARACTERS + tuple(MARKS) + ("said", "Rubio", " ", "\n")
    return _words(rng, size, alphabet).replace(" ", "")


def newlines(size: int, seed: int = 0) -> str:
    """Marks among line and paragraph breaks of every kind."""
    rng = random.Random(seed)
    return "".join(rng.choice(('"', "\u201c", "\n", "\n\n", "\r\n", "\u2029", "a", " ", "  \n")) for _ in range(size))


def wrapped_news(size: int, seed: int = 0) -> str:
    """Ordinary quotes in hard-wrapped paragraphs (lines of 60-72 characters)."""
    rng = random.Random(seed)
    paragraphs = []
    length = 0
    while length < size:
        sentence = f'"{_words(rng, rng.randint(40, 300), WORDS[:15])}," {rng.choice(NAMES)} {rng.choice(CUE_WORDS)}.'
        lines, line = [], ""
        for word in sentence.split(" "):
            if len(line) + len(word) > 68:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        paragraphs.append("\n".join(lines))
        length += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)[:size]


def news(size: int, seed: int = 0) -> str:
    """Synthetic news paragraphs with ordinary attributed quotes (no publisher's text)."""
    rng = random.Random(seed)
    shapes = (
        '"{q}," {n} {c}.',
        '{n} {c}: "{q}."',
        '"{q}," {c} {n}. "{q}."',
        "The {w} of {n}, who {c} it was \u201c{q}\u201d, went on.",
        "\u201c{q},\u201d {n} {c}.",
    )
    paragraphs = []
    length = 0
    while length < size:
        shape = rng.choice(shapes)
        paragraph = shape.format(q=_words(rng, rng.randint(20, 160), WORDS[:15]), n=rng.choice(NAMES),
                                 c=rng.choice(CUE_WORDS), w=rng.choice(WORDS[:5]))
        paragraphs.append(paragraph[0].upper() + paragraph[1:])
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:size]


HOSTILE: dict[str, Callable[[int, int], str]] = {
    "nested": nested,
    "nested-straight": nested_straight,
    "unclosed": unclosed,
    "unclosed-paragraphs": unclosed_paragraphs,
    "all-marks": all_marks,
    "alternating": alternating,
    "mixed-styles": mixed_styles,
    "no-spaces": no_spaces,
    "cue-dense": cue_dense,
    "names-no-marks": names_no_marks,
    "odd-characters": odd_characters,
    "newlines": newlines,
    "wrapped": wrapped_news,
}
"""Every hostile text generator by name: ``HOSTILE[name](size, seed) -> str``."""


# ------------------------------------------------------------------ checks ---

def check_spans(text: str, spans: Sequence[marks.QuoteSpan]) -> None:
    """Raise AssertionError unless ``spans`` is a valid scan of ``text``."""
    previous = -1
    breaks = marks.paragraph_breaks(text)
    for span in spans:
        assert 0 <= span.start < span.content_start <= span.content_end <= span.end <= len(text), span
        assert span.start >= previous, "spans are sorted by start"
        previous = span.start
        opening = text[span.start:span.content_start]
        assert opening == span.mark and all(ch in marks.QUOTE_MARKS for ch in opening), span
        closing = text[span.content_end:span.end]
        if span.closed:
            assert closing and all(ch in marks.QUOTE_MARKS for ch in closing), span
        else:
            assert not closing, span
        assert span.content_end > span.content_start, "a quote has content"
        assert span.paragraphs >= 1
        inside = sum(1 for _ in breaks.finditer(text, span.content_start, span.content_end))
        assert inside == span.paragraphs - 1, (span, inside)
    _check_depths(spans)


def _check_depths(spans: Sequence[marks.QuoteSpan]) -> None:
    """Spans nest or are disjoint, and ``depth`` counts the spans holding each one."""
    holders: list[marks.QuoteSpan] = []
    for span in spans:
        while holders and holders[-1].end <= span.start:
            holders.pop()
        assert not holders or span.end <= holders[-1].end, f"{span} crosses {holders[-1]}"
        assert span.depth == len(holders), span
        holders.append(span)


def check_records(text: str, quotes: Sequence[Quote]) -> None:
    """Raise AssertionError unless every record points back into ``text`` and serialises."""
    for quote in quotes:
        for part in (quote.quote, quote.content, quote.speaker, quote.cue):
            if part is not None:
                assert 0 <= part.start <= part.end <= len(text), part
                assert text[part.start:part.end] == part.text, part
        assert quote.quote.start <= quote.content.start <= quote.content.end <= quote.quote.end
        assert quote.kind in KINDS
        assert quote.speaker is None or quote.speaker.type in SPEAKER_TYPES
        assert 0.0 <= quote.confidence <= 1.0
        record = json.loads(dumps_line(quote.to_dict()))  # orjson, escaped JSON for lone surrogates
        for name, part in (("quote", quote.quote), ("content", quote.content)):
            assert (record[name]["start"], record[name]["end"]) == (part.start, part.end)
            # JSON reads an escaped high+low surrogate pair as one character: only the offsets survive that
            if not _SURROGATE.search(part.text):
                assert record[name]["text"] == part.text
