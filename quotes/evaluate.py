"""Scoring extracted quotes against gold annotations.

The rules are the evaluation's (quote spans compared after trimming marks and
punctuation; one-to-one matching; speakers right by mention span or by name;
cues by span or words), so the figures here are the ones the project is
judged by. Predictions may be our nested records (per quote or per document)
or flat ones (``start``/``end``, ``speaker``, ``speaker_start``...).
"""

from __future__ import annotations

import os
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from quotes.errors import BadInput
from quotes.io import read_jsonl, source_name

MIN_JACCARD = 0.5
MAX_NAME_TOKENS = 5  # a predicted name (or cue) longer than this gets no credit by words
MIN_MENTION_TOKEN_CAP = 12
QUOTE_MARKS = frozenset(
    "\"'`\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb\u2039\u203a\u300c\u300d\u2032\u2033"
)
PRONOUNS = frozenset(
    "i me we us you he him she her it they them his hers its their theirs our my your one who".split()
)
TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father president vice sen
    senator rep representative congressman congresswoman gov governor lt gen general col colonel maj major
    capt captain sgt adm admiral mayor judge justice secretary minister prime chancellor king queen prince
    princess pope sheikh jr sr attorney chairman chairwoman ceo former deputy chief""".split()
)
CUE_FILLERS = frozenset(
    "did does do not has have had was were is are be been also once then later will would could can".split()
)
_ASCII_PUNCTUATION = frozenset(string.punctuation)

Span = tuple[int, int]


# --------------------------------------------------------------- text rules ---

def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def trim_span(text: str, start: int, end: int) -> Span:
    """The span shrunk past white space, quotation marks and punctuation at both edges."""
    start, end = max(start, 0), min(end, len(text))
    while start < end and _is_trimmed(text[start]):
        start += 1
    while end > start and _is_trimmed(text[end - 1]):
        end -= 1
    return start, end


def _is_trimmed(char: str) -> bool:
    return char.isspace() or char in QUOTE_MARKS or _is_punctuation(char)


def jaccard(a: Span, b: Span) -> float:
    shared = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - shared
    return shared / union if union > 0 else 0.0


def words(text: str) -> list[str]:
    """Casefolded words, punctuation and quotation marks counted as spaces."""
    folded = "".join(
        " " if (_is_punctuation(c) or c in QUOTE_MARKS or c in _ASCII_PUNCTUATION) else c for c in text.casefold()
    )
    return folded.split()


def name_words(name: str | None) -> list[str]:
    """A speaker string as compared: words, without a leading "the" or titles (unless nothing else is left)."""
    tokens = words(name or "")
    if tokens[:1] == ["the"]:
        tokens = tokens[1:]
    return [t for t in tokens if t not in TITLES] or tokens


def _overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and min(a[1], b[1]) > max(a[0], b[0])


# ------------------------------------------------------------ one quote pair ---

def _offsets(quote: dict[str, Any], start_key: str, end_key: str) -> Span | None:
    start, end = quote.get(start_key), quote.get(end_key)
    return (start, end) if isinstance(start, int) and isinstance(end, int) and end > start else None


def _names(quote: dict[str, Any]) -> list[str]:
    return [quote[k] for k in ("speaker", "speaker_mention") if isinstance(quote.get(k), str) and quote[k].strip()]


def has_speaker(quote: dict[str, Any]) -> bool:
    return bool(_names(quote)) or _offsets(quote, "speaker_start", "speaker_end") is not None


def speaker_correct(gold: dict[str, Any], pred: dict[str, Any], text: str) -> bool:
    """Right by mention span (not absurdly long), or by name; pronouns only by span; no speaker only by none."""
    if not has_speaker(gold) or not has_speaker(pred):
        return not has_speaker(gold) and not has_speaker(pred)
    gold_span = _offsets(gold, "speaker_start", "speaker_end")
    pred_span = _offsets(pred, "speaker_start", "speaker_end")
    if _overlaps(gold_span, pred_span):
        assert gold_span is not None and pred_span is not None
        cap = max(MIN_MENTION_TOKEN_CAP, len(text[gold_span[0]:gold_span[1]].split()))
        if len(text[pred_span[0]:pred_span[1]].split()) <= cap:
            return True
    gold_names = [n for n in map(name_words, _names(gold)) if n and not _is_pronoun(n)]
    pred_names = [n for n in map(name_words, _names(pred)) if n and not _is_pronoun(n)]
    return any(
        p == g or (len(p) <= MAX_NAME_TOKENS and set(g) <= set(p)) for g in gold_names for p in pred_names
    )


def _is_pronoun(tokens: list[str]) -> bool:
    return len(tokens) == 1 and tokens[0] in PRONOUNS


def cue_correct(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Right when the cue spans overlap, or the words agree (one's content words within the other's)."""
    if _overlaps(_offsets(gold, "cue_start", "cue_end"), _offsets(pred, "cue_start", "cue_end")):
        return True
    gold_words, pred_words = words(gold.get("cue") or ""), words(pred.get("cue") or "")
    if not gold_words or not pred_words:
        return False
    if gold_words == pred_words:
        return True
    gold_content = set(gold_words) - CUE_FILLERS or set(gold_words)
    pred_content = set(pred_words) - CUE_FILLERS or set(pred_words)
    return len(pred_words) <= MAX_NAME_TOKENS and (gold_content <= pred_content or pred_content <= gold_content)


