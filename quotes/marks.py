"""Quotation-mark scanning and pairing: the first sieve.

One left-to-right pass over the quotation marks of a text, with a small
stack, pairs opening and closing marks into spans. Paragraph breaks are
looked for only while a quote is open, in the stretch between two marks, so
the pass is linear in the text's length on any input: every mark is pushed
and popped at most once, the stack is capped, and each stretch of text is
searched once.

What it knows about news typography:

- straight ``"`` and doubled ``''`` (NYT style, ``'''`` where a single quote
  ends inside a double one), curly ``“ ”``, low-9 ``„``, guillemets ``« »``
  (either direction), PTB ````…''`` and ```…'``, single quotes ``‘ ’ '``
  told apart from apostrophes (it's, rock 'n' roll, the '90s, 'em, Jones' car);
- a mark's direction comes from what stands beside it, so mis-typed curly
  marks and straight marks pair as a reader would pair them;
- nested quotes are kept, with their depth;
- a quote running over several paragraphs (opening mark repeated at the start
  of each, closing mark only at the end) is one span;
- an unclosed double quote ends at the end of its paragraph, or where a new
  quotation with the same marks begins inside it, and is flagged; an unclosed
  single quote was most likely an apostrophe and is dropped;
- paragraphs are lines, unless the text is hard-wrapped (lines of near-equal
  width), where they are separated by blank lines or indentation;
- marks packed more densely than any prose packs them (runs like ``"'"'"'``,
  long stretches with a mark every few characters) are not read, so hostile
  text costs about what news costs per character.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice

import regex

__all__ = ["QUOTE_MARKS", "MAX_DEPTH", "QuoteSpan", "scan", "paragraph_breaks"]

MAX_DEPTH = 32
"""Deeper nesting than this is not news: further opening marks are ignored."""

_DOUBLE, _SINGLE = "double", "single"
_OPEN, _CLOSE, _EITHER = 1, 2, 3

# Each mark with its kind and the direction its shape suggests; what stands
# beside a mark can overturn the direction (a mis-typed ” before a word opens).
_MARKS: dict[str, tuple[str, int]] = {
    '"': (_DOUBLE, _EITHER),
    "''": (_DOUBLE, _EITHER),
    "``": (_DOUBLE, _OPEN),
    "\u201c": (_DOUBLE, _OPEN),  # “
    "\u201e": (_DOUBLE, _OPEN),  # „
    "\u201f": (_DOUBLE, _OPEN),  # ‟
    "\u00ab": (_DOUBLE, _OPEN),  # «
    "\u201d": (_DOUBLE, _CLOSE),  # ”
    "\u2018\u2018": (_DOUBLE, _OPEN),  # ‘‘ and ’’ stand for “ ” in converted text
    "\u2019\u2019": (_DOUBLE, _CLOSE),
    "\u00bb": (_DOUBLE, _CLOSE),  # »
    "'": (_SINGLE, _EITHER),
    "`": (_SINGLE, _OPEN),
    "\u2018": (_SINGLE, _OPEN),  # ‘
    "\u201a": (_SINGLE, _OPEN),  # ‚
    "\u201b": (_SINGLE, _OPEN),  # ‛
    "\u2039": (_SINGLE, _OPEN),  # ‹
    "\u2019": (_SINGLE, _CLOSE),  # ’
    "\u203a": (_SINGLE, _CLOSE),  # ›
}

# Marks that look alike: a quote running on into the next paragraph repeats its own style.
_STYLES = (
    ('"', "''", "``"),
    ("\u201c", "\u201d", "\u201e", "\u201f", "\u2018\u2018", "\u2019\u2019"),
    ("\u00ab", "\u00bb"),
)
_STYLE = {mark: style for style, marks in enumerate(_STYLES) for mark in marks}

QUOTE_MARKS = frozenset(m for m in _MARKS if len(m) == 1)
"""Every character the scanner reads as (part of) a quotation mark."""

_DOUBLED = "".join(m[0] for m in _MARKS if len(m) == 2)  # single marks that, doubled, are a double mark
_DOUBLE_CHARS = "".join(m for m in QUOTE_MARKS if _MARKS[m][0] is _DOUBLE)
_ALL_CHARS = "".join(sorted(QUOTE_MARKS))

# One token per mark character. A single mark between two letters or digits
# (it's, O'Brien) is never one, so ordinary prose costs almost nothing; every
# alternative follows the character class, which keeps ``re`` fast. Six or
# more marks with at most two other characters between each (``"'"'"'``,
# ``a"b'c"d'``) are one token, a run, that is not read as quotation marks:
# prose never packs them so, and reading them one by one would let such a
# text cost far more per character than news.
_BREAK_CHARS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_PACKED = f"(?:[^{re.escape(_ALL_CHARS)}{_BREAK_CHARS}]{{0,2}}[{re.escape(_ALL_CHARS)}])"  # the next mark, close by
_LONE = f"(?<=[{re.escape(_DOUBLE_CHARS)}])|(?<![^\\W_].)|(?![^\\W_])"  # after a double mark, or not inside a word
_MARK = re.compile(f"[{re.escape(_ALL_CHARS)}](?:{_PACKED}{{5,}}|{_LONE})")


class _PerMark(dict[str, re.Pattern[str]]):
    """A pattern for each mark character, compiled the first time a text holds that mark: news uses two or
    three of the fifteen, and compiling all of them cost every process start 9 ms."""

    def __init__(self, source: Callable[[str], str]) -> None:
        super().__init__()
        self._source = source

    def __missing__(self, mark: str) -> re.Pattern[str]:
        pattern = self[mark] = re.compile(self._source(re.escape(mark)))
        return pattern


# The tokens that begin with one mark character: a pattern led by a literal is
# searched for many times faster than one led by a class.
_MARK_OF = _PerMark(lambda escaped: f"{escaped}(?:{_PACKED}{{5,}}|{_LONE})")
# The same where other mark characters lead tokens too: a run, known by its
# first six marks, takes the rest of the text, and is left to ``_MARK``.
_UNTIL_RUN_OF = _PerMark(lambda escaped: f"{escaped}(?:{_PACKED}{{5}}(?s:.*)|{_LONE})")
_MERGED_MAX = 1000  # tokens of several marks gathered in a list at most; more are streamed by ``_MARK``
_SPAN = re.Match.span
_ASCII_CHARS = "".join(ch for ch in _ALL_CHARS if ch.isascii())
_INK = re.compile(r"[^\W_]")  # a quotation holds at least one letter or digit

# An opening single mark that is an apostrophe: rock 'n' roll, 'em, 'til,
# the '90s, in 't Veld, 's-Hertogenbosch.
_ELISION = re.compile(
    r"(?i:n['\u2019](?![^\W_])|(?:em|til|tis|twas|cause|bout|round|n|s|t|d|ll|re|ve|m)\b)|\d"
)
# Marks packed more densely than prose packs them (48 within 384 characters:
# a dozen short quotations in a row, "Yes," he said. "No," she said. ...)
# are not read until a stretch of prose without marks comes, so that no text
# costs far more per character than news; open quotes end where it starts.
_DENSE_BLOCK = 48
_DENSE_CHARS = 8 * _DENSE_BLOCK
_PROSE_GAP = 200

_ATTRIBUTE_MAX = 300  # characters an attribute value (a URL, a name) may run to, on one line

_APOSTROPHE_SUFFIX = re.compile(r"(?:s|t|m|d|ll|re|ve)(?![^\W_])")  # dollar"s, I"m: straight double mis-keyed

_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
_SPACE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace()) + _INVISIBLE
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015"
# what may stand before an opening mark / after a closing mark
_BEFORE_OPEN = frozenset(_SPACE + _DASHES + _ALL_CHARS + "([{<>/:;*_|")
_AFTER_CLOSE = frozenset(_SPACE + _DASHES + _ALL_CHARS + ")]}<>/:;*_|.,!?\u2026")

_LINE_BREAKS = re.compile(f"(?P<para>[{_BREAK_CHARS}]\\s*)")
_LINE_BREAK = re.compile(f"[{_BREAK_CHARS}]")  # where every paragraph break, in either form, begins
_BLANK_LINE_BREAKS = re.compile(
    r"(?P<para>(?:\n[^\S\n]*\n|\n(?=\t|[^\S\n]{2})|[\f\x1c\x1d\x1e\u2029])\s*)"
)
_LINE_START = re.compile(r"\n(?=[^\S\n]*\S)")  # a line break before a line with text
_WRAP_SAMPLE = 40
_WRAP_LOOK = 160
_WRAP_MAX_WIDTH = 100
_LAST_INK = regex.compile(r"(?r)\S")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A paired (or paragraph-closed) quotation in the text.

    ``start``/``end`` cover the marks; ``content_start``/``content_end`` what
    stands between them. ``closed`` is False when no closing mark was found
    and the span ends at its paragraph's end. ``paragraphs`` counts the
    paragraphs a multi-paragraph quote runs over. ``depth`` is 0 for a quote
    in running text and grows by one per enclosing quote. ``mark`` is the
    opening mark as written.
    """

    start: int
    end: int
    content_start: int
    content_end: int
    closed: bool
    paragraphs: int
    depth: int
    mark: str


