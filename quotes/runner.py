"""Running the extractor over a stream of documents: one process or many, in order, never losing one.

The unit of work is a document. :func:`process` turns any content problem
into an error result, so one bad document never stops a run. :func:`run` with
``jobs > 1`` hands chunks of documents to worker processes that each build
their extractor (and load the model) once, get back plain records (or, given
the output ``group``, the records already as JSONL bytes, so the parent only
writes), and keeps only a few chunks in flight so memory stays flat. A block
of JSONL lines (:class:`quotes.io.RawBlock`) is split and parsed where it is
extracted, and, given ``group``, its documents come back as few results as
its failures allow, so the parent's work is per block, not per document. A
worker that dies (killed, out of memory) loses nothing: the documents it held
are retried one at a time in fresh workers, and one that kills its worker
again becomes an error result. :func:`extract_partition` is the same work as
a pure function for distributed engines.
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
import operator
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, fields
from typing import Any, Protocol

from quotes.errors import ModelNotFound, QuotesError
from quotes.io import (
    Document,
    InputError,
    RawBlock,
    RawLine,
    document_from_record,
    dumps_lines,
)
from quotes.model import SCHEMA_VERSION

GROUPS = ("quote", "doc")
WORKER_DIED = "the worker process died while extracting this document (killed, or out of memory)"
CHUNK_BYTES = 1 << 19
"""Input a worker takes at most at a time (whatever the count of documents), so long documents keep memory
flat; the chunks in flight are a few times this. Half a MiB costs ``-j 2`` no more time than a whole MiB
on 50 MB, and its peak grows 6% over 5 MB instead of 8-10%."""

BATCH_DOCS = 64
"""Documents a process extracts together (with ``-j 1`` and in a partition, at most :data:`CHUNK_BYTES`):
enough for each stage's patterns to stay in cache across documents, few enough that results stream and that
a worker holds few whole results."""

Item = Document | InputError | RawLine | RawBlock
"""An input item: a document, why one could not be read, or a JSONL line or block of lines the worker parses."""


class SupportsExtract(Protocol):
    def extract(self, text: str, doc_id: str = "", meta: dict[str, Any] | None = None) -> list[Any]: ...


@dataclass(slots=True)
class DocResult:
    """What came of one input item: its quote records, or the error that stopped it.

    ``quotes`` are per-quote records (:meth:`quotes.model.Quote.to_dict`),
    plain data so results cross process boundaries cheaply. A :meth:`lean`
    result carries its records as JSONL bytes (``jsonl``) and the count of its
    quotes (``found``) instead of ``quotes`` and ``meta``: cheaper still.
    A lean result may stand for several documents in a row that all succeeded
    (``documents`` of them, ``doc_id`` then ``None``): their lines, in order.
    """

    doc_id: str | None
    source: str
    line: int | None
    meta: dict[str, Any] = field(default_factory=dict)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    jsonl: bytes | None = None
    found: int | None = None
    documents: int = 1

    def error_record(self) -> dict[str, Any]:
        return {"schema": SCHEMA_VERSION, "doc_id": self.doc_id, "error": self.error,
                "line": self.line, "source": self.source}

    def doc_record(self) -> dict[str, Any]:
        """The ``--group doc`` record: the document with its quotes nested, ``doc_id``/``meta`` said once."""
        nested = [{k: v for k, v in q.items() if k != "doc_id" and k != "meta"} for q in self.quotes]
        return {"schema": SCHEMA_VERSION, "doc_id": self.doc_id, "meta": self.meta, "quotes": nested}

    def records(self, group: str = "quote") -> list[dict[str, Any]]:
        """The output records: one per quote (``quote``), or exactly one (``doc``); an error gives its record."""
        if self.error is not None:
            return [self.error_record()]
        if group == "quote":
            return self.quotes
        if group == "doc":
            return [self.doc_record()]
        raise ValueError(f"group must be one of {GROUPS}, not {group!r}")

    def encoded(self, group: str = "quote") -> bytes:
        """The output records as JSONL lines; a lean result has them already."""
        return self.jsonl if self.jsonl is not None else dumps_lines(self.records(group))

    def quote_count(self) -> int:
        """How many quotes the document gave, whole or lean."""
        return len(self.quotes) if self.found is None else self.found

    def lean(self, group: str) -> DocResult:
        """This result as the writer needs it: records encoded for ``group``, where it came from, its error."""
        return DocResult(self.doc_id, self.source, self.line, error=self.error, jsonl=self.encoded(group),
                         found=self.quote_count())

    def __reduce__(self) -> tuple[type[DocResult], tuple[Any, ...]]:
        """Pickled as the tuple of its fields, made in C: a slotted dataclass's own state is built in Python."""
        return DocResult, _result_fields(self)


