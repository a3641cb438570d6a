"""Quote extraction on a Dask cluster: JSONL in, one record per quote out, partition by partition.

Dask is the engine tested here because it measured lightest of those tried
(docs/scale-out.md): pure Python, a small install, the least fixed overhead
per job, and workers that live across jobs, so the model a worker loads
serves every partition it is given. The work itself is
:func:`quotes.runner.extract_partition`; this module only wires it to Dask
bags. Each worker process builds its extractor (and loads its spaCy model)
once, on its first partition; nothing heavy is pickled or broadcast. Run
workers with one thread each: the parse holds the GIL.

Command line, on a local cluster (or ``--scheduler`` for a running one)::

    python -m quotes.distributed corpus.jsonl -o out/ --workers 2
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


from quotes.io import dumps_lines
from quotes.runner import extract_partition

try:
    import dask
    import dask.bag as db
except ImportError as missing:  # pragma: no cover - depends on the environment
    raise ImportError("quotes.distributed needs Dask: pip install 'quotes-attribution[dask]'") from missing

__all__ = ["extract_bag", "is_error_record", "pipelines_in_memory", "read_jsonl", "write_jsonl"]

_COMPRESSED = (".gz", ".bz2", ".xz", ".zst")


def read_jsonl(paths: str | Sequence[str], *, blocksize: str | int = "16MiB") -> db.Bag:
    """Input records from JSONL files, one partition per ``blocksize`` of each file.

    A compressed file cannot be split, so it is one partition. Lines stay
    text: :func:`extract_bag` parses them, and a line that is not JSON becomes
    an error record naming the cause, so no document is lost without trace.
    """
    names = [paths] if isinstance(paths, str) else list(paths)
    splittable = not any(str(name).endswith(_COMPRESSED) for name in names)
    lines = db.read_text(names, blocksize=blocksize if splittable else None)
    return lines.filter(str.strip)


def extract_bag(bag: db.Bag, *, fast: bool = False, model: str | None = None, keep_all: bool = False,
                text_key: str = "text", id_key: str = "id") -> db.Bag:
    """A bag of per-quote records (dicts, as :meth:`quotes.model.Quote.to_dict`) from a bag of input records.

    Input items are JSON objects holding ``text_key`` and ``id_key``, or
    ``(id, text)`` pairs. A document that cannot be read or extracted gives
    one error record (``{"schema", "doc_id", "error", ...}``) in its place.
    """
    return bag.map_partitions(_extract, fast=fast, model=model, keep_all=keep_all, text_key=text_key,
                              id_key=id_key)


def _extract(rows: Iterable[Any], **options: Any) -> list[dict[str, Any]]:
    return list(extract_partition(rows, **options))


def write_jsonl(records: db.Bag, folder: str | Path, *, compute: bool = True) -> Any:
    """Write the records as JSONL, one file per partition (``0.jsonl``, ``1.jsonl``, ...) in ``folder``.

    Returns the paths written, or the delayed writes with ``compute=False``.
    """
    blocks = records.map_partitions(_jsonl_block)
    return blocks.to_textfiles(str(Path(folder) / "*.jsonl"), encoding=None, compute=compute)


def _jsonl_block(records: Iterable[dict[str, Any]]) -> list[bytes]:
    """A partition's records as one block of JSONL lines: an empty partition writes an empty file."""
    return [dumps_lines(records)]


def is_error_record(record: dict[str, Any]) -> bool:
    """Whether ``record`` stands for a document that failed rather than for a quote."""
    return "error" in record


def pipelines_in_memory() -> int:
    """How many spaCy pipelines this process holds.

    Run it on each worker (``client.run``) after a job: 1 means the model was
    loaded once and served every partition. Loaded pipelines stay cached for
    the life of the process, so a second load would show as 2.
    """
    language = sys.modules.get("spacy.language")
    if language is None:  # spaCy never imported: the fast path
        return 0
    return sum(1 for obj in gc.get_objects() if isinstance(obj, language.Language))


# ------------------------------------------------------------------ command ---

def main(argv: Sequence[str] | None = None) -> int:
    """Extract from JSONL files on a Dask cluster, writing a folder of JSONL parts.

    Exits 1 when some documents failed (their error records are in the parts), like ``quotes extract``.
    """
    parser = argparse.ArgumentParser(prog="python -m quotes.distributed", description=main.__doc__)
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="JSONL files ({\"id\", \"text\"} per line), "
                        ".gz allowed, or globs Dask understands")
    parser.add_argument("-o", "--output", required=True, metavar="FOLDER", help="folder for the JSONL parts")
    parser.add_argument("--fast", action="store_true", help="marks and rules only: no spaCy")
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline for the parse sieve")
    parser.add_argument("--workers", type=int, default=2, metavar="N",
                        help="worker processes of the local cluster (default: 2)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="use a running Dask scheduler instead of a local cluster")
    parser.add_argument("--blocksize", default="16MiB", help="bytes of input per partition (default: 16MiB)")
    args = parser.parse_args(argv)
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        parser.error("the cluster needs dask.distributed: pip install 'dask[distributed]'")
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        if args.scheduler:
            cluster = args.scheduler
        else:
            cluster = stack.enter_context(LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True))
        client = stack.enter_context(Client(cluster))
        records = extract_bag(read_jsonl(args.inputs, blocksize=args.blocksize), fast=args.fast, model=args.model)
        Path(args.output).mkdir(parents=True, exist_ok=True)
        # one graph: the extraction runs once for both the files and the error count
        parts, failed = dask.compute(write_jsonl(records, args.output, compute=False),
                                     records.filter(is_error_record).count())
        pipelines = client.run(pipelines_in_memory)
    noun = "part" if len(parts) == 1 else "parts"
    print(f"quotes.distributed: {len(parts)} {noun} in {args.output} in {time.perf_counter() - started:.1f} s; "
          f"documents failed: {failed}; spaCy pipelines per worker: {sorted(pipelines.values())}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":  # run as the importable module, so workers unpickle its functions by name
    from quotes.distributed import main as _main

    sys.exit(_main())
