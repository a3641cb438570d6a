"""The reporting-verb lexicon: which words introduce speech, and their lemmas.

The lexicon is curated package data (``quotes/data/cues.txt``), so it can be
read and extended without touching code. Cues are matched as whole lower-case
words: news capitalises a reporting verb only at a sentence start, where a
capitalised "Says" is far more often a headline than a cue. A cue may be
followed by a complement that belongs to it ("said in a statement", "told
reporters", "wrote on Twitter"), listed in ``cue_complements.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import regex

from quotes.attribution import CueMatch
from quotes.patterns import lazy_compile

__all__ = [
    "lexicon", "lemma", "alternation", "CUE", "CUE_WITH_COMPLEMENT", "match_at", "search_last",
    "may_hold_cue", "cues_in", "holds_cue",
]


def _data_lines(name: str) -> list[str]:
    text = resources.files("quotes.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """Every cue form (words joined by one space) mapped to its lemma."""
    forms: dict[str, str] = {}
    for line in _data_lines("cues.txt"):
        head, _, rest = line.partition(":")
        for form in rest.split(","):
            form = " ".join(form.split())
            if form:
                forms.setdefault(form, head.strip())
    return forms


@lru_cache(maxsize=4096)
def lemma(cue_text: str) -> str | None:
    """The lemma of a cue as printed ("told" -> "tell"), complements ignored."""
    words = " ".join(cue_text.casefold().split())
    forms = lexicon()
    while words:
        if words in forms:
            return forms[words]
        words = words.rpartition(" ")[0]
    return None


def alternation(phrases: Iterable[str]) -> str:
    """A pattern matching any of ``phrases``, factored into a character trie.

    A flat ``a|b|c`` over hundreds of words makes the engine try every word at
    every position; the trie rejects a position on its first character. A
    space inside a phrase matches any run of spaces or tabs.
    """
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(root)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = []
    for char, child in sorted(node.items()):
        if char:
            head = r"[^\S\n]+" if char == " " else regex.escape(char)
            branches.append(head + _trie_pattern(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


CUE = r"\b(?:" + alternation(lexicon()) + r")(?![\p{L}\p{N}'’-])"
"""A pattern fragment matching one cue form as whole words."""

_COMPLEMENT = r"(?i:" + alternation(_data_lines("cue_complements.txt")) + r")(?![\p{L}\p{N}])"
CUE_WITH_COMPLEMENT = rf"{CUE}(?:[^\S\n]+{_COMPLEMENT})?"
"""A cue with the complement that may belong to it ("said in a statement")."""

_AT = lazy_compile(CUE_WITH_COMPLEMENT)
_ANY = lazy_compile(CUE)


@lru_cache(maxsize=1)
def _candidates() -> re.Pattern[str]:
    """The first word of a cue form, or "according", after anything but an ASCII letter, digit or underscore.

    For the stdlib engine (twice as fast on plain words). The test before it
    is weaker than a word boundary in either engine, so it finds every place
    where a cue can start; the first words hold letters only, so no place
    where one starts hides inside another.
    """
    words = {re.match(r"[^\W\d_]+", form).group() for form in lexicon()} | {"according"}  # type: ignore[union-attr]
    return re.compile(r"(?<![A-Za-z0-9_])(?:" + alternation(sorted(words)) + ")")


def may_hold_cue(text: str, start: int, end: int) -> bool:
    """False only when no cue (nor "according to") can start inside ``text[start:end]``: a cheap filter.

    A first word counts at a word boundary as the stdlib engine sees one.
    """
    return any(_after_boundary(text, found.start()) for found in _candidates().finditer(text, start, end))


def _after_boundary(text: str, pos: int) -> bool:
    """The stdlib engine's ``\\b`` before a word starting at ``pos``."""
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_")


def _cues_in(text: str, start: int, end: int, gated: bool) -> list[regex.Match[str]]:
    """``_ANY.finditer(text, start, end)`` as a list, matched only where a cue can start.

    ``gated``: none unless :func:`may_hold_cue` holds, told from the same candidates (the test a rule
    skips its cue search on must not change the cues it finds).
    """
    found: list[regex.Match[str]] = []
    may_hold = not gated
    resume = start
    for candidate in _candidates().finditer(text, start, end):
        pos = candidate.start()
        may_hold = may_hold or _after_boundary(text, pos)
        if pos >= resume:
            cue = _ANY.match(text, pos, end)
            if cue is not None:
                found.append(cue)
                resume = cue.end()
    return found if may_hold else []


def cues_in(text: str, start: int, end: int) -> list[regex.Match[str]]:
    """The cues (without complement) in ``text[start:end]``, in order; none where :func:`may_hold_cue` fails."""
    return _cues_in(text, start, end, gated=True)


def holds_cue(text: str, start: int, end: int) -> bool:
    """Whether a cue (without complement) stands anywhere in ``text[start:end]``."""
    return bool(_cues_in(text, start, end, gated=False))


def match_at(text: str, pos: int) -> CueMatch | None:
    """The cue starting exactly at ``pos``, with its complement, if any."""
    found = _AT.match(text, pos)
    return to_cue(text, found.start(), found.end()) if found else None


def search_last(text: str, start: int, end: int) -> CueMatch | None:
    """The last cue (without complement) inside ``text[start:end]``."""
    found = _cues_in(text, start, end, gated=False)
    return to_cue(text, found[-1].start(), found[-1].end()) if found else None


def to_cue(text: str, start: int, end: int) -> CueMatch:
    """A :class:`CueMatch` for the cue printed at ``text[start:end]``."""
    return CueMatch(start, end, lemma(text[start:end]) or " ".join(text[start:end].split()))
