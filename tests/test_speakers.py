"""The speaker pass: mention grammar, title splitting, and one canonical name per person."""

from __future__ import annotations

import pytest
import regex

from quotes import speakers
from quotes.attribution import Attribution, Mention
from quotes.model import SPEAKER_TYPES


@pytest.mark.parametrize(
    ("mention", "title", "name"),
    [
        ("U.S. Secretary of State Marco Rubio", "U.S. Secretary of State", "Marco Rubio"),
        ("Sen. Bernie Sanders", "Sen.", "Bernie Sanders"),
        ("Mr. Smith", "Mr.", "Smith"),
        ("Rubio", None, "Rubio"),
        ("House Speaker Paul Ryan", "House Speaker", "Paul Ryan"),
        ("Democratic presidential nominee Hillary Clinton", "Democratic presidential nominee", "Hillary Clinton"),
        ("Charles de Gaulle", None, "Charles de Gaulle"),
        ("But Clinton", None, "Clinton"),
        ("Secretary of State", "Secretary of State", None),
        ("the door of Harney County Hospital on Tuesday", "the door of Harney County Hospital on Tuesday", None),
        ("Theresa May", None, "Theresa May"),
    ],
    ids=["office", "abbreviation", "honorific", "surname", "house-speaker", "lower-case-title", "particle",
         "sentence-word", "title-only", "weekday-is-no-name", "month-that-is-a-name"],
)
def test_split_title(mention: str, title: str | None, name: str | None) -> None:
    assert speakers.split_title(mention) == (title, name)


@pytest.mark.parametrize(
    ("mention", "kind"),
    [
        ("he", "pronoun"),
        ("They", "pronoun"),
        ("Marco Rubio", "person"),
        ("Sen. Bernie Sanders", "person"),
        ("The White House", "organisation"),
        ("the Justice Department", "organisation"),
        ("Fox News", "organisation"),
        ("CNN", "organisation"),
        ("the FBI", "organisation"),
        ("a spokesman", "descriptor"),
        ("a spokesman for the campaign", "descriptor"),
        ("the senator", "descriptor"),
    ],
    ids=lambda value: value.replace(" ", "-"),
)
def test_speaker_type(mention: str, kind: str) -> None:
    assert speakers.speaker_type(mention) == kind
    assert kind in SPEAKER_TYPES


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        (speakers.NAME, "Democratic presidential nominee Hillary Clinton said", "Democratic presidential nominee Hillary Clinton"),
        (speakers.NAME, "White House press secretary Josh Earnest said", "White House press secretary Josh Earnest"),
        (speakers.NAME, "But nobody", None),
        (speakers.NAME, "Monday night", None),
        (speakers.DESCRIPTOR, "a spokesman for the campaign said", "a spokesman for the campaign"),
        (speakers.DESCRIPTOR, "the report that was released", None),
        (speakers.PRONOUN, "he said", "he"),
        (speakers.PRONOUN, "hers", None),
        (speakers.CAPITALISED_PHRASE, "Tulsa police Chief Chuck Jordan said", "Tulsa police Chief Chuck Jordan"),
    ],
    ids=["lower-case-title", "chained-titles", "sentence-word", "weekday", "descriptor", "descriptor-stops-at-clause",
         "pronoun", "not-a-pronoun", "capitalised-phrase"],
)
def test_mention_grammar(pattern: str, text: str, expected: str | None) -> None:
    """Greedy matches stop where a cue or a clause begins (the rules anchor the cue after them)."""
    found = regex.compile(rf"(?:{pattern})(?=\s+(?:said|was)\b|\Z)").match(text)
    if expected is None:
        assert found is None
    else:
        assert found is not None and found.group() == expected


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        (speakers.NAME, "Mr Joseph. He said", "Mr Joseph"),
        (speakers.NAME, "Sen. Bernie Sanders. Then", "Sen. Bernie Sanders"),
        (speakers.NAME, "U.S. Secretary of State Marco Rubio", "U.S. Secretary of State Marco Rubio"),
        (speakers.NAME, "George W. Bush. Later", "George W. Bush"),
        (speakers.DESCRIPTOR, "the government's plans. Tony Hunter said", "the government's plans"),
        (speakers.DESCRIPTOR, "21 percent. Health spokesman", "21 percent"),
    ],
    ids=["sentence-end", "title-abbreviation", "acronym", "initial", "descriptor", "number"],
)
def test_mentions_stop_at_a_sentence_end(pattern: str, text: str, expected: str) -> None:
    """Only initials, acronyms and title abbreviations keep their full stop inside a mention."""
    found = regex.compile(pattern).match(text)
    assert found is not None and found.group() == expected