_result_fields = operator.attrgetter(*(f.name for f in fields(DocResult)))


def process(item: Document | InputError, extractor: SupportsExtract) -> DocResult:
    """Extract from one document. Never raises for a content problem: it becomes the result's ``error``.

    A missing spaCy model is not a content problem and still raises
    :class:`quotes.errors.ModelNotFound`.
    """
    if isinstance(item, InputError):
        return _unreadable(item)
    built: list[dict[str, Any]] | Exception
    try:
        build_records = getattr(extractor, "records", None)  # an Extractor skips the Quote objects
        if build_records is not None:
            built = build_records(item.text, item.id, item.meta)
        else:
            built = [quote.to_dict() for quote in extractor.extract(item.text, item.id, item.meta)]
    except Exception as exc:  # noqa: BLE001 - any failure on one document is that document's error
        built = exc
    return _result(item, built)


def process_batch(items: Sequence[Document | InputError], extractor: SupportsExtract) -> list[DocResult]:
    """:func:`process` of each item; an extractor with ``records_batch`` takes the documents together (faster)."""
    build = getattr(extractor, "records_batch", None)
    if build is None:
        return [process(item, extractor) for item in items]
    documents = [item for item in items if not isinstance(item, InputError)]
    built = iter(build([(document.text, document.id, document.meta) for document in documents]))
    return [_unreadable(item) if isinstance(item, InputError) else _result(item, next(built)) for item in items]


def _result(item: Document, built: list[dict[str, Any]] | Exception) -> DocResult:
    """The document's result from its records, or from the exception its extraction raised."""
    if isinstance(built, ModelNotFound):
        raise built
    if isinstance(built, Exception):
        return DocResult(item.id, item.source, item.line, item.meta, error=f"{type(built).__name__}: {built}")
    return DocResult(item.id, item.source, item.line, item.meta, built)


def _unreadable(item: InputError) -> DocResult:
    return DocResult(item.doc_id, item.source, item.line, error=item.cause)


def make_extractor(fast: bool = False, model: str | None = None, keep_all: bool = False) -> SupportsExtract:
    """An Extractor with its model already loaded, so a missing model shows before the first document."""
    from quotes.pipeline import Extractor

    extractor = Extractor(fast=fast, model=model, keep_all=keep_all)
    if not fast:
        extractor.parser  # noqa: B018 - loads the spaCy pipeline now
    return extractor


def run(items: Iterable[Item], *, jobs: int = 1, fast: bool = False, model: str | None = None,
        keep_all: bool = False, chunk_size: int | None = None,
        factory: Callable[[], SupportsExtract] | None = None, group: str | None = None) -> Iterator[DocResult]:
    """A :class:`DocResult` per document (each line of a block), in input order, whatever ``jobs`` is; given
    ``group``, one result may stand for a block's documents in a row (below).

    ``factory`` builds the extractor (once per process); by default an
    :class:`quotes.pipeline.Extractor` with ``fast``/``model``/``keep_all``.
    It must be picklable when ``jobs > 1``. ``chunk_size`` is how many
    items a worker takes at a time, at most :data:`CHUNK_BYTES` of input, a
    block whole (default 1024 with ``fast``, so chunks are about half a MiB and
    few enough that handing them out costs the parent little; else
    :data:`BATCH_DOCS`, whose parse windows go to spaCy together).
    With ``group``, results are :meth:`DocResult.lean`, made so in the workers:
    the parent then neither decodes records nor encodes them; and the
    documents of a :class:`quotes.io.RawBlock` that succeed in a row come as
    one result, so the parent's work is per block.
    """
    if group is not None and group not in GROUPS:
        raise ValueError(f"group must be one of {GROUPS}, not {group!r}")
    custom = factory is not None
    if factory is None:
        factory = functools.partial(make_extractor, fast, model, keep_all)
    if jobs <= 1:
        extractor = factory()
        for chunk in _chunks(items, BATCH_DOCS):
            yield from _extract(chunk, extractor, group)
        return
    size = chunk_size or (1024 if fast else BATCH_DOCS)
    yield from _run_pool(items, _Pool(factory, jobs, group, model_free=fast and not custom), size)


