"""Pattern attribution: the news shapes that need no parser.

Every rule is anchored at a quotation span: right-context rules ``match`` at
the closing mark, left-context rules ``match`` backwards with ``(?r)`` patterns
ending at the opening mark (``\\G``: a reverse match tries that one position,
where a search would try every other one too), and every window is capped, so
the cost per quote is bounded whatever the document holds. Rules are tried from the
most to the least precise; the first that fits decides the span.

Shapes (rule ids):

- ``quote-name-cue``       ``"…," Rubio told reporters`` / ``"…," Rubio, a former senator, said``
- ``quote-pronoun-cue``    ``"…," he said``
- ``quote-cue-name``       ``"…," said Rubio`` / ``"…," said a spokesman``
- ``quote-name-verb``      ``"…!" beamed Donald Hartley``: any verb, after a quote ending in , ? or !
- ``quote-dash-name``      ``"…" ― Veronica Cruz``
- ``quote-tail-cue``       ``"…" on climate change, Axelrod said.``
- ``according-to``         ``"…," according to Rubio`` / ``According to Rubio, "…"``
- ``split-quote``          the second half of ``"A," he said, "B."`` (``continues`` the first)
- ``name-cue-colon``       ``Rubio said: "…"`` / ``Rubio said, "…"``
- ``name-colon``           ``Clinton: "…"``
- ``lead-in-paragraph``    a paragraph ending ``Rubio said:`` followed by a quote paragraph
- ``colon-subject``        ``He then listed the qualities a nominee needs:`` then the quote
- ``partial-subject-cue``  ``Trump called it a "disgusting fraud"``: the subject of the reporting clause
- ``partial-subject-verb`` ``Trump hammered Disney for "…"``: no known cue, the sentence's subject and verb
- ``carried-paragraph``    a quote right after an attributed one, only its attribution between
- ``carried-in-paragraph`` a quote opening a later sentence of the same paragraph
- ``title``, ``nickname``, ``scare``: quotation marks that do not quote anyone
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache, lru_cache

import regex

from quotes import calibration, cues
from quotes.attribution import UNATTRIBUTED, Attribution, CueMatch, Mention
from quotes.marks import QUOTE_MARKS, QuoteSpan
from quotes.patterns import lazy_compile
from quotes.speakers import CAPITALISED_PHRASE, DESCRIPTOR, MENTION, NAME, PRONOUN

__all__ = ["attribute", "CONFIDENCE"]

WINDOW = 400
"""Characters of context a rule may look at on either side of a quote."""

REACH = 250
"""Characters an anchored backward pattern may span: a speaker, an apposition, a cue and its tail."""

CONFIDENCE = {
    # quotes: the share of the rule's quotes whose span and speaker are both right (n = quotes measured)
    "quote-pronoun-cue": 0.98,    # n=1001
    "quote-cue-name": 0.98,       # n=832
    "quote-name-cue": 0.96,       # n=1760
    "carried-paragraph": 0.96,    # n=1703
    "split-quote": 0.99,          # n=80, all right
    "quote-dash-name": 0.95,      # n=23, all right
    "name-cue-colon": 0.92,       # n=550
    "according-to": 0.91,         # n=23
    "quote-name-verb": 0.89,      # n=35
    "partial-subject-cue": 0.84,  # n=2272
    "name-colon": 0.82,           # n=28
    "lead-in-paragraph": 0.78,    # n=18
    "quote-tail-cue": 0.76,       # n=103
    "colon-subject": 0.65,        # n=110
    "carried-in-paragraph": 0.62,  # n=39
    "partial-subject-verb": 0.52,  # n=210
    "previous-paragraph": 0.30,   # n=46
    # marks that quote no one: the share the annotators left unannotated too
    "title": 0.72,                # n=559
    "nickname": 0.48,             # n=33
    "scare": 0.42,                # n=667
}
"""Per-rule probability that the rule is right, measured with the fast pipeline
on an annotated corpus of US political news (924 articles, 9,341 quotes); the
calibration table (:mod:`quotes.calibration`), when it has measured a rule, wins.
Annotators there mark many short fragments as partial quotes, which is why the
non-quote kinds score low: precision is a property of the annotation too."""


@cache
def _confidence(rule: str) -> float:
    """The rule's confidence from the measured calibration table, else the figure above."""
    return calibration.confidence(rule, CONFIDENCE[rule])


_ADVERB = (
    r"(?:also|later|then|again|once|previously|recently|reportedly|further|has|had|have|was|is|would"
    r"|will|did|does|\p{Ll}+ly)"
)
_ADVERBS = rf"(?:[^\S\n]+{_ADVERB}){{0,2}}"
_APPOSITION = r"(?P<appos>(?:[^\S\n]*,[^,;\"“”«»\n]{1,80}){1,4},)"
# reverse patterns prefer the shortest reading: no apposition, no tail, unless needed
_APPOSITION_R = r"(?P<appos>[^\S\n]*,(?=[^\S\n]*(?:[\p{Ll}\p{N}]|(?:The|A|An|Its|His|Her|Their)[^\S\n]))[^,;\"“”«»\n]{1,80}(?:,[^,;\"“”«»\n]{1,80}){0,3}?,)??"
_LEAD_PUNCT = r"[^\S\n]*(?:[,—–-][^\S\n]*)?"

