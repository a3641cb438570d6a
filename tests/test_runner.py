"""The document runner: errors become records, order holds, worker deaths lose nothing."""

from __future__ import annotations

import functools
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

import quotes.io
from quotes import runner
from quotes.errors import ModelNotFound
from quotes.io import Document, InputError, RawLine, iter_blocks, iter_unparsed
from quotes.pipeline import Extractor
from quotes.runner import (
    CHUNK_BYTES,
    WORKER_DIED,
    DocResult,
    _chunks,
    extract_partition,
    process,
    process_batch,
    run,
)

TEXTS = [
    '"We will not raise taxes," Jane Doe said on Monday.',
    "No quotation marks in this one.",
    'Officials said the plan was "dead on arrival". "It is over," said John Smith.',
    "“Prices will rise,” the bank’s chief economist, Ann Lee, told reporters.",
    '"Fine," he said.',
]


def documents(n: int = len(TEXTS)) -> list[Document | InputError]:
    items: list[Document | InputError] = [
        Document(f"d{i}", TEXTS[i % len(TEXTS)], {"n": i}, "fixture.jsonl", i + 1) for i in range(n)
    ]
    items.insert(2, InputError("fixture.jsonl", "not JSON", 99))
    return items


def records(results: list[DocResult], group: str = "quote") -> list[dict[str, Any]]:
    return [record for result in results for record in result.records(group)]


class Failing:
    """An extractor that breaks on one document."""

    def extract(self, text: str, doc_id: str = "", meta: dict[str, Any] | None = None) -> list[Any]:
        if "boom" in text:
            raise IndexError("string index out of range")
        return Extractor(fast=True).extract(text, doc_id, meta)


class Killing:
    """An extractor whose process dies (as if killed, or out of memory) on marked documents.

    With ``once_marker``, it dies only the first time, so a retry succeeds.
    """

    def __init__(self, once_marker: str | None = None) -> None:
        self.once_marker = once_marker
        self.inner = Extractor(fast=True)

    def extract(self, text: str, doc_id: str = "", meta: dict[str, Any] | None = None) -> list[Any]:
        if "KILL" in text and (self.once_marker is None or not os.path.exists(self.once_marker)):
            if self.once_marker is not None:
                Path(self.once_marker).touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return self.inner.extract(text, doc_id, meta)


def missing_model() -> Extractor:
    raise ModelNotFound("spaCy model 'xx' is not installed")


def test_process_turns_a_crash_into_an_error_result() -> None:
    result = process(Document("bad", "boom", {"k": 1}, "in.jsonl", 3), Failing())
    assert result.error == "IndexError: string index out of range"
    assert result.records("quote") == result.records("doc") == [
        {"schema": 1, "doc_id": "bad", "error": "IndexError: string index out of range", "line": 3,
         "source": "in.jsonl"}
    ]


def test_process_passes_input_errors_through() -> None:
    result = process(InputError("in.jsonl", "no 'text' key", 4, "x"), Extractor(fast=True))
    assert result.error_record() == {"schema": 1, "doc_id": "x", "error": "no 'text' key", "line": 4,
                                     "source": "in.jsonl"}


def test_a_missing_model_is_not_a_document_error() -> None:
    class NoModel:
        def extract(self, *args: Any) -> list[Any]:
            raise ModelNotFound("no model")

    with pytest.raises(ModelNotFound):
        process(Document("a", "text"), NoModel())


def test_records_per_quote_and_per_document() -> None:
    result = process(Document("d", TEXTS[0], {"url": "u"}), Extractor(fast=True))
    (quote,) = result.records("quote")
    assert quote["doc_id"] == "d" and quote["meta"] == {"url": "u"} and quote["speaker"]["name"] == "Jane Doe"
    (doc,) = result.records("doc")
    assert doc["doc_id"] == "d" and doc["meta"] == {"url": "u"} and doc["schema"] == 1
    assert doc["quotes"] == [{k: v for k, v in quote.items() if k not in ("doc_id", "meta")}]
    empty = process(Document("e", "Nothing quoted."), Extractor(fast=True))
    assert empty.records("quote") == []
    assert empty.records("doc") == [{"schema": 1, "doc_id": "e", "meta": {}, "quotes": []}]
    with pytest.raises(ValueError):
        empty.records("paragraph")


