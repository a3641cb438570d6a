"""The spaCy component: registration, results on ``doc._.quotes``, multiprocessing and DocBin."""

from __future__ import annotations

from importlib import metadata

import pytest
import spacy
from spacy.tokens import Doc, DocBin

import quotes
import quotes.component

TEXTS = [
    '"It is not good for anyone," Marco Rubio told reporters on Monday. "We will see."',
    "No quotation here at all.",
    'Trump called it a "disgusting fraud" and left. "We are done," she said.',
]


@pytest.fixture(scope="module")
def blank() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("quotes")
    return nlp


def test_the_factory_is_declared_as_an_entry_point() -> None:
    try:
        found = metadata.entry_points(group="spacy_factories")
    except metadata.PackageNotFoundError:  # pragma: no cover
        pytest.skip("the package is not installed")
    names = {e.name: e.value for e in found}
    if "quotes" not in names:
        pytest.skip("the package is not installed, so its entry points are not registered")
    assert names["quotes"] == "quotes.component:make_quotes_component"


def test_records_are_the_extractors(blank: spacy.language.Language) -> None:
    for text in TEXTS:
        expected = [q.to_dict() for q in quotes.extract(text, fast=True)]
        assert blank(text)._.quotes == expected


def test_offsets_point_into_the_doc_text(blank: spacy.language.Language) -> None:
    doc = blank(TEXTS[0])
    for record in doc._.quotes:
        for key in ("quote", "content", "speaker", "cue"):
            if record[key] is not None:
                assert doc.text[record[key]["start"]:record[key]["end"]] == record[key]["text"]


def test_a_parsed_doc_is_read_not_parsed_again(blank: spacy.language.Language) -> None:
    words = ["It", "failed", ",", "Schiff", "said", ".", '"', "We", "will", "see", ".", '"']
    doc = Doc(blank.vocab, words=words,
              spaces=[True, False, True, True, False, True, False, True, True, False, False, False],
              pos=["PRON", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT", "PUNCT", "PRON", "AUX", "VERB", "PUNCT", "PUNCT"],
              deps=["nsubj", "ccomp", "punct", "nsubj", "ROOT", "punct", "punct", "nsubj", "aux", "ROOT", "punct",
                    "punct"],
              heads=[1, 4, 4, 4, 4, 4, 9, 9, 9, 9, 9, 9])
    (record,) = blank.get_pipe("quotes")(doc)._.quotes
    assert (record["method"], record["speaker"]["text"], record["cue"]["lemma"]) == ("syntax", "Schiff", "say")


def test_fast_ignores_the_parse(blank: spacy.language.Language) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("quotes", config={"fast": True})
    assert nlp.get_pipe("quotes").fast


def test_results_survive_two_worker_processes(blank: spacy.language.Language) -> None:
    one = [doc._.quotes for doc in blank.pipe(TEXTS * 4)]
    two = [doc._.quotes for doc in blank.pipe(TEXTS * 4, n_process=2, batch_size=2)]
    assert two == one
    assert any(one)


def test_results_survive_a_docbin(blank: spacy.language.Language) -> None:
    docs = list(blank.pipe(TEXTS))
    stored = DocBin(store_user_data=True, docs=docs).to_bytes()
    restored = list(DocBin().from_bytes(stored).get_docs(spacy.blank("en").vocab))
    assert [d._.quotes for d in restored] == [d._.quotes for d in docs]
