"""quotes.find: a circulating quotation traced to its source, typography and small edits forgiven."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotes import Extractor, Quote
from quotes.cli import main
from quotes.search import QuoteIndex, align, claimed_words, find, iter_records, speaker_matches, tokenise

# Two invented reports of the same press conference, as two outlets print them.
COURIER = """LAKEVIEW, Ore. (Valley Courier) - Governor Helen Marsh on Tuesday defended her plan to close \
three rural hospitals.

\u201cWe cannot keep paying for buildings that nobody uses. The money has to follow the patients,\u201d Marsh \
told reporters at the state capitol.

State Senator Paul Okafor, a Democrat from Bend, said the plan would leave thousands without care.

"This is a betrayal of every family east of the mountains," he said.
"""

LEDGER = """SALEM (Coastal Ledger) - Gov. Helen Marsh said on Tuesday that the state would shut three hospitals.

"We cannot keep paying for buildings nobody uses. The money has to follow the patients," Marsh said.
"""

DOCS = [("courier", COURIER), ("ledger", LEDGER)]


@pytest.fixture(scope="module")
def records() -> list[dict]:
    extractor = Extractor(fast=True)
    return [q.to_dict() for doc_id, text in DOCS for q in extractor.extract(text, doc_id)]


@pytest.fixture(scope="module")
def index(records: list[dict]) -> QuoteIndex:
    return QuoteIndex(records)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("\u201cIt\u2019s over,\u201d", '"it\'s OVER"'),
        ("well-known \u2014 really", "well known - really"),
        ("It is   done", "it's done"),
        ("We cannot go", "we can't go"),
        ("They won\u2019t", "they will not"),
        ("na\u00efve \uff21\uff22\uff23", "NA\u00cfVE abc"),
    ],
    ids=["curly-marks-case", "dashes", "contraction-is", "cannot", "wont", "unicode-width"],
)
def test_typography_does_not_change_the_words(a: str, b: str) -> None:
    assert [t.norm for t in tokenise(a)] == [t.norm for t in tokenise(b)]


_QUOTE_MARKS = [('"', '"'), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("''", "''"), ("", "")]


@given(st.sampled_from(_QUOTE_MARKS), st.sampled_from(["'", "\u2019", "`"]), st.sampled_from(["-", "\u2014", " -- "]),
       st.sampled_from([str.lower, str.upper, str.title, str]), st.sampled_from([" ", "  ", "\n", "\u00a0"]))
def test_typographic_variants_match_exactly(marks, apostrophe, dash, case, space) -> None:
    source = "We don't know - and nobody knows - what comes next"
    variant = case(source.replace("'", apostrophe).replace(" - ", dash).replace(" ", space))
    record = {"doc_id": "d", "quote_id": "d:0", "speaker": None, "content": {"text": source, "start": 0, "end": 50}}
    (match,) = QuoteIndex([record]).search(marks[0] + variant + marks[1])
    assert match.score == 1.0 and match.exact


def test_tokens_point_into_the_text() -> None:
    text = "  He said: \u201cDon\u2019t go.\u201d"
    tokens = tokenise(text, offset=100)
    assert [text[t.start - 100:t.end - 100] for t in tokens] == ["He", "said", "Don\u2019t", "Don\u2019t", "go"]
    assert [t.norm for t in tokens] == ["he", "said", "do", "not", "go"]


def test_possessive_stays_one_word() -> None:
    assert [t.norm for t in tokenise("Panama\u2019s canal")] == ["panamas", "canal"]


@pytest.mark.parametrize(
    ("claim", "source", "breaks", "cost", "ops"),
    [
        ("a b c", "x a b c y", (), 0.0, "=,=,="),
        ("a b c", "a c", (), 1.0, "=,+,="),
        ("a c", "a b c", (), 1.0, "=,-,="),
        ("a z c", "a b c", (), 1.0, "=,~,="),
        ("a c", "a b b c", (1,), 0.0, "=,.,.,="),
    ],
    ids=["local-fragment", "word-added", "word-dropped", "word-changed", "ellipsis-elides"],
)
def test_align(claim: str, source: str, breaks: tuple, cost: float, ops: str) -> None:
    alignment = align(claim.split(), source.split(), breaks)
    symbols = {"equal": "=", "added": "+", "dropped": "-", "changed": "~", "elided": "."}
    assert alignment.cost == cost
    assert ",".join(symbols[op] for op, _, _ in alignment.ops) == ops


def test_spelling_variant_costs_less_than_a_new_word() -> None:
    variant = align(["organisation"], ["organization"], local=False)
    assert 0 < variant.cost < 0.2
    assert align(["cat"], ["dog"], local=False).cost == 1.0


def test_exact_claim_matches_both_outlets_despite_marks(index: QuoteIndex) -> None:
    matches = index.search('"The money has to follow the patients."')
    assert sorted(m.doc_id for m in matches) == ["courier", "ledger"]
    for match in matches:
        assert match.score == 1.0 and match.exact
        assert match.text == "The money has to follow the patients"
        assert match.speaker["name"] == "Helen Marsh"


def test_offsets_point_at_the_matched_words(index: QuoteIndex) -> None:
    texts = dict(DOCS)
    for match in index.search("the money has to follow the patients"):
        assert texts[match.doc_id][match.start:match.end] == match.text


def test_words_around_a_cut_claim_are_reported(index: QuoteIndex) -> None:
    match = next(m for m in index.search("nobody uses. The money has to follow") if m.doc_id == "ledger")
    assert match.exact
    assert (match.before, match.after) == ("We cannot keep paying for buildings", "the patients")


def test_ellipsis_stands_for_the_elided_words(index: QuoteIndex) -> None:
    match = index.search("We cannot keep paying ... the patients", limit=1)[0]
    assert match.score == 1.0
    assert match.differences.elided in (("for buildings that nobody uses. The money has to follow",),
                                        ("for buildings nobody uses. The money has to follow",))


def test_dropped_words_are_reported(index: QuoteIndex) -> None:
    courier = next(m for m in index.search("We cannot keep paying for buildings nobody uses.")
                   if m.doc_id == "courier")
    assert courier.differences.dropped == ("that",)
    assert not courier.exact and 0.85 < courier.score < 1.0


def test_changed_and_added_words_are_reported(index: QuoteIndex) -> None:
    claim = "We can't keep paying for hospitals that nobody uses, the money must follow patients"
    courier = next(m for m in index.search(claim, min_score=0.6) if m.doc_id == "courier")
    assert ("hospitals", "buildings") in courier.differences.changed
    assert courier.differences.dropped  # "has to", "the" are gone from the claim
    assert courier.score < 0.85


def test_misattributed_speaker_is_visible(index: QuoteIndex) -> None:
    matches = index.search("This is a betrayal of every family east of the mountains", speaker="Helen Marsh")
    assert [m.doc_id for m in matches] == ["courier"]
    assert matches[0].speaker_match is False
    assert matches[0].speaker["name"] == "Paul Okafor"
    assert index.search("This is a betrayal of every family", speaker="Helen Marsh", require_speaker=True) == []
    assert index.search("This is a betrayal of every family", speaker="Sen. Okafor")[0].speaker_match is True


def test_unrelated_claim_finds_nothing(index: QuoteIndex) -> None:
    assert index.search("Taxes will be cut for every family next year") == []


@pytest.mark.parametrize(
    ("claim", "words", "breaks"),
    [
        ('Governor Marsh: "The money has to follow the patients."', "the money has to follow the patients", set()),
        ('\u201cWe cannot keep paying,\u201d she said, \u201cthe money has to follow\u201d',
         "we can not keep paying the money has to follow", {5}),
        ('He said the "money" has to follow the patients', "he said the money has to follow the patients", set()),
        ("The money ... the patients", "the money the patients", {2}),
    ],
    ids=["attribution-around", "two-fragments", "quoted-word-inside", "no-marks"],
)
def test_claimed_words(claim: str, words: str, breaks: set[int]) -> None:
    found, where = claimed_words(claim)
    assert " ".join(found.norms) == words
    assert where == breaks


def test_pasted_attribution_does_not_count_as_added_words(index: QuoteIndex) -> None:
    (best, *_) = index.search('Gov. Marsh on Tuesday: "The money has to follow the patients"')
    assert best.score == 1.0


def test_empty_claim_finds_nothing(index: QuoteIndex) -> None:
    assert index.search(" ... ") == []


def test_claim_across_a_split_quote() -> None:
    first = {"doc_id": "d", "quote_id": "d:0", "continues": None, "speaker": None,
             "content": {"text": "We will rebuild,", "start": 1, "end": 17}}
    second = {"doc_id": "d", "quote_id": "d:1", "continues": "d:0", "speaker": None,
              "content": {"text": "and we will do it this year.", "start": 31, "end": 59}}
    match = QuoteIndex([first, second]).search("we will rebuild and we will do it this year")[0]
    assert match.score == 1.0
    assert (match.start, match.end) == (1, 58)
    assert [r["quote_id"] for r in match.records] == ["d:0", "d:1"]


@pytest.mark.parametrize(
    ("claimed", "speaker", "expected"),
    [
        ("Rubio", {"name": "Marco Rubio", "text": "Rubio", "title": None, "type": "person"}, True),
        ("Secretary Rubio", {"name": "Marco Rubio", "text": "Rubio", "title": "U.S. Secretary of State",
                             "type": "person"}, True),
        ("Mr. Rubio", {"name": "Marco Rubio", "text": "he", "title": None, "type": "person"}, True),
        ("Governor Marsh", {"name": "Helen Marsh", "text": "Marsh", "title": None, "type": "person"}, True),
        ("Joe Biden", {"name": "Hunter Biden", "text": "Biden", "title": None, "type": "person"}, False),
        ("Joe Biden", {"name": "Marco Rubio", "text": "Rubio", "title": None, "type": "person"}, False),
        ("Joe Biden", {"name": None, "text": "he", "title": None, "type": "pronoun"}, None),
        ("Joe Biden", None, None),
    ],
    ids=["surname", "title-and-surname", "honorific", "title-not-in-source", "other-first-name", "other-person",
         "unresolved-pronoun", "unattributed"],
)
def test_speaker_matches(claimed: str, speaker: dict | None, expected: bool | None) -> None:
    assert speaker_matches(claimed, speaker) is expected


def test_find_accepts_documents_quotes_and_doc_records(records: list[dict]) -> None:
    claim = "The money has to follow the patients"
    quotes = Extractor(fast=True).extract(LEDGER, "ledger")
    per_doc = {"doc_id": "ledger", "meta": {}, "quotes": [q.to_dict() for q in quotes]}
    for items in (DOCS, records, quotes, [per_doc], [{"id": "ledger", "text": LEDGER}]):
        assert "ledger" in {m.doc_id for m in find(claim, items, fast=True)}


def test_iter_records_rejects_what_it_cannot_read() -> None:
    with pytest.raises(TypeError, match="not a quote record or a document"):
        list(iter_records([42]))


def test_quote_objects_and_dicts_index_alike(records: list[dict]) -> None:
    quotes = [q for doc_id, text in DOCS for q in Extractor(fast=True).extract(text, doc_id)]
    assert all(isinstance(q, Quote) for q in quotes)
    claim = "nobody uses"
    assert ([m.to_dict() for m in QuoteIndex(quotes).search(claim)]
            == [m.to_dict() for m in QuoteIndex(records).search(claim)])


# -- on the seed articles --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_index(seed_texts: dict[str, str]) -> QuoteIndex:
    return QuoteIndex(iter_records(seed_texts.items(), fast=True))


def test_seed_quote_found_in_both_articles(seed_index: QuoteIndex) -> None:
    matches = seed_index.search("The only people ... are traffickers", speaker="Rubio")
    assert len({m.doc_id for m in matches}) == 2
    assert all(m.exact and m.speaker_match for m in matches)


def test_seed_quote_misattributed(seed_index: QuoteIndex) -> None:
    matches = seed_index.search("\u201cIt is not good for anyone,\u201d", speaker="Joe Biden")
    assert len(matches) == 2
    assert all(m.speaker_match is False and m.speaker["name"] == "Marco Rubio" for m in matches)


# -- the command --------------------------------------------------------------------------------------------


@pytest.fixture()
def article_files(tmp_path):
    for doc_id, text in DOCS:
        (tmp_path / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return sorted(str(p) for p in tmp_path.glob("*.txt"))


def test_cli_find_reports_a_misattribution(article_files, capsys) -> None:
    code = main(["find", "This is a betrayal of every family", *article_files, "--fast", "--speaker", "Helen Marsh"])
    out = capsys.readouterr().out
    assert code == 0
    assert "courier [" in out
    assert "SPEAKER DIFFERS: claimed Helen Marsh, the source says Paul Okafor" in out


def test_cli_find_jsonl_over_records(article_files, tmp_path, capsys) -> None:
    out_file = tmp_path / "quotes.jsonl"
    assert main(["extract", "--fast", *article_files, "-o", str(out_file)]) == 0
    assert main(["find", "money has to follow the patients", str(out_file), "--output-format", "jsonl"]) == 0
    matches = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {m["doc_id"] for m in matches} == {"courier", "ledger"}
    assert all(m["exact"] and m["speaker"]["name"] == "Helen Marsh" for m in matches)


def test_cli_find_no_match_exits_3(article_files) -> None:
    assert main(["find", "completely different words here", *article_files, "--fast"]) == 3


def test_cli_find_rejects_same_speaker_without_speaker(article_files) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["find", "x", *article_files, "--same-speaker"])
    assert exit_info.value.code == 2