def _extract(items: Sequence[Item], extractor: SupportsExtract, group: str | None) -> list[DocResult]:
    """The results of the items' documents, extracted :data:`BATCH_DOCS` at a time.

    Given ``group``, each result is made lean as it comes, so only one batch
    of whole results is held at a time, and a block's are :func:`_joined`.
    """
    lines = [_lines(item) for item in items]
    documents = [_parsed(line) for item_lines in lines for line in item_lines]
    built = itertools.chain.from_iterable(process_batch(documents[start:start + BATCH_DOCS], extractor)
                                          for start in range(0, len(documents), BATCH_DOCS))
    results: list[DocResult] = []
    for item, item_lines in zip(items, lines):
        mine = [_finish(next(built), group) for _ in item_lines]
        results += _joined(mine, group) if group is not None and isinstance(item, RawBlock) else mine
    return results


def _lines(item: Item) -> Sequence[Document | InputError | RawLine]:
    """The item's lines if it is a block of them, else the item."""
    return list(item.lines()) if isinstance(item, RawBlock) else (item,)


def _parsed(item: Document | InputError | RawLine) -> Document | InputError:
    return item.parse() if isinstance(item, RawLine) else item


def _finish(result: DocResult, group: str | None) -> DocResult:
    """The result as the run was asked for: lean for ``group``, or whole."""
    return result if group is None else result.lean(group)


def _joined(results: list[DocResult], group: str) -> list[DocResult]:
    """Lean results, each run of documents that succeeded as one: fewer results to send, count and write."""
    joined: list[DocResult] = []
    for failed, run in itertools.groupby(results, key=lambda result: result.error is not None):
        done = list(run)
        if failed or len(done) == 1:
            joined += done
        else:
            joined.append(DocResult(None, done[0].source, done[0].line,
                                    jsonl=b"".join(result.encoded(group) for result in done),
                                    found=sum(result.quote_count() for result in done), documents=len(done)))
    return joined


# ----------------------------------------------------------------- workers ---

_worker_extractor: SupportsExtract | None = None
_worker_failure: BaseException | None = None


def _start_worker(factory: Callable[[], SupportsExtract]) -> None:
    """Pool initializer: build the extractor once; Ctrl-C is the parent's to handle."""
    global _worker_extractor, _worker_failure
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _worker_extractor = factory()
    except Exception as exc:  # noqa: BLE001 - reported with the first chunk, in the parent
        _worker_failure = exc


def _work(chunk: list[Item], group: str | None) -> list[DocResult]:
    if _worker_failure is not None:
        raise _worker_failure
    assert _worker_extractor is not None
    return _extract(chunk, _worker_extractor, group)


def _start_method(forkable: bool) -> str:
    """How a pool's worker processes start: forked where that is safe, else spawned.

    A forked worker starts with the parent's imports instead of a fresh
    interpreter's: on 50 MB, ``-j 2 --fast`` took 1.67-1.76 s instead of
    1.75-1.82 s (``-j 1``: 3.05-3.11 s). Forking is safe for a first pool,
    made before any output is buffered that a child could flush again, whose
    extractor loads no model (spaCy's libraries start threads of their own),
    in a parent running no other thread, on Linux (macOS's system libraries
    are not safe to fork, which is why Python spawns there by default).
    """
    if forkable and threading.active_count() == 1 and sys.platform.startswith("linux"):
        return "fork"
    return "spawn"


class _Pool:
    """A process pool that can be replaced when a worker dies."""

    def __init__(self, factory: Callable[[], SupportsExtract], jobs: int, group: str | None,
                 model_free: bool = False) -> None:
        self._factory = factory
        self.jobs = jobs
        self.group = group
        self.generation = 0
        self.worked = False  # whether any task has come back: deaths before that are not a document's fault
        self._executor = self._new_executor(forkable=model_free)

    def _new_executor(self, forkable: bool) -> ProcessPoolExecutor:
        method = _start_method(forkable)
        if method == "fork":  # a child flushes the standard streams it was born with as it exits
            sys.stdout.flush()
            sys.stderr.flush()
        return ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context(method),
                                   initializer=_start_worker, initargs=(self._factory,))

    def submit(self, chunk: list[Item]) -> tuple[int, Future[list[DocResult]]]:
        """Hand the chunk to a worker: the pool's generation and the chunk's future.

        A worker may have died since the last call, and the pool then takes
        no more work: it is replaced, and the chunk comes back cancelled (it
        never ran), to be settled with the broken pool's other chunks.
        """
        generation = self.generation
        try:
            return generation, self._executor.submit(_work, chunk, self.group)
        except BrokenProcessPool:
            self.replace(generation)
            never_ran: Future[list[DocResult]] = Future()
            never_ran.cancel()
            return generation, never_ran

    def replace(self, generation: int) -> None:
        """Start a fresh pool, unless the one that broke (``generation``) was already replaced."""
        if generation == self.generation:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = self._new_executor(forkable=False)
            self.generation += 1

    def close(self, wait: bool) -> None:
        self._executor.shutdown(wait=wait, cancel_futures=True)


