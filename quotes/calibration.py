"""Confidence per rule, measured: the share of a rule's quotes that are right end to end.

A quote given 0.9 should be right about nine times in ten. The figures in
``quotes/data/calibration.json`` are produced, not chosen, by running the
default cascade over annotated gold and counting, per rule id, how many of the
quotes it produced overlap a gold quote *and* name its speaker correctly (the
scoring rules of :mod:`quotes.evaluate`)::

    python -m quotes.calibration GOLD.jsonl            # measure and write the table
    python -m quotes.calibration GOLD.jsonl --check    # reliability of the current table on GOLD

Counts are smoothed towards one half (``(hits + 1) / (n + 2)``), so a rule
seen a handful of times never claims certainty. The reliability table (bins
of confidence against observed accuracy) is printed in Markdown.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

__all__ = ["confidence", "main", "measure", "reliability", "table"]

BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001)
"""Edges of the reliability table's confidence bins."""


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    path = resources.files("quotes.data").joinpath("calibration.json")
    if not path.is_file():
        return {}
    return {rule: row["confidence"] for rule, row in json.loads(path.read_text(encoding="utf-8"))["rules"].items()}


def confidence(rule: str | None, default: float = 0.5) -> float:
    """The measured confidence of ``rule``, or ``default`` for a rule never measured."""
    return _table().get(rule, default) if rule is not None else default


def measure(gold: dict[str, dict[str, Any]], extractor: Any) -> list[tuple[str | None, float, bool]]:
    """``(rule, confidence given, right end to end)`` for every quote ``extractor`` finds in ``gold``."""
    from quotes.evaluate import flat_quote, match, speaker_correct, trim_span

    rows = []
    for doc_id, doc in gold.items():
        text = doc["text"]
        found = extractor.records(text, doc_id)
        predicted = [flat_quote(record) for record in found]
        golds = doc.get("quotes") or []
        pairs = match([trim_span(text, g["start"], g["end"]) for g in golds],
                      [trim_span(text, p["start"], p["end"]) for p in predicted], exact=False)
        right = {p for g, p in pairs if speaker_correct(golds[g], predicted[p], text)}
        rows.extend((q["rule"], q["confidence"], i in right) for i, q in enumerate(found))
    return rows


def table(rows: Iterable[tuple[str | None, float, bool]], source: str) -> dict[str, Any]:
    """The calibration table: per rule id, quotes counted, right, and the smoothed share right."""
    counts: dict[str, list[int]] = {}
    for rule, _, right in rows:
        if rule is not None:
            row = counts.setdefault(rule, [0, 0])
            row[0] += 1
            row[1] += right
    return {
        "source": source,
        "measure": "share of the rule's quotes matching a gold quote with the right speaker, (right + 1) / (n + 2)",
        "rules": {rule: {"n": n, "right": right, "confidence": round((right + 1) / (n + 2), 3)}
                  for rule, (n, right) in sorted(counts.items(), key=lambda kv: -kv[1][0])},
    }


def reliability(rows: Sequence[tuple[float, bool]]) -> list[tuple[float, float, int, float, float]]:
    """Per confidence bin: (low, high, quotes, mean confidence, share right)."""
    out = []
    for low, high in pairwise(BINS):
        inside = [(c, r) for c, r in rows if low <= c < high]
        if inside:
            out.append((low, min(high, 1.0), len(inside), sum(c for c, _ in inside) / len(inside),
                        sum(r for _, r in inside) / len(inside)))
    return out


def _markdown(bins: list[tuple[float, float, int, float, float]]) -> str:
    lines = ["| confidence | quotes | mean confidence | observed right |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {low:.2f}–{high:.2f} | {n} | {mean:.3f} | {right:.3f} |" for low, high, n, mean, right in bins]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quotes.calibration", description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="annotated gold JSONL (one record per document)")
    parser.add_argument("--model", help="spaCy pipeline for the parse sieve (default: en_core_web_sm, else the pinned one)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data" / "calibration.json",
                        help="where to write the table (default: the package's own)")
    parser.add_argument("--check", action="store_true", help="print the reliability of the current table, write nothing")
    args = parser.parse_args(argv)

    from quotes.evaluate import load_gold
    from quotes.pipeline import Extractor

    rows = measure(load_gold(args.gold), Extractor(model=args.model))
    if not args.check:
        measured = table(rows, source=args.gold.name)
        args.out.write_text(json.dumps(measured, indent=1) + "\n", encoding="utf-8")
        _table.cache_clear()
        print(f"wrote {args.out} ({len(measured['rules'])} rules, {len(rows)} quotes)", file=sys.stderr)
    # each quote at its rule's measured confidence, as the records give it
    print(_markdown(reliability([(confidence(rule, given), right) for rule, given, right in rows])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
