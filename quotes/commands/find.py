"""``quotes find``: where was this quotation said, by whom, and what differs?"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from quotes.commands.inputs import Failures, add_input_arguments, read_inputs
from quotes.errors import QuotesError
from quotes.io import JsonlWriter

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