_PAREN = r"(?:[^\S\n]*\([^()\n]{1,30}\),?)?"
_NOT_MODIFIER_WORDS = (
    "on in at after before during with to from by for that as when while last this then and but or"
    " so because if than who which said says told"
).split()
"""Lower-case words that never describe a speaker before a name: prepositions, conjunctions, cues."""
_NOT_MODIFIER = "|".join(_NOT_MODIFIER_WORDS)
_MODIFIERS = (
    rf"(?:(?!(?:{_NOT_MODIFIER}|of)\b)\p{{Ll}}[\p{{L}}-]*[^\S\n]+"
    rf"(?:(?!(?:{_NOT_MODIFIER})\b)\p{{Ll}}[\p{{L}}-]*[^\S\n]+){{0,3}})?"
)
"""Lower-case words before a name that describe the speaker ("public defender Shannon Quill")."""

_SPEAKER_AFTER_QUOTE = rf"(?P<m>{MENTION}|{_MODIFIERS}{NAME}|{CAPITALISED_PHRASE}){_PAREN}{_APPOSITION}?"
_LEAD_THEN_NO_SPEAKER = lazy_compile(
    rf"(?>{_LEAD_PUNCT})(?P<no_speaker>(?:{cues.alternation([*_NOT_MODIFIER_WORDS, 'of'])})\b|[^\p{{L}}\p{{N}}]|\Z)?"
)
"""The punctuation leading from a quote to its attribution, then, in ``no_speaker``, what shows that no
:data:`_SPEAKER_AFTER_QUOTE` starts there: a mention opens with a letter or digit, and none with a word
that is neither a pronoun, a determiner, a capitalised word nor a modifier ("said", "and"). A speaker
starts nowhere else after a quote: the shorter readings of the lead end at a space or a comma."""
# "…," Rubio said / "…," Rubio, a former senator, told reporters (at the end of the lead)
_SPEAKER_CUE = lazy_compile(rf"{_SPEAKER_AFTER_QUOTE}{_ADVERBS}[^\S\n]+(?P<cue>{cues.CUE_WITH_COMPLEMENT})")
# "…," said Rubio / "…," said a spokesman for the campaign
_CUE_NAME = lazy_compile(
    rf"{_LEAD_PUNCT}(?:{_ADVERB}[^\S\n]+)?(?P<cue>{cues.CUE_WITH_COMPLEMENT})[^\S\n]+"
    rf"(?P<m>{_MODIFIERS}{NAME}|{DESCRIPTOR}|{PRONOUN})"
)
# "…," Michelle Stevens agrees / "…," beamed Donald Hartley: any verb, after a quote ending in a comma
_VERB = r"\p{Ll}[\p{L}-]*(?:ed|s)(?![\p{L}\p{N}'’-])"
_NAME_VERB = lazy_compile(
    rf"{_LEAD_PUNCT}(?:{_SPEAKER_AFTER_QUOTE}{_ADVERBS}[^\S\n]+(?P<cue>{_VERB})"
    rf"|(?P<cue>{_VERB})[^\S\n]+(?P<m>{_MODIFIERS}{NAME}|{DESCRIPTOR}))"
)
# "…" ― Martha Aguilar (a reader's or a tweet's signature line)
_DASH_NAME = lazy_compile(rf"[^\S\n]*\n?[^\S\n]*(?P<cue>[―—–]|--?)[^\S\n]*(?P<m>{NAME})")
# "…" climate change, Axelrod said. (the attribution closes the quote's sentence): after a comma and
# spaces, _SPEAKER_CUE or this
_CUE_THEN_NAME = lazy_compile(rf"(?P<cue>{cues.CUE_WITH_COMPLEMENT})[^\S\n]+(?P<m>{_MODIFIERS}{NAME}|{DESCRIPTOR})")
_SPACES = lazy_compile(r"[^\S\n]+")
_ACCORDING_AFTER = lazy_compile(
    rf"{_LEAD_PUNCT}(?P<cue>according[^\S\n]+to)[^\S\n]+(?P<m>{NAME}|{DESCRIPTOR})"
)
# Clinton: "…" (a transcript's or a round-up's speaker label)
_NAME_COLON = lazy_compile(rf"(?r)(?:(?<=\n[^\S\n]*)|(?<=^)|(?<=[.!?][\"”’]?[^\S\n]))(?P<m>{NAME})[^\S\n]*:[^\S\n]*\G")
_ACCORDING_AT = lazy_compile(rf"(?P<cue>[Aa]ccording[^\S\n]+to)[^\S\n]+(?P<m>{NAME}|{DESCRIPTOR})")
_PASSIVE = lazy_compile(r"(?r)\b(?:was|were|is|are|be|been|being)(?:[^\S\n]+\p{Ll}+ly)?[^\S\n]+\G")
_BY_AGENT = lazy_compile(rf"[^\S\n]+by[^\S\n]+(?P<m>{NAME}|{DESCRIPTOR})")
# "…, saying": a participle's subject is the clause's, never the phrase just before it
_PARTICIPLE = lazy_compile(r"(?!according\b)\p{Ll}+ing\b")
_ACCORDING_BEFORE = lazy_compile(
    rf"(?r)(?P<cue>[Aa]ccording[^\S\n]+to)[^\S\n]+(?P<m>{NAME}|{DESCRIPTOR})[^\S\n]*,[^\S\n]*\G"
)
# Rubio said: "…" / Rubio told reporters on Monday, "…"
_COLON_TAIL = r"(?P<tail>[^\S\n]+(?:(?![.!?][^\S\n])[^\"“”«»:;\n]){1,80}?)??"
# Anchored at a cue found by a forward search, ending at the quote (\Z at the search's end): a reverse
# search through the cue lexicon would try every cue backwards at every length of the tail.
_CUE_TO_COLON = lazy_compile(rf"(?P<cue>{cues.CUE_WITH_COMPLEMENT}){_COLON_TAIL}[^\S\n]*[:,][^\S\n]*\Z")
_CUE_TO_LEAD_IN = lazy_compile(rf"(?P<cue>{cues.CUE_WITH_COMPLEMENT}){_COLON_TAIL}[^\S\n]*:\s*\Z")
_CUE_NAME_TO_COLON = lazy_compile(
    rf"(?P<cue>{cues.CUE_WITH_COMPLEMENT})[^\S\n]+(?P<m>{NAME}|{DESCRIPTOR}){_COLON_TAIL}[^\S\n]*[:,][^\S\n]*\Z"
)
_WORD_START = r"(?<![\p{L}\p{N}])"
"""A mention read backwards must begin a word: else "he" ends "She" and "a Harris" ends "Kamala Harris"."""
_MENTION_BEFORE_CUE = lazy_compile(rf"(?r){_WORD_START}(?P<m>{MENTION}){_PAREN}{_APPOSITION_R}{_ADVERBS}[^\S\n]+\G")
# the subject before a reporting verb, with an apposition or adverbs between
_OBJECT_OF = r"(?<![\p{L}\p{N}])(?:to|of|in|on|at|for|from|with|into|about|near|outside|inside)[^\S\n]+"
"""A preposition: the phrase after it is its object, never the subject of the next verb."""
_SUBJECT_BEFORE = lazy_compile(rf"(?r){_WORD_START}(?<!{_OBJECT_OF})(?P<m>{MENTION}){_PAREN}{_APPOSITION_R}{_ADVERBS}[^\S\n]+\G")
_OPENING_WORD = r"(?:(?:And|But|So|Yet|Still|Then|Now|Meanwhile|Instead|Later|Earlier|Also)[^\S\n,]*,?[^\S\n]+)?"
"""A conjunction or adverb opening a sentence before its subject ("And he said ...")."""
_SUBJECT_AT = lazy_compile(rf"{_OPENING_WORD}(?P<m>{NAME}|{PRONOUN}|{DESCRIPTOR})(?=[^\S\n]*[,\s])")
_NOT_A_REPORTING_VERB = (
    cues.alternation("was is are were be been has have had will would can could may might should must do does did"
                     " gets got seems seemed".split()) + r"(?![\p{L}\p{N}'’])"
)
"""Verbs that only link a subject to what follows ("The lack of places was "burdensome""): no speech."""
# a sentence's subject and its verb, after an optional introductory phrase ("In March, ")
_SUBJECT_VERB = lazy_compile(
    rf"(?:[^,;\"“”«»\n]{{1,60}},[^\S\n]+|{_OPENING_WORD})(?P<m>{NAME}|{PRONOUN}|{DESCRIPTOR}){_PAREN}{_APPOSITION}?{_ADVERBS}"
    rf"[^\S\n]+(?!{_NOT_A_REPORTING_VERB})(?P<cue>\p{{Ll}}[\p{{L}}-]*)(?![\p{{L}}\p{{N}}'’])"
)
_SENTENCE_START = lazy_compile(
    r"(?r)(?:(?<![\s.](?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|St|Jr|Sr|Gen|Lt|Col|No|vs|Jan|Feb|Aug|Sept|Oct|Nov|Dec|\p{Lu}))"
    r"[.!?][\"”’)]*[^\S\n]+|\n)"
)
_QUOTE_OR_BREAK = lazy_compile(r"[\"“”«»]|\n[^\S\n]*\n")
_SENTENCE_AFTER = lazy_compile(
    r"(?P<stop>[.!?])?[^\S\n]+(?=\p{Lu})(?P<pronoun>(?:He|She|They|It|We|I)(?![\p{L}\p{N}'’]))?"
)
_PRONOUN_ONLY = lazy_compile(PRONOUN)
_SPLIT_GAP = lazy_compile(r"[^\S\n]*(?:\([^()\n]{0,40}\)[^\S\n]*)?[,:;—–-][^\S\n]*")
_ABBREVIATION_END = lazy_compile(r"(?<![\p{L}])\p{Lu}\p{Ll}?\.\Z")
_ONLY_JUNK = lazy_compile(r"[\s.,;:—–-]*\Z")
_WORD = lazy_compile(r"[\p{L}\p{N}]+")
_CAPITALISED_WORD = lazy_compile(r"[\p{Lu}\p{N}]")
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with vs".split())
_CAP_BEFORE = lazy_compile(r"(?r)\p{Lu}[\p{L}.'’-]*[^\S\n]\G")
_CAP_AFTER = lazy_compile(r"[^\S\n]\p{Lu}")