def test_run_keeps_order_and_goes_on_after_a_failure() -> None:
    items = documents()
    items.insert(4, Document("boom-doc", "boom", {}, "fixture.jsonl", 50))
    results = list(run(items, factory=Failing))
    assert [r.doc_id for r in results] == [getattr(i, "id", None) for i in items]
    assert [r.error is not None for r in results] == [isinstance(i, InputError) or i.id == "boom-doc" for i in items]


def test_a_batch_gives_what_each_document_gives_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    extractor = Extractor(fast=True)
    items = documents(12)
    items.insert(5, Document("boom-doc", "boom", {}, "fixture.jsonl", 50))
    records_batch = extractor.records_batch

    def breaks_on_boom(docs: list[tuple[str, str, Any]]) -> list[Any]:
        return [IndexError("boom") if text == "boom" else built for (text, _, _), built in zip(docs, records_batch(docs))]

    monkeypatch.setattr(extractor, "records_batch", breaks_on_boom)
    batched = process_batch(items, extractor)
    assert [r.doc_id for r in batched] == [getattr(i, "id", None) for i in items]
    assert batched[5].error == "IndexError: boom"
    alone = [process(item, Extractor(fast=True)) for item in items]
    assert [r.records() for i, r in enumerate(batched) if i != 5] == [r.records() for i, r in enumerate(alone) if i != 5]


def test_a_missing_model_in_a_batch_stops_it() -> None:
    class NoModel:
        def records_batch(self, docs: list[Any]) -> list[Any]:
            return [ModelNotFound("no model") for _ in docs]

    with pytest.raises(ModelNotFound):
        process_batch([Document("a", "text")], NoModel())  # type: ignore[arg-type]


def test_two_workers_write_exactly_what_one_process_writes() -> None:
    items = documents(23)
    one = list(run(items, fast=True))
    two = list(run(items, jobs=2, fast=True, chunk_size=3))
    assert records(two) == records(one) and records(two, "doc") == records(one, "doc")
    assert len(records(one, "doc")) == len(items)


@pytest.mark.parametrize("group", ["quote", "doc"])
def test_lean_results_from_workers_carry_the_same_lines_and_counts(group: str) -> None:
    items = documents(12)
    whole = list(run(items, fast=True))
    lean = list(run(items, jobs=2, fast=True, chunk_size=3, group=group))
    assert b"".join(result.encoded(group) for result in lean) == b"".join(result.encoded(group) for result in whole)
    assert [result.quote_count() for result in lean] == [len(result.quotes) for result in whole]
    assert [result.error for result in lean] == [result.error for result in whole]
    assert all(result.quotes == [] and result.meta == {} for result in lean)


def test_a_document_that_kills_its_worker_becomes_an_error_and_nothing_is_lost() -> None:
    items = documents(12)
    items[6] = Document("poison", "KILL this worker", {}, "fixture.jsonl", 7)
    results = list(run(items, jobs=2, chunk_size=2, factory=Killing))
    assert [r.doc_id for r in results] == [getattr(i, "id", None) for i in items]
    (dead,) = [r for r in results if r.error == WORKER_DIED]
    assert dead.doc_id == "poison"
    survivors = [i for i in items if getattr(i, "id", None) != "poison"]
    assert records([r for r in results if r.doc_id != "poison"]) == records(list(run(survivors, fast=True)))


def test_lines_parsed_in_workers_give_what_parsed_documents_give() -> None:
    lines = [RawLine(orjson.dumps({"id": f"r{i}", "text": text}), "in.jsonl", i + 1, f"in:{i + 1}")
             for i, text in enumerate([*TEXTS, "KILL", *TEXTS])]
    lines.insert(3, RawLine(b"{broken", "in.jsonl", 99, "in:99"))
    results = list(run(lines, jobs=2, chunk_size=2, factory=Killing, group="quote"))
    expected = list(run([line.parse() for line in lines], fast=True, group="quote"))
    assert [(r.doc_id, r.line) for r in results] == [(r.doc_id, r.line) for r in expected]
    assert [r.error for r in results if r.doc_id != "r5"] == [r.error for r in expected if r.doc_id != "r5"]
    assert [r.error for r in results if r.doc_id == "r5"] == [WORKER_DIED]
    assert b"".join(r.encoded() for r in results if r.doc_id != "r5") == b"".join(r.encoded() for r in expected
                                                                                  if r.doc_id != "r5")