# ----------------------------------------------------------------- matching ---

def match(gold: list[Span], pred: list[Span], *, exact: bool) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, prediction index)`` pairs: identical spans, or Jaccard >= 0.5 best first."""
    candidates = []
    for g, gold_span in enumerate(gold):
        for p, pred_span in enumerate(pred):
            if exact:
                if gold_span == pred_span and gold_span[1] > gold_span[0]:
                    candidates.append((1.0, g, p))
            else:
                similarity = jaccard(gold_span, pred_span)
                if similarity >= MIN_JACCARD:
                    candidates.append((similarity, g, p))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    taken_gold: set[int] = set()
    taken_pred: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in taken_gold and p not in taken_pred:
            taken_gold.add(g)
            taken_pred.add(p)
            pairs.append((g, p))
    return pairs


# ------------------------------------------------------------------ loading ---

def load_gold(path: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """Gold documents by id; each needs ``id`` and ``text``."""
    documents: dict[str, dict[str, Any]] = {}
    for number, record in enumerate(read_jsonl(path), 1):
        if "id" not in record or "text" not in record:
            raise BadInput(f"{source_name(path)}: gold record {number} needs 'id' and 'text'")
        doc_id = str(record["id"])
        if doc_id in documents:
            raise BadInput(f"{source_name(path)}: duplicate gold id {doc_id!r}")
        documents[doc_id] = record
    return documents


def flat_quote(quote: Any) -> Any:
    """A prediction in the flat shape scored here; our nested records are unpacked, flat ones kept."""
    if not isinstance(quote, dict) or isinstance(quote.get("start"), int):
        return quote
    flat = dict(quote)
    span = quote.get("quote") if isinstance(quote.get("quote"), dict) else quote.get("content")
    if isinstance(span, dict):
        flat["start"], flat["end"] = span.get("start"), span.get("end")
    speaker = quote.get("speaker")
    if isinstance(speaker, dict):
        flat["speaker"] = speaker.get("name") or speaker.get("text")
        flat["speaker_mention"] = speaker.get("text")
        flat["speaker_start"], flat["speaker_end"] = speaker.get("start"), speaker.get("end")
    cue = quote.get("cue")
    if isinstance(cue, dict):
        flat["cue"] = cue.get("text")
        flat["cue_start"], flat["cue_end"] = cue.get("start"), cue.get("end")
    return flat


@dataclass
class Predictions:
    """Predicted quotes by document id, and what was set aside while reading them."""

    by_doc: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    lines: int = 0
    error_records: int = 0
    invalid_quotes: int = 0

    def add(self, record: dict[str, Any], where: str) -> None:
        self.lines += 1
        if isinstance(record.get("quotes"), list):
            doc_id = record.get("id", record.get("doc_id"))
            quotes = record["quotes"]
        else:
            doc_id = record.get("doc_id", record.get("id"))
            if _is_error(record) or _is_error(flat_quote(record)):
                self.error_records += 1
                self.by_doc.setdefault(str(doc_id), [])
                return
            quotes = [record]
        if doc_id is None:
            raise BadInput(f"{where}: prediction without 'id'/'doc_id'")
        bucket = self.by_doc.setdefault(str(doc_id), [])
        for quote in map(flat_quote, quotes):
            if isinstance(quote, dict) and _offsets(quote, "start", "end") is not None:
                bucket.append(quote)
            else:
                self.invalid_quotes += 1


def _is_error(record: dict[str, Any]) -> bool:
    return "start" not in record and "error" in record


def load_predictions(path: str | os.PathLike[str]) -> Predictions:
    predictions = Predictions()
    for number, record in enumerate(read_jsonl(path), 1):
        predictions.add(record, f"{source_name(path)}, record {number}")
    return predictions


# ------------------------------------------------------------------ scoring ---

@dataclass
class _Tally:
    """Counts across documents."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    speaker_right: int = 0
    speaker_right_exact: int = 0
    cues: int = 0
    cues_right: int = 0
    set_aside: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)     # gold, matched, right
    by_speaker: dict[str, list[int]] = field(default_factory=dict)  # gold, matched, right


