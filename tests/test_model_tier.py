"""The whole cascade with a real spaCy pipeline: skipped when no model is installed.

Covers what hand-built parses cannot: the parser's own trees on news text,
the spaCy component in a trained pipeline, the dev-set gain over ``--fast``
and inputs that would trip spaCy's length limit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quotes.errors import ModelNotFound
from quotes.evaluate import flat_quote, load_gold, score
from quotes.nlp import default_model, load
from quotes.pipeline import Extractor

pytestmark = pytest.mark.model

FLOORS = {"end_to_end_f1": 0.87, "quote_recall": 0.945, "speaker_accuracy": 0.915}
"""About 0.01 under what the default cascade measured on the dev set: end-to-end
F1 0.885, quote recall 0.950, speaker accuracy 0.928 (``--fast``: 0.870, 0.938, 0.918)."""


@pytest.fixture(scope="module")
def default() -> Extractor:
    try:
        load()  # the pipeline the cascade will use
    except ModelNotFound as error:
        pytest.skip(str(error))
    return Extractor()


def _scores(extractor: Extractor, gold: dict[str, dict[str, Any]]) -> dict[str, Any]:
    predictions = {doc_id: [flat_quote(q.to_dict()) for q in extractor.extract(doc["text"], doc_id)]
                   for doc_id, doc in gold.items()}
    return score(gold, predictions)


@pytest.mark.slow
def test_default_mode_beats_fast_on_the_dev_set(default: Extractor, dev_gold_path: Path) -> None:
    gold = load_gold(dev_gold_path)
    full, fast = _scores(default, gold), _scores(Extractor(fast=True), gold)
    assert full["end_to_end"]["f1"] >= FLOORS["end_to_end_f1"]
    assert full["quote_overlap"]["r"] >= FLOORS["quote_recall"]
    assert full["speaker_accuracy"] >= FLOORS["speaker_accuracy"]
    assert full["quote_overlap"]["r"] > fast["quote_overlap"]["r"]
    assert full["speaker_accuracy"] > fast["speaker_accuracy"]


def test_seed_quotes_get_their_canonical_speakers(default: Extractor, seeds_gold: list[dict]) -> None:
    misses = []
    for doc in seeds_gold:
        found = {(q.quote.start, q.quote.end): q for q in default.extract(doc["text"], doc["id"])}
        for gold in doc["quotes"]:
            quote = found.get((gold["start"], gold["end"]))
            name = quote.speaker.name if quote is not None and quote.speaker is not None else None
            if name != gold["speaker"]:
                misses.append((doc["id"], gold["start"], name, gold["speaker"]))
    assert misses == []
    assert sum(len(doc["quotes"]) for doc in seeds_gold) == 11


@pytest.mark.parametrize(("text", "speaker", "cue"), [
    pytest.param('The plan failed, Schiff said on Tuesday. "The other factor the administration may be considering '
                 'is whether it would look like an attempt to tip the scales."', "Schiff", "say", id="previous-sentence"),
    pytest.param('His spokesman, John Doe, said: "We are not going to comment on that today or any other day."',
                 "John Doe", "say", id="name-in-apposition"),
])
def test_the_parse_settles_what_the_rules_leave(default: Extractor, text: str, speaker: str, cue: str) -> None:
    (quote,) = default.extract(text)
    assert (quote.method, quote.speaker.text, quote.cue.lemma) == ("syntax", speaker, cue)


def test_a_huge_sentence_never_reaches_spacy_whole(default: Extractor) -> None:
    text = ("word " * 300_000) + '"' + ("spoken " * 300_000) + '." And ' + ("more " * 300_000) + ', he said.'
    assert len(text) > 2 * default.parser.nlp.max_length
    (quote,) = default.extract(text)
    assert quote.content.end - quote.content.start > 2_000_000


def test_the_component_in_a_trained_pipeline(default: Extractor) -> None:
    import spacy

    nlp = spacy.load(default_model())
    nlp.add_pipe("quotes")
    doc = nlp('The plan failed, Schiff said. "We will see what the administration decides to do about it next."')
    (record,) = doc._.quotes
    assert (record["method"], record["speaker"]["text"]) == ("syntax", "Schiff")


NEWS = [
    'The plan was "dead on arrival," the senator, who chairs the committee, told reporters on Monday.',
    "No quotation marks here at all.",
    '"The results were strong, beating every target we set," chairman and chief executive Maria Olsen said.',
    'Asked about the vote, Ms. Lee was blunt. "We lost," she said. Her deputy called it "a setback".',
    '“Prices will rise,” warned the bank, whose chief economist, Ann Lee, spoke in London.',
]


def test_a_batch_parses_its_documents_together_and_gives_what_each_gives_alone(default: Extractor) -> None:
    docs = [(text, f"d{i}", None) for i, text in enumerate(NEWS * 2)]
    batched = default.records_batch(docs)
    assert batched == [default.records(*doc) for doc in docs]
    assert sum(record["method"] == "syntax" for records in batched for record in records) == 2  # parsed, twice