# A frozen dataclass's __init__ sets each field through object.__setattr__;
# setting the slots themselves makes the many spans of a corpus in half the time.
_NEW = object.__new__
_SET_START, _SET_END, _SET_CONTENT_START, _SET_CONTENT_END, _SET_CLOSED, _SET_PARAGRAPHS, _SET_DEPTH, _SET_MARK = (
    QuoteSpan.__dict__[name].__set__
    for name in ("start", "end", "content_start", "content_end", "closed", "paragraphs", "depth", "mark")
)


def _new_span(start: int, end: int, content_start: int, content_end: int, closed: bool, paragraphs: int,
              depth: int, mark: str) -> QuoteSpan:
    """``QuoteSpan(start, end, ...)``, made faster."""
    span = _NEW(QuoteSpan)
    _SET_START(span, start)
    _SET_END(span, end)
    _SET_CONTENT_START(span, content_start)
    _SET_CONTENT_END(span, content_end)
    _SET_CLOSED(span, closed)
    _SET_PARAGRAPHS(span, paragraphs)
    _SET_DEPTH(span, depth)
    _SET_MARK(span, mark)
    return span


def paragraph_breaks(text: str) -> re.Pattern[str]:
    """The paragraph separator this text uses, as a pattern (group ``para``).

    Every line break separates paragraphs, unless the text is hard-wrapped:
    then only blank lines and indented lines do.
    """
    return _BLANK_LINE_BREAKS if _hard_wrapped(text) else _LINE_BREAKS


