"""Scoring: the evaluation's rules on hand-made cases, and agreement with the reference scorer."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

from quotes.errors import BadInput
from quotes.evaluate import (
    cue_correct,
    evaluate,
    flat_quote,
    match,
    name_words,
    score,
    speaker_correct,
    trim_span,
)

TEXT = ('"It\'s not good for anyone," Rubio told reporters. The White House called it "serious." '
        'Later he said: "We will see."')
Q1 = (0, TEXT.index(',"') + 2)
Q2 = (TEXT.index('"serious'), TEXT.index('."') + 2)
Q3 = (TEXT.index('"We'), len(TEXT))
RUBIO = (TEXT.index("Rubio"), TEXT.index("Rubio") + 5)
HE = (TEXT.index("he said"), TEXT.index("he said") + 2)


def gold_quote(span: tuple[int, int], speaker: str | None, mention: tuple[int, int] | None, cue: str | None,
               kind: str = "direct", **extra: Any) -> dict[str, Any]:
    quote = {"start": span[0], "end": span[1], "speaker": speaker, "kind": kind,
             "speaker_start": mention[0] if mention else None, "speaker_end": mention[1] if mention else None,
             "cue": cue, "cue_start": TEXT.index(cue) if cue else None,
             "cue_end": TEXT.index(cue) + len(cue) if cue else None}
    quote.update(extra)
    return quote


GOLD = {"d1": {"id": "d1", "text": TEXT, "quotes": [
    gold_quote(Q1, "Marco Rubio", RUBIO, "told", speaker_mention="Rubio", speaker_is_pronoun=False),
    gold_quote(Q2, "The White House", (TEXT.index("The White"), TEXT.index(" called")), "called", kind="partial",
               speaker_is_pronoun=False),
    gold_quote(Q3, "Marco Rubio", HE, "said", speaker_mention="he", speaker_is_pronoun=True),
]}, "d2": {"id": "d2", "text": "No quotes.", "quotes": []}}


@pytest.mark.parametrize(("span", "expected"), [
    ((0, Q1[1]), (1, Q1[1] - 2)),           # marks and the trailing comma go
    ((1, 5), (1, 5)),
    ((Q3[0], Q3[1]), (Q3[0] + 1, Q3[1] - 2)),
    ((-4, 3), (1, 3)),
    ((5, 5), (5, 5)),
], ids=["quote", "inside", "full-stop", "clamped", "empty"])
def test_trim_span(span: tuple[int, int], expected: tuple[int, int]) -> None:
    assert trim_span(TEXT, *span) == expected


def test_matching_is_one_to_one_best_first() -> None:
    gold = [(0, 10), (20, 30)]
    assert match(gold, [(0, 10), (0, 10)], exact=True) == [(0, 0)]
    assert match(gold, [(2, 10), (0, 9)], exact=False) == [(0, 1)]  # Jaccard .9 beats .8
    assert match(gold, [(0, 30)], exact=False) == []  # Jaccard 1/3


@pytest.mark.parametrize(("pred", "right"), [
    ({"speaker": "Marco Rubio"}, True),
    ({"speaker": "Sen. Rubio"}, True),
    ({"speaker": "Rubio and many other officials of the government"}, False),
    ({"speaker": "x", "speaker_start": RUBIO[0], "speaker_end": RUBIO[1]}, True),
    ({"speaker": "x", "speaker_start": 0, "speaker_end": len(TEXT)}, False),  # a mention that long is no answer
    ({"speaker": None}, False),
], ids=["full-name", "title-dropped", "too-long", "span", "span-too-long", "none"])
def test_speaker_rules(pred: dict[str, Any], right: bool) -> None:
    assert speaker_correct(GOLD["d1"]["quotes"][0], pred, TEXT) is right


def test_pronouns_count_only_by_span_and_no_speaker_only_by_none() -> None:
    gold_he = {"speaker": "he", "speaker_start": HE[0], "speaker_end": HE[1]}
    assert not speaker_correct(gold_he, {"speaker": "he"}, TEXT)
    assert speaker_correct(gold_he, {"speaker": "Marco Rubio", "speaker_start": HE[0], "speaker_end": HE[1]}, TEXT)
    assert speaker_correct({"speaker": None}, {"speaker": None}, TEXT)
    assert not speaker_correct({"speaker": None}, {"speaker": "Rubio"}, TEXT)
    assert name_words("The President Joe Biden") == ["joe", "biden"] and name_words("Mr.") == ["mr"]


@pytest.mark.parametrize(("gold", "pred", "right"), [
    ({"cue": "told reporters"}, {"cue": "told"}, True),
    ({"cue": "did not address"}, {"cue": "address"}, True),
    ({"cue": "said"}, {"cue": "added"}, False),
    ({"cue": "said", "cue_start": 3, "cue_end": 7}, {"cue": "x", "cue_start": 5, "cue_end": 9}, True),
    ({"cue": "said"}, {"cue": None}, False),
], ids=["words-within", "fillers-ignored", "different", "span", "none"])
def test_cue_rules(gold: dict[str, Any], pred: dict[str, Any], right: bool) -> None:
    assert cue_correct(gold, pred) is right


def test_perfect_and_empty_predictions() -> None:
    perfect = score(GOLD, {k: [dict(q) for q in d["quotes"]] for k, d in GOLD.items()})
    assert all(perfect[key]["f1"] == 1.0 for key in ("quote_exact", "quote_overlap", "end_to_end"))
    assert perfect["speaker_accuracy"] == perfect["cue_accuracy"] == 1.0
    assert perfect["by_kind"] == {"direct": {"gold": 2, "recall_overlap": 1.0, "recall_end_to_end": 1.0},
                                  "partial": {"gold": 1, "recall_overlap": 1.0, "recall_end_to_end": 1.0}}
    assert set(perfect["by_gold_speaker"]) == {"name/NP", "pronoun"}
    empty = score(GOLD, {})
    assert empty["quote_overlap"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "hits": 0, "pred": 0, "gold": 3}
    assert empty["speaker_accuracy"] == 0.0


def test_figures_of_a_mixed_prediction() -> None:
    """Two of three quotes found (one only by overlap), one speaker wrong, one extra prediction."""
    predicted = {"d1": [
        {"start": Q1[0] + 1, "end": Q1[1] - 2, "speaker": "Rubio", "cue": "told"},       # exact after trim, right
        {"start": Q3[0], "end": Q3[1] - 6, "speaker": "The White House", "cue": "said"},  # overlap only, wrong
        {"start": 0, "end": 3, "speaker": None},                                          # matches nothing
    ]}
    result = score(GOLD, predicted)
    assert result["quote_exact"]["hits"] == 1 and result["quote_overlap"]["hits"] == 2
    assert result["quote_overlap"]["p"] == pytest.approx(2 / 3) and result["quote_overlap"]["r"] == pytest.approx(2 / 3)
    assert result["speaker_accuracy"] == 0.5
    assert result["end_to_end"]["hits"] == 1 and result["end_to_end"]["f1"] == pytest.approx(1 / 3)
    assert result["cue_accuracy"] == 1.0 and result["cue_scored"] == 2


def test_only_kind_sets_other_kinds_aside() -> None:
    result = score(GOLD, {"d1": [dict(q) for q in GOLD["d1"]["quotes"]]}, only_kind="direct")
    assert result["gold_quotes"] == 2 and result["predictions_set_aside"] == 1
    assert result["quote_overlap"]["p"] == 1.0


def nested(quote: dict[str, Any], doc_id: str) -> dict[str, Any]:
    """A gold quote as our own per-quote record."""
    record: dict[str, Any] = {"schema": 1, "doc_id": doc_id,
                              "quote": {"text": TEXT[quote["start"]:quote["end"]], "start": quote["start"],
                                        "end": quote["end"]}}
    if quote["speaker_start"] is not None:
        record["speaker"] = {"text": TEXT[quote["speaker_start"]:quote["speaker_end"]],
                             "start": quote["speaker_start"], "end": quote["speaker_end"], "name": quote["speaker"]}
    if quote["cue"]:
        record["cue"] = {"text": quote["cue"], "start": quote["cue_start"], "end": quote["cue_end"]}
    return record


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return path


def test_nested_flat_and_per_document_files_score_alike(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", list(GOLD.values()))
    per_quote = [nested(q, "d1") for q in GOLD["d1"]["quotes"]]
    files = {
        "nested": per_quote + [{"schema": 1, "doc_id": "d2", "error": "boom", "line": 2, "source": "x"}],
        "doc": [{"schema": 1, "doc_id": "d1", "meta": {}, "quotes": [
            {k: v for k, v in q.items() if k != "doc_id"} for q in per_quote]}],
        "flat": [dict(q, doc_id="d1") for q in GOLD["d1"]["quotes"]],
    }
    results = {name: evaluate(gold, write_jsonl(tmp_path / f"{name}.jsonl", records))
               for name, records in files.items()}
    for result in results.values():
        assert result["end_to_end"]["f1"] == 1.0 and result["cue_accuracy"] == 1.0
    assert results["nested"]["prediction_file"] == {"lines": 4, "error_records": 1, "invalid_quotes": 0}
    assert results["doc"]["gold_docs_without_prediction"] == 1
    assert flat_quote({"start": 1, "end": 2}) == {"start": 1, "end": 2}


def test_unreadable_files_name_the_line(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}])
    with pytest.raises(BadInput, match="duplicate gold id 'a'"):
        evaluate(gold, gold)
    bad = tmp_path / "pred.jsonl"
    bad.write_text('{"doc_id": "a", "start": 0, "end": 1}\n{oops\n')
    with pytest.raises(BadInput, match="pred.jsonl, line 2: not JSON"):
        evaluate(write_jsonl(tmp_path / "g.jsonl", [{"id": "a", "text": "x"}]), bad)


# ------------------------------------------------------ reference scorer ---

SPEAKER_AND_CUE = ("speaker", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end")


def perturbed_predictions(gold_path: Path, seed: int = 7) -> list[dict[str, Any]]:
    """Gold quotes moved, cut, re-attributed and re-shaped at random, in every prediction shape."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for doc in map(orjson.loads, gold_path.read_bytes().splitlines()):
        quotes = []
        for q in doc["quotes"]:
            if rng.random() < 0.1:
                continue
            p = {"start": q["start"] + rng.choice([0, 0, 1, 3, -2]), "end": q["end"] - rng.choice([0, 0, 2, 9])}
            roll = rng.random()
            if roll < 0.5:
                p.update({k: q.get(k) for k in SPEAKER_AND_CUE})
            elif roll < 0.7:
                p["speaker"] = (q.get("speaker") or "").split(" ")[-1] or None
                p["cue"] = q.get("cue")
            elif roll < 0.85:
                p["speaker"] = rng.choice(["he", "she", "The Associated Press", None])
            quotes.append(p)
        if quotes and rng.random() < 0.2:
            quotes.append({"start": 0, "end": min(40, len(doc["text"]))})
        shape = rng.random()
        if shape < 0.4:
            out.append({"id": doc["id"], "quotes": quotes})
        elif shape < 0.95:
            out.extend(dict(q, doc_id=doc["id"]) for q in quotes)
        else:
            out.append({"doc_id": doc["id"], "error": "failed", "line": 1, "source": "x"})
    return out