def test_descriptor_stops_where_a_clause_begins() -> None:
    found = regex.compile(speakers.DESCRIPTOR).match("the report that was released")
    assert found is not None and found.group() == "the report"


def _mention(text: str, phrase: str, nth: int = 0, **kw: object) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Mention(start, start + len(phrase), **kw)  # type: ignore[arg-type]


def _said(mention: Mention) -> Attribution:
    return Attribution(kind="direct", speaker=mention, rule="test", confidence=1.0)


def test_surname_resolves_to_the_full_name_and_its_title() -> None:
    text = 'U.S. Secretary of State Marco Rubio arrived. "We will win," Rubio said.'
    [speaker] = speakers.resolve(text, [_said(_mention(text, "Rubio", nth=1))])
    assert speaker is not None
    assert (speaker.text, speaker.name, speaker.title) == ("Rubio", "Marco Rubio", "U.S. Secretary of State")
    assert (speaker.type, speaker.resolved_by) == ("person", "surname")
    assert text[speaker.start:speaker.end] == speaker.text


def test_surname_takes_the_nearest_earlier_full_name() -> None:
    text = 'Bill Clinton spoke first. Later Hillary Clinton arrived. "Yes," Clinton said.'
    [speaker] = speakers.resolve(text, [_said(_mention(text, "Clinton", nth=2))])
    assert speaker is not None and speaker.name == "Hillary Clinton"


def test_honorific_is_split_off_and_gives_gender() -> None:
    text = 'Mrs. Jane Doe and John Roe met. "No," Mrs. Doe said. "Yes," she added.'
    mentions = [_mention(text, "Mrs. Doe"), _mention(text, "she")]
    first, second = speakers.resolve(text, [_said(m) for m in mentions])
    assert first is not None and (first.name, first.title) == ("Jane Doe", "Mrs.")
    assert second is not None and (second.name, second.resolved_by) == ("Jane Doe", "pronoun")


def test_pronoun_resolves_to_the_sentence_subject_before_it() -> None:
    text = 'Manitoba Premier Wab Kinew paused the plan. Kinew spoke on Monday. "This is a reprieve," he said.'
    [speaker] = speakers.resolve(text, [_said(_mention(text, "he", nth=0))])
    assert speaker is not None
    assert (speaker.text, speaker.name, speaker.type, speaker.resolved_by) == ("he", "Wab Kinew", "person", "pronoun")


def test_pronoun_without_antecedent_stays_a_pronoun() -> None:
    text = '"Never," he said.'
    [speaker] = speakers.resolve(text, [_said(_mention(text, "he"))])
    assert speaker is not None and (speaker.name, speaker.type) == (None, "pronoun")


def test_they_refers_to_an_organisation() -> None:
    text = '"No comment," the Justice Department said. "We are reviewing it," they added.'
    _, they = speakers.resolve(text, [_said(_mention(text, "the Justice Department")), _said(_mention(text, "they"))])
    assert they is not None and (they.name, they.type, they.resolved_by) == ("Justice Department", "organisation", "pronoun")


def test_the_senator_resolves_by_title() -> None:
    text = 'Sen. Bernie Sanders spoke later. "Never," the senator said.'
    [speaker] = speakers.resolve(text, [_said(_mention(text, "the senator"))])
    assert speaker is not None
    assert (speaker.name, speaker.title, speaker.resolved_by) == ("Bernie Sanders", "Sen.", "title")


def test_descriptor_without_a_person_stays_a_descriptor() -> None:
    text = '"It is over," a spokesman said.'
    [speaker] = speakers.resolve(text, [_said(_mention(text, "a spokesman"))])
    assert speaker is not None and (speaker.name, speaker.type) == (None, "descriptor")


def test_carried_mention_is_resolved_by_previous_quote() -> None:
    text = '"A," Marco Rubio said.\n\n"B."'
    mention = _mention(text, "Marco Rubio")
    carried = Mention(mention.start, mention.end, carried=True)
    first, second = speakers.resolve(text, [_said(mention), _said(carried)])
    assert first is not None and first.resolved_by == "direct"
    assert second is not None and (second.name, second.resolved_by) == ("Marco Rubio", "previous-quote")


def test_no_speaker_gives_none() -> None:
    assert speakers.resolve("text", [Attribution(kind="unattributed")]) == [None]