def prf(hits: int, predicted: int, gold: int) -> dict[str, float | int]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": precision, "r": recall, "f1": f1, "hits": hits, "pred": predicted, "gold": gold}


def score(gold_docs: dict[str, dict[str, Any]], predictions: dict[str, list[dict[str, Any]]],
          only_kind: str | None = None) -> dict[str, Any]:
    """All figures: quote P/R/F1 (exact and overlap), speaker and cue accuracy, end to end, breakdowns."""
    tally = _Tally()
    for doc_id, doc in gold_docs.items():
        _score_document(tally, doc["text"], doc.get("quotes") or [], predictions.get(doc_id, []), only_kind)
    result: dict[str, Any] = {
        "documents": len(gold_docs),
        "gold_quotes": tally.gold,
        "predicted_quotes": tally.predicted,
        "quote_exact": prf(tally.exact, tally.predicted, tally.gold),
        "quote_overlap": prf(tally.overlap, tally.predicted, tally.gold),
        "speaker_accuracy": tally.speaker_right / tally.overlap if tally.overlap else 0.0,
        "end_to_end": prf(tally.speaker_right, tally.predicted, tally.gold),
        "end_to_end_exact": prf(tally.speaker_right_exact, tally.predicted, tally.gold),
        "cue_accuracy": tally.cues_right / tally.cues if tally.cues else None,
        "cue_scored": tally.cues,
    }
    if only_kind is not None:
        result["only_kind"] = only_kind
        result["predictions_set_aside"] = tally.set_aside
    if tally.by_kind:
        result["by_kind"] = {
            kind: {"gold": n, "recall_overlap": matched / n, "recall_end_to_end": right / n}
            for kind, (n, matched, right) in sorted(tally.by_kind.items())
        }
    if tally.by_speaker:
        result["by_gold_speaker"] = {
            key: {"gold": n, "recall_overlap": matched / n, "speaker_accuracy": right / matched if matched else 0.0}
            for key, (n, matched, right) in sorted(tally.by_speaker.items())
        }
    return result


def _score_document(tally: _Tally, text: str, gold_all: list[dict[str, Any]], predicted: list[dict[str, Any]],
                    only_kind: str | None) -> None:
    pred_spans = [trim_span(text, q["start"], q["end"]) for q in predicted]
    gold = gold_all
    if only_kind is not None:
        gold = [g for g in gold_all if g.get("kind") == only_kind]
        others = [trim_span(text, g["start"], g["end"]) for g in gold_all if g.get("kind") != only_kind]
        aside = {p for _, p in match(others, pred_spans, exact=False)} if others else set()
        tally.set_aside += len(aside)
        predicted = [q for i, q in enumerate(predicted) if i not in aside]
        pred_spans = [s for i, s in enumerate(pred_spans) if i not in aside]
    gold_spans = [trim_span(text, g["start"], g["end"]) for g in gold]
    tally.gold += len(gold)
    tally.predicted += len(predicted)

    exact_pairs = match(gold_spans, pred_spans, exact=True)
    tally.exact += len(exact_pairs)
    tally.speaker_right_exact += sum(speaker_correct(gold[g], predicted[p], text) for g, p in exact_pairs)

    matched = dict(match(gold_spans, pred_spans, exact=False))
    tally.overlap += len(matched)
    for g, gold_quote in enumerate(gold):
        right = False
        if g in matched:
            pred_quote = predicted[matched[g]]
            right = speaker_correct(gold_quote, pred_quote, text)
            tally.speaker_right += right
            if isinstance(gold_quote.get("cue"), str) and gold_quote["cue"].strip():
                tally.cues += 1
                tally.cues_right += cue_correct(gold_quote, pred_quote)
        for table, key in _breakdown_keys(tally, gold_quote):
            row = table.setdefault(key, [0, 0, 0])
            row[0] += 1
            row[1] += g in matched
            row[2] += right


