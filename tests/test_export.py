"""quotes.export: schema.org Claim/ClaimReview and W3C Web Annotation records that point back into the text."""

from __future__ import annotations

import io
import sys

import orjson
import pytest

from quotes import Extractor
from quotes.cli import main
from quotes.export import export, to_claim, to_claim_review, to_web_annotation

ARTICLE = """SALEM (Coastal Ledger) - The governor's office defended the closures.

"We cannot keep paying for buildings nobody uses," Gov. Helen Marsh said.

"The decision is final," the Department of Health said in a statement.
"""
META = {"url": "https://ledger.example/closures", "title": "Marsh defends closures", "date": "2025-03-05"}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [q.to_dict() for q in Extractor(fast=True).extract(ARTICLE, "ledger", META)]


def _by_words(records: list[dict], words: str) -> dict:
    return next(r for r in records if words in r["content"]["text"])


def test_claim_carries_text_author_appearance_and_date(records: list[dict]) -> None:
    claim = to_claim(_by_words(records, "buildings"))
    author = claim.pop("author")
    assert (author["@type"], author["name"]) == ("Person", "Helen Marsh")
    assert claim == {
        "@context": "https://schema.org",
        "@type": "Claim",
        "identifier": "ledger:0",
        "text": "We cannot keep paying for buildings nobody uses",
        "datePublished": "2025-03-05",
        "appearance": {"@type": "CreativeWork", "url": "https://ledger.example/closures",
                       "headline": "Marsh defends closures", "datePublished": "2025-03-05"},
    }


def test_organisation_speaker_is_an_organization() -> None:
    record = {"quote_id": "d:0", "content": {"text": "Final.", "start": 0, "end": 6}, "meta": {},
              "speaker": {"name": "Department of Health", "text": "the Department of Health", "title": None,
                          "type": "organisation"}}
    assert to_claim(record)["author"] == {"@type": "Organization", "name": "Department of Health"}


def test_unattributed_claim_has_no_author_and_no_appearance_without_metadata() -> None:
    record = {"quote_id": "d:0", "content": {"text": "Who said it?", "start": 0, "end": 12}, "speaker": None}
    claim = to_claim(record)
    assert "author" not in claim and "appearance" not in claim and "datePublished" not in claim


def test_claim_review_is_a_draft_around_the_claim(records: list[dict]) -> None:
    record = _by_words(records, "buildings")
    review = to_claim_review(record)
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "We cannot keep paying for buildings nobody uses"
    assert review["itemReviewed"] == {k: v for k, v in to_claim(record).items() if k != "@context"}
    assert "reviewRating" not in review  # the verdict is the fact-checker's


def test_web_annotation_selectors_point_into_the_source(records: list[dict]) -> None:
    record = _by_words(records, "buildings")
    annotation = to_web_annotation(record, ARTICLE)
    assert annotation["type"] == "Annotation" and annotation["id"].startswith("urn:uuid:")
    target = annotation["target"]
    assert target["source"] == "https://ledger.example/closures"
    position, quote = target["selector"]
    assert position["type"] == "TextPositionSelector" and quote["type"] == "TextQuoteSelector"
    assert ARTICLE[position["start"]:position["end"]] == quote["exact"] == record["content"]["text"]
    assert ARTICLE[:position["start"]].endswith(quote["prefix"]) and len(quote["prefix"]) == 32
    assert ARTICLE[position["end"]:].startswith(quote["suffix"])
    assert {"type": "TextualBody", "purpose": "identifying", "value": "Helen Marsh"} in annotation["body"]


def test_annotation_ids_are_stable(records: list[dict]) -> None:
    assert to_web_annotation(records[0])["id"] == to_web_annotation(dict(records[0]))["id"]
    assert to_web_annotation(records[0])["id"] != to_web_annotation(records[1])["id"]


def test_web_annotation_without_source_has_exact_only(records: list[dict]) -> None:
    (_, quote) = to_web_annotation(records[0])["target"]["selector"]
    assert set(quote) == {"type", "exact"}


def test_web_annotation_refuses_another_text(records: list[dict]) -> None:
    with pytest.raises(ValueError, match="does not hold this quote"):
        to_web_annotation(records[0], ARTICLE.upper())


def test_export_rejects_unknown_format(records: list[dict]) -> None:
    with pytest.raises(ValueError, match="to must be one of"):
        export(records[0], "rdf")


def _write_corpus(tmp_path) -> str:
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(orjson.dumps({"id": "ledger", "text": ARTICLE, **META}) + b"\n")
    return str(path)


def test_cli_annotations_from_documents(tmp_path, capsys) -> None:
    assert main(["export", "--to", "annotation", _write_corpus(tmp_path), "--fast"]) == 0
    annotations = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert annotations and all("prefix" in a["target"]["selector"][1] for a in annotations)


def test_cli_annotations_from_records_with_source(tmp_path, capsys) -> None:
    corpus = _write_corpus(tmp_path)
    records = tmp_path / "quotes.jsonl"
    assert main(["extract", "--fast", corpus, "-o", str(records)]) == 0
    assert main(["export", "--to", "annotation", str(records), "--source", corpus]) == 0
    with_source = capsys.readouterr().out
    assert main(["export", "--to", "annotation", str(records)]) == 0
    without = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [orjson.loads(line) for line in with_source.splitlines()] == [
        to_web_annotation(r, ARTICLE) for r in (orjson.loads(line) for line in records.read_bytes().splitlines())
    ]
    assert all("prefix" not in a["target"]["selector"][1] for a in without)


def test_cli_claims(tmp_path, capsys) -> None:
    assert main(["export", "--to", "claimreview", _write_corpus(tmp_path), "--fast"]) == 0
    reviews = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["itemReviewed"]["appearance"]["url"] for r in reviews} == {META["url"]}


def test_cli_reads_records_on_stdin(tmp_path, monkeypatch, capsys) -> None:
    records = tmp_path / "quotes.jsonl"
    assert main(["extract", "--fast", _write_corpus(tmp_path), "-o", str(records)]) == 0
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(records.read_bytes())))
    assert main(["export", "--to", "claim"]) == 0
    claims = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    expected = [orjson.loads(line)["quote_id"] for line in records.read_bytes().splitlines()]
    assert [c["identifier"] for c in claims] == expected
