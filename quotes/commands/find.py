"""``quotes find``: where was this quotation said, by whom, and what differs?

Also home of :func:`read_inputs`, which the fact-checking commands (find,
group, render, export) share: each takes quote records from ``quotes
extract``, documents, or both.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from quotes.errors import BadInput, QuotesError
from quotes.io import _is_jsonl_name as is_jsonl_name
from quotes.io import (FORMATS, STDIN, Document, InputError, JsonlWriter, document_from_record, iter_documents,
                       read_jsonl)

INPUT_HELP = (
    "record files from 'quotes extract' (JSONL, per quote or --group doc), or documents (text files, "
    "JSONL with a text field), which are extracted first; '-' or none: stdin (JSONL)"
)

DESCRIPTION = """\
Search quotes for a claimed quotation, exactly or approximately: quotation
marks, apostrophes, dashes, case and white space never count as differences,
an ellipsis ("The only people ... are traffickers") stands for the words it
leaves out, and small wording changes are aligned word by word. A claim
pasted with its attribution (Rubio: "...") is searched for what stands inside
its quotation marks.

Each match gives the document, the offsets of the matched words, the speaker
the source names, a similarity score (1.0: same words) and what differs:
words added, dropped or changed by the claim, and passages it elides."""

EPILOG = """\
examples:
  quotes find "The only people ... are traffickers" quotes.jsonl
  quotes find "It is not good for anyone" --speaker "Joe Biden" articles/*.txt --fast
  quotes find "we will win" corpus.jsonl.gz --format jsonl --min-score 0.6

exit codes: 0 a match was found; 3 no match; 1 some inputs failed; 2 usage error"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "find", help="search quotes for a claimed quotation (fact-checking)", description=DESCRIPTION,
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("claim", metavar="CLAIM", help="the quotation as it circulates")
    add_input_arguments(parser)
    parser.add_argument("--speaker", metavar="NAME",
                        help="who the quotation is attributed to: each match says whether its source agrees")
    parser.add_argument("--same-speaker", action="store_true",
                        help="with --speaker: keep only matches whose source names that speaker")
    parser.add_argument("--min-score", type=float, default=0.75, metavar="S",
                        help="lowest similarity reported, 0-1 (default: 0.75)")
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="at most N matches (default: 20)")
    parser.add_argument("--output-format", dest="out_format", choices=("text", "jsonl"), default="text",
                        help="text for reading (default) or one JSON match per line")
    parser.set_defaults(run=run, parser=parser)


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """The input options every fact-checking command shares."""
    inputs = parser.add_argument_group("input")
    inputs.add_argument("inputs", nargs="*", metavar="INPUT", help=INPUT_HELP)
    inputs.add_argument("--format", dest="fmt", choices=FORMATS, default="auto",
                        help="how to read inputs (default: auto, by file name: .jsonl[.gz|.bz2] is JSONL)")
    inputs.add_argument("--text-key", default="text", metavar="KEY", help="JSONL field holding a document's text")
    inputs.add_argument("--id-key", default="id", metavar="KEY", help="JSONL field holding a document's id")
    inputs.add_argument("--fast", action="store_true",
                        help="documents are extracted with marks and rules only (no spaCy)")


def _is_record(value: dict[str, Any]) -> bool:
    """A line of ``quotes extract`` output: a quote, a document's quotes, or an error."""
    return "content" in value or "quotes" in value or ("error" in value and "doc_id" in value)


def read_inputs(paths: Iterable[str], *, fmt: str = "auto", text_key: str = "text",
                id_key: str = "id") -> Iterator[dict[str, Any] | Document | InputError]:
    """Quote records and documents from the inputs, in order.

    A JSONL file whose first line is a record of ``quotes extract`` is read
    as records; any other JSONL file, and every text file, as documents
    (with the ids ``quotes extract`` gives them, so records and documents
    pair up). On stdin each line is told apart on its own.
    """
    for path in list(paths) or [STDIN]:
        if fmt == "text" or (fmt == "auto" and path != STDIN and not is_jsonl_name(path)):
            yield from iter_documents([path], fmt="text")
        elif path == STDIN:
            for number, value in enumerate(read_jsonl(path), 1):
                yield value if _is_record(value) else document_from_record(
                    value, source="<stdin>", line=number, fallback_id=f"stdin:{number}",
                    text_key=text_key, id_key=id_key)
        else:
            lines = read_jsonl(path)
            try:
                first = next(lines, None)
            except BadInput:  # a bad first line: the document reader reports it, line by line
                first = {}
            if first is None:
                continue
            if _is_record(first):
                yield first
                yield from lines
            else:
                yield from iter_documents([path], fmt="jsonl", text_key=text_key, id_key=id_key)


class Failures:
    """Inputs that could not be read: reported on stderr, they make the exit code 1."""

    def __init__(self, command: str) -> None:
        self.command = command
        self.count = 0

    def skip(self, items: Iterable[dict[str, Any] | Document | InputError]) -> Iterator[dict[str, Any] | Document]:
        """The readable items; each failure is reported and counted."""
        for item in items:
            if isinstance(item, InputError):
                self.report(str(item))
            elif isinstance(item, dict) and "error" in item and "content" not in item and "quotes" not in item:
                self.report(f"{item.get('doc_id')}: {item['error']} (error record)")
            else:
                yield item

    def report(self, message: str) -> None:
        self.count += 1
        print(f"quotes {self.command}: skipped {message}", file=sys.stderr)

    def exit_code(self, ok: int = 0) -> int:
        return 1 if self.count else ok


def run(args: argparse.Namespace) -> int:
    if args.same_speaker and not args.speaker:
        args.parser.error("--same-speaker needs --speaker")
    if not 0.0 <= args.min_score <= 1.0:
        args.parser.error("--min-score must be between 0 and 1")
    from quotes.search import QuoteIndex, iter_records

    failures = Failures("find")
    try:
        items = failures.skip(read_inputs(args.inputs, fmt=args.fmt, text_key=args.text_key, id_key=args.id_key))
        index = QuoteIndex(iter_records(items, fast=args.fast))
        matches = index.search(args.claim, speaker=args.speaker, min_score=args.min_score, limit=args.limit,
                               require_speaker=args.same_speaker)
        if args.out_format == "jsonl":
            with JsonlWriter() as writer:
                writer.write(m.to_dict() for m in matches)
        else:
            print(format_matches(args.claim, args.speaker, [m.to_dict() for m in matches], len(index)))
    except QuotesError as exc:
        print(f"quotes find: error: {exc}", file=sys.stderr)
        return 1
    return failures.exit_code(0 if matches else 3)


def format_matches(claim: str, speaker: str | None, matches: list[dict[str, Any]], searched: int) -> str:
    """The matches as a fact-checker reads them."""
    lines = [f"{len(matches)} match{'es' if len(matches) != 1 else ''} among {searched} quotes for: {claim}"]
    for match in matches:
        said_by = match["speaker"] or {}
        name = said_by.get("name") or said_by.get("text") or "nobody (unattributed)"
        lines.append("")
        verdict = "same words" if match["exact"] else "wording differs"
        lines.append(f"{match['doc_id']} [{match['start']}:{match['end']}]  score {match['score']:.2f}  ({verdict})")
        lines.append(f"  source:  {match['text']}")
        if match["before"]:
            lines.append(f'  quote starts earlier: "{match["before"]}"')
        if match["after"]:
            lines.append(f'  quote goes on: "{match["after"]}"')
        mention = f' (as "{said_by["text"]}")' if said_by.get("text") and said_by.get("text") != name else ""
        lines.append(f"  speaker: {name}{mention}")
        if speaker and match["speaker_match"] is False:
            lines.append(f"  SPEAKER DIFFERS: claimed {speaker}, the source says {name}")
        elif speaker and match["speaker_match"] is None:
            lines.append(f"  speaker unknown: the source names nobody to check {speaker} against")
        differences = match["differences"]
        for label in ("added", "dropped", "elided"):
            if differences[label]:
                lines.append(f"  {label}: " + "; ".join(f'"{p}"' for p in differences[label]))
        if differences["changed"]:
            lines.append("  changed: " + "; ".join(f'"{a}" -> "{b}"' for a, b in differences["changed"]))
    return "\n".join(lines)
