"""Quotation-mark scanning and pairing: the first sieve.

One left-to-right pass over the quotation marks and paragraph breaks of a
text, with a small stack, pairs opening and closing marks into spans. It is
linear in the text's length on any input: every mark is pushed and popped at
most once and the stack is capped.

What it knows about news typography:

- straight ``"`` and ``''`` (NYT style), curly ``“ ”``, low-9 ``„``, guillemets
  ``« »`` (either direction), PTB ````…''``, and single quotes ``‘ ’ '`` told
  apart from apostrophes (it's, rock 'n' roll, the '90s, Jones' car);
- a mark's direction comes from what stands beside it, so mis-typed curly marks
  and straight marks pair as a reader would pair them;
- nested quotes are kept with their depth;
- a quote running over several paragraphs (opening mark repeated at the start
  of each, closing mark only at the end) is one span;
- an unclosed double quote ends at the end of its paragraph and is flagged; an
  unclosed single quote was most likely an apostrophe and is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

__all__ = ["QuoteSpan", "scan", "paragraph_breaks"]

MAX_DEPTH = 32
"""Deeper nesting than this is not news: further opening marks are ignored."""

_DOUBLE_OPEN = "\u201c\u201e\u201f\u00ab"  # “ „ ‟ «
_DOUBLE_CLOSE = "\u201d\u00bb"  # ” »
_SINGLE_OPEN = "\u2018\u201a\u201b\u2039"  # ‘ ‚ ‛ ‹
_SINGLE_CLOSE = "\u2019\u203a"  # ’ ›
_ALL_MARKS = "\"'`" + _DOUBLE_OPEN + _DOUBLE_CLOSE + _SINGLE_OPEN + _SINGLE_CLOSE

# Tokens: paragraph breaks, PTB/NYT doubled marks, double marks, and single
# marks that do not stand between two letters (a word-internal apostrophe is
# never a token, which keeps the pass cheap on ordinary prose).
_MARK_BODY = (
    r"``|''"
    r"|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb]"
    r"|(?<![\p{L}\p{N}])['\u2018\u2019\u201a\u201b\u2039\u203a]"
    r"|['\u2018\u2019\u201a\u201b\u2039\u203a](?![\p{L}\p{N}])"
)
_TOKENS_BLANK_LINES = regex.compile(r"(?P<para>\n[^\S\n]*\n\s*)|" + _MARK_BODY)
_TOKENS_LINES = regex.compile(r"(?P<para>\n\s*)|" + _MARK_BODY)
_HAS_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")
_ELISION = regex.compile(
    r"(?i)n['\u2019](?!\p{L})|em\b|til\b|tis\b|twas\b|cause\b|bout\b|round\b|\d"
)

_OPEN, _CLOSE, _EITHER = 1, 2, 3
_DOUBLE, _SINGLE = "double", "single"

# what may stand before an opening mark / after a closing mark
_BEFORE_OPEN = set(" \t\n\r\f\v\u00a0([{<-\u2013\u2014/:;" + _ALL_MARKS)
_AFTER_CLOSE = set(" \t\n\r\f\v\u00a0)]}>.,;:!?-\u2013\u2014\u2026/*" + _ALL_MARKS)


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A paired (or paragraph-closed) quotation in the text.

    ``start``/``end`` cover the marks; ``content_start``/``content_end`` what
    stands between them. ``closed`` is False when no closing mark was found
    and the span ends at its paragraph's end. ``depth`` is 0 for a quote in
    running text and grows by one per enclosing quote.
    """

    start: int
    end: int
    content_start: int
    content_end: int
    closed: bool
    paragraphs: int
    depth: int
    mark: str


def paragraph_breaks(text: str) -> regex.Pattern[str]:
    """The paragraph separator this text uses: blank lines if it has any, else newlines."""
    return _TOKENS_BLANK_LINES if _HAS_BLANK_LINE.search(text) else _TOKENS_LINES


