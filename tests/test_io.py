"""Readers and writers: every bad line and bad file becomes one clear error item, never a traceback."""

from __future__ import annotations

import builtins
import bz2
import gzip
import io
import json
import sys
from pathlib import Path

import orjson
import pytest

import quotes.io
from quotes.errors import BadInput, QuotesError
from quotes.io import (
    Document,
    InputError,
    JsonlWriter,
    RawBlock,
    RawLine,
    dumps_line,
    iter_blocks,
    iter_documents,
    iter_unparsed,
    prepare_resume,
    read_jsonl,
)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_jsonl_documents_carry_id_meta_line_and_size(tmp_path: Path) -> None:
    line = b'{"id": "a1", "text": "Hello.", "url": "https://example.org/a1", "date": "2024-05-01"}\n'
    path = write(tmp_path / "news.jsonl", line + b'{"text": "No id here."}\n')
    first, second = iter_documents([path])
    assert first == Document("a1", "Hello.", {"url": "https://example.org/a1", "date": "2024-05-01"},
                             str(path), 1, len(line))
    assert (second.id, second.text, second.line) == ("news:2", "No id here.", 2)


def test_custom_keys_and_numeric_ids(tmp_path: Path) -> None:
    path = write(tmp_path / "x.jsonl", b'{"doc": 7, "body": "Text.", "text": "kept as meta"}\n')
    (doc,) = iter_documents([path], text_key="body", id_key="doc")
    assert (doc.id, doc.text, doc.meta) == ("7", "Text.", {"text": "kept as meta"})


BAD_LINES = [
    pytest.param(b"{not json}", None, "not JSON", id="not-json"),
    pytest.param(b'{"id": "a", "text": "cut', None, "not JSON", id="truncated-line"),
    pytest.param(b'["a", "b"]', None, "not a JSON object (it is an array)", id="array"),
    pytest.param(b'"just a string"', None, "not a JSON object (it is a string)", id="string"),
    pytest.param(b'{"id": "a", "body": "x"}', "a", "no 'text' key", id="no-text-key"),
    pytest.param(b'{"id": "a", "text": 42}', "a", "'text' is not a string (it is a number)", id="number-text"),
    pytest.param(b'{"id": "a", "text": null}', "a", "'text' is not a string (it is null)", id="null-text"),
    pytest.param(b'{"text": ["x"]}', "in:2", "'text' is not a string (it is an array)", id="no-id-bad-text"),
    pytest.param(b'{"id": "a", "text": "caf\xe9"}', None, "invalid UTF-8", id="invalid-utf8"),
]


@pytest.mark.parametrize(("line", "doc_id", "cause"), BAD_LINES)
def test_each_bad_line_is_one_error_item_and_the_file_goes_on(tmp_path: Path, line: bytes, doc_id: str | None,
                                                             cause: str) -> None:
    data = b'{"id": "ok1", "text": "a"}\n' + line + b'\n\n   \n{"id": "ok2", "text": "b"}\n'
    path = write(tmp_path / "in.jsonl", data)
    items = list(iter_documents([path]))
    assert [type(i) for i in items] == [Document, InputError, Document]
    error = items[1]
    assert (error.source, error.line, error.doc_id) == (str(path), 2, doc_id)
    assert error.cause.startswith(cause)
    assert str(error).startswith(f"{path}, line 2: ")


def test_json_that_orjson_refuses_is_still_read_and_written(tmp_path: Path) -> None:
    """A lone surrogate escape (from bad decoding upstream) and a huge integer are valid JSON."""
    line = b'{"id": "s", "text": "bad \\ud800 half", "n": 123456789012345678901234567890}\n'
    path = write(tmp_path / "odd.jsonl", line)
    (doc,) = iter_documents([path])
    assert doc.text == "bad \ud800 half"
    line = dumps_line({"text": doc.text, "n": doc.meta["n"]})
    assert line.endswith(b"\n") and b"\n" not in line[:-1]
    assert json.loads(line) == {"text": "bad \ud800 half", "n": 123456789012345678901234567890}


def test_dumps_line_is_plain_orjson_for_ordinary_records() -> None:
    record = {"schema": 1, "text": "“Curly” é"}
    assert dumps_line(record) == orjson.dumps(record) + b"\n"


