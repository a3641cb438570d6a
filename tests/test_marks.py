"""The quotation-mark scanner, one typographic convention at a time."""

from __future__ import annotations

import doctest

import pytest
from hostile_texts import check_spans

from quotes import marks
from quotes.marks import MAX_DEPTH, scan


def quoted(text: str, depth: int | None = 0) -> list[str]:
    """The text of each span (of one depth, or all with ``depth=None``), checked for validity first."""
    spans = scan(text)
    check_spans(text, spans)
    return [text[s.start:s.end] for s in spans if depth is None or s.depth == depth]


CONVENTIONS = [
    # (id, text, depth-0 quotations)
    ("straight-double", 'He said "yes" today.', ['"yes"']),
    ("curly-double", "\u201cYes,\u201d he said.", ["\u201cYes,\u201d"]),
    ("low-9-german", "\u201eJa\u201c, sagte er.", ["\u201eJa\u201c"]),
    ("low-9-polish", "\u201eTak\u201d \u2013 powiedzia\u0142.", ["\u201eTak\u201d"]),
    ("guillemets-french", "\u00ab Oui \u00bb, dit-il.", ["\u00ab Oui \u00bb"]),
    ("guillemets-reversed", "\u00bbJa\u00ab, sagte er.", ["\u00bbJa\u00ab"]),
    ("ptb", "``We will win,'' he said.", ["``We will win,''"]),
    ("nyt-doubled-straight", "''We will win,'' he said.", ["''We will win,''"]),
    ("nyt-triple-closing", "''We are told, 'Kosovo is special,''' Mr. Putin said.",
     ["''We are told, 'Kosovo is special,'''"]),
    ("nyt-triple-opening", "'''College Bowl,''' he replied.", ["'''College Bowl,'''"]),
    ("nyt-single-then-period", "''He said, 'No daylight.'.'' Then he left.", ["''He said, 'No daylight.'.''"]),
    ("doubled-curly-singles", "\u2018\u2018Yes,\u2019\u2019 he said.", ["\u2018\u2018Yes,\u2019\u2019"]),
    ("curly-single", "She said \u2018no\u2019 twice.", ["\u2018no\u2019"]),
    ("straight-single-headline", "Call centre users 'lose patience'", ["'lose patience'"]),
    ("apostrophes-only", "It's rock 'n' roll, and the '90s were Jones' best years, o'clock.", []),
    ("curly-apostrophes-only", "It\u2019s rock \u2019n\u2019 roll; the \u201990s were Jones\u2019 years.", []),
    ("elisions", "Let 'em in 'til noon, 'cause 'twas fine in 't Hooft's view.", []),
    ("rock-n-roll-inside-single", "'I love rock 'n' roll,' he said.", ["'I love rock 'n' roll,'"]),
    ("possessive-inside-single", "'The Jones' car is red,' he said.", ["'The Jones' car is red,'"]),
    ("two-possessives-inside-single", "'The Jones' and the Smiths' cars,' he said.",
     ["'The Jones' and the Smiths' cars,'"]),
    ("g-dropping-inside-single", "'We were goin' home,' she said.", ["'We were goin' home,'"]),
    ("possessive-after-single", "He called it 'a disgrace' and left the Smiths' house.", ["'a disgrace'"]),
    ("mis-keyed-apostrophes", 'The dollar"s fall, I"m told, was "sharp," he said.', ['"sharp,"']),
    ("markup-attributes", '<tweet pic="a.jpg" author="@x">"We won," she wrote.</tweet>', ['"We won,"']),
    ("decade-inside-double", '"The \'90s were wild," he said.', ['"The \'90s were wild,"']),
    ("mis-typed-curly-opening", "\u201dHello,\u201d he said.", ["\u201dHello,\u201d"]),
    ("mis-typed-curly-closing", "\u201cHello,\u201c he said.", ["\u201cHello,\u201c"]),
    ("straight-closes-curly", "\u201cHello,\" he said.", ["\u201cHello,\""]),
    ("html-around", "<p>\u201cHello.\u201d</p>", ["\u201cHello.\u201d"]),
    ("quote-after-dash", "The answer\u2014\"never\"\u2014was clear.", ['"never"']),
    ("two-quotes-split", '"Yes," he said, "we will."', ['"Yes,"', '"we will."']),
    ("empty-quotes-are-not-quotes", 'He said "" and " " and "..." then "ok".', ['"ok"']),
    ("run-of-marks-is-not-quotes", 'Look: """""""" and \'"\'"\'"\'"', []),
    ("marks-packed-with-letters", 'a"b\'c"d\'e"f\'g"h', []),
    ("empty-text", "", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CONVENTIONS], ids=[c[0] for c in CONVENTIONS])