class _Context:
    """The text around one span, with the limits no rule may cross."""

    __slots__ = ("start", "end", "para_start", "para_end", "left", "right", "sentence")

    def __init__(self, text: str, span: QuoteSpan, prev_end: int, next_start: int) -> None:
        self.start, self.end = span.start, span.end
        lo = max(0, span.start - WINDOW)
        newline = text.rfind("\n", lo, span.start)
        self.para_start = newline + 1 if newline >= 0 else lo
        hi = min(len(text), span.end + WINDOW)
        newline = text.find("\n", span.end, hi)
        self.para_end = newline if newline >= 0 else hi
        self.left = max(self.para_start, prev_end)
        self.right = min(self.para_end, next_start)
        found = _SENTENCE_START.search(text, self.para_start, self.start) if self.start > self.para_start else None
        self.sentence = found.end() if found else self.para_start
        """Where the sentence holding the quote begins."""


@cache
def _group_numbers(pattern: regex.Pattern[str]) -> dict[str, int]:
    return pattern.groupindex


def _span(found: regex.Match[str], group: str) -> tuple[int, int]:
    """``found.span(group)``, (-1, -1) if the pattern has no such group: by number, as the engine
    looks a group's name up several times slower."""
    number = _group_numbers(found.re).get(group)
    return found.regs[number] if number is not None else (-1, -1)