def _run_pool(items: Iterable[Item], pool: _Pool, size: int) -> Iterator[DocResult]:
    window: deque[tuple[list[Item], int, Future[list[DocResult]]]] = deque()
    try:
        for chunk in _chunks(items, size):
            while window and window[0][1] != pool.generation:
                # a worker died: its pool's chunks are settled before new work starts, so that
                # the documents retried alone really are alone in the fresh pool
                yield from _settle(pool, *window.popleft())
            window.append((chunk, *pool.submit(chunk)))
            if len(window) > 2 * pool.jobs:  # bounded in flight: memory stays flat
                yield from _settle(pool, *window.popleft())
        while window:
            yield from _settle(pool, *window.popleft())
    except BaseException:  # interrupted, or the consumer stopped: do not wait for running chunks
        pool.close(wait=False)
        raise
    pool.close(wait=True)


def _settle(pool: _Pool, chunk: list[Item], generation: int, future: Future[list[DocResult]], *,
            again: bool = True) -> list[DocResult]:
    try:
        results = future.result()
    except CancelledError:
        pool.replace(generation)
        if again:  # its pool broke before it ran: whole once more, with nothing beside it in the fresh pool
            return _settle(pool, chunk, *pool.submit(chunk), again=False)
    except BrokenProcessPool:
        pool.replace(generation)
    else:
        pool.worked = True
        return results
    # a worker died holding this chunk: which document killed it is unknown, so
    # each one runs alone in a fresh worker, where a death names its document
    return [_alone(pool, line) for item in chunk for line in _lines(item)]


def _alone(pool: _Pool, line_or_item: Document | InputError | RawLine, attempts: int = 2) -> DocResult:
    item = _parsed(line_or_item)  # its id names it if it kills its worker
    if isinstance(item, InputError):
        return _finish(_unreadable(item), pool.group)
    for _ in range(attempts):
        generation, future = pool.submit([item])
        try:
            result = future.result()[0]
        except (BrokenProcessPool, CancelledError):
            pool.replace(generation)
            continue
        pool.worked = True
        return result
    if not pool.worked:
        raise QuotesError("worker processes die before finishing any document; run with -j 1 to see why")
    return _finish(DocResult(item.id, item.source, item.line, item.meta, error=WORKER_DIED), pool.group)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    nbytes = 0
    for item in items:
        chunk.append(item)
        nbytes += 0 if isinstance(item, InputError) else item.nbytes
        if len(chunk) >= size or nbytes >= CHUNK_BYTES:
            yield chunk
            chunk = []
            nbytes = 0
    if chunk:
        yield chunk


# ------------------------------------------------------- distributed engines ---

@functools.cache
def _shared_extractor(fast: bool, model: str | None, keep_all: bool) -> SupportsExtract:
    return make_extractor(fast, model, keep_all)


def extract_partition(rows: Iterable[tuple[str, str]] | Iterable[dict[str, Any]] | Iterable[str | bytes], *,
                      fast: bool = False,
                      model: str | None = None, keep_all: bool = False, text_key: str = "text",
                      id_key: str = "id") -> Iterator[dict[str, Any]]:
    """Per-quote records for a partition of ``(id, text)`` pairs, input records (dicts) or JSONL lines.

    Pure and picklable, for ``mapPartitions``/``map_partitions`` in a
    distributed engine: the extractor (and model) is built lazily once per
    process and never travels. A row that cannot be extracted yields one error
    record (``{"schema", "doc_id", "error", "line", "source"}``, ``line`` its
    position in the partition) instead of raising.
    """
    extractor = _shared_extractor(fast, model, keep_all)
    documents = (_row_document(row, number, text_key, id_key) for number, row in enumerate(rows, 1))
    for chunk in _chunks(documents, BATCH_DOCS):
        for result in process_batch(chunk, extractor):
            yield from result.records("quote")


def _row_document(row: Any, number: int, text_key: str, id_key: str) -> Document | InputError:
    if isinstance(row, (tuple, list)) and len(row) == 2:
        row = {id_key: row[0], text_key: row[1]}
    elif isinstance(row, (str, bytes)):  # a JSONL line, parsed as a worker parses one
        return RawLine(row, "partition", number, f"partition:{number}", text_key, id_key).parse()
    return document_from_record(row, source="partition", line=number, fallback_id=f"partition:{number}",
                                text_key=text_key, id_key=id_key)