def test_convention(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


NESTING = [
    ("single-in-double", "\"He told me 'never' again,\" she said.", ["\"He told me 'never' again,\"", "'never'"]),
    ("curly-single-in-curly", "\u201cHe said \u2018no\u2019,\u201d she said.",
     ["\u201cHe said \u2018no\u2019,\u201d", "\u2018no\u2019"]),
    ("double-in-double-closed", "\u201cThey call it \u201cthe list\u201d now,\u201d he said.",
     ["\u201cThey call it \u201cthe list\u201d now,\u201d", "\u201cthe list\u201d"]),
    ("three-levels", "\"A 'B \"C\" b' a,\" he said.", ["\"A 'B \"C\" b' a,\"", "'B \"C\" b'", '"C"']),
    ("nyt-single-in-doubled", "''It's a version of 'Jeopardy!'.'' he said.",
     ["''It's a version of 'Jeopardy!'.''", "'Jeopardy!'"]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in NESTING], ids=[c[0] for c in NESTING])
def test_nested(text: str, expected: list[str]) -> None:
    assert quoted(text, depth=None) == expected
    assert [s.depth for s in scan(text)] == list(range(len(expected)))


PARAGRAPHS = [
    # (id, text, [(quotation, closed, paragraphs)])
    ("two-paragraphs", '"First part.\n\n"Second part," he said.',
     [('"First part.\n\n"Second part,"', True, 2)]),
    ("three-paragraphs-curly", "\u201cOne.\n\n\u201cTwo.\n\n\u201cThree,\u201d she said.",
     [("\u201cOne.\n\n\u201cTwo.\n\n\u201cThree,\u201d", True, 3)]),
    ("line-paragraphs", "\u201cOutlets for hatred.\n\u201cAnother side,\u201d Sexton said.",
     [("\u201cOutlets for hatred.\n\u201cAnother side,\u201d", True, 2)]),
    ("nyt-doubled", "''One.\n\n''Two,'' he said.", [("''One.\n\n''Two,''", True, 2)]),
    ("opening-mid-paragraph", 'He said: "We will win.\n\n"We must," he added.',
     [('"We will win.\n\n"We must,"', True, 2)]),
    ("unclosed-truncated", 'He said: "We will\n\nThe rest is "fine" here.',
     [('"We will', False, 1), ('"fine"', True, 1)]),
    ("unclosed-at-end", 'He said "we will', [('"we will', False, 1)]),
    ("unclosed-trailing-space", 'He said "we will   \n\nNext.', [('"we will', False, 1)]),
    ("unclosed-ends-where-same-marks-open",
     "\u201cA lot like others, said arguments \u201cthat tax cuts pay,\u201d he said.\n\nNext \u201cone\u201d.",
     [("\u201cA lot like others, said arguments", False, 1), ("\u201cthat tax cuts pay,\u201d", True, 1),
      ("\u201cone\u201d", True, 1)]),
    ("other-style-does-not-continue", "\"Sen. Sanders took the stage.\n\u201cA virtual tie,\u201d he said.",
     [('"Sen. Sanders took the stage.', False, 1), ("\u201cA virtual tie,\u201d", True, 1)]),
    ("inner-quote-stops-continuation",
     "\u201cand said it. \u201cAnd she said, \u2018Do you?\u2019\u201d Broaddrick said.\n\n"
     "\u201cShe left,\u201d she said.",
     [("\u201cand said it.", False, 1), ("\u201cAnd she said, \u2018Do you?\u2019\u201d", True, 1),
      ("\u201cShe left,\u201d", True, 1)]),
    ("markup-attribute-never-crosses-a-break", "He said \"we <a href='x\n\nThe next paragraph's \"quote\" here.",
     [("\"we <a href='x", False, 1), ('"quote"', True, 1)]),
    ("unclosed-single-is-dropped", "The 'quote never ends.\n\nNext \"one\".", [('"one"', True, 1)]),
    ("apostrophe-does-not-hide-double", "In 't Veld said. \"It's a risk.\"", [('"It\'s a risk."', True, 1)]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in PARAGRAPHS], ids=[c[0] for c in PARAGRAPHS])
def test_paragraphs(text: str, expected: list[tuple[str, bool, int]]) -> None:
    spans = [s for s in scan(text) if s.depth == 0]
    check_spans(text, spans)
    assert [(text[s.start:s.end], s.closed, s.paragraphs) for s in spans] == expected


WRAPPED = (
    "The minister spoke to reporters outside the building on\n"
    "Monday. \"We will not back down on this reform, and we\n"
    "will not accept delays from anyone,\" she said, before\n"
    "leaving for the airport with her advisers and aides.\n"
    "\n"
    "\"The vote is next week,\" an aide said.\n"
)


def test_hard_wrapped_text_keeps_quotes_whole() -> None:
    assert marks.paragraph_breaks(WRAPPED).pattern != marks.paragraph_breaks("One.\nTwo.").pattern
    assert quoted(WRAPPED) == [
        "\"We will not back down on this reform, and we\nwill not accept delays from anyone,\"",
        '"The vote is next week,"',
    ]


def test_line_paragraphs_end_unclosed_quotes() -> None:
    text = 'Headline\nHe said "we will\nAnother paragraph with "a quote" in it.\n'
    assert quoted(text) == ['"we will', '"a quote"']


@pytest.mark.parametrize("separator", ["\r\n\r\n", "\u2029", "\n \n", "\r"], ids=["crlf", "u2029", "space-line", "cr"])
def test_other_paragraph_separators(separator: str) -> None:
    text = f'He said "we will{separator}Then "yes" came.'
    assert quoted(text) == ['"we will', '"yes"']


def test_depth_is_capped() -> None:
    levels = 3 * MAX_DEPTH
    text = "".join(f"\u201clevel {i} " for i in range(levels)) + "core" + " end\u201d" * levels
    spans = scan(text)
    check_spans(text, spans)
    assert spans and max(s.depth for s in spans) < MAX_DEPTH


def test_spans_carry_their_mark_and_offsets() -> None:
    text = "Rubio said: \u201cIt\u2019s not good,\u201d again."
    (span,) = scan(text)
    assert span.mark == "\u201c" and span.closed and span.paragraphs == 1
    assert text[span.content_start:span.content_end] == "It\u2019s not good,"


def test_doctests() -> None:
    assert doctest.testmod(marks).failed == 0


def test_marks_denser_than_prose_are_not_read_until_prose_resumes() -> None:
    dense = '"yes", ' * 200  # 400 marks, one every 3.5 characters: no paragraph of news packs them so
    prose = "The meeting went on for hours without anyone quoting anything at all, and then " * 4
    text = f'{dense}\n\n{prose}the chair said "we are done."'
    found = quoted(text)
    assert found[-1] == '"we are done."'
    assert len(found) < 48  # what was read before the stretch proved too dense


def test_a_span_made_by_its_slots_is_the_span_its_constructor_makes() -> None:
    values = (3, 12, 4, 11, True, 2, 1, "\u201c")
    made = marks._new_span(*values)
    assert made == marks.QuoteSpan(*values) and hash(made) == hash(marks.QuoteSpan(*values))
    assert repr(made) == repr(marks.QuoteSpan(*values))


@pytest.mark.parametrize("content", ["Yes", " 9 lives", "\u2014\u00e9t\u00e9", "...", "", " _ ", "\u00a0\u2014"])
def test_ink_is_a_letter_or_digit_wherever_it_stands(content: str) -> None:
    text = f"<{content}>"
    assert marks._has_ink(text, 1, 1 + len(content)) is (marks._INK.search(content) is not None)


@pytest.mark.parametrize("separator", ["\n", "\r\n", "\u2029", "\x85"])
def test_a_line_break_is_found_from_any_start(separator: str) -> None:
    text = f"ab{separator}cd{separator}"
    scanner = marks._Scanner(text)
    assert [scanner._line_break(lo) for lo in range(len(text) + 1)] == [
        next((i for i in range(lo, len(text)) if text[i] in "\n\r\u2029\x85"), len(text)) for lo in range(len(text) + 1)
    ]