def test_a_chunk_ends_at_its_document_count_or_its_bytes() -> None:
    big = RawLine(b"x" * (CHUNK_BYTES // 2), "in.jsonl", 1, "in:1")
    small = RawLine(b"x", "in.jsonl", 2, "in:2")
    error = InputError("in.jsonl", "not JSON", 3)
    assert [len(chunk) for chunk in _chunks([big, small, big, small, error], 10)] == [3, 2]
    assert [len(chunk) for chunk in _chunks([small, error, small, small, small], 2)] == [2, 2, 1]


def test_a_worker_that_dies_once_is_retried(tmp_path: Path) -> None:
    items = documents(6)
    items[3] = Document("flaky", '"KILL once," she said.', {}, "fixture.jsonl", 4)
    factory = functools.partial(Killing, str(tmp_path / "died-once"))
    results = list(run(items, jobs=2, chunk_size=2, factory=factory))
    assert (tmp_path / "died-once").exists()
    assert [r.doc_id for r in results] == [getattr(i, "id", None) for i in items]
    assert all(r.error is None for r in results if r.doc_id is not None)
    assert [q["doc_id"] for q in records(results) if q["doc_id"] == "flaky"] == ["flaky"]


def test_a_pool_already_broken_when_the_next_chunk_comes_loses_nothing(tmp_path: Path) -> None:
    died = tmp_path / "died"

    def items() -> Iterator[Document | InputError]:
        yield Document("first", '"KILL once," she said.', {}, "fixture.jsonl", 1)
        deadline = time.monotonic() + 60
        while not died.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.5)  # the worker is dead and its pool knows it before the next chunk is handed out
        yield from documents(4)

    results = list(run(items(), jobs=2, chunk_size=1, factory=functools.partial(Killing, str(died))))
    assert died.exists()
    assert [r.doc_id for r in results] == ["first", *(getattr(i, "id", None) for i in documents(4))]
    assert all(r.error is None for r in results if r.doc_id is not None)
    assert [q["doc_id"] for q in records(results) if q["doc_id"] == "first"] == ["first"]


@pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "two-workers"])
def test_a_missing_model_stops_the_run(jobs: int) -> None:
    with pytest.raises(ModelNotFound, match="not installed"):
        list(run(documents(3), jobs=jobs, factory=missing_model))


def test_extract_partition_takes_pairs_or_records() -> None:
    pairs = list(extract_partition([("a", TEXTS[0]), ("b", TEXTS[1])], fast=True))
    dicts = list(extract_partition([{"id": "a", "text": TEXTS[0]}, {"id": "b", "text": TEXTS[1]}], fast=True))
    assert pairs == dicts and [r["doc_id"] for r in pairs] == ["a"]
    (error,) = extract_partition([("c", None)], fast=True)
    assert error == {"schema": 1, "doc_id": "c", "error": "'text' is not a string (it is null)", "line": 1,
                     "source": "partition"}


def test_extract_partition_is_picklable_and_builds_one_extractor() -> None:
    import pickle

    assert pickle.loads(pickle.dumps(extract_partition)) is extract_partition
    list(extract_partition([("a", TEXTS[0])], fast=True))
    list(extract_partition([("b", TEXTS[0])], fast=True))
    assert runner._shared_extractor.cache_info().currsize >= 1
    assert runner._shared_extractor(True, None, False) is runner._shared_extractor(True, None, False)


def test_partition_rows_may_be_jsonl_lines_and_a_broken_line_names_its_cause():
    lines = ['{"id": "a", "text": "\\"We will win,\\" Jane Doe said."}', '{"id": "b", "text": ']
    records = list(extract_partition(lines, fast=True))
    assert [r["doc_id"] for r in records if "error" not in r] == ["a"]
    errors = [r for r in records if "error" in r]
    assert len(errors) == 1 and errors[0]["error"].startswith("not JSON") and errors[0]["line"] == 2