def test_byte_order_mark_and_crlf_are_tolerated(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.jsonl", b'\xef\xbb\xbf{"id": "a", "text": "x"}\r\n{"id": "b", "text": "y"}\r\n')
    assert [d.id for d in iter_documents([path])] == ["a", "b"]
    text = write(tmp_path / "bom.txt", b"\xef\xbb\xbfHello")
    assert next(iter_documents([text])).text == "Hello"


@pytest.mark.parametrize("opener", [gzip.compress, bz2.compress], ids=["gz", "bz2"])
def test_compressed_jsonl_and_text(tmp_path: Path, opener) -> None:
    suffix = ".gz" if opener is gzip.compress else ".bz2"
    jsonl = write(tmp_path / f"c.jsonl{suffix}", opener(b'{"id": "a", "text": "x"}\n{"text": "y"}\n'))
    assert [(d.id, d.text) for d in iter_documents([jsonl])] == [("a", "x"), ("c:2", "y")]
    text = write(tmp_path / f"story.txt{suffix}", opener("“Yes,” she said.".encode()))
    assert [(d.id, d.text) for d in iter_documents([text])] == [("story", "“Yes,” she said.")]


@pytest.mark.parametrize(("suffix", "compress"), [(".gz", gzip.compress), (".bz2", bz2.compress)], ids=["gz", "bz2"])
def test_truncated_archive_keeps_what_was_read_and_reports_once(tmp_path: Path, suffix: str, compress) -> None:
    lines = b"".join(b'{"id": "d%d", "text": "%s %d"}\n' % (i, b"word " * 200, i * i) for i in range(2000))
    packed = compress(lines)
    path = write(tmp_path / f"cut.jsonl{suffix}", packed[: len(packed) // 2])
    items = list(iter_documents([path, write(tmp_path / "next.txt", b"still read")]))
    *read, error, following = items
    assert all(isinstance(i, Document) for i in read) and 0 < len(read) < 2000
    assert [d.id for d in read] == [f"d{i}" for i in range(len(read))]
    assert isinstance(error, InputError) and "truncated" in error.cause and error.line == len(read) + 1
    assert following.id == "next"


@pytest.mark.parametrize(("name", "data"), [
    ("fake.jsonl.gz", b"this is not gzip data at all"),
    ("fake.jsonl.bz2", b"this is not bzip2 data at all"),
    ("fake.txt.gz", b"\x1f\x8b\x08\x00 broken"),
], ids=["gz", "bz2", "gz-header-only"])
def test_corrupt_compressed_file_is_one_error(tmp_path: Path, name: str, data: bytes) -> None:
    (item,) = iter_documents([write(tmp_path / name, data)])
    assert isinstance(item, InputError) and item.cause.startswith(("cannot read", "truncated"))


def test_text_file_is_one_document_named_by_its_stem(tmp_path: Path) -> None:
    path = write(tmp_path / "000_story.txt", "Line one.\n\n“Two,” he said.\n".encode())
    (doc,) = iter_documents([path])
    assert (doc.id, doc.text, doc.line, doc.meta) == ("000_story", "Line one.\n\n“Two,” he said.\n", None, {})


@pytest.mark.parametrize(("name", "data", "cause"), [
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL bytes)"),
    ("late-nul.txt", b"a" * 10000 + b"\x00", "binary file (NUL byte at offset 10000)"),
    ("latin1.txt", "café".encode("latin-1"), "not UTF-8 text (invalid byte at offset 3)"),
    ("image.jsonl.gz", gzip.compress(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\n" * 3), "binary file (NUL bytes)"),
], ids=["nul-text", "late-nul-text", "latin1-text", "binary-jsonl-gz"])
def test_binary_and_non_utf8_files_are_one_error(tmp_path: Path, name: str, data: bytes, cause: str) -> None:
    (item,) = iter_documents([write(tmp_path / name, data)])
    assert isinstance(item, InputError) and item.cause.startswith(cause)


def test_missing_path_and_directory_are_errors_and_the_rest_is_read(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", b"text")
    items = list(iter_documents([tmp_path / "missing.jsonl", tmp_path, tmp_path / "missing.txt.gz", good]))
    assert [i.cause for i in items[:3]] == ["cannot read (No such file or directory)", "cannot read (Is a directory)",
                                            "cannot read (No such file or directory)"]
    assert items[3].id == "good"


def test_unreadable_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(tmp_path / "locked.txt", b"secret")
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    (item,) = iter_documents([locked])
    assert item == InputError(str(locked), "cannot read (Permission denied)")


@pytest.mark.parametrize(("data", "expected"), [
    (b'\n  {"id": "a", "text": "x"}\n{"text": "y"}\n', [("a", "x"), ("stdin:3", "y")]),
    ("“Quoted,” she said.\n{not json}\n".encode(), [("stdin", "“Quoted,” she said.\n{not json}\n")]),
    (b"", [("stdin", "")]),
], ids=["jsonl", "text", "empty"])
def test_stdin_format_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes, expected: list) -> None:
    feed_stdin(monkeypatch, data)
    assert [(d.id, d.text) for d in iter_documents(["-"])] == expected
    assert all(d.source == "<stdin>" for d in iter_documents(None))


def test_format_option_overrides_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "notes.txt", b'{"id": "a", "text": "x"}\n')
    assert [d.id for d in iter_documents([path], fmt="jsonl")] == ["a"]
    assert [d.id for d in iter_documents([path], fmt="text")] == ["notes"]
    feed_stdin(monkeypatch, b'{"id": "a", "text": "x"}\n')
    assert [d.id for d in iter_documents(None, fmt="text")] == ["stdin"]
    with pytest.raises(ValueError):
        list(iter_documents([path], fmt="csv"))


def test_reading_streams_one_line_at_a_time(tmp_path: Path) -> None:
    """The reader yields the first document before it has read the rest."""
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            line = b'{"text": "x"}\n'
            buffer[: len(line)] = line
            return len(line)

    stream = io.BufferedReader(Endless())
    from quotes.io import _jsonl_documents

    first = next(_jsonl_documents(stream, "endless", "endless", "text", "id"))
    assert first.id == "endless:1"


def test_read_jsonl_reads_records_and_names_the_bad_line(tmp_path: Path) -> None:
    path = write(tmp_path / "r.jsonl.gz", gzip.compress(b'{"a": 1}\n\n{"a": 2}\n[3]\n'))
    records = read_jsonl(path)
    assert next(records) == {"a": 1} and next(records) == {"a": 2}
    with pytest.raises(BadInput, match=r"r\.jsonl\.gz, line 4: not a JSON object \(it is an array\)"):
        next(records)
    with pytest.raises(BadInput, match="No such file"):
        list(read_jsonl(tmp_path / "none.jsonl"))


def test_writer_writes_lines_and_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    source = write(tmp_path / "in.jsonl", b'{"text": "x"}\n')
    with pytest.raises(QuotesError, match="refusing to write over the input file"):
        JsonlWriter(source, inputs=[source])
    assert source.read_bytes() == b'{"text": "x"}\n'
    out = tmp_path / "out.jsonl"
    with JsonlWriter(out, inputs=[source]) as writer:
        writer.write([{"a": 1}, {"b": "é"}])
        writer.write([])
    with JsonlWriter(out, append=True) as writer:
        writer.write([{"c": None}])
    assert out.read_bytes() == '{"a":1}\n{"b":"é"}\n{"c":null}\n'.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_writer_compresses_by_suffix_and_reports_unwritable_paths(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl.gz"
    with JsonlWriter(out) as writer:
        writer.write([{"a": 1}])
    assert list(read_jsonl(out)) == [{"a": 1}]
    with pytest.raises(QuotesError, match="cannot write"):
        JsonlWriter(tmp_path / "no" / "such" / "dir.jsonl")


def test_writer_to_stdout(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    with JsonlWriter("-") as writer:
        writer.write([{"a": 1}])
    assert capsysbinary.readouterr().out == b'{"a":1}\n'


def test_prepare_resume_cuts_back_to_whole_documents(tmp_path: Path) -> None:
    out = write(tmp_path / "out.jsonl", b"".join([
        b'{"doc_id": "a", "quote_id": "a:0"}\n',
        b'{"doc_id": "a", "quote_id": "a:1"}\n',
        b'{"doc_id": null, "error": "not JSON", "line": 3, "source": "in.jsonl"}\n',
        b'{"doc_id": "b", "quote_id": "b:0"}\n',
        b'{"doc_id": "c", "quote_id": "c:0"}\n',
        b'{"doc_id": "c", "quote_id": "c:1"}\n',
        b'{"doc_id": "c", "quo',
    ]))
    done = prepare_resume(out)
    assert done.doc_ids == {"a", "b"}  # c may be incomplete: it is done again
    assert done.error_lines == {("in.jsonl", 3)}
    assert out.read_bytes().endswith(b'{"doc_id": "b", "quote_id": "b:0"}\n')
    assert Document("a", "") in done and Document("c", "") not in done
    assert InputError("in.jsonl", "x", 3) in done and InputError("in.jsonl", "x", 4) not in done
    assert prepare_resume(tmp_path / "absent.jsonl").doc_ids == set()


def test_prepare_resume_refuses_a_damaged_file(tmp_path: Path) -> None:
    out = write(tmp_path / "out.jsonl", b'{"doc_id": "a"}\ngarbage\n{"doc_id": "b"}\n')
    with pytest.raises(BadInput, match="line 2"):
        prepare_resume(out)


def test_unparsed_lines_parse_to_what_the_reader_gives(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "One.", "k": 1}\n\n{"text": "No id."}\n  \n{broken\n[1]\n'
                     b'{"id": "b"}\n{"id": "c", "text": 3}\n')
    unparsed = list(iter_unparsed([path]))
    assert all(isinstance(item, RawLine) for item in unparsed)
    assert [item.parse() for item in unparsed] == list(iter_documents([path]))
    assert sum(item.nbytes for item in unparsed) == sum(len(line) for line in path.read_bytes().splitlines(True)
                                                       if line.strip()) - 3


MIXED = (b'\xef\xbb\xbf{"id": "a", "text": "One.", "k": 1}\n\n{"text": "No id."}\n  \n{broken\n[1]\n{"id": "b"}\n'
         b'{"id": "c", "text": 3}\n{"id": "d", "text": "caf\xe9"}\n\r\n{"id": "e", "text": "\\ud800"}\n{"text": "end"}')
"""A BOM, blank lines, broken JSON, invalid UTF-8, a lone surrogate and a last line without a newline."""

COMPRESSIONS = [pytest.param("", lambda data: data, id="plain"), pytest.param(".gz", gzip.compress, id="gz"),
                pytest.param(".bz2", bz2.compress, id="bz2")]


@pytest.mark.parametrize(("suffix", "compress"), COMPRESSIONS)
@pytest.mark.parametrize("block_bytes", [1, 30, 1 << 20], ids=["line-per-block", "cut-mid-line", "one-block"])
def test_blocks_hold_the_lines_the_line_reader_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str,
                                                     compress, block_bytes: int) -> None:
    monkeypatch.setattr(quotes.io, "BLOCK_BYTES", block_bytes)
    path = write(tmp_path / f"mixed.jsonl{suffix}", compress(MIXED))
    blocks = list(iter_blocks([path]))
    assert all(isinstance(block, RawBlock) for block in blocks) and (len(blocks) == 1) == (block_bytes > len(MIXED))
    assert b"".join(block.raw for block in blocks) == MIXED
    assert [line for block in blocks for line in block.lines()] == list(iter_unparsed([path]))


@pytest.mark.parametrize(("suffix", "compress"), [(".gz", gzip.compress), (".bz2", bz2.compress)], ids=["gz", "bz2"])
@pytest.mark.parametrize("block_bytes", [5000, 1 << 20], ids=["blocks", "one-block"])
def test_a_truncated_archive_in_blocks_keeps_what_the_line_reader_keeps(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, compress, block_bytes: int) -> None:
    monkeypatch.setattr(quotes.io, "BLOCK_BYTES", block_bytes)
    lines = b"".join(b'{"id": "d%d", "text": "%s %d"}\n' % (i, b"word " * 200, i * i) for i in range(2000))
    packed = compress(lines)
    path = write(tmp_path / f"cut.jsonl{suffix}", packed[: len(packed) // 2])
    *blocks, error = iter_blocks([path])
    assert isinstance(error, InputError) and "truncated" in error.cause
    assert [*(line for block in blocks for line in block.lines()), error] == list(iter_unparsed([path]))


def test_blocks_stream_and_stdin_still_comes_line_by_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader yields the first block before it has read the rest; stdin's lines go out as they come."""
    class Endless(io.RawIOBase):
        line = b'{"text": "x"}\n'
        offset = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            size = min(len(buffer), len(self.line) - self.offset)
            buffer[:size] = self.line[self.offset: self.offset + size]
            self.offset = (self.offset + size) % len(self.line)
            return size

    from quotes.io import _jsonl_blocks

    monkeypatch.setattr(quotes.io, "BLOCK_BYTES", 100)
    first = next(_jsonl_blocks(io.BufferedReader(Endless()), "endless", "endless", "text", "id"))
    assert first.first == 1 and first.raw.count(b"\n") == 8 and next(first.lines()).fallback_id == "endless:1"
    feed_stdin(monkeypatch, b'{"text": "x"}\n{"text": "y"}\n')
    assert [type(item) for item in iter_blocks()] == [RawLine, RawLine]
