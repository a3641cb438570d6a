"""``quotes group``: one record per quotation, with every place it was reported."""

from __future__ import annotations

import argparse
import sys

from quotes.commands.inputs import Failures, add_input_arguments, read_inputs
from quotes.errors import QuotesError
from quotes.io import STDIN, JsonlWriter

DESCRIPTION = """\
Group quote records by the quotation they carry and write one JSON record
per group: the canonical text, the speakers with counts, every occurrence
(document, quote id, offsets, date), first and last seen (from the
documents' date metadata: date, publication_date, published, ...) and each
variant with its differences from the canonical text.

Records with the same fingerprint (same words once marks, apostrophes, case
and white space are folded) group together; so do near-duplicates: small
wording changes, or one outlet printing part of a longer quote. Groups come
largest first."""

EPILOG = """\
examples:
  quotes extract --fast corpus.jsonl.gz -o quotes.jsonl && quotes group quotes.jsonl -o groups.jsonl
  quotes group articles/*.txt --fast --min-documents 2

exit codes: 0 done; 1 some inputs failed; 2 usage error"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "group", help="group the same quotation across documents", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_arguments(parser)
    parser.add_argument("-o", "--output", default=STDIN, metavar="OUT",
                        help="JSONL file to write (.gz compresses); default: stdout")
    parser.add_argument("--threshold", type=float, default=0.85, metavar="S",
                        help="similarity (0-1) above which two wordings are one quotation (default: 0.85)")
    parser.add_argument("--min-documents", type=int, default=1, metavar="N",
                        help="write only groups found in at least N documents (default: 1)")
    parser.set_defaults(run=run, parser=parser)


def run(args: argparse.Namespace) -> int:
    if not 0.0 < args.threshold <= 1.0:
        args.parser.error("--threshold must be above 0 and at most 1")
    from quotes.grouping import group

    failures = Failures("group")
    try:
        writer = JsonlWriter(args.output, inputs=args.inputs)
        items = failures.skip(read_inputs(args.inputs, fmt=args.fmt, text_key=args.text_key, id_key=args.id_key))
        groups = [g.to_dict() for g in group(items, threshold=args.threshold, fast=args.fast)]
        with writer:
            writer.write(g for g in groups if g["documents"] >= args.min_documents)
    except QuotesError as exc:
        print(f"quotes group: error: {exc}", file=sys.stderr)
        return 1
    return failures.exit_code()
