"""Speakers: what a mention looks like, and who it names in the document.

Two jobs, both without a parser:

- the *mention grammar* the rules use to find a speaker next to a quote: a
  pronoun, a capitalised name with its title ("Sen. Bernie Sanders"), or a
  descriptor ("a spokesman for the campaign", "the White House");
- :func:`resolve`, a document-level pass that names each mention: one
  canonical name per person ("Rubio" -> "Marco Rubio" from "U.S. Secretary of
  State Marco Rubio", title split off), pronouns to the most recent compatible
  speaker, "the senator" to the last speaker with that title, organisations
  and descriptors typed as such.

The pass stays cheap: it looks a surname up once per document (one search per
distinct surname), never sweeps the text for every name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from quotes.attribution import Attribution, Mention
from quotes.cues import alternation
from quotes.model import Speaker
from quotes.patterns import compile_cached, lazy_compile

__all__ = [
    "PRONOUN", "NAME", "DESCRIPTOR", "MENTION", "CAPITALISED_PHRASE", "resolve", "split_title", "speaker_type",
]

# -- lexicons

def _words(name: str) -> frozenset[str]:
    text = resources.files("quotes.data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(w.strip().casefold() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return _words("titles.txt")


@lru_cache(maxsize=1)
def _organisation_words() -> frozenset[str]:
    return _words("organisations.txt")


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    """Given name -> "f" or "m", for names that almost always name one or the other."""
    names = dict.fromkeys(_words("male_names.txt"), "m")
    names.update(dict.fromkeys(_words("female_names.txt"), "f"))
    return names


# -- the mention grammar (pattern fragments, linear: tokens never overlap their separators)

_ABBREVIATION = (
    r"(?:\p{Lu}\.(?:\p{L}\.)*|(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Lt|Gen|Col|Capt|Cmdr|Sgt|Maj|Adm|St|Jr|Sr"
    r"|Prof|Rev|Hon|Mt|Ft|Supt|Det|Insp|Atty|Amb|Pres|Govs)\.)"
)
_TOKEN = rf"(?:{_ABBREVIATION}|[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}\p{{M}}&'’-]*)"
_CAP = rf"(?:{_ABBREVIATION}|\p{{Lu}}[\p{{L}}\p{{N}}\p{{M}}&'’-]*)"
"""A word, or an initial, acronym or title abbreviation with its full stop ("J.", "U.S.", "Sen."): any
other word's full stop ends a sentence, and so ends any mention running into it."""
_CONNECTOR = alternation("of de da del della di du van von der den al el bin ibn la le y for and the".split())
_DET_WORDS = alternation(
    "the The a A an An his His her Her its Its their Their our Our one One another Another two Two three Three"
    " several Several some Some many Many other Other both Both most Most".split()
)
_END = r"(?![\p{L}\p{N}'’])"
_DET = rf"(?:{_DET_WORDS}|\d(?:[\d,]|\.(?=\d))*%?)"
"""A determiner, or a number: "the", "his", "21 percent", "57% of voters"."""

PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|I|[Ww]e)(?![\p{L}\p{N}'’])"
"""A subject pronoun as a whole word."""

_SENTENCE_WORDS = frozenset(
    "A An At And As After Although Among Because Before Both But By Despite Did Do Does During Each Even Every For"
    " From Had Has Have Here How However If In Instead Is It It's It’s Its Last Like Many More Most Much My Neither"
    " Never Next No Nor Not Now Of On Once One Only Or Other Our Over Since So Some Still Such That The Then There"
    " These They This Those Though To Under Unlike Until We What When Where Whether Which While Who Why With Without"
    " Yet You Your Yes Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May"
    " June July August September October November December Later Earlier Meanwhile Yesterday Today Tomorrow Also"
    " Indeed Afterwards Again Finally Perhaps Maybe Recently Previously Separately Similarly Elsewhere Overall"
    " Asked Speaking Writing Given Last Next According I'm I’m I've I’ve I'd I’d I'll I’ll We're We’re They're They’re"
    " You're You’re That's That’s There's There’s What's What’s Here's Here’s".split()
)
"""Capitalised words that open sentences or name dates, never a speaker's name."""
_NOT_A_NAME = alternation(_SENTENCE_WORDS) + _END

_LOWER_TITLES = alternation(w for w in _titles() if w.isalpha() and w.islower()) + _END
NAME = (
    rf"(?!{_NOT_A_NAME}){_CAP}(?:[^\S\n]+(?:{_CAP}|{_CONNECTOR}(?=[^\S\n]+\p{{Lu}})"
    rf"|{_LOWER_TITLES}(?=(?:[^\S\n]+\p{{Ll}}+){{0,2}}[^\S\n]+\p{{Lu}})))" + "{0,8}"
)
"""A capitalised name, possibly with its title and the lower-case title words
inside one ("Democratic presidential nominee Hillary Clinton")."""

_CLAUSE_WORD = alternation(
    "was were is are be been being has have had came come comes after before that which who whom when while not"
    " also would could should will can did does do if but because said says told and or".split()
) + _END
"""Words that end a noun phrase: a descriptor running into one has become a clause."""

_PREPOSITION = alternation("by at to in on for of with from about as than into over under".split()) + _END
"""A noun phrase goes on after a preposition ("a spokesman for the campaign"), never ends with one."""

DESCRIPTOR = (
    rf"{_DET}(?:[^\S\n]+(?!{_CLAUSE_WORD}){_TOKEN}){{0,7}}[^\S\n]+(?!{_CLAUSE_WORD}|{_PREPOSITION}){_TOKEN}"
)
"""A determiner phrase: "a spokesman", "the White House", "his campaign manager"."""

MENTION = rf"(?:{PRONOUN}|{DESCRIPTOR}|{NAME})"

CAPITALISED_PHRASE = rf"(?!{_NOT_A_NAME}){_CAP}(?:[^\S\n]+(?!{_CLAUSE_WORD}){_TOKEN}){{1,7}}"
"""A phrase opened by a capitalised word: "Tulsa police Chief Chuck Jordan",
"Obama's former campaign strategist". Only safe where a cue ends it."""


def _bare(token: str) -> str:
    return token.casefold().rstrip(".,;:").removesuffix("’s").removesuffix("'s")


@lru_cache(maxsize=1024)
def _is_title(token: str) -> bool:
    """Cached: a name's words recur in every split of a mention that holds them."""
    bare = _bare(token)
    return bare in _titles() or bare.rstrip(".") in _titles()


_PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "i": "s", "we": "p"}
_MALE_HONORIFICS = {"mr", "sir", "lord", "king", "prince", "congressman", "spokesman", "chairman"}
_FEMALE_HONORIFICS = {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "congresswoman",
                      "spokeswoman", "chairwoman"}
_DETERMINERS = lazy_compile(_DET + r"\Z")
_LEADING_DETERMINER = lazy_compile(r"\A(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)[^\S\n]+")
_NAME_PARTICLES = frozenset("de da del della di du van von der den al el bin ibn la le".split())
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march july september october"
    " november december".split()
)
"""Days and months that name no one ("on Tuesday"); April, May, June and August are also people's names."""


