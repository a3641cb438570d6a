"""Pattern attribution: each news shape on a sentence written for it, the non-quote kinds, and hostile input."""

from __future__ import annotations

import pytest
from hostile_texts import ALPHABET_TOKENS
from hypothesis import given
from hypothesis import strategies as st

from quotes import marks, rules
from quotes.attribution import Attribution
from quotes.model import KINDS


def attribute(text: str) -> list[Attribution]:
    return rules.attribute(text, [s for s in marks.scan(text) if s.depth == 0])


def last(text: str) -> tuple[str | None, str | None, str | None, str]:
    """(rule, speaker mention, cue text, kind) of the text's last top-level quote."""
    found = attribute(text)[-1]
    speaker = text[found.speaker.start:found.speaker.end] if found.speaker else None
    cue = text[found.cue.start:found.cue.end] if found.cue else None
    return found.rule, speaker, cue, found.kind


SHAPES = [
    ("quote-name-cue", '"We will not back down," Rubio told reporters on Monday.', "Rubio", "told reporters", "direct"),
    ("quote-name-cue", '"It is over," Rubio, a former senator from Florida, said.', "Rubio", "said", "direct"),
    ("quote-name-cue", '"It is over," Tulsa police Chief Chuck Jordan said Monday.', "Tulsa police Chief Chuck Jordan",
     "said", "direct"),
    ("quote-pronoun-cue", '"It is over," she said.', "she", "said", "direct"),
    ("quote-pronoun-cue", '"Why now?" he asked.', "he", "asked", "direct"),
    ("quote-cue-name", '"It is over," said Sen. Bernie Sanders, I-Vt.', "Sen. Bernie Sanders", "said", "direct"),
    ("quote-cue-name", '"It is over," said former Vermont governor Howard Dean.', "former Vermont governor Howard Dean",
     "said", "direct"),
    ("quote-cue-name", '"It is over," said a spokesman for the campaign.', "a spokesman for the campaign", "said",
     "direct"),
    ("according-to", '"It is over," according to a senior official.', "a senior official", "according to", "direct"),
    ("according-to", 'According to the newspaper, "the laws are porous."', "the newspaper", "According to", "direct"),
    ("name-cue-colon", 'Trump told the crowd on Tuesday: "We will build a wall."', "Trump", "told", "direct"),
    ("name-cue-colon", 'Then Clinton said, "We are stronger together."', "Clinton", "said", "direct"),
    ("lead-in-paragraph", 'The White House said in a statement:\n\n"The president is briefed."', "The White House",
     "said in a statement", "direct"),
    ("name-colon", 'Clinton: "Our goal is to defeat ISIS."', "Clinton", ":", "direct"),
    ("partial-subject-cue", 'Trump called it a "disgusting fraud" on Tuesday.', "Trump", "called", "partial"),
    ("partial-subject-cue", 'Rubio, a former senator, said he had known Bukele for years and praised him for doing '
     '"an excellent job."', "Rubio", "praised", "partial"),
    ("partial-subject-cue", 'The plan was described by the governor as "a total disaster for the state."', "the governor",
     "described", "partial"),
    ("partial-subject-verb", 'Trump hammered Disney for "the way it treats its own workers" in March.', "Trump",
     "hammered", "partial"),
    ("quote-tail-cue", 'Obama "felt a moral obligation to act" on climate change, Axelrod said.', "Axelrod", "said",
     "partial"),
    ("quote-tail-cue", 'Obama "felt a moral obligation to act" on climate, in March, said Axelrod, his adviser.',
     "Axelrod", "said", "partial"),
    ("quote-tail-cue", 'He called it "a disgrace" , and, in a way , the party chairman, Tom Perez, said.',
     "the party chairman", "said", "partial"),
    ("quote-dash-name", '"He is a bully." \u2015 Veronica Cruz', "Veronica Cruz", "\u2015", "direct"),
    ("quote-name-verb", '"This is fantastic!" beamed Donald Hartley.', "Donald Hartley", "beamed", "direct"),
]


@pytest.mark.parametrize(("rule", "text", "speaker", "cue", "kind"), SHAPES,
                         ids=[f"{s[0]}-{i}" for i, s in enumerate(SHAPES)])
