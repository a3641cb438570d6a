"""``quotes eval``: score predictions against gold annotations."""

from __future__ import annotations

import argparse
import sys

import orjson

from quotes.errors import QuotesError

DESCRIPTION = """\
Score extracted quotes (PRED, as written by 'quotes extract', per quote or
with --group doc, or flat {"doc_id", "start", "end", "speaker", ...} lines)
against GOLD (one {"id", "text", "quotes": [...]} record per document).

Reports quote detection P/R/F1 (exact, and overlap: character Jaccard >= 0.5
after trimming marks and punctuation, matched one to one), speaker accuracy
over matched quotes (by mention span, or by name: "Rubio" is right for
"Marco Rubio"; pronouns only by span), end-to-end P/R/F1 (quote matched and
speaker right), cue accuracy, and recall by gold kind and speaker type."""

EPILOG = """\
examples:
  quotes extract gold.jsonl -o pred.jsonl && quotes eval gold.jsonl pred.jsonl
  quotes eval gold.jsonl pred.jsonl --only-kind direct --json | jq .end_to_end.f1

exit codes:
  0    scored
  1    a file could not be read (the message names the file and the line)
  2    usage error"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval", help="score predictions against gold JSONL", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("gold", metavar="GOLD", help="gold JSONL (.gz/.bz2 or '-' for stdin also work)")
    parser.add_argument("pred", metavar="PRED", help="predictions JSONL")
    parser.add_argument("--json", action="store_true", help="print every figure as one JSON object")
    parser.add_argument("--only-kind", metavar="KIND",
                        help="score only gold quotes of this kind (e.g. direct); predictions matching "
                        "other gold quotes are set aside, not counted wrong")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # imported only to score: every command registers this one, so the others would pay for it
    from quotes.evaluate import evaluate, format_report

    try:
        result = evaluate(args.gold, args.pred, only_kind=args.only_kind)
    except QuotesError as exc:
        print(f"quotes eval: error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        sys.stdout.buffer.write(orjson.dumps(result, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")
    else:
        print(format_report(result))
    return 0