@lru_cache(maxsize=1024)
def split_title(mention: str) -> tuple[str | None, str | None]:
    """Split a capitalised mention into (title, name).

    ``"U.S. Secretary of State Marco Rubio"`` -> ``("U.S. Secretary of State", "Marco Rubio")``;
    a mention made only of title words has no name: ``("Secretary of State", None)``.
    """
    tokens = mention.split()
    while len(tokens) > 1 and tokens[0] in _SENTENCE_WORDS:
        tokens = tokens[1:]  # "How Trump", "But Clinton": a sentence's first word is not a name's
    cut = len(tokens)
    while cut > 0:
        token = tokens[cut - 1]
        if token[:1].isupper() and not _is_title(token):
            cut -= 1
        elif (cut < len(tokens) and token in _NAME_PARTICLES and cut > 1
              and tokens[cut - 2][:1].isupper() and not _is_title(tokens[cut - 2])):
            cut -= 1  # "Charles de Gaulle": a particle inside a name stays with it
        else:
            break
    if _DATE_WORDS.issuperset(map(_bare, tokens[cut:])):
        cut = len(tokens)  # "the door of the hospital on Tuesday": a date, not a name
    name = " ".join(tokens[cut:]) or None
    title = " ".join(tokens[:cut]) or None
    if name and title and _DETERMINERS.match(title):
        title = None
    return title, name


@lru_cache(maxsize=1024)
def speaker_type(mention: str) -> str:
    """``pronoun``, ``organisation``, ``descriptor`` or ``person`` for a mention's text."""
    tokens = mention.split()
    if len(tokens) == 1 and tokens[0].casefold() in _PRONOUNS:
        return "pronoun"
    if _bare(_head(tokens)) in _organisation_words() or _ACRONYM.fullmatch(tokens[-1]):
        return "organisation"  # "the White House", "the Justice Department", "CNN", "the FBI"
    if not tokens[-1][:1].isupper():
        return "descriptor"
    _, name = split_title(mention)
    if name is None:
        return "descriptor"
    return "person"


_ACRONYM = lazy_compile(r"\p{Lu}{2,6}(?:['’]s)?")
_PREPOSITIONS = frozenset("for of at with in from on to".split())


def _head(tokens: list[str]) -> str:
    """The head word of a phrase: its last word before any preposition ("spokesman" in "a spokesman for the campaign")."""
    if _PREPOSITIONS.isdisjoint(tokens):
        return tokens[-1]
    for index in range(1, len(tokens)):
        if tokens[index] in _PREPOSITIONS:
            return tokens[index - 1]
    return tokens[-1]


def _gender_of_title(title: str | None) -> str | None:
    for token in (title or "").split():
        bare = _bare(token).rstrip(".")
        if bare in _MALE_HONORIFICS:
            return "m"
        if bare in _FEMALE_HONORIFICS:
            return "f"
    return None


@lru_cache(maxsize=1024)
def _title_words(title: str) -> frozenset[str]:
    """The words of a title as :data:`_TITLE_FORMS` lists them: "Sen." -> "sen"."""
    return frozenset(_bare(token).rstrip(".") for token in title.split())


@lru_cache(maxsize=1024)
def _gender(title: str | None, name: str | None) -> str | None:
    """"m", "f" or None from an honorific ("Mrs."), else from a given name ("Helen Marsh").

    Cached: a document asks again for every quote of the same speaker.
    """
    return _gender_of_title(title) or (_given_names().get(name.split()[0].casefold()) if name else None)


_POSSESSIVE_AFTER = re.compile(r"[^.!?;\n\"“”]{0,60}?\b(?P<p>his|her|him|himself|herself)\b")
"""The first his/her in the clause after a name ("Helen Marsh on Tuesday defended her plan")."""


def _gender_after(text: str, at: int) -> str | None:
    found = _POSSESSIVE_AFTER.match(text, at, min(len(text), at + 80))
    return None if found is None else ("f" if found.group("p").startswith("her") else "m")


# -- the document-level pass

@dataclass(slots=True)
class _Person:
    name: str
    title: str | None
    kind: str
    gender: str | None
    position: int


_LEAD_TOKEN = rf"(?:{_CAP}|of|the|de|da|van|von|bin|al)"
"""A token of the words before a surname: a capitalised word, an abbreviation
("Sen.", "U.S.", "J."), or a connector; "Trump." (a sentence end) is not one."""

_FULL_NAME_BEFORE = lazy_compile(rf"(?r)(?<![\p{{L}}\p{{N}}])(?P<lead>(?:{_LEAD_TOKEN}[^\S\n]+){{1,6}})\G")