def test_news_shapes(rule: str, text: str, speaker: str, cue: str, kind: str) -> None:
    assert last(text) == (rule, speaker, cue, kind)


@pytest.mark.parametrize(
    "text",
    ['Bloomberg pegged him at $2.9 billion, which Mr. Trump called "a disgrace," blaming Michael Bloomberg.',
     'Mr. Manafort, citing "the unique nature of the race," spoke for an hour.'],
    ids=["participle", "citing"],
)
def test_a_name_after_a_non_speech_verb_is_not_the_speaker(text: str) -> None:
    found = attribute(text)[0]
    assert found.rule != "quote-cue-name"
    assert found.speaker is not None and text[found.speaker.start:found.speaker.end] != "Michael Bloomberg"


def test_split_quote_continues_the_first_part() -> None:
    text = '"The deal," he said, "is a disaster."'
    first, second = attribute(text)
    assert first.rule == "quote-pronoun-cue"
    assert (second.rule, second.continues, second.speaker, second.cue) == ("split-quote", 0, first.speaker, first.cue)


@pytest.mark.parametrize(
    "text",
    ['"A," Magel said at the rally. "B."', '"A," Magel said.\n\n"B."', '"A," Magel said.\n\n"B."\n\n"C."'],
    ids=["same-paragraph", "next-paragraph", "chain"],
)
def test_carried_speaker(text: str) -> None:
    found = attribute(text)
    first = found[0]
    for carried in found[1:]:
        assert carried.rule == "carried-paragraph"
        assert carried.speaker is not None and first.speaker is not None
        assert (carried.speaker.start, carried.speaker.end, carried.speaker.carried) == (
            first.speaker.start, first.speaker.end, True)
        assert carried.cue == first.cue


def test_no_carry_across_other_text() -> None:
    text = '"A," Magel said. Voters left early.\n\n"B."'
    assert attribute(text)[1].rule not in ("carried-paragraph", "carried-in-paragraph")


def test_quote_paragraph_after_reported_speech_takes_its_speaker_weakly() -> None:
    text = 'The senator said the bill would pass and praised its authors.\n\n"It is a good bill."'
    found = attribute(text)[0]
    assert found.rule == "previous-paragraph" and found.confidence < 0.5
    assert found.speaker is not None and text[found.speaker.start:found.speaker.end] == "The senator"


def test_a_quote_ending_its_sentence_is_not_attributed_by_the_next_one() -> None:
    text = 'Clinton said there was "no daylight." He said the plan was weak.'
    found = attribute(text)[0]
    assert found.speaker is not None and text[found.speaker.start:found.speaker.end] == "Clinton"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('Chesley "Sully" Sullenberger landed the plane.', "nickname"),
        ('He watched "Saturday Night Live" on Sunday.', "title"),
        ('The so-called "experts" were wrong.', "scare"),
        ('Trump hammered Disney for its "outrageous practices" in March.', "scare"),
        ('"We are still here and we will be here tomorrow."', "unattributed"),
        ('"Vote Now." Then it was over.', "unattributed"),
        ('It was "Vote Now." on the banner.', "title"),
    ],
    ids=["nickname", "title", "scare", "scare-without-reporting-verb", "unattributed", "sentence-of-its-own",
         "title-ending-in-a-stop"],
)
def test_marks_that_quote_no_one(text: str, kind: str) -> None:
    found = attribute(text)[-1]
    assert found.kind == kind
    assert found.speaker is None


@pytest.mark.parametrize(
    ("text", "other_use"),
    [('Trump called her "Crooked Hillary" at the rally.', "title"), ('Trump called it "fake news" again.', "scare")],
    ids=["title", "scare"],
)
def test_a_cue_before_a_fragment_makes_it_a_quote_whatever_else_the_marks_could_be(text: str, other_use: str) -> None:
    span = [s for s in marks.scan(text) if s.depth == 0][-1]
    assert rules._non_quote_kind(text, span, rules._Context(text, span, 0, len(text))) == other_use
    found = attribute(text)[-1]
    assert (found.rule, found.kind) == ("partial-subject-cue", "partial")
    assert found.speaker is not None and text[found.speaker.start:found.speaker.end] == "Trump"