def numbers(value: Any, prefix: str = "") -> dict[str, float]:
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in numbers(item, f"{prefix}.{key}").items()}
    return {prefix: value}


@pytest.fixture(scope="module")
def reference_scorer() -> Path:
    from conftest import shared_path

    return shared_path("eval", "score.py")


def reference(scorer: Path, gold: Path, pred: Path, *options: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--json", *options],
                          capture_output=True, check=True)
    return orjson.loads(done.stdout)


@pytest.fixture(scope="module")
def prediction_files(tmp_path_factory: pytest.TempPathFactory, dev_gold_path: Path) -> dict[str, Path]:
    """Our own fast extraction of the dev gold (per document), and perturbed gold in every shape."""
    from quotes.io import iter_documents
    from quotes.runner import run

    folder = tmp_path_factory.mktemp("predictions")
    extracted = [r for result in run(iter_documents([dev_gold_path]), fast=True) for r in result.records("doc")]
    return {"extracted": write_jsonl(folder / "extracted.jsonl", extracted),
            "perturbed": write_jsonl(folder / "perturbed.jsonl", perturbed_predictions(dev_gold_path))}


@pytest.mark.parametrize("options", [(), ("--only-kind", "direct"), ("--only-kind", "partial")],
                         ids=["all", "direct", "partial"])
@pytest.mark.parametrize("name", ["extracted", "perturbed"])
def test_agrees_with_the_reference_scorer_on_the_dev_gold(dev_gold_path: Path, reference_scorer: Path,
                                                          prediction_files: dict[str, Path], name: str,
                                                          options: tuple[str, ...]) -> None:
    pred = prediction_files[name]
    ours = numbers(evaluate(dev_gold_path, pred, only_kind=options[1] if options else None))
    theirs = numbers(reference(reference_scorer, dev_gold_path, pred, *options))
    assert ours.keys() == theirs.keys()
    for key, value in theirs.items():
        assert ours[key] == pytest.approx(value, abs=5e-4), key