def _occurrences(text: str, word: str, start: int, end: int) -> list[int]:
    """Where ``word`` stands in ``text[start:end]`` as a whole word (a plain ``str.find`` loop: no pattern to build)."""
    found = []
    size, length = len(word), len(text)
    at = text.find(word, start, end)
    while at >= 0:
        after = at + size
        if (at == 0 or not text[at - 1].isalnum()) and (after == length or not text[after].isalnum()):
            found.append(at)
        at = text.find(word, after, end)
    return found


NAME_WINDOW = 20_000
"""A surname's full form is looked for in the blocks of this many characters around its mention:
all of any news article, while one huge document costs time linear in its length, not in
its length times its surnames."""

ANTECEDENT_WINDOW = 1000
"""How far back (in characters) a pronoun or a title looks for the person it stands for."""

RECENT_SPEAKERS = 50
"""How many earlier speakers a pronoun or a title looks through: enough for any article, and a
document of thousands of quotes costs no more per quote than an article does."""

_TITLE_FORMS = {
    "senator": {"senator", "sen"}, "governor": {"governor", "gov"}, "representative": {"representative", "rep"},
    "congressman": {"congressman", "rep"}, "congresswoman": {"congresswoman", "rep"}, "general": {"general", "gen"},
    "professor": {"professor", "prof"}, "doctor": {"doctor", "dr"}, "reverend": {"reverend", "rev"},
}
"""A title as a descriptor uses it ("the senator") and the forms it takes before a name ("Sen.")."""


@lru_cache(maxsize=256)
def _titled_name_pattern(forms: frozenset[str]) -> regex.Pattern[str]:
    """The last "Sen. Bernie Sanders" before a point: any form of a title, capitalised, then a name.

    One pattern per title, compiled when an article first says "the minister"; kept compiled on disk, as
    reading it back costs a tenth of compiling it.
    """
    capitalised = sorted({f.capitalize() + "." for f in forms} | {f.capitalize() for f in forms})
    return compile_cached(rf"(?r)\b(?:{alternation(capitalised)})[^\S\n]+(?:{_CAP}[^\S\n]+){{0,2}}{_CAP}")


_SENTENCE_OPENING_BEFORE = lazy_compile(
    r"(?r)(?<=[.!?][\"”’]?[^\S\n]{1,64}|\n[^\S\n]{0,64}|(?P<long>[^\S\n]{65}))\p{Lu}"
)
"""Searched backwards: the last capital letter opening a sentence or a line, or one after more than 64
spaces (``long``), which may: the pattern looks back no further, so no run of spaces is read for every pronoun."""
_SENTENCE_END_AND_SPACES = lazy_compile(r"(?r)(?:[.!?][\"”’]?|\n)[^\S\n]++")
"""A sentence's or a line's end and the spaces after it, matched backwards from a capital after a long run."""
_NAME_AT = lazy_compile(NAME)
_ORGANISATION_AT = lazy_compile(rf"{DESCRIPTOR}|{NAME}")
_OPENING_PARTICIPLE = lazy_compile(
    r"\p{Lu}\p{Ll}+(?:ed|ing)[^\S\n]+(?:on|about|by|whether|if|why|what|how|to|for|in|at|after|with|from|over"
    r"|a|an|the|his|her|him|its|their|them|our|my|your)"
)
"""A participle opening a sentence, and the preposition or the object that follows it ("Pressed on", "Making
her way"): a name is followed by neither."""


def _opens_with_participle(text: str, found: regex.Match[str]) -> bool:
    """Whether a name found opening a sentence is a participle and its preposition ("Pressed on").

    Only a first word ending in -ed or -ing can be one: the pattern runs for those alone.
    """
    return (found.group().split(None, 1)[0].endswith(("ed", "ing"))
            and _OPENING_PARTICIPLE.fullmatch(text, found.start(), _after_word(text, found.end())) is not None)


