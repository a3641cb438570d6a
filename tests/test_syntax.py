"""The parse sieve on hand-built parses (no model needed) and its parse windows."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.tokens import Doc

from quotes import marks, syntax
from quotes.attribution import UNATTRIBUTED, Attribution, CueMatch, Mention

VOCAB = spacy.blank("en").vocab
_NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", "'s"}


def parsed(spec: str, lemmas: dict[str, str] | None = None) -> Doc:
    """A Doc from ``word|POS|dep|head`` tokens, spaced as news prints them; ``¶`` is a paragraph break."""
    words, pos, deps, heads = [], [], [], []
    for item in spec.split():
        word, tag, dep, head = item.split("|")
        words.append("\n\n" if word == "¶" else word)
        pos.append(tag)
        deps.append(dep)
        heads.append(int(head))
    spaces, opened = [], False
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else None
        if word == '"':
            opened = not opened
        opening = word == '"' and opened
        closing_next = following == '"' and opened
        spaces.append(following is not None and not opening and following not in _NO_SPACE_BEFORE
                      and not closing_next and "\n" not in word and "\n" not in following)
    lemma_list = [(lemmas or {}).get(w, w.lower()) for w in words]
    return Doc(VOCAB, words=words, spaces=spaces, pos=pos, deps=deps, heads=heads, lemmas=lemma_list)


def refine(doc: Doc, attributions: list[Attribution] | None = None) -> tuple[str, list[Attribution]]:
    text = doc.text
    spans = [s for s in marks.scan(text) if s.depth == 0]
    found, _ = syntax.ParsedDocSieve(doc).refine(text, spans, attributions or [UNATTRIBUTED] * len(spans))
    return text, found


QUOTE_NAME_CUE = ('"|PUNCT|punct|7 We|PRON|nsubj|3 will|AUX|aux|3 see|VERB|ccomp|7 ,|PUNCT|punct|7 "|PUNCT|punct|7 '
                  'Rubio|PROPN|nsubj|7 told|VERB|ROOT|7 reporters|NOUN|dobj|7 .|PUNCT|punct|7')
PARTIAL = ('Trump|PROPN|nsubj|1 called|VERB|ROOT|1 it|PRON|dobj|1 a|DET|det|6 "|PUNCT|punct|6 '
           'disgusting|ADJ|amod|6 fraud|NOUN|oprd|1 "|PUNCT|punct|6 .|PUNCT|punct|1')
PARTIAL_NO_CUE = ('Rubio|PROPN|nsubj|2 also|ADV|advmod|2 ignored|VERB|ROOT|2 the|DET|det|6 current|ADJ|amod|6 '
                  'political|ADJ|amod|6 climate|NOUN|dobj|2 in|ADP|prep|12 which|PRON|pobj|7 people|NOUN|nsubj|12 '
                  '"|PUNCT|punct|12 literally|ADV|advmod|12 hate|VERB|relcl|6 each|DET|det|14 other|ADJ|dobj|12 '
                  '"|PUNCT|punct|12 .|PUNCT|punct|2')

CASES = [
    pytest.param(QUOTE_NAME_CUE, {}, ("Rubio", None, "told", "tell", "dep-nsubj", "direct"), id="quote-name-cue"),
    pytest.param('"|PUNCT|punct|6 We|PRON|nsubj|3 will|AUX|aux|3 see|VERB|ccomp|6 ,|PUNCT|punct|6 "|PUNCT|punct|6 '
                 'said|VERB|ROOT|6 Rubio|PROPN|nsubj|6 ,|PUNCT|punct|7 a|DET|det|11 former|ADJ|amod|11 '
                 'senator|NOUN|appos|7 .|PUNCT|punct|6', {},
                 ("Rubio", "a former senator", "said", "say", "dep-inverted", "direct"), id="inverted-apposition"),
    pytest.param('He|PRON|nsubjpass|2 was|AUX|auxpass|2 quoted|VERB|ROOT|2 as|ADP|prep|2 saying|VERB|pcomp|3 '
                 '"|PUNCT|punct|4 We|PRON|nsubj|8 will|AUX|aux|8 see|VERB|ccomp|4 .|PUNCT|punct|2 "|PUNCT|punct|2',
                 {}, ("He", None, "saying", "say", "dep-passive", "partial"), id="quoted-as-saying"),
    pytest.param('"|PUNCT|punct|3 We|PRON|nsubj|3 will|AUX|aux|3 see|VERB|ROOT|3 ,|PUNCT|punct|3 "|PUNCT|punct|3 '
                 'according|VERB|prep|3 to|ADP|prep|6 a|DET|det|9 spokesman|NOUN|pobj|7 .|PUNCT|punct|3', {},
                 ("a spokesman", None, "according to", "according to", "dep-according-to", "direct"),
                 id="according-to-after"),
    pytest.param('According|VERB|prep|8 to|ADP|prep|0 the|DET|det|3 report|NOUN|pobj|1 ,|PUNCT|punct|8 '
                 '"|PUNCT|punct|8 We|PRON|nsubj|8 will|AUX|aux|8 see|VERB|ROOT|8 .|PUNCT|punct|8 "|PUNCT|punct|8',
                 {}, ("the report", None, "According to", "according to", "dep-according-to", "direct"),
                 id="according-to-before"),
    pytest.param('Trump|PROPN|nsubj|1 smiled|VERB|ROOT|1 and|CCONJ|cc|1 said|VERB|conj|1 ,|PUNCT|punct|3 '
                 '"|PUNCT|punct|3 We|PRON|nsubj|8 will|AUX|aux|8 see|VERB|ccomp|3 .|PUNCT|punct|1 "|PUNCT|punct|1',
                 {}, ("Trump", None, "said", "say", "dep-conj", "direct"), id="coordinated-verb"),
    pytest.param(PARTIAL, {}, ("Trump", None, "called", "call", "dep-partial", "partial"), id="partial"),
    pytest.param(PARTIAL_NO_CUE, {"ignored": "ignore"},
                 ("Rubio", None, "ignored", "ignore", "dep-partial-clause", "partial"), id="partial-outer-clause"),
    pytest.param('"|PUNCT|punct|7 We|PRON|nsubj|3 will|AUX|aux|3 see|VERB|ccomp|7 ,|PUNCT|punct|7 "|PUNCT|punct|7 '
                 'Rubio|PROPN|nsubj|7 laughed|VERB|ROOT|7 .|PUNCT|punct|7', {"laughed": "laugh"},
                 ("Rubio", None, "laughed", "laugh", "dep-nsubj", "direct"), id="cue-outside-lexicon"),
    pytest.param('Rubio|PROPN|nsubj|1 told|VERB|ROOT|1 reporters|NOUN|dobj|1 :|PUNCT|punct|1 ¶|SPACE|dep|3 '
                 '"|PUNCT|punct|8 We|PRON|nsubj|8 will|AUX|aux|8 see|VERB|ROOT|8 .|PUNCT|punct|8 "|PUNCT|punct|8',
                 {}, ("Rubio", None, "told", "tell", "dep-lead-in", "direct"), id="lead-in-paragraph"),
    pytest.param('It|PRON|nsubj|1 failed|VERB|ccomp|4 ,|PUNCT|punct|4 Schiff|PROPN|nsubj|4 said|VERB|ROOT|4 '
                 '.|PUNCT|punct|4 "|PUNCT|punct|9 We|PRON|nsubj|9 will|AUX|aux|9 see|VERB|ROOT|9 .|PUNCT|punct|9 '
                 '"|PUNCT|punct|9', {}, ("Schiff", None, "said", "say", "dep-previous-sentence", "direct"),
                 id="previous-sentence"),
    pytest.param('His|PRON|poss|1 spokesman|NOUN|nsubj|6 ,|PUNCT|punct|1 John|PROPN|compound|4 Doe|PROPN|appos|1 '
                 ',|PUNCT|punct|1 said|VERB|ROOT|6 :|PUNCT|punct|6 "|PUNCT|punct|6 We|PRON|nsubj|11 will|AUX|aux|11 '
                 'see|VERB|ccomp|6 .|PUNCT|punct|6 "|PUNCT|punct|6', {},
                 ("John Doe", "His spokesman", "said", "say", "dep-nsubj", "direct"), id="name-in-apposition"),
    pytest.param('The|DET|det|1 senator|NOUN|nsubj|11 ,|PUNCT|punct|1 who|PRON|nsubj|4 said|VERB|relcl|1 '
                 '"|PUNCT|punct|4 We|PRON|nsubj|8 will|AUX|aux|8 see|VERB|ccomp|4 ,|PUNCT|punct|4 "|PUNCT|punct|4 '
                 'left|VERB|ROOT|11 early|ADV|advmod|11 .|PUNCT|punct|11', {},
                 ("The senator", None, "said", "say", "dep-relcl", "partial"), id="relative-clause"),
]


@pytest.mark.parametrize(("spec", "lemmas", "expected"), CASES)
def test_attribution_from_the_tree(spec: str, lemmas: dict[str, str], expected: tuple) -> None:
    speaker, title, cue, lemma, rule, kind = expected
    text, (found,) = refine(parsed(spec, lemmas))
    assert found.method == "syntax"
    assert text[found.speaker.start:found.speaker.end] == speaker
    assert found.speaker.title == title
    assert text[found.cue.start:found.cue.end] == cue
    assert found.cue.lemma == lemma
    assert found.rule == rule
    assert found.kind == kind
    assert 0 < found.confidence < 1


@pytest.mark.parametrize("spec", [
    pytest.param('"|PUNCT|punct|3 We|PRON|nsubj|3 will|AUX|aux|3 see|VERB|ROOT|3 .|PUNCT|punct|3 "|PUNCT|punct|3',
                 id="quote-alone"),
    pytest.param('It|PRON|nsubj|1 failed|VERB|ccomp|4 ,|PUNCT|punct|4 Schiff|PROPN|nsubj|4 said|VERB|ROOT|4 '
                 '.|PUNCT|punct|4 ¶|SPACE|dep|5 "|PUNCT|punct|10 We|PRON|nsubj|10 will|AUX|aux|10 see|VERB|ROOT|10 '
                 '.|PUNCT|punct|10 "|PUNCT|punct|10', id="previous-paragraph-is-not-a-lead-in"),
    pytest.param('Washington|PROPN|nsubj|8 ,|PUNCT|punct|0 star|NOUN|appos|0 of|ADP|prep|2 "|PUNCT|punct|5 '
                 'Scandal|PROPN|pobj|3 "|PUNCT|punct|5 ,|PUNCT|punct|0 thanked|VERB|ROOT|8 Obama|PROPN|dobj|8 '
                 '.|PUNCT|punct|8', id="quote-inside-the-subject"),
])
def test_no_attribution_without_a_reporting_clause(spec: str) -> None:
    _, (found,) = refine(parsed(spec))
    assert found == UNATTRIBUTED


def test_a_confident_rule_answer_is_kept() -> None:
    doc = parsed(QUOTE_NAME_CUE)
    ruled = Attribution(kind="direct", speaker=Mention(15, 20), cue=CueMatch(21, 25, "tell"), rule="quote-name-cue",
                        confidence=0.95)
    _, (found,) = refine(doc, [ruled])
    assert found is ruled


def test_a_doubtful_rule_answer_is_replaced() -> None:
    doc = parsed(QUOTE_NAME_CUE)
    doubtful = Attribution(kind="direct", speaker=Mention(26, 35), rule="colon-subject", confidence=0.3)
    text, (found,) = refine(doc, [doubtful])
    assert (found.method, text[found.speaker.start:found.speaker.end]) == ("syntax", "Rubio")


def test_a_scare_quote_under_a_reporting_verb_becomes_a_partial_quote() -> None:
    scare = Attribution(kind="scare", rule="scare", confidence=0.42)
    text, (found,) = refine(parsed(PARTIAL), [scare])
    assert (found.kind, found.rule, text[found.speaker.start:found.speaker.end]) == ("partial", "dep-partial", "Trump")


def test_a_scare_quote_in_a_clause_without_reporting_verb_stays() -> None:
    scare = Attribution(kind="scare", rule="scare", confidence=0.42)
    _, (found,) = refine(parsed(PARTIAL_NO_CUE, {"ignored": "ignore"}), [scare])
    assert found is scare


def test_the_doc_entities_are_handed_on() -> None:
    doc = parsed(QUOTE_NAME_CUE)
    doc.ents = [doc.char_span(15, 20, label="PERSON")]
    spans = [s for s in marks.scan(doc.text) if s.depth == 0]
    _, entities = syntax.ParsedDocSieve(doc).refine(doc.text, spans, [UNATTRIBUTED])
    assert entities == [(15, 20, "PERSON")]


# -- what the parser is given


LONG = "It is not good for anyone. The only people who benefit from mass migration are traffickers"


def _window_for(text: str) -> syntax.Window:
    spans = [s for s in marks.scan(text) if s.depth == 0]
    ((window, _),) = syntax._windows(text, spans, range(len(spans)))
    return window


@pytest.mark.parametrize(("text", "parse_text"), [
    pytest.param(f'"{LONG}," Rubio told reporters.', '"We will see," Rubio told reporters.', id="long-sentence"),
    pytest.param(f'"{LONG}." Rubio said it.', '"We will see." Rubio said it.', id="full-stop-kept"),
    pytest.param('Trump called it a "disgusting fraud that should be stopped by the courts right now" today.',
                 'Trump called it a "disgusting fraud that should be stopped by the" today.', id="long-fragment"),
    pytest.param('"Yes," he said.', '"Yes," he said.', id="short-quote-as-written"),
])
def test_long_quotes_reach_the_parser_short(text: str, parse_text: str) -> None:
    assert _window_for(text).text == parse_text


def test_offsets_map_back_past_a_placeholder() -> None:
    text = f'"{LONG}," Rubio told reporters.'
    window = _window_for(text)
    at = window.text.index("Rubio")
    assert text[window.source(at):window.source(at + 5, end=True)] == "Rubio"
    assert window.source(window.text.index("see")) is None


def test_context_is_the_sentence_before_to_the_sentence_after() -> None:
    text = ("First sentence here. Second one, Mr. Smith said. He then told them: "
            '"Yes." And after that. Not this one.')
    span = marks.scan(text)[0]
    left, right = syntax.context(text, span)
    assert text[left:right] == 'Second one, Mr. Smith said. He then told them: "Yes." And after that. '


def test_a_lead_in_paragraph_is_part_of_the_context() -> None:
    text = 'Unrelated paragraph.\n\nRubio told reporters:\n\n"We will see."'
    left, _ = syntax.context(text, marks.scan(text)[0])
    assert text[left:].startswith("Rubio told reporters:")


def test_a_huge_sentence_gives_small_windows() -> None:
    text = ("word " * 400_000) + '"' + ("spoken " * 300_000) + '," Rubio said ' + ("more " * 400_000)
    spans = [s for s in marks.scan(text) if s.depth == 0]
    ((window, _),) = syntax._windows(text, spans, [0])
    assert len(window.text) < syntax.LEFT_CONTEXT + syntax.RIGHT_CONTEXT + syntax.RENDER_CHARS


_PIECE = st.sampled_from(["word", "Rubio", "said", ",", ".", " ", " ", "\n", "\n\n", '"', "“", "”", ":", "x" * 300])


@given(st.lists(_PIECE, max_size=400).map("".join))
def test_windows_map_verbatim_text_back_exactly(text: str) -> None:
    spans = [s for s in marks.scan(text) if s.depth == 0]
    for window, indices in syntax._windows(text, spans, range(len(spans))):
        assert set(indices) <= set(window.quotes)
        assert len(window.text) <= syntax.MAX_WINDOW + syntax.LEFT_CONTEXT + syntax.RIGHT_CONTEXT + 3 * syntax.RENDER_CHARS
        for piece in window.pieces:
            if piece.verbatim:
                assert window.text[piece.parse_start:piece.parse_end] == text[piece.source_start:piece.source_end]
