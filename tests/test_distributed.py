"""Extraction on Dask: the same records as one process, bad input kept as error records, one model per worker."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Any

import orjson
import pytest

pytest.importorskip("dask.bag", reason="Dask is an optional extra: pip install 'quotes-attribution[dask]'")

import dask  # noqa: E402
import dask.bag as db  # noqa: E402

from quotes.cli import main as quotes_main  # noqa: E402
from quotes.distributed import extract_bag, main, read_jsonl, write_jsonl  # noqa: E402
from quotes.io import dumps_line, iter_documents  # noqa: E402
from quotes.runner import run  # noqa: E402

ARTICLES = [
    {"id": "council", "section": "local", "text": (
        "Council approves new bus lanes\n\n"
        "The city council voted on Tuesday to add bus lanes on three main roads.\n\n"
        '"This will cut journey times for thousands of people," said Councillor Maria Okafor, who chairs '
        "the transport committee.\n\n"
        'Shop owners were less sure. "We lose parking in front of the store," Tom Reilly said. '
        '"Nobody asked us."')},
    {"id": "markets", "section": "business", "text": (
        "Shares slip as rates stay high\n\n"
        "Stocks fell for a third day as the central bank kept rates on hold.\n\n"
        'Analyst Priya Natarajan told clients: "The market had hoped for a cut by the summer. '
        'That now looks unlikely."\n\n'
        "According to the bank's statement, inflation remains \"stubbornly high\".")},
    {"id": "quiet", "section": "weather", "text": "Sunny spells and light winds are expected across the region."},
    {"id": "match", "section": "sport", "text": (
        "Late goal sends United through\n\n"
        "A header in the 89th minute settled the tie.\n\n"
        "\u201cWe never stopped believing,\u201d the captain, Leo Brandt, told reporters after the game. "
        "\u201cThe fans carried us.\u201d\n\n"
        "Coach Sara Lind added: \u201cIt was not pretty, but we will take it.\u201d")},
    {"id": "report", "section": "health", "text": (
        "Waiting lists grow\n\n"
        '"Demand has outstripped every forecast we made," the report\'s author, Dr Alan Moss, said.\n\n'
        '"We need more nurses, not more plans," he added.')},
]
DOCS = ARTICLES * 2  # enough rows for several partitions
ROWS = [dict(article, id=f"{article['id']}-{copy}") for copy, article in enumerate(DOCS)]


@pytest.fixture
def corpus_file(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    path.write_bytes(b"".join(orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE) for row in ROWS))
    return path


def single_process(path: Path, **options: Any) -> list[dict[str, Any]]:
    return [record for result in run(iter_documents([str(path)]), **options) for record in result.records()]


def read_parts(folder: Path) -> bytes:
    parts = sorted(folder.glob("*.jsonl"), key=lambda part: int(part.stem))
    return b"".join(part.read_bytes() for part in parts)


@pytest.mark.parametrize("partitions", [1, 3], ids=["one-partition", "three-partitions"])
def test_bag_gives_the_single_process_records(corpus_file: Path, partitions: int) -> None:
    bag = db.from_sequence(ROWS, npartitions=partitions)
    with dask.config.set(scheduler="threads"):
        records = extract_bag(bag, fast=True).compute()
    expected = single_process(corpus_file, fast=True)
    assert len(expected) >= 8
    assert records == expected


def test_id_text_pairs_are_accepted() -> None:
    pairs = [(row["id"], row["text"]) for row in ROWS]
    with dask.config.set(scheduler="sync"):
        from_pairs = extract_bag(db.from_sequence(pairs, npartitions=2), fast=True).compute()
        from_rows = extract_bag(db.from_sequence(ROWS, npartitions=2), fast=True).compute()
    assert [r["quote_id"] for r in from_pairs] == [r["quote_id"] for r in from_rows]
    assert all(r["meta"] == {} for r in from_pairs)


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"], ids=["plain", "gzip"])
def test_files_in_files_out_match_quotes_extract(corpus_file: Path, tmp_path: Path, suffix: str) -> None:
    source = corpus_file
    if suffix == ".jsonl.gz":
        source = tmp_path / "news.jsonl.gz"
        source.write_bytes(gzip.compress(corpus_file.read_bytes()))
    with dask.config.set(scheduler="threads"):
        bag = read_jsonl(str(source), blocksize=500)
        write_jsonl(extract_bag(bag, fast=True), tmp_path / "parts")
    if suffix == ".jsonl.gz":
        assert bag.npartitions == 1  # a compressed file cannot be split
    else:
        assert bag.npartitions > 1
    cli_output = tmp_path / "cli.jsonl"
    assert quotes_main(["extract", "--fast", str(source), "-o", str(cli_output)]) == 0
    assert read_parts(tmp_path / "parts") == cli_output.read_bytes()


def test_unreadable_rows_become_error_records() -> None:
    rows = [ROWS[0], "{not json", {"id": "no-text"}, {"id": "not-a-string", "text": 7}, ROWS[1]]
    with dask.config.set(scheduler="sync"):
        records = extract_bag(db.from_sequence(rows, npartitions=2), fast=True).compute()
    errors = [r for r in records if "error" in r]
    assert [e["doc_id"] for e in errors] == [None, "no-text", "not-a-string"]
    assert {r["doc_id"] for r in records if "error" not in r} == {ROWS[0]["id"], ROWS[1]["id"]}


@pytest.mark.slow
@pytest.mark.model
def test_local_cluster_loads_the_model_once_per_worker(corpus_file: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("dask.distributed", reason="the local cluster needs dask[distributed]")
    output = tmp_path / "parts"
    assert main([str(corpus_file), "-o", str(output), "--workers", "2", "--blocksize", "500"]) == 0
    pipelines = re.search(r"spaCy pipelines per worker: \[(.*)\]", capsys.readouterr().err)
    assert pipelines is not None
    per_worker = [int(n) for n in pipelines.group(1).split(",")]
    assert len(per_worker) == 2 and max(per_worker) == 1  # one model in each worker that ran, however many partitions
    expected = b"".join(dumps_line(record) for record in single_process(corpus_file))
    assert read_parts(output) == expected


@pytest.mark.slow
def test_command_exits_1_when_a_document_failed(corpus_file: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("dask.distributed", reason="the local cluster needs dask[distributed]")
    with corpus_file.open("ab") as stream:
        stream.write(b"{not json\n")
    output = tmp_path / "parts"
    assert main([str(corpus_file), "-o", str(output), "--fast", "--workers", "1"]) == 1
    assert "documents failed: 1;" in capsys.readouterr().err
    errors = [record for record in map(orjson.loads, read_parts(output).splitlines()) if "error" in record]
    assert len(errors) == 1 and errors[0]["line"] is not None
