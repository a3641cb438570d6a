"""The inputs the fact-checking commands share (find, group, render, export).

Each takes quote records from ``quotes extract``, documents, or both, with
the same options; unreadable inputs are reported on stderr and counted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from quotes.errors import BadInput
from quotes.io import (FORMATS, STDIN, Document, InputError, document_from_record, is_jsonl_name, iter_documents,
                       read_jsonl)

INPUT_HELP = (
    "record files from 'quotes extract' (JSONL, per quote or --group doc), or documents (text files, "
    "JSONL with a text field), which are extracted first; '-' or none: stdin (JSONL)"
)


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