def _breakdown_keys(tally: _Tally, gold_quote: dict[str, Any]) -> Iterable[tuple[dict[str, list[int]], str]]:
    if gold_quote.get("kind") is not None:
        yield tally.by_kind, str(gold_quote["kind"])
    if not has_speaker(gold_quote):
        yield tally.by_speaker, "no speaker"
    elif gold_quote.get("speaker_is_pronoun") is not None:
        yield tally.by_speaker, "pronoun" if gold_quote["speaker_is_pronoun"] else "name/NP"


def evaluate(gold_path: str | os.PathLike[str], pred_path: str | os.PathLike[str],
             only_kind: str | None = None) -> dict[str, Any]:
    """Score a prediction file against a gold file; the figures of :func:`score` plus file facts."""
    gold = load_gold(gold_path)
    predictions = load_predictions(pred_path)
    result = score(gold, predictions.by_doc, only_kind)
    result["prediction_file"] = {"lines": predictions.lines, "error_records": predictions.error_records,
                                 "invalid_quotes": predictions.invalid_quotes}
    result["predicted_docs_not_in_gold"] = len(predictions.by_doc.keys() - gold.keys())
    result["gold_docs_without_prediction"] = len(gold.keys() - predictions.by_doc.keys())
    return result


def format_report(result: dict[str, Any]) -> str:
    """The figures as a table for people."""
    lines = [f"documents {result['documents']}  gold quotes {result['gold_quotes']}  "
             f"predicted quotes {result['predicted_quotes']}"]
    if "only_kind" in result:
        lines.append(f"only gold kind {result['only_kind']!r}; predictions set aside: "
                     f"{result['predictions_set_aside']}")
    lines.append(f"{'':<24}{'P':>7}{'R':>7}{'F1':>7}{'hits':>7}")
    for key, label in (("quote_exact", "quote, exact"), ("quote_overlap", "quote, overlap >= 0.5"),
                       ("end_to_end", "end to end, overlap"), ("end_to_end_exact", "end to end, exact")):
        m = result[key]
        lines.append(f"{label:<24}{m['p']:7.3f}{m['r']:7.3f}{m['f1']:7.3f}{m['hits']:7d}")
    lines.append(f"{'speaker accuracy':<24}{result['speaker_accuracy']:7.3f}  over overlap-matched quotes")
    cue = result["cue_accuracy"]
    cue_text = "    n/a" if cue is None else f"{cue:7.3f}  over {result['cue_scored']} matched quotes with a gold cue"
    lines.append(f"{'cue accuracy':<24}{cue_text}")
    for kind, row in result.get("by_kind", {}).items():
        lines.append(f"  kind {kind:<14} gold {row['gold']:6d}  recall {row['recall_overlap']:.3f}  "
                     f"end-to-end recall {row['recall_end_to_end']:.3f}")
    for key, row in result.get("by_gold_speaker", {}).items():
        lines.append(f"  speaker {key:<11} gold {row['gold']:6d}  recall {row['recall_overlap']:.3f}  "
                     f"speaker accuracy {row['speaker_accuracy']:.3f}")
    facts = result.get("prediction_file", {})
    if facts.get("error_records") or facts.get("invalid_quotes") or result.get("predicted_docs_not_in_gold"):
        lines.append(f"note: {facts.get('error_records', 0)} error records, {facts.get('invalid_quotes', 0)} "
                     f"quotes without valid offsets, {result.get('predicted_docs_not_in_gold', 0)} predicted "
                     "documents not in the gold")
    return "\n".join(lines)