def _hard_wrapped(text: str) -> bool:
    """True when the lines that end inside paragraphs are of near-equal width, at most 100.

    That is how wrapped text looks (e-mail, old wire copy); lines that are
    paragraphs vary widely in length. Only the first few lines are sampled.
    """
    widths = []
    for seen, match in enumerate(_LINE_START.finditer(text)):
        if seen == _WRAP_LOOK or len(widths) == _WRAP_SAMPLE:
            break
        end = match.start()
        start = text.rfind("\n", 0, end) + 1
        width = _trim_end(text, start, end) - start
        if width:
            widths.append(width)
    if len(widths) < 3:
        return False
    widest = max(widths)
    near = sum(1 for w in widths if w >= 0.6 * widest)
    return widest <= _WRAP_MAX_WIDTH and near >= 0.8 * len(widths)


def _has_ink(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a letter or digit; most quotations begin with one, found without a search."""
    return start < end and text[start].isalnum() or _INK.search(text, start, end) is not None


def _trim_end(text: str, start: int, end: int) -> int:
    """``end`` moved back past white space, not before ``start``."""
    ink = _LAST_INK.search(text, start, end)
    return ink.end() if ink else start


def _tokens(text: str) -> Iterable[tuple[int, int]] | None:
    """Where the tokens of ``_MARK`` stand in the text, in order; None if it has none.

    Patterns led by one mark character find them many times faster than
    ``_MARK``, which is led by a class. Which mark characters a text holds,
    substring tests tell (an ASCII text holds only the ASCII ones), and which
    of them lead a token, a search for the first; most news has tokens of
    one at most (straight double quotes: an apostrophe inside a word is no
    token).
    """
    chars = _ASCII_CHARS if text.isascii() else _ALL_CHARS
    leading = [ch for ch in chars if ch in text and _UNTIL_RUN_OF[ch].search(text)]
    if len(leading) == 1:
        return map(_SPAN, _MARK_OF[leading[0]].finditer(text))
    if leading:
        return _merged_tokens(text, leading) or map(_SPAN, _MARK.finditer(text))
    return None


def _merged_tokens(text: str, chars: list[str]) -> list[tuple[int, int]] | None:
    """The tokens led by each of ``chars``, in text order: the tokens of ``_MARK`` if no run is among them.

    None if there is a run, or more tokens than news holds: such text is
    left to ``_MARK``, which streams them.
    """
    tokens: list[tuple[int, int]] = []
    for ch in chars:
        tokens += map(_SPAN, islice(_UNTIL_RUN_OF[ch].finditer(text), _MERGED_MAX + 1 - len(tokens)))
        start, end = tokens[-1]
        if end - start > 1 or len(tokens) > _MERGED_MAX:
            return None
    tokens.sort()
    return tokens


def _direction(text: str, start: int, end: int, role: int) -> int:
    """The direction of the mark ``text[start:end]``: see ``_facing``."""
    return _facing(text[start - 1] if start else "\n", text[end] if end < len(text) else "\n", role)


def _facing(before: str, after: str, role: int) -> int:
    """The direction of a mark between ``before`` and ``after`` as they tell it, else as its shape does."""
    opens = before in _BEFORE_OPEN
    if opens is (after in _AFTER_CLOSE):
        return role
    return _OPEN if opens else _CLOSE


class _Open:
    __slots__ = ("start", "content_start", "kind", "mark", "paragraphs", "first_child")

    def __init__(self, start: int, content_start: int, kind: str, mark: str) -> None:
        self.start = start
        self.content_start = content_start
        self.kind = kind
        self.mark = mark
        self.paragraphs = 1
        self.first_child = -1  # where the first double quote inside this one opens


_Found = tuple[int, int, int, int, bool, int, str]


class _Scanner:
    """The state of one pass: open quotes, spans found, a pending closing mark."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[_Open] = []
        self.doubles = 0  # open double quotes on the stack
        self.found: list[_Found] = []
        # A closing single mark after a letter and before a space (Jones' car,
        # goin' home) closes only if no other closing single mark follows
        # before the next mark of another kind or the paragraph's end.
        self.pending: tuple[int, int] | None = None
        self.breaks: re.Pattern[str] | None = None  # the text's paragraph separator, once a line break needs it
        self.newlines_only: bool | None = None  # whether ``\n`` is the only line break in the text, once asked

    def run(self, tokens: Iterable[tuple[int, int]]) -> list[QuoteSpan]:
        text = self.text
        stack = self.stack
        read = self._read
        skip_to = 0  # marks before this were read as part of a longer mark
        last = 0  # end of the last mark read: paragraph breaks are looked for after it
        line = -1  # once >= last: where the first line break at or after ``last`` stands
        block = block_start = 0  # marks read in the current density block, and where it began
        dense_until = -1  # while >= 0: in a stretch too dense to be prose, reading resumes after a gap
        for pos, end in tokens:
            if dense_until >= 0:
                if pos - dense_until < _PROSE_GAP:
                    dense_until = end
                    continue
                dense_until = -1
            if pos < skip_to or end - pos > 1:  # read as part of a longer mark, or a run of marks
                continue
            if stack and line < pos:
                if line < last:
                    line = self._line_break(last)
                if line < pos:
                    brk = self._next_break(last, pos)
                    if brk is not None and self._paragraph_ends(brk, pos):
                        skip_to = last = pos + self._mark_length(pos)  # the repeated opening mark
                        continue
            if not block:
                block_start = pos
            block += 1
            if block == _DENSE_BLOCK:
                block = 0
                if pos - block_start < _DENSE_CHARS:
                    self._settle_pending()
                    self._close_all(pos)
                    dense_until = end
                    continue
            last = skip_to = read(pos)
        if stack and self._line_break(last) < len(text):
            brk = self._next_break(last, len(text))
            if brk is not None:
                self._paragraph_ends(brk, len(text))
        self._settle_pending()
        self._close_all(len(text))
        return self._spans()

    def _line_break(self, lo: int) -> int:
        """Where the first line break at or after ``lo`` stands (the text's length if none does).

        No paragraph ends between two marks with no line break between them:
        with this one search per line, most marks need no search at all. Most
        texts break lines with ``\\n`` alone, which ``str.find`` finds fastest.
        """
        text = self.text
        if self.newlines_only is None:
            self.newlines_only = not any(ch in text for ch in _BREAK_CHARS[1:])
        if self.newlines_only:
            found = text.find("\n", lo)
            return found if found >= 0 else len(text)
        match = _LINE_BREAK.search(text, lo)
        return match.start() if match else len(text)

    def _next_break(self, lo: int, hi: int) -> re.Match[str] | None:
        """The first paragraph break between ``lo`` and ``hi``, where :meth:`_line_break` found a line break.

        Whether the text is hard-wrapped is asked only then, once a line break
        stands inside a quote: most quotes open and close on one line.
        """
        if self.breaks is None:
            self.breaks = paragraph_breaks(self.text)
        return self.breaks.search(self.text, lo, hi)

    def _mark_length(self, pos: int) -> int:
        ch = self.text[pos]
        return 2 if ch in _DOUBLED and self.text.startswith(ch, pos + 1) else 1

    def _read(self, pos: int) -> int:
        """Read the mark at ``pos``; return where it ends."""
        text = self.text
        mark = text[pos]
        end = pos + 1
        after = text[end] if end < len(text) else "\n"
        if after == mark and mark in _DOUBLED:
            if mark == "'" and text.startswith("'", end + 1):
                return self._read_triple(pos)
            end += 1
            mark += mark
            after = text[end] if end < len(text) else "\n"
        before = text[pos - 1] if pos else "\n"
        if before == "=" and mark[0] in "\"'":
            value_end = text.find(mark[0], end, end + _ATTRIBUTE_MAX)
            if value_end >= 0 and not _LINE_BREAKS.search(text, end, value_end):
                return value_end + 1  # <tweet author="...">: markup left in scraped text, not a quotation
        if mark == '"' and before.isalpha() and _APOSTROPHE_SUFFIX.match(text, end):
            return end  # an apostrophe mis-keyed in wire copy
        kind, role = _MARKS[mark]
        role = _facing(before, after, role)
        if role == _EITHER:
            role = _CLOSE if self._is_open(kind) else _OPEN
        if kind is _SINGLE:
            if role == _OPEN:
                elision = _ELISION.match(text, end)
                if elision:
                    return elision.end()
            elif before.isalpha() and end < len(text) and after.isspace() and self._is_open(_SINGLE):
                if self.pending is None:  # a second such mark settles nothing: the first may still close
                    self.pending = (pos, end)
                return end
        self._take(pos, end, mark, kind, role)
        return end

    def _read_triple(self, pos: int) -> int:
        """``'''``: a double and a single opening, or a single and a double closing."""
        end = pos + 3
        role = _direction(self.text, pos, end, _EITHER)
        if role == _EITHER:
            role = _CLOSE if self.stack else _OPEN
        if role == _OPEN:
            self._take(pos, pos + 2, "''", _DOUBLE, _OPEN)
            self._take(pos + 2, end, "'", _SINGLE, _OPEN)
        else:
            self._take(pos, pos + 1, "'", _SINGLE, _CLOSE)
            self._take(pos + 1, end, "''", _DOUBLE, _CLOSE)
        return end

    def _is_open(self, kind: str) -> bool:
        """Whether a mark of this kind would close something: for singles, inside the innermost double."""
        if kind is _DOUBLE:
            return self.doubles > 0
        return bool(self.stack) and self.stack[-1].kind is _SINGLE  # a double above any single shields it

    def _take(self, pos: int, end: int, mark: str, kind: str, role: int) -> None:
        if self.pending is not None:
            self._take_pending(kind, role)
        if role == _OPEN:
            self._push(pos, end, kind, mark)
        else:
            self._close(pos, end, kind)

    def _take_pending(self, kind: str, role: int) -> None:
        """A closing single mark comes: the pending one was an apostrophe. Anything else settles it."""
        if kind is _SINGLE and role == _CLOSE:
            self.pending = None
        else:
            self._settle_pending()

    def _settle_pending(self) -> None:
        if self.pending is not None:
            pos, end = self.pending
            self.pending = None
            self._close(pos, end, _SINGLE)

    def _push(self, pos: int, end: int, kind: str, mark: str) -> None:
        stack = self.stack
        if len(stack) >= MAX_DEPTH:
            return
        if kind is _DOUBLE:
            if stack and stack[-1].kind is _DOUBLE and stack[-1].first_child < 0:
                stack[-1].first_child = pos  # nothing else is open in between, so cutting here crosses no span
            self.doubles += 1
        stack.append(_Open(pos, end, kind, mark))

    def _close(self, pos: int, end: int, kind: str) -> None:
        """Close the innermost open quote of this kind; singles never close across a double."""
        if not self._is_open(kind):
            return
        stack = self.stack
        while stack:
            entry = stack.pop()
            if entry.kind is kind:
                if kind is _DOUBLE:
                    self.doubles -= 1
                if _has_ink(self.text, entry.content_start, pos):
                    self.found.append((entry.start, end, entry.content_start, pos, True, entry.paragraphs, entry.mark))
                return

    def _paragraph_ends(self, brk: re.Match[str], hi: int) -> bool:
        """Settle the paragraph break ``brk`` found before the mark at ``hi``.

        Open double quotes end at the break, unless the next paragraph starts
        with a double opening mark at ``hi``: then the outermost one goes on
        (returns True, and the repeated mark is not read again).
        """
        self._settle_pending()
        at = brk.start()
        doubles = [entry for entry in self.stack if entry.kind is _DOUBLE]
        bottom = doubles[0] if doubles else None
        if bottom is not None and brk.end() == hi < len(self.text) and self._continues(bottom, hi):
            for entry in doubles[1:]:
                self._unclosed(entry, at)
            bottom.paragraphs += 1
            bottom.first_child = -1
            self.stack[:] = [bottom]
            self.doubles = 1
            return True
        self._close_all(at)
        return False

    def _continues(self, entry: _Open, pos: int) -> bool:
        """Whether the mark at ``pos``, opening a paragraph, repeats ``entry``'s opening mark.

        It must open, be of the same style (straight, curly, guillemet), and
        the quote must not hold another double quote in the paragraph before:
        a quote inside one with the same marks says the first was never closed.
        """
        end = pos + self._mark_length(pos)
        mark = self.text[pos:end]
        kind, role = _MARKS[mark]
        return (
            kind is _DOUBLE
            and _STYLE[mark] == _STYLE[entry.mark]
            and entry.first_child < 0
            and _direction(self.text, pos, end, role) != _CLOSE
        )

    def _close_all(self, at: int) -> None:
        for entry in self.stack:
            if entry.kind is _DOUBLE:
                self._unclosed(entry, at)
        self.stack.clear()
        self.doubles = 0

    def _unclosed(self, entry: _Open, at: int) -> None:
        """A double quote whose closing mark never came ends at ``at``, or where a quote inside it opens."""
        if 0 <= entry.first_child < at:
            at = entry.first_child
        end = _trim_end(self.text, entry.content_start, at)
        if _has_ink(self.text, entry.content_start, end):
            self.found.append((entry.start, end, entry.content_start, end, False, entry.paragraphs, entry.mark))

    def _spans(self) -> list[QuoteSpan]:
        """The spans in text order, each with its depth: how many found spans hold it."""
        self.found.sort()  # no two spans start at one mark
        spans = []
        holders: list[int] = []  # ends of the spans holding the current one
        for start, end, content_start, content_end, closed, paragraphs, mark in self.found:
            while holders and holders[-1] < end:
                holders.pop()
            spans.append(_new_span(start, end, content_start, content_end, closed, paragraphs, len(holders), mark))
            holders.append(end)
        return spans


def scan(text: str) -> list[QuoteSpan]:
    """Find every quotation span in ``text``, sorted by start.

    >>> [(s.start, s.end, s.depth) for s in scan('He said "it\\'s \\'fine\\' now."')]
    [(8, 26, 0), (14, 20, 1)]
    >>> [(s.closed, s.paragraphs) for s in scan('"One.\\n\\n"Two," he said.')]
    [(True, 2)]
    """
    tokens = _tokens(text)
    return _Scanner(text).run(tokens) if tokens is not None else []
