"""quotes.group: one quotation reported by several outlets becomes one group, without comparing every pair."""

from __future__ import annotations

import random

import orjson
import pytest

from quotes import Extractor
from quotes import grouping as group_module
from quotes.cli import main
from quotes.dates import record_date
from quotes.grouping import group
from quotes.model import fingerprint

# Invented coverage of one press conference by three outlets, on three days.
COURIER = """LAKEVIEW (Valley Courier) - Governor Helen Marsh defended her plan to close three rural hospitals.

\u201cWe cannot keep paying for buildings that nobody uses. The money has to follow the patients,\u201d Marsh \
told reporters.

"This is a betrayal of every family east of the mountains," said State Senator Paul Okafor.
"""
LEDGER = """SALEM (Coastal Ledger) - Gov. Helen Marsh will shut three hospitals.

"We cannot keep paying for buildings nobody uses. The money has to follow the patients," Marsh said.
"""
HERALD = """BEND (High Desert Herald) - Senator Paul Okafor was furious.

\u201cThis is a betrayal of every family east of the mountains,\u201d Okafor said. \u201cWe will fight it.\u201d
"""

DOCS = [
    ("courier", COURIER, {"date": "2025-03-04"}),
    ("ledger", LEDGER, {"publication_date": "2025-03-05T08:00:00Z"}),
    ("herald", HERALD, {"published": "2025-03-03"}),
]


def _record(doc_id: str, text: str, speaker: str | None = None, **meta: str) -> dict:
    return {"doc_id": doc_id, "quote_id": f"{doc_id}:0", "fingerprint": fingerprint(text),
            "content": {"text": text, "start": 0, "end": len(text)},
            "speaker": {"name": speaker, "text": speaker} if speaker else None, "meta": meta}


@pytest.fixture(scope="module")
def groups() -> list[dict]:
    extractor = Extractor(fast=True)
    records = [q.to_dict() for doc_id, text, meta in DOCS for q in extractor.extract(text, doc_id, meta)]
    return [g.to_dict() for g in group(records)]


def _group_with(groups: list[dict], words: str) -> dict:
    return next(g for g in groups if words in g["canonical"])


def test_typographic_variants_share_a_group(groups: list[dict]) -> None:
    betrayal = _group_with(groups, "betrayal")
    assert betrayal["count"] == 2 and betrayal["documents"] == 2
    assert len(betrayal["variants"]) == 1  # curly and straight marks: one fingerprint
    assert betrayal["speakers"] == [{"name": "Paul Okafor", "count": 2}]


def test_near_duplicates_join_with_their_differences(groups: list[dict]) -> None:
    money = _group_with(groups, "The money has to follow")
    assert money["documents"] == 2
    assert len(money["variants"]) == 2
    assert money["variants"][0]["differences"] == {"added": [], "dropped": [], "changed": [], "elided": []}
    differences = [v["differences"] for v in money["variants"][1:]]
    assert differences in ([{"added": [], "dropped": ["that"], "changed": [], "elided": []}],
                           [{"added": ["that"], "dropped": [], "changed": [], "elided": []}])


def test_first_and_last_seen_come_from_date_metadata(groups: list[dict]) -> None:
    betrayal = _group_with(groups, "betrayal")
    assert betrayal["first_seen"]["doc_id"] == "herald" and betrayal["first_seen"]["date"] == "2025-03-03"
    assert betrayal["last_seen"]["doc_id"] == "courier"
    money = _group_with(groups, "The money has to follow")
    assert money["last_seen"] == {"date": "2025-03-05T08:00:00Z", "doc_id": "ledger", "quote_id": "ledger:0"}


def test_occurrences_point_into_the_documents(groups: list[dict]) -> None:
    texts = {doc_id: text for doc_id, text, _ in DOCS}
    for g in groups:
        for occurrence in g["occurrences"]:
            quoted = texts[occurrence["doc_id"]][occurrence["start"]:occurrence["end"]]
            assert fingerprint(quoted) == occurrence["fingerprint"]