def _mention(found: regex.Match[str], title: str | None = None) -> Mention:
    start, end = _span(found, "m")
    text = found.string
    # a sentence's full stop is not part of the name ("said Rubio.") but "Jr." keeps its own
    while end > start and text[end - 1] in ".,'’" and not _ABBREVIATION_END.search(text, start, end):
        end -= 1
    appos_start, appos_end = _span(found, "appos")
    if appos_start < appos_end and title is None:
        title = text[appos_start:appos_end].strip(" ,")
    return Mention(start, end, title)


def _cue(found: regex.Match[str]) -> CueMatch:
    start, end = _span(found, "cue")
    return cues.to_cue(found.string, start, end)


def _attribution(kind: str, rule: str, found: regex.Match[str]) -> Attribution:
    return Attribution(kind=kind, speaker=_mention(found), cue=_cue(found), rule=rule, confidence=_confidence(rule))


def _starts_sentence(text: str, ctx: _Context) -> bool:
    """Whether only white space or a lead-in stands between the sentence start and the quote."""
    return ctx.sentence == ctx.start or _ONLY_JUNK.match(text, ctx.sentence, ctx.start) is not None


def _words(content: str) -> list[str]:
    return _WORD.findall(content)


def _non_quote_kind(text: str, span: QuoteSpan, ctx: _Context) -> str | None:
    """``nickname``, ``title`` or ``scare`` for marks that quote no one, else None."""
    if span.content_end - span.content_start > 100:
        return None
    content = text[span.content_start:span.content_end].rstrip()
    stops = content[-1:] in ".?!,"
    if stops and ctx.sentence == ctx.start:
        return None  # a sentence of its own, not a name inside one: told before its words are read
    words = _words(content)
    if not words or len(words) > 10 or (stops and len(words) < 2):
        return None
    if (len(words) <= 2 and _CAP_BEFORE.match(text, max(0, span.start - 40), span.start)
            and _CAP_AFTER.match(text, span.end) and all(_CAPITALISED_WORD.match(w) for w in words)):
        return "nickname"
    if all(_CAPITALISED_WORD.match(w) or w.casefold() in _SMALL_WORDS for w in words) and _CAPITALISED_WORD.match(words[0]):
        return "title"
    if len(words) <= 4:
        return "scare"
    return None


def _right_rules(text: str, span: QuoteSpan, ctx: _Context, kind: str) -> Attribution | None:
    if _ends_sentence(text, span):
        found = _dash_name(text, ctx.end, min(len(text), ctx.end + 80)) if kind == "direct" else None
        return _attribution(kind, "quote-dash-name", found) if found else None
    has_cue, reading = _cue_after(text, ctx.end, ctx.right)
    if reading is not None:
        rule, speaker, cue = reading
        return Attribution(kind=kind, speaker=speaker, cue=cue, rule=rule, confidence=_confidence(rule))
    if kind == "direct":
        found = _dash_name(text, ctx.end, ctx.right)
        if found:
            return _attribution(kind, "quote-dash-name", found)
        if _last_char(text, span.content_start, span.content_end) in (",", "?", "!"):
            found = _NAME_VERB.match(text, ctx.end, ctx.right)
            if found:
                return _attribution(kind, "quote-name-verb", found)
    return _tail_attribution(text, ctx, kind) if has_cue else None


_Reading = tuple[str, Mention, CueMatch]
"""A rule's reading of an attribution: (rule, speaker, cue)."""

