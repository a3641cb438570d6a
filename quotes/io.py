"""Reading documents and record files, writing JSONL: bytes in and out, orjson both ways.

Readers stream: memory is bounded by the largest document (one JSONL line, or
one text file), never by the corpus. A problem with one line or one file never
raises from :func:`iter_documents`: it becomes an :class:`InputError` item
naming the source, the line and the cause, and the other inputs are still read.
:func:`iter_unparsed` leaves each JSONL line unparsed (:class:`RawLine`), and
:func:`iter_blocks` each JSONL file in blocks of whole lines (:class:`RawBlock`),
for worker processes to parse, so the process that reads does little more than read.

Inputs by name: ``-`` is stdin; ``.gz`` and ``.bz2`` are decompressed; a name
ending ``.jsonl`` (or ``.ndjson``) before any compression suffix holds one JSON
object per line; anything else is one text document whose id is its file stem.
A JSONL line without an id gets ``<file stem>:<line number>`` (``stdin:<line>``
on stdin), so ids stay unique and stable across runs.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import io
import itertools
import json
import os
import sys
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple, cast

import orjson

from quotes.errors import BadInput, QuotesError

STDIN = "-"
FORMATS = ("auto", "text", "jsonl")
_DECOMPRESSORS = {".gz": gzip.open, ".bz2": bz2.open}
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_BOM = b"\xef\xbb\xbf"
_SNIFF_BYTES = 8192
BLOCK_BYTES = 1 << 18
"""Bytes of JSONL a :class:`RawBlock` holds (its last line ends past it): the parent's work is per block, and a
quarter of a MiB costs it no more CPU than a whole MiB, with a lower peak (the whole block is joined in memory)."""
_READ_ERRORS = (OSError, EOFError, zlib.error)  # missing, unreadable, truncated or corrupt input
_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number",
               bool: "a boolean", type(None): "null"}


@dataclass(frozen=True, slots=True)
class Document:
    """One text to extract from, with where it came from.

    ``meta`` holds the input record's other fields, passed through to the
    output; ``nbytes`` is what was read for it (for throughput figures).
    """

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    line: int | None = None
    nbytes: int = 0


@dataclass(frozen=True, slots=True)
class InputError:
    """A line or a file that could not become a document, and why."""

    source: str
    cause: str
    line: int | None = None
    doc_id: str | None = None

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}, line {self.line}"
        return f"{where}: {self.cause}"


class RawLine(NamedTuple):
    """A JSONL line as read, to be parsed by :meth:`parse` where the document is extracted (a worker process).

    Reading then costs the reader next to nothing, and the bytes cross to a
    worker more cheaply than a parsed document would (a tuple, made and
    pickled in C).
    """

    raw: bytes | str  # bytes as read; str where an engine hands over decoded lines
    source: str
    line: int
    fallback_id: str
    text_key: str = "text"
    id_key: str = "id"

    @property
    def nbytes(self) -> int:
        return len(self.raw)

    def parse(self) -> Document | InputError:
        """The document this line holds, or why it holds none: what a reader that parses would have given."""
        value, cause = parse_line(self.raw)
        if cause is not None:
            return InputError(self.source, cause, self.line)
        return document_from_record(value, source=self.source, line=self.line, fallback_id=self.fallback_id,
                                    text_key=self.text_key, id_key=self.id_key, nbytes=len(self.raw))


class RawBlock(NamedTuple):
    """Whole JSONL lines of one file as read, to be split into :class:`RawLine` by :meth:`lines` where they are parsed.

    The reader then does per-block work, not per-line work: one read, one
    count of newlines (to number the next block's lines), one object to send.
    """

    raw: bytes
    source: str
    first: int  # number of the block's first line in its file
    stem: str  # ids of lines without one are ``<stem>:<line number>``
    text_key: str = "text"
    id_key: str = "id"

    @property
    def nbytes(self) -> int:
        """Bytes read for the block, its blank lines included."""
        return len(self.raw)

    def lines(self) -> Iterator[RawLine | InputError]:
        """The block's non-blank lines, numbered in the file: what :func:`iter_unparsed` gives for them."""
        return _jsonl_documents(io.BytesIO(self.raw), self.source, self.stem, self.text_key, self.id_key, lazy=True,
                                first=self.first)  # type: ignore[return-value]


def source_name(path: str | os.PathLike[str]) -> str:
    """How an input is named in error records and messages."""
    return "<stdin>" if str(path) == STDIN else str(path)


def _stem(path: str | os.PathLike[str]) -> str:
    if str(path) == STDIN:
        return "stdin"
    name = Path(path)
    if name.suffix.lower() in _DECOMPRESSORS:
        name = name.with_suffix("")
    return name.stem


def is_jsonl_name(path: str | os.PathLike[str]) -> bool:
    name = Path(path)
    if name.suffix.lower() in _DECOMPRESSORS:
        name = name.with_suffix("")
    return name.suffix.lower() in _JSONL_SUFFIXES


def _open(path: str | os.PathLike[str]) -> contextlib.AbstractContextManager[IO[bytes]]:
    """A binary stream over the input, decompressed by suffix; stdin is left open afterwards."""
    if str(path) == STDIN:
        return contextlib.nullcontext(sys.stdin.buffer)
    opener = _DECOMPRESSORS.get(Path(path).suffix.lower())
    if opener is not None:
        if os.path.isdir(path):  # gzip/bz2 would open a directory and fail later, less clearly
            raise IsADirectoryError(21, "Is a directory", str(path))
        return opener(path, "rb")
    return open(path, "rb")


def _describe(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "truncated compressed file (it ends before its end-of-stream marker)"
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read ({exc.strerror})"
    return f"cannot read ({exc})"


def parse_line(raw: bytes | str) -> tuple[Any, str | None]:
    """The JSON value of one JSONL line, or ``None`` and the cause."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    try:
        return orjson.loads(raw), None
    except orjson.JSONDecodeError as exc:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as bad:
            return None, f"invalid UTF-8 (byte {bad.start} of the line)"
        try:
            # valid JSON that orjson refuses: lone surrogate escapes, integers past 64 bits
            return json.loads(text), None
        except ValueError:
            return None, f"not JSON ({exc})"


def _nonblank_lines(stream: Iterable[bytes], first: int = 1) -> Iterator[tuple[int, bytes, str | None]]:
    """``(line number, line, None)`` for each non-blank line; a read failure ends it with ``(number, b"", cause)``.

    The stream's first line is line ``first`` of its file.
    """
    number = first - 1
    try:
        for number, raw in enumerate(stream, first):
            if number == 1:
                raw = raw.removeprefix(_BOM)
            if raw and not raw.isspace():
                yield number, raw, None
    except _READ_ERRORS as exc:
        yield number + 1, b"", _describe(exc)


def _parsed_lines(stream: Iterable[bytes]) -> Iterator[tuple[int, Any, str | None]]:
    """``(line number, value, cause)`` for each non-blank line; a read failure ends it with a cause."""
    for number, raw, cause in _nonblank_lines(stream):
        if cause is not None:
            yield number, None, cause
        else:
            yield number, *parse_line(raw)


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def document_from_record(record: Any, *, source: str, line: int | None, fallback_id: str,
                         text_key: str = "text", id_key: str = "id", nbytes: int = 0) -> Document | InputError:
    """A JSON record as a document: its text, its id (or ``fallback_id``), its other fields as ``meta``."""
    if not isinstance(record, dict):
        return InputError(source, f"not a JSON object (it is {_json_type(record)})", line)
    raw_id = record.get(id_key)
    doc_id = fallback_id if raw_id is None or raw_id == "" else str(raw_id)
    if text_key not in record:
        return InputError(source, f"no {text_key!r} key", line, doc_id)
    text = record[text_key]
    if not isinstance(text, str):
        return InputError(source, f"{text_key!r} is not a string (it is {_json_type(text)})", line, doc_id)
    meta = {key: value for key, value in record.items() if key != text_key and key != id_key}
    return Document(doc_id, text, meta, source, line, nbytes)


def _jsonl_documents(stream: Iterable[bytes], source: str, stem: str, text_key: str, id_key: str,
                     lazy: bool = False, first: int = 1) -> Iterator[Document | InputError | RawLine]:
    for number, raw, cause in _nonblank_lines(stream, first):
        if cause is not None:
            yield InputError(source, cause, number)
            continue
        line = RawLine(raw, source, number, f"{stem}:{number}", text_key, id_key)
        yield line if lazy else line.parse()


def _jsonl_blocks(stream: io.BufferedIOBase, source: str, stem: str, text_key: str,
                  id_key: str) -> Iterator[RawBlock | InputError]:
    """The stream's lines in :class:`RawBlock` s; a read failure ends it with an error at the line it cut."""
    first = 1
    try:
        for raw in _line_blocks(stream, BLOCK_BYTES):
            yield RawBlock(raw, source, first, stem, text_key, id_key)
            first += raw.count(b"\n")
    except _READ_ERRORS as exc:
        yield InputError(source, _describe(exc), first)


def _line_blocks(stream: io.BufferedIOBase, size: int) -> Iterator[bytes]:
    """The stream's bytes in blocks of whole lines, each ``size`` bytes and the rest of its last line (the last
    block: what is left).

    A read failure is raised after the whole lines read before it: what a
    line-by-line reader gives (a decompressor fails after all it could give).
    """
    pieces: list[bytes] = []
    filled = 0
    try:
        while piece := stream.read1(size - filled):  # read1: what was read before a failure is kept
            pieces.append(piece)
            filled += len(piece)
            if filled >= size:
                pieces.append(stream.readline())
                yield b"".join(pieces)
                pieces, filled = [], 0
    except _READ_ERRORS:
        read = b"".join(pieces)
        if b"\n" in read:
            yield read[: read.rindex(b"\n") + 1]
        raise
    if pieces:
        yield b"".join(pieces)


def _text_document(data: bytes, source: str, doc_id: str) -> Document | InputError:
    nul = data.find(b"\x00")
    if nul >= 0:
        return InputError(source, f"binary file (NUL byte at offset {nul}), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as bad:
        return InputError(source, f"not UTF-8 text (invalid byte at offset {bad.start})")
    return Document(doc_id, text.removeprefix("\ufeff"), {}, source, None, len(data))


def _sniff(stream: IO[bytes]) -> tuple[bool, Iterator[bytes]]:
    """Whether a stream of unknown format holds JSON lines (first non-blank byte ``{``), and the stream again."""
    head: list[bytes] = []
    for raw in stream:
        head.append(raw)
        if raw.strip():
            break
    is_jsonl = bool(head) and head[-1].removeprefix(_BOM).lstrip().startswith(b"{")
    return is_jsonl, itertools.chain(head, stream)


def _looks_binary(stream: IO[bytes]) -> bool:
    """Whether the first block holds a NUL byte, which no text or JSON has."""
    peek = getattr(stream, "peek", None)
    return peek is not None and b"\x00" in peek(_SNIFF_BYTES)[:_SNIFF_BYTES]


def _documents_of(path: str | os.PathLike[str], fmt: str, text_key: str, id_key: str,
                  unit: str) -> Iterator[Document | InputError | RawLine | RawBlock]:
    source, stem = source_name(path), _stem(path)
    try:
        opened = _open(path)
    except _READ_ERRORS as exc:
        yield InputError(source, _describe(exc))
        return
    with opened as stream:
        lines: Iterable[bytes] = stream
        try:
            if _looks_binary(stream):
                yield InputError(source, "binary file (NUL bytes), not text or JSON lines")
                return
            if fmt == "auto" and str(path) == STDIN:
                is_jsonl, lines = _sniff(stream)
            else:
                is_jsonl = fmt == "jsonl" or (fmt == "auto" and is_jsonl_name(path))
            if is_jsonl and unit == "block" and str(path) != STDIN:
                file = cast(io.BufferedIOBase, stream)  # a named file: buffered, gzip or bz2
                yield from _jsonl_blocks(file, source, stem, text_key, id_key)
                return
            if is_jsonl:
                yield from _jsonl_documents(lines, source, stem, text_key, id_key, lazy=unit != "document")
                return
            data = b"".join(lines)
        except _READ_ERRORS as exc:
            yield InputError(source, _describe(exc))
            return
        yield _text_document(data, source, stem)


def iter_documents(paths: Iterable[str | os.PathLike[str]] | None = None, *, fmt: str = "auto",
                   text_key: str = "text", id_key: str = "id") -> Iterator[Document | InputError]:
    """Every document of the inputs in order, or an :class:`InputError` where one cannot be read.

    No paths (or ``-``) reads stdin. ``fmt`` is ``auto`` (by file name; stdin
    by its first non-blank byte), ``text`` or ``jsonl``. Each non-blank JSONL
    line yields exactly one item; blank lines are skipped.
    """
    return _inputs(paths, fmt, text_key, id_key, "document")  # type: ignore[return-value]


def iter_unparsed(paths: Iterable[str | os.PathLike[str]] | None = None, *, fmt: str = "auto",
                  text_key: str = "text", id_key: str = "id") -> Iterator[Document | InputError | RawLine]:
    """:func:`iter_documents`, but each JSONL line comes as a :class:`RawLine`, for a worker to parse."""
    return _inputs(paths, fmt, text_key, id_key, "line")  # type: ignore[return-value]


def iter_blocks(paths: Iterable[str | os.PathLike[str]] | None = None, *, fmt: str = "auto", text_key: str = "text",
                id_key: str = "id") -> Iterator[Document | InputError | RawLine | RawBlock]:
    """:func:`iter_unparsed`, but a JSONL file comes in :class:`RawBlock` s (stdin still line by line, as it comes)."""
    return _inputs(paths, fmt, text_key, id_key, "block")


def _inputs(paths: Iterable[str | os.PathLike[str]] | None, fmt: str, text_key: str, id_key: str,
            unit: str) -> Iterator[Document | InputError | RawLine | RawBlock]:
    """The items of the inputs; ``unit`` is what a JSONL file gives: a ``document``, ``line`` or ``block`` at a time."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    return itertools.chain.from_iterable(_documents_of(path, fmt, text_key, id_key, unit) for path in paths or [STDIN])


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """The JSON objects of a record file (``-``, ``.gz``, ``.bz2`` as for documents), blank lines skipped.

    Raises :class:`quotes.errors.BadInput` naming the file, the line and the
    cause at the first line that is not a JSON object, or when the file cannot
    be read.
    """
    source = source_name(path)
    try:
        opened = _open(path)
    except _READ_ERRORS as exc:
        raise BadInput(f"{source}: {_describe(exc)}") from None
    with opened as stream:
        for number, value, cause in _parsed_lines(stream):
            if cause is None and not isinstance(value, dict):
                cause = f"not a JSON object (it is {_json_type(value)})"
            if cause is not None:
                raise BadInput(f"{source}, line {number}: {cause}")
            yield value


def dumps_line(record: dict[str, Any]) -> bytes:
    """One JSONL line. Text with lone surrogates (from lax decoding upstream) is escaped, not lost."""
    try:
        return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        # orjson refuses lone surrogates and integers past 64 bits; JSON itself allows both
        return json.dumps(record, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"


def dumps_lines(records: Iterable[dict[str, Any]]) -> bytes:
    """Records as one block of JSONL lines."""
    return b"".join(dumps_line(record) for record in records)


class JsonlWriter:
    """Writes records as JSONL to a file (``.gz`` compressed by suffix) or stdout (``-``).

    Each :meth:`write` call goes out as one block, so a document's records stay
    together (:meth:`write_lines` takes them already encoded); the stream is
    flushed at most every ``flush_seconds`` and on close, so readers following
    the file see whole lines. It refuses to write over any of ``inputs`` and
    writes nowhere but ``path``.
    """

    def __init__(self, path: str | os.PathLike[str] = STDIN, *, append: bool = False,
                 inputs: Iterable[str | os.PathLike[str]] = (), flush_seconds: float = 1.0) -> None:
        self.path = str(path)
        self._flush_seconds = flush_seconds
        self._last_flush = time.monotonic()
        self._stream: IO[bytes]
        if self.path == STDIN:
            self._stream = sys.stdout.buffer
            return
        for source in inputs:
            if str(source) != STDIN and _same_file(self.path, source):
                raise QuotesError(f"refusing to write over the input file {source}")
        mode = "ab" if append else "wb"
        try:
            if Path(self.path).suffix.lower() == ".gz":
                self._stream = gzip.open(self.path, mode)
            else:
                self._stream = open(self.path, mode)
        except OSError as exc:
            raise QuotesError(f"cannot write {self.path} ({exc.strerror or exc})") from None

    def write(self, records: Iterable[dict[str, Any]]) -> None:
        """Write records as one block of lines."""
        self.write_lines(dumps_lines(records))

    def write_lines(self, block: bytes) -> None:
        """Write a block of JSONL lines already encoded (by :func:`dumps_lines`, perhaps in another process)."""
        if block:
            self._stream.write(block)
        now = time.monotonic()
        if now - self._last_flush >= self._flush_seconds:
            self._stream.flush()
            self._last_flush = now

    def close(self) -> None:
        """Flush, and close the file (stdout stays open)."""
        if self.path == STDIN:
            self._stream.flush()
        else:
            self._stream.close()

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False


@dataclass(slots=True)
class Completed:
    """The documents an earlier run already wrote to an output file (for ``--resume``).

    Input errors that had no document id are known by ``(source, line)``.
    """

    doc_ids: set[str] = field(default_factory=set)
    error_lines: set[tuple[str, int]] = field(default_factory=set)

    def __contains__(self, item: Document | InputError) -> bool:
        if isinstance(item, Document):
            return item.id in self.doc_ids
        if item.doc_id is not None:
            return item.doc_id in self.doc_ids
        return (item.source, item.line) in self.error_lines


def prepare_resume(path: str | os.PathLike[str]) -> Completed:
    """Read what an interrupted run wrote to ``path`` and cut it back to whole documents.

    Works on per-quote and per-document record files alike. The last document
    in the file may have been cut short (an interrupted run stops anywhere), so
    it is removed, with any partial last line, and done again. A document
    without quotes leaves no per-quote record, so only ``--group doc`` output
    knows it was done. Raises :class:`BadInput` on a damaged line elsewhere.
    """
    completed = Completed()
    if not os.path.exists(path):
        return completed
    last_key: Any = None
    last_start = offset = 0
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            start, offset = offset, offset + len(raw)
            if not raw.endswith(b"\n"):
                break  # cut off mid-line
            if not raw.strip():
                continue
            value, cause = parse_line(raw)
            if cause is None and not isinstance(value, dict):
                cause = f"not a JSON object (it is {_json_type(value)})"
            if cause is not None:
                raise BadInput(f"{source_name(path)}, line {number}: {cause}; cannot resume from this file")
            key = _record_key(value)
            if key != last_key:
                last_key, last_start = key, start
            if isinstance(key, str):
                completed.doc_ids.add(key)
            elif key is not None:
                completed.error_lines.add(key)
    if last_key is not None or last_start < offset:
        completed.doc_ids.discard(last_key)  # type: ignore[arg-type]
        completed.error_lines.discard(last_key)
        os.truncate(path, last_start)
    return completed


def _record_key(record: dict[str, Any]) -> str | tuple[str, int] | None:
    doc_id = record.get("doc_id")
    if doc_id is not None:
        return str(doc_id)
    if "error" in record and isinstance(record.get("source"), str) and isinstance(record.get("line"), int):
        return record["source"], record["line"]
    return None