def _kind_and_role(mark: str) -> tuple[str, int]:
    if mark in ('"', "''"):
        return _DOUBLE, _EITHER
    if mark == "``" or mark in _DOUBLE_OPEN:
        return _DOUBLE, _OPEN
    if mark in _DOUBLE_CLOSE:
        return _DOUBLE, _CLOSE
    if mark == "'":
        return _SINGLE, _EITHER
    if mark in _SINGLE_OPEN:
        return _SINGLE, _OPEN
    return _SINGLE, _CLOSE


class _Open:
    __slots__ = ("start", "content_start", "kind", "mark", "depth", "paragraphs")

    def __init__(self, start: int, content_start: int, kind: str, mark: str, depth: int) -> None:
        self.start = start
        self.content_start = content_start
        self.kind = kind
        self.mark = mark
        self.depth = depth
        self.paragraphs = 1

    def unclosed(self, text: str, at: int) -> QuoteSpan:
        """The span of a quote whose closing mark never came: it ends at ``at``."""
        end = _trim_end(text, self.content_start, at)
        return QuoteSpan(self.start, end, self.content_start, end, False, self.paragraphs, self.depth, self.mark)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def scan(text: str) -> list[QuoteSpan]:
    """Find every quotation span in ``text``, sorted by start.

    >>> [(s.start, s.end, s.depth) for s in scan('He said "it\\'s \\'fine\\' now."')]
    [(8, 27, 0), (14, 20, 1)]
    """
    spans: list[QuoteSpan] = []
    stack: list[_Open] = []
    open_count = {_DOUBLE: 0, _SINGLE: 0}
    n = len(text)
    continue_at = -1  # position where a repeated opening mark continues a quote

    def close_paragraph(at: int) -> None:
        spans.extend(entry.unclosed(text, at) for entry in stack if entry.kind == _DOUBLE)
        stack.clear()
        open_count[_DOUBLE] = open_count[_SINGLE] = 0

    for match in paragraph_breaks(text).finditer(text):
        pos, after = match.span()
        if match.group("para") is not None:
            bottom = stack[0] if stack else None
            if bottom is not None and bottom.kind == _DOUBLE and after < n and _starts_double(text, after):
                # news convention: the quote goes on in the next paragraph
                del stack[1:]
                open_count[_SINGLE] = 0
                open_count[_DOUBLE] = 1
                bottom.paragraphs += 1
                continue_at = after
            else:
                close_paragraph(pos)
            continue
        mark = match.group()
        if pos == continue_at:
            continue_at = -1
            continue
        kind, role = _kind_and_role(mark)
        before = text[pos - 1] if pos > 0 else " "
        nxt = text[after] if after < n else " "
        left = before in _BEFORE_OPEN
        right = nxt in _AFTER_CLOSE
        if left and not right:
            role = _OPEN
        elif right and not left:
            role = _CLOSE
        elif role == _EITHER:
            role = _CLOSE if open_count[kind] else _OPEN
        if role == _OPEN and kind == _SINGLE and _ELISION.match(text, after):
            role = 0  # 'n', 'em, '90s: an apostrophe
        if role == _OPEN:
            if len(stack) < MAX_DEPTH:
                stack.append(_Open(pos, after, kind, mark, len(stack)))
                open_count[kind] += 1
        elif role == _CLOSE and open_count[kind]:
            while stack:
                entry = stack.pop()
                open_count[entry.kind] -= 1
                if entry.kind == kind:
                    spans.append(
                        QuoteSpan(entry.start, after, entry.content_start, pos, True,
                                  entry.paragraphs, entry.depth, entry.mark)
                    )
                    break
                if entry.kind == _DOUBLE:  # an inner double never closed
                    spans.append(entry.unclosed(text, pos))
    close_paragraph(n)
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans


def _starts_double(text: str, at: int) -> bool:
    ch = text[at]
    if ch == '"' or ch in _DOUBLE_OPEN:
        return True
    return text.startswith("''", at) or text.startswith("``", at)