RECALLED_STRETCH = 64
"""Longest stretch after a quote whose cue reading is kept: " he said." and its kin, which recur; a longer
stretch (the rest of a paragraph) hardly ever does."""

_NOT_A_WORD_BEFORE = QUOTE_MARKS | frozenset(".,;:!?")
"""Characters that end no word in any pattern's eyes: a stretch after one of them reads as it would at the
start of a text."""


def _cue_after(text: str, start: int, end: int) -> tuple[bool, _Reading | None]:
    """Whether a cue may stand in ``text[start:end]``, and the reading of the cue pattern that fits there first.

    The same short stretch follows quote after quote ("…," he said.), so it is read once a process and
    recalled. The patterns look at nothing outside it but whether the character before it ends a word.
    """
    if end - start > RECALLED_STRETCH or text[start - 1] not in _NOT_A_WORD_BEFORE:
        return _read_cue_after(text, start, end)
    has_cue, reading = _recalled_cue_after(text[start:end])
    if reading is None:
        return has_cue, None
    rule, speaker, cue = reading
    return has_cue, (rule, Mention(speaker.start + start, speaker.end + start, speaker.title),
                     CueMatch(cue.start + start, cue.end + start, cue.lemma))


@lru_cache(maxsize=1024)
def _recalled_cue_after(stretch: str) -> tuple[bool, _Reading | None]:
    """:func:`_read_cue_after` of a whole stretch, offsets into it; bounded, as the stretches are."""
    return _read_cue_after(stretch, 0, len(stretch))


def _read_cue_after(text: str, start: int, end: int) -> tuple[bool, _Reading | None]:
    """:func:`_cue_after`, read with the patterns."""
    if not cues.may_hold_cue(text, start, end):
        return False, None
    for pattern, at, rule in _cue_patterns_after(text, start, end):
        found = pattern.match(text, at, end)
        if found is None:
            continue
        if rule == "quote-cue-name" and not _inverts(text, found):
            continue  # "…," blaming Michael Bloomberg: the name after the verb is its object
        if rule == "quote-name-cue" and _PRONOUN_ONLY.fullmatch(text, *_span(found, "m")):
            rule = "quote-pronoun-cue"
        return True, (rule, _mention(found), _cue(found))
    return True, None


def _cue_patterns_after(text: str, start: int, end: int) -> list[tuple[regex.Pattern[str], int, str]]:
    """The (pattern, where to match it, rule) with a cue right after a quote ending at ``start``, most precise
    first, less those that cheap tests rule out (a failed match of the big patterns costs microseconds)."""
    patterns = []
    if text.find("according", start, end) >= 0:
        patterns.append((_ACCORDING_AFTER, start, "according-to"))
    lead = _LEAD_THEN_NO_SPEAKER.match(text, start, end)
    if lead.group("no_speaker") is None:
        patterns.append((_SPEAKER_CUE, lead.end(), "quote-name-cue"))
    patterns.append((_CUE_NAME, start, "quote-cue-name"))
    return patterns


_DASHES = frozenset("―—–-")


def _dash_name(text: str, start: int, end: int) -> regex.Match[str] | None:
    """:data:`_DASH_NAME` at ``start``, tried only when the first thing printed after it is a dash."""
    if text[start:end].lstrip()[:1] not in _DASHES:
        return None
    return _DASH_NAME.match(text, start, end)


_INVERTING = frozenset(
    lemma.strip() for lemma in (
        "say, add, ask, reply, respond, write, tweet, post, continue, explain, note, declare, insist, argue, claim,"
        " warn, recall, conclude, state, admit, acknowledge, suggest, observe, comment, remark, joke, quip, shout,"
        " yell, scream, cry, exclaim, whisper, sigh, answer, agree, boast, brag, complain, counter, retort, predict,"
        " announce, muse, wonder, concede, caution, reiterate, report, read, recount, go on, shoot back, fire back,"
        " push back, point out, write back, chant, emphasize, maintain, contend, assert, confirm, deny, lament, gush"
    ).split(",")
)
"""Verbs of speech that news puts before their speaker ("…," said Rubio); after other cues
("…," calling Trump, "…," told reporters) the name is the verb's object."""


def _inverts(text: str, found: regex.Match[str]) -> bool:
    start, end = _span(found, "cue")
    return cues.lemma(text[start:end]) in _INVERTING and not _PARTICIPLE.match(text, start, end)