def test_parser_entities_add_full_names_and_organisations() -> None:
    text = 'Angela Merkel met them. "Yes," Merkel said. "No," Acme said.'
    person_end = text.index(" met")
    acme = text.index("Acme")
    entities = [(0, person_end, "PERSON"), (acme, acme + 4, "ORG")]
    merkel, org = speakers.resolve(text, [_said(_mention(text, "Merkel", nth=1)), _said(_mention(text, "Acme"))], entities)
    assert merkel is not None and merkel.name == "Angela Merkel"
    assert org is not None and org.type == "organisation"


def test_apposition_names_a_descriptor() -> None:
    text = '"We are done," a spokesman, Joe Smith, said.'
    start = text.index("a spokesman")
    mention = Mention(start, start + len("a spokesman"), title="Joe Smith")
    [speaker] = speakers.resolve(text, [_said(mention)])
    assert speaker is not None
    assert (speaker.name, speaker.title, speaker.type, speaker.resolved_by) == ("Joe Smith", "a spokesman", "person",
                                                                               "apposition")


@pytest.mark.parametrize(
    ("text", "pronoun", "name"),
    [
        ('Gov. Rita Hale spoke. State Senator Paul Ross, a Democrat, spoke next. "No," she said.', "she", "Rita Hale"),
        ('Rita Hale spoke. Paul Ross spoke next. "No," he said.', "he", "Paul Ross"),
        ('Adaeze Okoro on Tuesday defended her plan. Then Paul Ross spoke. "No," she said.', "she", "Adaeze Okoro"),
        ('Tunde Bello presented his plan. Then Helen Ross spoke. "No," he said.', "he", "Tunde Bello"),
    ],
    ids=["given-name-skips-a-man", "given-name-fits", "possessive-after-name", "possessive-skips-a-woman"],
)
def test_pronoun_takes_the_most_recent_person_of_its_gender(text: str, pronoun: str, name: str) -> None:
    start = text.rindex(f" {pronoun} said") + 1
    [speaker] = speakers.resolve(text, [_said(Mention(start, start + len(pronoun)))])
    assert speaker is not None and (speaker.name, speaker.resolved_by) == (name, "pronoun")


def test_it_refers_to_the_organisation_opening_a_sentence() -> None:
    text = 'The Oregon Nurses Association said that it was not consulted. "Nobody asked us," it said.'
    [speaker] = speakers.resolve(text, [_said(_mention(text, "it", nth=1))])
    assert speaker is not None
    assert (speaker.name, speaker.type, speaker.resolved_by) == ("Oregon Nurses Association", "organisation", "pronoun")


def test_a_participle_opening_a_sentence_is_no_antecedent() -> None:
    text = 'Mayor Ana Ruiz spoke. Pressed on the cuts, Ruiz was firm. "No," she said.'
    [speaker] = speakers.resolve(text, [_said(_mention(text, "she"))])
    assert speaker is not None and speaker.name == "Ana Ruiz"


def test_a_full_name_across_a_name_block_boundary_is_still_found():
    from quotes.pipeline import Extractor
    from quotes.speakers import NAME_WINDOW

    head = "Gov. Jane "
    text = (" " * (NAME_WINDOW - 3 - len(head)) + head + "Doerfler spoke. " + "y " * 100
            + '"We will rebuild," Doerfler said.')
    assert text.index("Doerfler") < NAME_WINDOW < text.index("Doerfler") + len("Doerfler")
    [quote] = Extractor(fast=True).extract(text)
    assert (quote.speaker.text, quote.speaker.name) == ("Doerfler", "Jane Doerfler")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pressed on the cuts, Ruiz was firm.", True),
        ("Asking\tabout it, Ruiz was firm.", True),
        ("Ruiz, pressed on the cuts, was firm.", False),
        ("Ruiz was firm.", False),
        ("Speaking about the cuts, Ruiz was firm.", False),
    ],
    ids=["participle", "tab-before-preposition", "name-then-comma", "name", "sentence-word"],
)
def test_a_sentence_opening_participle_is_told_from_a_name(text: str, expected: bool) -> None:
    found = regex.compile(speakers.NAME).match(text)
    assert (found is not None and speakers._opens_with_participle(text, found)) is expected


@pytest.mark.parametrize("gap", [1, 64, 65, 300])
def test_a_sentence_opens_after_any_run_of_spaces(gap: int) -> None:
    """Runs longer than the pattern looks back over are checked apart, with the same answer."""
    opened = "Ruiz spoke." + " " * gap + "Marsh agreed"
    assert speakers._Document(opened, ())._opening_before(1, len(opened)) == opened.index("Marsh")
    running_on = "Ruiz spoke to" + " " * gap + "Marsh"
    assert speakers._Document(running_on, ())._opening_before(1, len(running_on)) is None