def _after_word(text: str, at: int) -> int:
    """The end of the word after ``at`` (past one run of spaces)."""
    end = at
    while end < len(text) and end < at + 20 and text[end] in " \t":
        end += 1
    while end < len(text) and end < at + 40 and text[end].isalpha():
        end += 1
    return end


class _Document:
    """What the pass learns about one document: full names by surname, speakers so far."""

    def __init__(self, text: str, entities: Sequence[tuple[int, int, str]]) -> None:
        self.text = text
        self.entities = [(s, e, label) for s, e, label in entities if label in ("PERSON", "ORG")]
        self.full_names: dict[tuple[str, int], list[tuple[int, int, str, str | None]]] = {}
        self._names_in_block: dict[tuple[str, int], list[tuple[int, int, str, str | None]]] = {}
        self.history: list[_Person] = []
        self._subjects: dict[tuple[int, int], _Person | None] = {}
        self._after_long_run: dict[int, bool] = {}
        self.gender: dict[str, str] = {}

    def full_name(self, surname: str, at: int, gender: str | None) -> tuple[str, str | None, str | None] | None:
        """The fullest name ending in ``surname`` (the last one before ``at``, else the first), its title and gender.

        A ``gender`` already known from the mention stands; else the full name's title, given name or a his/her after it.
        """
        block = at // NAME_WINDOW
        key = (surname, block)
        if key not in self.full_names:  # this block and its neighbours within the text, each read once
            near = range(max(0, block - 1), min(block + 1, len(self.text) // NAME_WINDOW) + 1)
            self.full_names[key] = [name for each in near for name in self._block_names(surname, each)]
        found = self.full_names[key]
        if not found:
            return None
        before = bisect_left(found, (at,))  # found is sorted by start
        _, end, name, title = found[before - 1] if before else found[0]
        return name, title, gender or _gender(title, name) or _gender_after(self.text, end)

    def _block_names(self, surname: str, block: int) -> list[tuple[int, int, str, str | None]]:
        key = (surname, block)
        if key not in self._names_in_block:
            self._names_in_block[key] = self._find_full_names(surname, block)
        return self._names_in_block[key]

    def _find_full_names(self, surname: str, block: int) -> list[tuple[int, int, str, str | None]]:
        """(start, end, full name, title) of each full name ending in ``surname`` in ``block``, sorted."""
        lo, hi = block * NAME_WINDOW, (block + 1) * NAME_WINDOW
        found = []
        for span in self.entities:
            if span[2] == "PERSON" and lo <= span[0] < hi:
                words = self.text[span[0]:span[1]].split()
                if len(words) > 1 and words[-1] == surname:
                    found.append((span[0], span[1], " ".join(words), None))
        for at in _occurrences(self.text, surname, lo, hi + len(surname)):  # those starting in the block
            lead = _FULL_NAME_BEFORE.match(self.text, max(0, at - 80), at)
            if lead is None:
                continue
            title, name = split_title(lead.group("lead") + surname)
            if name and " " in name and speaker_type(name) == "person":
                found.append((at, at + len(surname), name, title))
        found.sort()
        return found

    def remember(self, person: _Person) -> None:
        self.history.append(person)

    def antecedent(self, pronoun: str) -> _Person | None:
        """The most recent earlier speaker a pronoun can refer to: a person of its gender, or an organisation."""
        want = _PRONOUNS[pronoun.casefold()]
        for person in reversed(self.history[-RECENT_SPEAKERS:]):
            if self.fits(person, want):
                return person
        return None

    def fits(self, person: _Person, want: str) -> bool:
        """Whether a pronoun of gender/number ``want`` can stand for ``person``.

        "he"/"she" stand for a person whose gender is unknown or theirs; "it"
        and "they" for an organisation ("The union said ... it said").
        """
        if want in ("m", "f"):
            return person.kind == "person" and (self.gender.get(person.name) or person.gender) in (None, want)
        return want in ("n", "p") and person.kind == "organisation"

    def nearest_subject(self, at: int, pronoun: str, after: int = -1) -> _Person | None:
        """The closest person or organisation opening a sentence before ``at`` (and after ``after``) that ``pronoun`` fits."""
        want = _PRONOUNS[pronoun.casefold()]
        if want not in ("m", "f", "n", "p"):
            return None
        subject = _NAME_AT if want in ("m", "f") else _ORGANISATION_AT
        lo = max(0, at - ANTECEDENT_WINDOW)
        end = at
        while end > after:  # from the latest sentence back: older subjects only matter until the antecedent
            previous = self._opening_before(lo + 1, end)
            opening = lo if previous is None else previous
            # "Asked about the cuts, Marsh was firm": the subject may follow an opening phrase
            comma = self.text.find(", ", opening, min(end, opening + 80))
            for start in (comma + 2, opening) if comma >= 0 else (opening,):
                if start <= after:
                    break  # a subject here is no nearer than the antecedent
                found = subject.match(self.text, start, at)
                person = self._subject(found) if found is not None else None
                if person is not None and self.fits(person, want):
                    return person
            if previous is None:
                break
            end = opening
        return None

    def _opening_before(self, start: int, end: int) -> int | None:
        """Where the last sentence in ``text[start:end]`` opens, if one does."""
        while True:
            found = _SENTENCE_OPENING_BEFORE.search(self.text, start, end)
            if found is None:
                return None
            if found.group("long") is None or self._opens_after_long_run(found.start()):
                return found.start()
            end = found.start()

    def _opens_after_long_run(self, at: int) -> bool:
        """Whether the capital at ``at`` opens a sentence, the run of spaces before it too long for the pattern.

        Read once a document: pronouns after it would each read the run again.
        """
        if at not in self._after_long_run:
            self._after_long_run[at] = _SENTENCE_END_AND_SPACES.match(self.text, 0, at) is not None
        return self._after_long_run[at]

    def _subject(self, found: regex.Match[str]) -> _Person | None:
        """The person or organisation a sentence's opening phrase names, if it names one.

        Each pronoun looks back over the same sentence openings, so an opening is read once a document.
        """
        key = found.span()
        if key not in self._subjects:
            self._subjects[key] = self._read_subject(found)
        return self._subjects[key]

    def _read_subject(self, found: regex.Match[str]) -> _Person | None:
        mention = found.group()
        kind = speaker_type(mention)
        if kind == "organisation":
            bare = _LEADING_DETERMINER.sub("", mention)
            return _Person(bare, None, kind, None, found.start()) if bare[:1].isupper() else None
        if kind != "person":
            return None
        if _opens_with_participle(self.text, found):
            return None  # "Pressed on the cuts, ...": a participle opens the sentence, not a name
        prefix, name = split_title(mention)
        if name is None:
            return None
        gender = _gender(prefix, name) or _gender_after(self.text, found.end())
        if " " not in name:
            full = self.full_name(name, found.start(), gender)
            if full is not None:
                name, prefix, gender = full[0], prefix or full[1], full[2]
        return _Person(name, prefix, "person", gender, found.start())

    def by_title(self, descriptor: str, at: int) -> _Person | None:
        """Who "the senator" is: the last speaker with that title, else the last "Sen. NAME" in the text."""
        words = descriptor.split()
        if len(words) != 2 or words[0].casefold() != "the":
            return None
        head = _bare(words[1])
        forms = _TITLE_FORMS.get(head, {head})
        for person in reversed(self.history[-RECENT_SPEAKERS:]):
            if person.kind == "person" and person.title and forms & _title_words(person.title):
                return person
        if head not in _titles():
            return None
        pattern = _titled_name_pattern(frozenset(forms))
        found = pattern.search(self.text, max(0, at - ANTECEDENT_WINDOW), at)
        if found is None:
            return None
        title, name = split_title(found.group())
        if name is None:
            return None
        gender = _gender(title, name)
        if " " not in name:
            full = self.full_name(name, found.start(), gender)
            if full is not None:
                name, gender = full[0], full[2]
        return _Person(name, title, "person", gender, found.start())

    def entity_label(self, start: int, end: int) -> str | None:
        for s, e, label in self.entities:
            if s < end and start < e:
                return label
        return None


def _resolve_one(doc: _Document, mention: Mention) -> tuple[Speaker, _Person | None]:
    """The speaker a mention names, and the person or organisation it adds to the document's history."""
    text = doc.text[mention.start:mention.end]
    kind = speaker_type(text)
    if doc.entities and doc.entity_label(mention.start, mention.end) == "ORG" and kind != "pronoun":
        kind = "organisation"
    how = "direct"
    name: str | None = None
    title = mention.title
    gender = None
    if kind == "pronoun":
        person = doc.antecedent(text)
        nearest = doc.nearest_subject(mention.start, text, person.position if person is not None else -1)
        if nearest is not None:
            person = nearest
        if person is not None:
            name, title, kind, how = person.name, person.title, person.kind, "pronoun"
            if _PRONOUNS[text.casefold()] in ("m", "f"):
                doc.gender.setdefault(person.name, _PRONOUNS[text.casefold()])
    elif kind == "person":
        prefix, name = split_title(text)
        title = title or prefix
        gender = _gender(prefix, name)
        if name is not None and " " not in name:
            full = doc.full_name(name, mention.start, gender)
            if full is not None:
                name, how = full[0], "surname"
                title = title or full[1]
                gender = full[2]
        if gender is None and not mention.carried:
            gender = _gender_after(doc.text, mention.end)
    elif kind == "descriptor":
        named = _NAME_AT.fullmatch(mention.title) if mention.title else None
        person = doc.by_title(text, mention.start) if named is None else None
        if named is not None and speaker_type(named.group()) == "person":
            # "a spokesman, Joe Smith, said": the apposition names the speaker
            name, title, kind, how = split_title(named.group())[1], text, "person", "apposition"
        elif person is not None:
            name, title, kind, how = person.name, person.title, person.kind, "title"
    else:
        bare = _LEADING_DETERMINER.sub("", text)
        name = bare if bare[:1].isupper() else None  # "the White House" is named; "the company" is not
    if mention.carried:
        how = "previous-quote"
    person = None
    if name is not None and kind in ("person", "organisation"):
        person = _Person(name, title, kind, gender, mention.start)
        doc.remember(person)
    return Speaker(text, mention.start, mention.end, name, title, kind, how), person


def resolve(
    text: str, attributions: Sequence[Attribution], entities: Sequence[tuple[int, int, str]] = ()
) -> list[Speaker | None]:
    """Name the speaker mention of each attribution, in document order.

    ``entities`` are optional ``(start, end, label)`` PERSON/ORG spans from a
    parser; they add full names and organisation types when given.
    """
    doc = _Document(text, entities)
    done: dict[tuple[int, int, str | None], tuple[Speaker, _Person | None]] = {}
    speakers: list[Speaker | None] = []
    for attribution in attributions:
        mention = attribution.speaker
        if mention is None:
            speakers.append(None)
            continue
        key = (mention.start, mention.end, mention.title)
        if mention.carried and key in done:  # a quote carried on from one already resolved: same speaker
            speaker, person = done[key]
            if speaker.resolved_by != "previous-quote":  # a run of carried quotes shares one record
                speaker = Speaker(speaker.text, speaker.start, speaker.end, speaker.name, speaker.title, speaker.type,
                                  "previous-quote")
            if person is not None:
                doc.remember(person)
        else:
            speaker, person = _resolve_one(doc, mention)
        done[key] = speaker, person
        speakers.append(speaker)
    return speakers