def test_every_record_lands_in_exactly_one_group(groups: list[dict]) -> None:
    extractor = Extractor(fast=True)
    total = sum(len(extractor.extract(text, doc_id)) for doc_id, text, _ in DOCS)
    assert sum(g["count"] for g in groups) == total
    ids = [o["quote_id"] for g in groups for o in g["occurrences"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("a", "b", "together"),
    [
        ("We will never surrender to these people", "we will NEVER surrender to those people", True),
        ("It's not good for anyone. The only people who benefit from mass migration are traffickers",
         "The only people who benefit from mass migration are traffickers", True),
        ("The economy is strong and getting stronger", "The army is strong and getting stronger every day, "
         "and our navy is the best in the world", False),
        ("fake news", "fake views", False),
        ("We will build the wall", "We will cut your taxes", False),
    ],
    ids=["changed-word", "printed-in-part", "different-statements", "short-phrases", "shared-opening"],
)
def test_near_duplicate_rule(a: str, b: str, together: bool) -> None:
    found = group([_record("a", a), _record("b", b)])
    assert (len(found) == 1) is together


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"date": "2025-02-04"}, "2025-02-04"),
        ({"publication_date": "2016-09-16T10:00:00+02:00"}, "2016-09-16T10:00:00+02:00"),
        ({"published": "2024-01-01 12:00"}, "2024-01-01 12:00"),
        ({"date": "yesterday", "published": "2020-05-01"}, "2020-05-01"),
        ({"date": "last week"}, None),
        ({}, None),
    ],
    ids=["date", "iso-with-zone", "space-separated", "first-parseable-key", "unparseable", "none"],
)
def test_record_date(meta: dict, expected: str | None) -> None:
    found = record_date({"meta": meta})
    assert (found[1] if found else None) == expected


def test_dates_with_and_without_zone_order_together() -> None:
    records = [_record("a", "We will fight on the beaches and the hills", date="2025-01-02"),
               _record("b", "We will fight on the beaches and the hills", date="2025-01-01T23:00:00-05:00")]
    summary = group(records)[0].to_dict()
    assert summary["first_seen"]["doc_id"] == "a"  # 2025-01-02 04:00 UTC is later than midnight
    assert summary["last_seen"]["doc_id"] == "b"


def test_unattributed_quotes_are_counted() -> None:
    records = [_record("a", "Nobody knows who said this line", "Jane Roe"),
               _record("b", "Nobody knows who said this line")]
    summary = group(records)[0].to_dict()
    assert summary["speakers"] == [{"name": "Jane Roe", "count": 1}]
    assert summary["unattributed"] == 1


def test_blocking_keeps_comparisons_far_below_all_pairs(monkeypatch) -> None:
    vocabulary = [f"word{i}" for i in range(5000)]
    rng = random.Random(7)
    texts = {" ".join(rng.choice(vocabulary) for _ in range(12)) for _ in range(1500)}
    records = [_record(f"d{i}", text) for i, text in enumerate(sorted(texts))]
    calls = []
    real = group_module._near_duplicates

    def counting(a, b, threshold):
        calls.append(1)
        return real(a, b, threshold)

    monkeypatch.setattr(group_module, "_near_duplicates", counting)
    found = group(records)
    pairs = len(records) * (len(records) - 1) // 2
    assert len(found) == len(records)  # random word salads: nothing to join
    assert len(calls) < pairs / 100


def test_seed_articles_share_their_rubio_quotes(seed_texts: dict[str, str]) -> None:
    extractor = Extractor(fast=True)
    records = [q.to_dict() for doc_id, text in seed_texts.items() for q in extractor.extract(text, doc_id)]
    shared = [g.to_dict() for g in group(records) if g.to_dict()["documents"] == 2]
    canonical = sorted(g["canonical"][:30] for g in shared)
    assert canonical == ["It's not good for anyone. The ", "This is an example of the kind"]
    for g in shared:
        assert len(g["variants"]) == 1  # straight and curly marks give one fingerprint
        assert g["speakers"] == [{"name": "Marco Rubio", "count": 2}]


def test_cli_group_over_extracted_records(tmp_path, capsys) -> None:
    for doc_id, text, meta in DOCS:
        line = {"id": doc_id, "text": text, **meta}
        (tmp_path / "corpus.jsonl").open("ab").write(orjson.dumps(line) + b"\n")
    records = tmp_path / "quotes.jsonl"
    assert main(["extract", "--fast", str(tmp_path / "corpus.jsonl"), "-o", str(records)]) == 0
    assert main(["group", str(records), "--min-documents", "2"]) == 0
    groups = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(groups) == 2
    assert {g["first_seen"]["doc_id"] for g in groups} == {"herald", "courier"}
