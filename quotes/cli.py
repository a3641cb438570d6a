"""The shell face: ``quotes <command> ...``.

Each command lives in its own module under :mod:`quotes.commands` with a
``register(subparsers)`` that adds its parser and sets ``run(args) -> int``.
Commands import what they need (spaCy included) only when they run, so
``quotes --help`` starts at once.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from quotes import __version__
from quotes.errors import QuotesError

COMMANDS = ("extract", "eval", "find", "group", "render", "export")

EXIT_CODES = """exit codes:
  0    every document was processed
  1    some documents failed (see the error records and the summary on stderr),
       or the run could not go on (missing model, unreadable record file,
       unwritable output)
  2    usage error (bad option or argument)
  130  interrupted"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotes",
        description=f"quotes {__version__}: find direct quotations in English news text and "
        "link each to its speaker and reporting verb.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"quotes {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"quotes.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except QuotesError as exc:
        print(f"quotes {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (``quotes extract ... | head``): leave quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
