"""Short news-style passages, written for these tests, run end to end through the fast pipeline.

Each case gives the quoted words, the canonical name of the person or
organisation speaking (None for a descriptor), the mention, and the cue's lemma; cases with no expected
quote check that titles, nicknames and scare quotes stay out of the output.
"""

from __future__ import annotations

import pytest

from quotes.pipeline import Extractor

EXTRACTOR = Extractor(fast=True)

# (id, text, [(content, speaker name or None, speaker mention, cue lemma, kind)])
CASES = [
    ("name-told", 'Foreign Minister Anna Berg flew to Oslo on Monday. "The talks went well," Berg told reporters.',
     [("The talks went well,", "Anna Berg", "Berg", "tell", "direct")]),
    ("said-name-title", '"Prices will keep rising," said Maria Lopez, an economist at the central bank.',
     [("Prices will keep rising,", "Maria Lopez", "Maria Lopez", "say", "direct")]),
    ("pronoun-after-name", 'Gov. Tom Reed signed the bill on Friday. "This protects families," he said.',
     [("This protects families,", "Tom Reed", "he", "say", "direct")]),
    ("she-added", 'Dr. Ellen Park runs the clinic. "We are full," she added.',
     [("We are full,", "Ellen Park", "she", "add", "direct")]),
    ("colon-lead-in", 'Mayor Luis Ortega told the council: "We cannot wait another year."',
     [("We cannot wait another year.", "Luis Ortega", "Mayor Luis Ortega", "tell", "direct")]),
    ("she-colon", 'Mayor Ana Ruiz spoke last. She said: "We will rebuild."',
     [("We will rebuild.", "Ana Ruiz", "She", "say", "direct")]),
    ("first-name-ends-in-a-colon", 'Kamala Harris said: "We will win."',
     [("We will win.", "Kamala Harris", "Kamala Harris", "say", "direct")]),
    ("title-before-name-colon", 'Chelsea manager Jose Mourinho told reporters: "We were poor."',
     [("We were poor.", "Jose Mourinho", "Chelsea manager Jose Mourinho", "tell", "direct")]),
    ("participle-opens-sentence", ('Mayor Ana Ruiz toured the market. Making her way past the stalls, she stopped.'
                                   ' "Prices are too high," she said.'),
     [("Prices are too high,", "Ana Ruiz", "she", "say", "direct")]),
    ("lead-in-paragraph", 'The ministry said in a statement:\n\n"All flights will resume on Tuesday."',
     [("All flights will resume on Tuesday.", None, "The ministry", "say", "direct")]),
    ("according-to", 'According to the union, "members voted overwhelmingly to strike."',
     [("members voted overwhelmingly to strike.", None, "the union", "according to", "direct")]),
    ("split-quote", 'Coach Sam Reilly was blunt. "We lost," Reilly said, "because we stopped running."',
     [("We lost,", "Sam Reilly", "Reilly", "say", "direct"),
      ("because we stopped running.", "Sam Reilly", "Reilly", "say", "direct")]),
    ("carried-paragraph", '"We will appeal," said lawyer Nadia Khan.\n\n"The ruling ignores the evidence."',
     [("We will appeal,", "Nadia Khan", "lawyer Nadia Khan", "say", "direct"),
      ("The ruling ignores the evidence.", "Nadia Khan", "lawyer Nadia Khan", "say", "direct")]),
    ("partial-called", 'Senator Joan Miller called the plan a "reckless gamble" on Wednesday.',
     [("reckless gamble", "Joan Miller", "Senator Joan Miller", "call", "partial")]),
    ("partial-that", 'The company said its results were "better than expected" despite the strike.',
     [("better than expected", None, "The company", "say", "partial")]),
    ("organisation", '"We do not comment on investigations," the Justice Department said.',
     [("We do not comment on investigations,", "Justice Department", "the Justice Department", "say", "direct")]),
    ("tweeted", '"A great day for our farmers!" President Dana Cole tweeted on Saturday.',
     [("A great day for our farmers!", "Dana Cole", "President Dana Cole", "tweet", "direct")]),
    ("wrote-on-x", 'Activist Omar Said wrote on X: "The fight goes on."',
     [("The fight goes on.", "Omar Said", "Activist Omar Said", "write", "direct")]),
    ("descriptor", '"The talks have stalled," a spokesman for the ministry said.',
     [("The talks have stalled,", None, "a spokesman for the ministry", "say", "direct")]),
    ("the-senator", 'Sen. Paula Grant spoke after the vote. "It is a sad day," the senator said.',
     [("It is a sad day,", "Paula Grant", "the senator", "say", "direct")]),
    ("curly-marks", "\u201cWe are ready,\u201d Kim said.", [("We are ready,", "Kim", "Kim", "say", "direct")]),
    ("she-skips-a-man", 'Mayor Grace Lin on Monday unveiled her budget. Councillor Victor Hale called it "a fantasy".'
     ' Pressed on the cuts, Lin was firm. "No library will close," she said.',
     [("a fantasy", "Victor Hale", "Councillor Victor Hale", "call", "partial"),
      ("No library will close,", "Grace Lin", "she", "say", "direct")]),
    ("she-by-possessive", 'Ngozi Adebayo on Monday defended her figures. Analyst Tom Brandt questioned them.'
     ' "The numbers are solid," she said.',
     [("The numbers are solid,", "Ngozi Adebayo", "she", "say", "direct")]),
    ("it-organisation", 'The Harbor Workers Union said on Friday that it would appeal. "We were never consulted," it said.',
     [("We were never consulted,", "Harbor Workers Union", "it", "say", "direct")]),
    ("no-weekday-name", 'A banner hung outside City Hall on Friday read "Save our park".',
     [("Save our park", None, "A banner hung outside City Hall on Friday", "read", "partial")]),
    ("nickname", 'Chesley "Sully" Sullenberger landed the plane on the river.', []),
    ("title", 'She starred in "The Long Night" for three seasons.', []),
    ("scare", 'The so-called "experts" were wrong again.', []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_golden_sentence(text: str, expected: list[tuple[str, str | None, str, str, str]]) -> None:
    quotes = EXTRACTOR.extract(text)
    got = [
        (q.content.text, q.speaker.name if q.speaker and q.speaker.type in ("person", "organisation") else None,
         q.speaker.text if q.speaker else None, q.cue.lemma if q.cue else None, q.kind)
        for q in quotes
    ]
    assert got == expected