def block_file(tmp_path: Path, texts: list[str]) -> Path:
    """A JSONL file of the texts with a broken line, a blank one and one of invalid UTF-8 among them."""
    lines = [orjson.dumps({"id": f"r{i}", "text": text}) for i, text in enumerate(texts)]
    lines[2:2] = [b"{broken", b"", b'{"id": "u", "text": "caf\xe9"}', b'{"text": 3}']
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


@pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "two-workers"])
@pytest.mark.parametrize("group", ["quote", "doc"])
def test_blocks_give_the_bytes_and_failures_their_lines_give(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            jobs: int, group: str) -> None:
    monkeypatch.setattr(quotes.io, "BLOCK_BYTES", 150)  # blocks of a few lines, cut anywhere
    monkeypatch.setattr(runner, "BATCH_DOCS", 2)  # batches that end inside blocks (in this process)
    path = block_file(tmp_path, [*TEXTS, *TEXTS])
    blocks = list(iter_blocks([path]))
    by_line = list(run(iter_unparsed([path]), fast=True, group=group))
    results = list(run(blocks, jobs=jobs, fast=True, chunk_size=2, group=group))
    assert len(blocks) > 3 and len(results) < len(by_line)
    assert b"".join(r.encoded(group) for r in results) == b"".join(r.encoded(group) for r in by_line)
    assert sum(r.documents for r in results) == len(by_line)
    assert sum(r.quote_count() for r in results) == sum(r.quote_count() for r in by_line)
    failed = [(r.doc_id, r.source, r.line, r.error) for r in by_line if r.error is not None]
    assert [(r.doc_id, r.source, r.line, r.error) for r in results if r.error is not None] == failed
    assert len(failed) == 3


def test_a_block_whose_document_kills_its_worker_is_retried_line_by_line(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes.io, "BLOCK_BYTES", 400)
    path = block_file(tmp_path, [*TEXTS, "KILL", *TEXTS])
    results = list(run(iter_blocks([path]), jobs=2, factory=Killing, group="quote"))
    expected = list(run(iter_unparsed([path]), fast=True, group="quote"))
    (dead,) = [r for r in results if r.error == WORKER_DIED]
    assert (dead.doc_id, dead.line) == ("r5", 10)
    assert sum(r.documents for r in results) == len(expected)
    assert [r.error for r in results if r.error not in (None, WORKER_DIED)] == [r.error for r in expected
                                                                                 if r.error is not None]
    survivors = b"".join(r.encoded() for r in results if r.doc_id != "r5")
    assert survivors == b"".join(r.encoded() for r in expected if r.doc_id != "r5")


def alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the test process ran no thread but its own (earlier tests leave idle pool threads)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("workers are forked on Linux only")
    monkeypatch.setattr(runner.threading, "active_count", lambda: 1)


def test_workers_without_a_model_are_forked_only_where_that_is_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        alone(patch)
        assert runner._start_method(forkable=True) == "fork"
        assert runner._start_method(forkable=False) == "spawn"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert runner._start_method(forkable=True) == "spawn"  # a fork would copy the other thread's locks
    finally:
        stop.set()
        other.join()


def _dies_in_a_child(marker: str, parent: int, original: Any, chunk: list[Any], *args: Any) -> list[DocResult]:
    if os.getpid() != parent and any(getattr(item, "id", None) == "poison" for item in chunk):
        Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return original(chunk, *args)


def test_a_forked_pool_whose_worker_dies_is_replaced_by_a_spawned_one(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a forked worker inherits the patched extraction and dies; the pool that replaces it is
    spawned (nothing it has buffered can be flushed twice) and reads every document right."""
    alone(monkeypatch)
    marker = tmp_path / "a-forked-worker-died"
    items = documents(8)
    items[4] = Document("poison", '"It ends here," she said.', {}, "fixture.jsonl", 5)
    expected = records(list(run(items, fast=True)))
    monkeypatch.setattr(runner, "_extract", functools.partial(_dies_in_a_child, str(marker), os.getpid(), runner._extract))
    results = list(run(items, jobs=2, fast=True, chunk_size=2))
    assert marker.exists()
    assert [r.doc_id for r in results] == [getattr(i, "id", None) for i in items]
    assert records(results) == expected
