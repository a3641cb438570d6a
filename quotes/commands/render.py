"""``quotes render``: an HTML review page with every quote, speaker and cue marked."""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from quotes.commands.inputs import Failures, add_input_arguments, read_inputs
from quotes.errors import QuotesError
from quotes.io import Document, read_jsonl

DESCRIPTION = """\
Write a self-contained HTML page showing each document's text with every
quote highlighted, its speaker mention and cue marked in the same colour,
and a side list of the quotes (canonical speaker, title, kind, confidence),
unattributed or doubtful ones flagged for review. The page loads nothing
from the network and prints legibly.

Records carry offsets, not text, so the page needs the documents: give them
as INPUT and they are extracted (--fast: rules only). To show records you
already have (edited, or from another run), add --records FILE: those are
shown instead of extracting, checked against the text first."""

EPILOG = """\
examples:
  quotes render article.txt -o article.html
  quotes render corpus.jsonl --records quotes.jsonl -o review.html
  quotes render articles/*.txt --fast --each pages/

exit codes: 0 done; 1 some inputs failed; 2 usage error"""

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "render", help="HTML page to review the quotes of documents", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_arguments(parser)
    parser.add_argument("--records", nargs="+", default=[], metavar="FILE",
                        help="quote records (from 'quotes extract') to show instead of extracting")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("-o", "--output", metavar="PAGE", help="one HTML page for all documents (default: stdout)")
    output.add_argument("--each", metavar="DIR", help="one HTML page per document in DIR, named by document id")
    parser.add_argument("--title", default="Quotes", help="the page title (default: Quotes)")
    parser.set_defaults(run=run, parser=parser)


def _records_by_document(paths: list[str]) -> dict[str, list[dict[str, Any]]]:
    from quotes.search import iter_records

    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for path in paths:
        for record in iter_records(r for r in read_jsonl(path) if "content" in r or "quotes" in r):
            found[str(record.get("doc_id"))].append(record)
    return found


def run(args: argparse.Namespace) -> int:
    from quotes.pipeline import Extractor
    from quotes.render import PageDocument, render_page

    failures = Failures("render")
    try:
        given = _records_by_document(args.records) if args.records else None
        extractor = Extractor(fast=args.fast)
        pages: list[PageDocument] = []
        orphans = 0
        for item in failures.skip(read_inputs(args.inputs, fmt=args.fmt, text_key=args.text_key,
                                              id_key=args.id_key)):
            if not isinstance(item, Document):
                orphans += 1
                continue
            if given is not None:
                records = given.get(item.id, [])
            else:
                records = [q.to_dict() for q in extractor.extract(item.text, item.id, item.meta)]
            pages.append(PageDocument(item.id, item.text, records, item.meta))
        if orphans:
            failures.report(f"{orphans} quote records given as INPUT: records carry offsets, not text; "
                            "give the documents as INPUT and the records with --records")
        if args.each:
            folder = Path(args.each)
            folder.mkdir(parents=True, exist_ok=True)
            used: set[str] = set()
            for page in pages:
                name = base = _UNSAFE.sub("_", page.doc_id).strip("._") or "document"
                while name in used:  # two ids that differ only in unsafe characters
                    name = f"{base}-{len(used)}"
                used.add(name)
                (folder / f"{name}.html").write_text(render_page([page], title=f"{args.title}: {page.doc_id}"),
                                                     encoding="utf-8")
        elif args.output:
            Path(args.output).write_text(render_page(pages, title=args.title), encoding="utf-8")
        else:
            sys.stdout.write(render_page(pages, title=args.title))
    except (QuotesError, OSError) as exc:
        print(f"quotes render: error: {exc}", file=sys.stderr)
        return 1
    return failures.exit_code()
