"""``quotes export``: quote records as schema.org ClaimReview or W3C Web Annotation JSON."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import Any

from quotes.commands.inputs import Failures, add_input_arguments, read_inputs
from quotes.errors import QuotesError
from quotes.io import STDIN, Document, JsonlWriter

DESCRIPTION = """\
Write each quote as one JSON object per line:

  claim        schema.org Claim (JSON-LD): text, author (name, jobTitle),
               datePublished, appearance (url, headline) from the document's
               metadata (url/link, title/headline, date/publication_date/...)
  claimreview  a draft schema.org ClaimReview around that Claim; the rating,
               the reviewer and the review's URL are left for you to add
  annotation   W3C Web Annotation: TextPositionSelector (code-point offsets)
               and TextQuoteSelector (exact, prefix, suffix), speaker and cue
               as the body

Inputs are records from 'quotes extract' or documents, which are extracted
first. A TextQuoteSelector's prefix and suffix need the text: they are
given for documents, and for records when --source names their documents;
otherwise only 'exact' is written."""

EPILOG = """\
examples:
  quotes export --to claim quotes.jsonl
  quotes export --to annotation articles/*.txt --fast
  quotes export --to annotation quotes.jsonl --source corpus.jsonl.gz -o annotations.jsonl

exit codes: 0 done; 1 some inputs failed; 2 usage error"""


def register(subparsers: argparse._SubParsersAction) -> None:
    from quotes.export import FORMATS

    parser = subparsers.add_parser(
        "export", help="ClaimReview or Web Annotation JSON for each quote", description=DESCRIPTION,
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--to", required=True, choices=FORMATS, help="output format")
    add_input_arguments(parser)
    parser.add_argument("--source", nargs="+", default=[], metavar="DOCS",
                        help="the documents the records come from (for annotation prefix/suffix)")
    parser.add_argument("-o", "--output", default=STDIN, metavar="OUT",
                        help="JSONL file to write (.gz compresses); default: stdout")
    parser.set_defaults(run=run, parser=parser)


def _source_texts(paths: list[str], args: argparse.Namespace, failures: Failures) -> dict[str, str]:
    items = read_inputs(paths, fmt=args.fmt, text_key=args.text_key, id_key=args.id_key)
    return {item.id: item.text for item in failures.skip(items) if isinstance(item, Document)}


def _exported(args: argparse.Namespace, failures: Failures) -> Iterator[dict[str, Any]]:
    from quotes.export import export
    from quotes.search import iter_records

    texts = _source_texts(args.source, args, failures) if args.source else {}
    missing = 0
    for item in failures.skip(read_inputs(args.inputs, fmt=args.fmt, text_key=args.text_key, id_key=args.id_key)):
        text = item.text if isinstance(item, Document) else None
        for record in iter_records([item], fast=args.fast):
            source = text if text is not None else texts.get(str(record.get("doc_id")))
            if source is None and args.to == "annotation" and args.source:
                missing += 1
            try:
                yield export(record, args.to, source)
            except ValueError as exc:
                failures.report(str(exc))
    if missing:
        failures.report(f"{missing} records whose document is not in --source (written without prefix/suffix)")


def run(args: argparse.Namespace) -> int:
    failures = Failures("export")
    try:
        with JsonlWriter(args.output, inputs=[*args.inputs, *args.source]) as writer:
            for record in _exported(args, failures):
                writer.write([record])
    except QuotesError as exc:
        print(f"quotes export: error: {exc}", file=sys.stderr)
        return 1
    return failures.exit_code()