def _tail_attribution(text: str, ctx: _Context, kind: str) -> Attribution | None:
    """``"…" climate change, Axelrod said.``: the attribution at the end of the quote's sentence."""
    limit = min(ctx.right, ctx.end + WINDOW // 2)
    comma = text.find(",", ctx.end, limit)
    if comma < 0 or not cues.holds_cue(text, comma, limit):
        return None  # the attribution follows a comma, and holds a cue
    comma, found = _attribution_after_comma(text, comma, limit)
    if found is None or _SENTENCE_START.search(text, ctx.end, comma) is not None:
        return None
    if _span(found, "cue")[0] < _span(found, "m")[0] and not _inverts(text, found):
        return None
    return _attribution(kind, "quote-tail-cue", found)


def _attribution_after_comma(text: str, comma: int, end: int) -> tuple[int, regex.Match[str] | None]:
    """The first comma from ``comma`` on followed by spaces and ``Axelrod said`` or ``said Axelrod``
    before ``end``, and that match."""
    while comma >= 0:
        spaces = _SPACES.match(text, comma + 1, end)
        if spaces is not None:
            found = _SPEAKER_CUE.match(text, spaces.end(), end) or _CUE_THEN_NAME.match(text, spaces.end(), end)
            if found is not None:
                return comma, found
        comma = text.find(",", comma + 1, end)
    return comma, None


_STOPS = frozenset(".!?")
"""A sentence's stops, as a set: the empty string, where the text ends, is not one."""


def _ends_sentence(text: str, span: QuoteSpan) -> bool:
    """Whether the quote closes its sentence, so what follows cannot attribute it.

    ``"It's not true." He said ...`` starts a new sentence; ``"Why?" he asked``
    and ``"Are we?" Ms. Moore said`` do not, nor does ``"Yes," he said``.
    """
    last = _last_char(text, span.content_start, span.content_end)
    stopped = last in ".!?"  # and so is an empty quote: "" is in every string
    if not stopped and text[span.end:span.end + 1] not in _STOPS:
        return False  # no stop inside the quote nor right after it
    found = _SENTENCE_AFTER.match(text, span.end, min(len(text), span.end + 40))
    if found is None:
        return False
    stop = last if stopped else found.group("stop")
    return stop == "." or (stop is not None and found.group("pronoun") is not None)


def _left_rules(text: str, ctx: _Context) -> Attribution | None:
    lead_in_end = _last_char(text, ctx.left, ctx.start)
    if lead_in_end not in (":", ","):
        return None
    lo = max(ctx.left, ctx.start - REACH)
    cue_starts = _cue_starts(text, lo, ctx.start)
    for rule, (speaker, cue) in _lead_in_candidates(text, lo, ctx.start, cue_starts):
        if speaker is None or cue is None:
            continue
        cue_start, cue_end = _span(cue, "cue")
        if _PARTICIPLE.match(text, cue_start, cue_end):
            # "…, telling the crowd: "…"": the participle's subject opens the sentence
            speaker = _SUBJECT_AT.match(text, ctx.sentence, cue_start)
            if speaker is None:
                continue
        return Attribution(kind="direct", speaker=_mention(speaker), cue=_cue(cue), rule=rule,
                           confidence=_confidence(rule))
    found = _NAME_COLON.match(text, lo, ctx.start) if lead_in_end == ":" else None
    if found:
        colon = text.index(":", _span(found, "m")[1])
        rule = "name-colon"
        return Attribution(kind="direct", speaker=_mention(found), cue=CueMatch(colon, colon + 1, ":"), rule=rule,
                           confidence=_confidence(rule))
    return None


_NO_MATCH: tuple[None, None] = (None, None)


LEAD_IN_CUES = 6
"""Cues of a lead-in a rule tries, nearest the quote first: news puts one or two there, a run of them is noise."""


def _cue_starts(text: str, start: int, end: int) -> list[int]:
    """Where the last :data:`LEAD_IN_CUES` cues start in ``text[start:end]``, the one nearest ``end`` first."""
    return [found.start() for found in cues.cues_in(text, start, end)][:-LEAD_IN_CUES - 1:-1]


def _lead_in_candidates(
    text: str, lo: int, end: int, cue_starts: Sequence[int]
) -> Iterator[tuple[str, tuple[regex.Match[str], regex.Match[str]] | tuple[None, None]]]:
    """The (rule, (mention, cue)) readings of a lead-in ending at ``end``, most precise first, found as asked."""
    if text.find("ccording", lo, end) >= 0:
        according = _ACCORDING_BEFORE.match(text, lo, end)
        yield "according-to", (according, according) if according else _NO_MATCH
    if cue_starts:
        yield "name-cue-colon", _name_then_cue(text, lo, end, cue_starts, _CUE_TO_COLON)
        yield "name-cue-colon", _cue_then_name(text, end, cue_starts)


def _name_then_cue(text: str, lo: int, end: int, cue_starts: Sequence[int],
                   cue_to_end: regex.Pattern[str]) -> tuple[regex.Match[str], regex.Match[str]] | tuple[None, None]:
    """``Rubio, a senator, told reporters on Monday:`` before ``end``: the (mention, cue) matches.

    The cue nearest ``end`` whose tail reaches it and that has a mention before it wins.
    """
    for start in cue_starts:
        cue = cue_to_end.match(text, start, end)
        if cue is not None:
            speaker = _MENTION_BEFORE_CUE.match(text, lo, start)
            if speaker is not None:
                return speaker, cue
    return _NO_MATCH


def _cue_then_name(text: str, end: int, cue_starts: Sequence[int]) -> tuple[regex.Match[str], regex.Match[str]] | tuple[None, None]:
    """``said Rubio:`` before ``end``, when the verb puts its speaker after it ("told Reuters:" does not)."""
    for start in cue_starts:
        found = _CUE_NAME_TO_COLON.match(text, start, end)
        if found is not None:
            return (found, found) if _inverts(text, found) else _NO_MATCH
    return _NO_MATCH


def _lead_in_paragraph(text: str, ctx: _Context, prev_end: int) -> Attribution | None:
    """A quote paragraph introduced by the paragraph before it ending with a colon."""
    if ctx.left != ctx.para_start or ctx.para_start == 0:
        return None
    lo = max(max(prev_end, ctx.para_start - WINDOW), ctx.start - REACH)
    if _last_char(text, lo, ctx.start) != ":":
        return None  # the paragraph before does not end with a colon
    cue_starts = _cue_starts(text, lo, ctx.start)
    speaker, cue = _name_then_cue(text, lo, ctx.start, cue_starts, _CUE_TO_LEAD_IN)
    if speaker is None or cue is None:
        return None
    rule = "lead-in-paragraph"
    return Attribution(kind="direct", speaker=_mention(speaker), cue=_cue(cue), rule=rule, confidence=_confidence(rule))


def _colon_subject(text: str, ctx: _Context, prev_end: int) -> Attribution | None:
    """A quote introduced by a colon without a reporting verb: the subject of the sentence ending in it.

    ``He then listed the qualities a nominee needs:`` followed by the quote,
    in the same paragraph or the next.
    """
    colon = _trim(text, ctx.left, ctx.start)
    if colon > ctx.left and text[colon - 1] == ":":
        sentence = ctx.sentence
    elif ctx.left == ctx.para_start and ctx.para_start > 0 and prev_end < ctx.para_start:
        colon = _trim(text, max(prev_end, ctx.para_start - WINDOW), ctx.para_start)
        if colon == 0 or text[colon - 1] != ":":
            return None
        lo = max(prev_end, colon - WINDOW)
        found = _SENTENCE_START.search(text, lo, colon)
        sentence = found.end() if found else max(lo, text.rfind("\n", lo, colon) + 1)
    else:
        return None
    found = _SUBJECT_VERB.match(text, sentence, colon)
    if found is None:
        return None
    rule = "colon-subject"
    return Attribution(kind="direct", speaker=_mention(found), cue=_cue(found), rule=rule, confidence=_confidence(rule))


def _clause_subject(text: str, start: int, end: int) -> regex.Match[str] | None:
    """The subject of the last clause before ``end`` that has one, clauses split at commas.

    ``Speaking in Salem, New Hampshire, Trump went after Bush, calling him ...``:
    the sentence opens with no subject, the clause before the participle has one.
    """
    clause = text.rfind(", ", start, end)
    while clause >= 0:
        found = _SUBJECT_VERB.match(text, clause + 2, end)
        if found is not None:
            return found
        clause = text.rfind(", ", start, clause)
    return None


def _partial_subject_cue(text: str, ctx: _Context) -> Attribution | None:
    """The speaker of a quoted fragment with a cue before it in its sentence: the subject of that
    reporting clause, the phrase before the cue (``Trump called it a "disgusting fraud"``)."""
    return _reporting_clause("partial", "partial-subject-cue", text, ctx.sentence, ctx.start)


def _partial_subject_verb(text: str, ctx: _Context) -> Attribution | None:
    """The speaker of a quoted fragment with no cue before it: the sentence's opening subject and the
    verb after it (``Trump blasted Disney for "…"``)."""
    subject = _SUBJECT_VERB.match(text, ctx.sentence, ctx.start)
    return _attribution("partial", "partial-subject-verb", subject) if subject else None


def _reporting_clause(kind: str, rule: str, text: str, sentence: int, end: int) -> Attribution | None:
    """The speaker and cue of the reporting clause in ``text[sentence:end]``, if it has a cue.

    The cue is the last one; the speaker the phrase before it, or before the
    first cue, or the sentence's subject (a participle's speaker is never the
    phrase just before it); a passive cue takes its agent after "by".
    """
    found_cues = cues.cues_in(text, sentence, end)
    if not found_cues:
        return None
    first, final = found_cues[0], found_cues[-1]
    according = _ACCORDING_AT.match(text, first.start(), end) if text.startswith("ccording", first.start() + 1) else None
    if according is not None:
        return _attribution(kind, rule, according)
    last = cues.to_cue(text, final.start(), final.end())
    if _PASSIVE.match(text, max(sentence, last.start - 40), last.start):
        found = _BY_AGENT.match(text, last.end, end)
    else:
        found = None
        if last.start != first.start() and not _PARTICIPLE.match(text, last.start, last.end):
            found = _SUBJECT_BEFORE.match(text, max(sentence, last.start - REACH), last.start)
        if found is None and not _PARTICIPLE.match(text, first.start(), first.end()):
            found = _SUBJECT_BEFORE.match(text, max(sentence, first.start() - REACH), first.start())
        if found is None:
            found = _SUBJECT_VERB.match(text, sentence, first.start()) or _SUBJECT_AT.match(text, sentence, first.start())
        if found is None:
            found = _clause_subject(text, sentence, first.start())
    if found is None:
        return None
    return Attribution(kind=kind, speaker=_mention(found), cue=last, rule=rule, confidence=_confidence(rule))


def _previous_paragraph(text: str, ctx: _Context, prev_end: int) -> Attribution | None:
    """A quote paragraph after a paragraph of reported speech: the speaker of its last reporting clause.

    Weak (see :data:`CONFIDENCE`), but better than no speaker for a quote
    paragraph that names none itself.
    """
    if ctx.left != ctx.para_start or ctx.para_start == 0 or prev_end >= ctx.para_start:
        return None
    lo = max(prev_end, ctx.para_start - WINDOW)
    end = _trim(text, lo, ctx.para_start)
    last = cues.search_last(text, lo, end)
    if last is None:
        return None
    found = _SENTENCE_START.search(text, lo, last.start)
    sentence = found.end() if found else max(lo, text.rfind("\n", lo, last.start) + 1)
    return _reporting_clause("direct", "previous-paragraph", text, sentence, end)


def _split_second_half(text: str, prev: Attribution, prev_span: QuoteSpan, span: QuoteSpan) -> bool:
    """Whether ``span`` continues ``prev_span`` across its own attribution: ``"A," he said, "B."``."""
    if prev.speaker is None or prev.cue is None or prev.rule not in ("quote-name-cue", "quote-pronoun-cue", "quote-cue-name"):
        return False
    attribution_end = max(prev.cue.end, prev.speaker.end)
    if not prev_span.end <= attribution_end <= span.start:
        return False
    return _SPLIT_GAP.fullmatch(text, attribution_end, span.start) is not None


def _carried_rule(text: str, prev: Attribution, prev_span: QuoteSpan, span: QuoteSpan, sentence_initial: bool) -> str | None:
    """Whether ``span`` takes over the previous quote's speaker, and by which rule.

    ``carried-paragraph``: only the rest of the previous quote's attribution
    sentence stands between them (``"A," Magel said at the rally. "B."``, or
    a quote paragraph right after an attributed one). ``carried-in-paragraph``:
    a quote opening a sentence later in the same paragraph, with no other
    quotation between.
    """
    after = prev_span.end
    for part in (prev.speaker, prev.cue):
        if part is not None and part.start >= prev_span.end:
            after = max(after, part.end)
    if after == prev_span.end:
        if _ONLY_JUNK.match(text, after, span.start) is not None:
            return "carried-paragraph"
    else:
        gap_end = _trim(text, after, span.start)
        if (gap_end - after <= WINDOW // 2 and not _QUOTE_OR_BREAK.search(text, after, gap_end)
                and _SENTENCE_START.search(text, after, max(after, gap_end - 1)) is None):
            return "carried-paragraph"
    if sentence_initial and "\n" not in text[prev_span.end:span.start]:
        return "carried-in-paragraph"
    return None


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _last_char(text: str, start: int, end: int) -> str:
    """The last character of ``text[start:end]`` that is not white space, or "": no slice copied."""
    end = _trim(text, start, end)
    return text[end - 1] if end > start else ""


def attribute(text: str, spans: Sequence[QuoteSpan]) -> list[Attribution]:
    """One :class:`Attribution` per top-level span, in the same order."""
    out: list[Attribution] = []
    for index, span in enumerate(spans):
        prev_end = spans[index - 1].end if index else 0
        next_start = spans[index + 1].start if index + 1 < len(spans) else len(text)
        ctx = _Context(text, span, prev_end, next_start)
        prev = out[-1] if out else None
        if prev is not None and _split_second_half(text, prev, spans[index - 1], span):
            out.append(Attribution(kind=prev.kind, speaker=prev.speaker, cue=prev.cue, rule="split-quote",
                                   confidence=_confidence("split-quote"),
                                   continues=prev.continues if prev.continues is not None else index - 1))
            continue
        sentence_initial = _starts_sentence(text, ctx)
        kind = "direct" if sentence_initial else "partial"
        found = _right_rules(text, span, ctx, kind)
        if found is None and sentence_initial:
            found = _left_rules(text, ctx) or _lead_in_paragraph(text, ctx, prev_end)
        if found is None and not sentence_initial:
            found = _left_rules(text, ctx)
            if found is not None:
                found = Attribution(kind="direct", speaker=found.speaker, cue=found.cue, rule=found.rule,
                                    confidence=found.confidence)
        if found is None:
            found = _colon_subject(text, ctx, prev_end)
        if found is None and not sentence_initial:
            # a reporting verb before it makes even a capitalised fragment a quote: called her "Crooked Hillary";
            # told before the marks' other uses, which are then not worth reading
            found = _partial_subject_cue(text, ctx)
        other = _non_quote_kind(text, span, ctx) if found is None else None
        if other is not None:
            found = Attribution(kind=other, rule=other, confidence=_confidence(other))
        elif found is None and not sentence_initial:
            found = _partial_subject_verb(text, ctx)
        if found is None and prev is not None and prev.speaker is not None and prev.kind in ("direct", "partial"):
            carried = _carried_rule(text, prev, spans[index - 1], span, sentence_initial)
            if carried is not None:
                found = Attribution(kind=kind, speaker=Mention(prev.speaker.start, prev.speaker.end, prev.speaker.title, True),
                                    cue=prev.cue, rule=carried, confidence=_confidence(carried))
        if found is None and sentence_initial:
            found = _previous_paragraph(text, ctx, prev_end)
        out.append(found or UNATTRIBUTED)
    return out