def test_one_attribution_per_span_in_order() -> None:
    text = 'A "b" c. "D," he said. Trump called it "e". "F."'
    spans = [s for s in marks.scan(text) if s.depth == 0]
    found = rules.attribute(text, spans)
    assert len(found) == len(spans)
    assert all(a.kind in KINDS for a in found)


def test_every_rule_has_a_confidence() -> None:
    produced = {rule for rule, *_ in SHAPES} | {"split-quote", "carried-paragraph", "title", "nickname", "scare"}
    assert produced <= set(rules.CONFIDENCE)
    assert all(0.0 < c <= 1.0 for c in rules.CONFIDENCE.values())


@pytest.mark.parametrize(
    "text",
    [
        '"a," ' * 20000,
        ('"' + "Ab " * 3000 + '," ' + "Ab, " * 3000 + "said") * 5,
        ("He said: " + "A " * 5000 + '"x"') * 5,
        ('"x" ' + "the " * 20000 + "said"),
        "\n".join('"Q," said ' + "Mr. " * 200 for _ in range(200)),
    ],
    ids=["many-quotes", "long-names-and-appositions", "long-lead-in", "long-descriptor", "title-runs"],
)
def test_hostile_input_finishes(text: str) -> None:
    """Windows are capped and patterns anchored: these finish at once (a catastrophic pattern would hang here)."""
    found = attribute(text)
    assert len(found) == len([s for s in marks.scan(text) if s.depth == 0])


_PIECES = st.lists(st.sampled_from(ALPHABET_TOKENS), max_size=80).map(" ".join)


@given(_PIECES)
def test_attributions_point_into_the_text(text: str) -> None:
    """On any text: one attribution per span; speakers and cues are non-empty, in the text, on one line."""
    spans = [s for s in marks.scan(text) if s.depth == 0]
    found = rules.attribute(text, spans)
    assert len(found) == len(spans)
    for span, attribution in zip(spans, found):
        assert attribution.kind in KINDS
        assert 0.0 <= attribution.confidence <= 1.0
        for part in (attribution.speaker, attribution.cue):
            if part is not None:
                assert 0 <= part.start < part.end <= len(text)
                assert "\n" not in text[part.start:part.end]
        if attribution.continues is not None:
            assert attribution.continues < spans.index(span)


@pytest.mark.parametrize("stretch", [" he said.", " said Rubio.", ", according to a senior official.", " Rubio told reporters.",
                                     " blaming Michael Bloomberg.", " and more.", ""])
def test_a_recalled_reading_is_the_reading_at_its_place(stretch: str) -> None:
    """The second quote followed by the same stretch gets the reading of the first, moved to where it stands."""
    text = f'"A,"{stretch}\n"Longer one,"{stretch}'
    for span in [s for s in marks.scan(text) if s.depth == 0]:
        end = span.end + len(stretch)
        assert rules._cue_after(text, span.end, end) == rules._read_cue_after(text, span.end, end)


@given(_PIECES)
def test_the_cue_after_a_quote_is_read_alike_recalled_or_not(text: str) -> None:
    """On any text, whatever stands before the stretch: the recalled reading is the one the patterns give there."""
    for span in [s for s in marks.scan(text) if s.depth == 0]:
        for end in (min(len(text), span.end + 40), len(text)):
            assert rules._cue_after(text, span.end, end) == rules._read_cue_after(text, span.end, end)


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ('"It is over." He left.', True),
        ('"It is over". He left.', True),
        ('"Why?" He left.', True),
        ('"Why?" he asked.', False),
        ('"Yes," he said.', False),
        ('"Yes" he said.', False),
        ('"It is over," He said.', False),
    ],
)
def test_a_quote_ends_its_sentence_only_with_a_stop(text: str, ends: bool) -> None:
    span = next(s for s in marks.scan(text) if s.depth == 0)
    assert rules._ends_sentence(text, span) is ends


def test_an_empty_quote_ends_its_sentence_before_a_pronoun() -> None:
    text = '"" He left.'
    assert rules._ends_sentence(text, marks.QuoteSpan(0, 2, 1, 1, True, 1, 0, '"'))
    assert not rules._ends_sentence(text.replace("He", "Smith"), marks.QuoteSpan(0, 2, 1, 1, True, 1, 0, '"'))
