"""``quotes extract`` and ``quotes eval`` from the shell's side: records, errors, exit codes, pipes."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

import quotes.commands.extract
import quotes.io
from quotes.cli import main

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [
    {"id": "a1", "text": '"We will not raise taxes," Jane Doe said on Monday.', "url": "https://example.org/a1"},
    {"id": "a2", "text": "Nothing is quoted here."},
    {"id": "a3", "text": "“Prices will rise,” said Ann Lee. “Then they fall,” she added."},
]


def jsonl(records: list[dict[str, Any]]) -> bytes:
    return b"".join(orjson.dumps(r) + b"\n" for r in records)


def parse(out: str | bytes) -> list[dict[str, Any]]:
    data = out.encode() if isinstance(out, str) else out
    return [orjson.loads(line) for line in data.splitlines() if line.strip()]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    last = {"id": "a4", "text": '"Last," he said.'}
    path.write_bytes(jsonl(ARTICLES) + b'{"id": "bad", "text": 3}\n' + jsonl([last]))
    return path


def extract(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, Any]], str]:
    code = main(["extract", "--fast", *argv])
    captured = capsys.readouterr()
    return code, parse(captured.out), captured.err


def test_records_per_quote_with_meta(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_bytes(jsonl(ARTICLES))
    code, records, err = extract(capsys, str(path))
    assert code == 0 and err == ""
    assert [r["quote_id"] for r in records] == ["a1:0", "a3:0", "a3:1"]
    assert records[0]["meta"] == {"url": "https://example.org/a1"}
    assert records[0]["speaker"]["name"] == "Jane Doe" and records[2]["speaker"]["name"] == "Ann Lee"


def test_text_file_and_stdin(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    story = tmp_path / "story.txt"
    story.write_text(ARTICLES[0]["text"], encoding="utf-8")
    code, records, _ = extract(capsys, str(story))
    assert code == 0 and [r["doc_id"] for r in records] == ["story"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(jsonl(ARTICLES))))
    code, records, _ = extract(capsys)
    assert code == 0 and len(records) == 3


def test_group_doc_writes_one_record_per_input_document(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    code, records, err = extract(capsys, str(corpus), "--group", "doc")
    assert code == 1
    assert [r["doc_id"] for r in records] == ["a1", "a2", "a3", "bad", "a4"]
    assert records[1] == {"schema": 1, "doc_id": "a2", "meta": {}, "quotes": []}
    assert records[3] == {"schema": 1, "doc_id": "bad", "error": "'text' is not a string (it is a number)",
                          "line": 4, "source": str(corpus)}
    assert "1 document failed" in err and "bad (" in err


@pytest.mark.parametrize(("mode", "written"), [("record", ["a1", "a3", "a3", "bad", "a4"]),
                                               ("skip", ["a1", "a3", "a3", "a4"]),
                                               ("raise", ["a1", "a3", "a3"])])
def test_on_error(capsys: pytest.CaptureFixture[str], corpus: Path, mode: str, written: list[str]) -> None:
    code, records, err = extract(capsys, str(corpus), "--on-error", mode)
    assert code == 1 and [r["doc_id"] for r in records] == written
    if mode == "raise":
        assert err.strip().count("\n") == 0 and "stopped by --on-error raise" in err
    else:
        assert "1 document failed" in err


def test_output_file_never_overwrites_an_input(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    before = corpus.read_bytes()
    code, _, err = extract(capsys, str(corpus), "-o", str(corpus))
    assert code == 1 and "refusing to write over the input file" in err and corpus.read_bytes() == before


@pytest.mark.parametrize("group", ["quote", "doc"])
def test_resume_finishes_an_interrupted_run(capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path,
                                            group: str) -> None:
    full = tmp_path / "full.jsonl"
    extract(capsys, str(corpus), "--group", group, "-o", str(full))
    lines = full.read_bytes().splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(b"".join(lines[:2]) + lines[2][:10])  # as left by a run killed mid-line
    code, _, err = extract(capsys, str(corpus), "--group", group, "-o", str(cut), "--resume")
    assert code == 1 and "resuming" in err
    assert cut.read_bytes() == full.read_bytes()


@pytest.mark.parametrize("argv", [
    ["extract", "--fast", "--model", "en_core_web_sm"],
    ["extract", "--fast", "--resume"],
    ["extract", "--fast", "-j", "0"],
    ["extract", "--group", "paragraph"],
], ids=["model-with-fast", "resume-to-stdout", "no-jobs", "bad-group"])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2 and "error:" in capsys.readouterr().err


def test_help_explains_inputs_examples_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["extract", "--help"])
    text = capsys.readouterr().out
    assert stop.value.code == 0
    for words in ("input:", "output:", "processing:", "examples:", "exit codes:", "130", "--resume", "stdin"):
        assert words in text


def test_progress_bar_on_request(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    _, _, err = extract(capsys, str(corpus), "--progress")
    assert "MB/s" in err and "quotes extract: 5 documents, 4 quotes" in err
    _, _, err = extract(capsys, str(corpus), "--no-progress")
    assert "MB/s" not in err


def test_progress_counts_each_document_of_a_block(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    _, _, err = extract(capsys, str(corpus), "--progress", "-j", "2")
    assert "quotes extract: 5 documents, 4 quotes" in err


def test_missing_model_is_one_clear_line(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    code = main(["extract", str(corpus), "--model", "no_such_pipeline_xx"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "not installed" in err and "Traceback" not in err


def test_two_jobs_write_the_same_output(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    assert extract(capsys, str(corpus), "-j", "2") == extract(capsys, str(corpus))


def test_eval_prints_a_table_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = ARTICLES[0]["text"]
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(jsonl([{"id": "a1", "text": text, "quotes": [
        {"start": 0, "end": 26, "speaker": "Jane Doe", "speaker_start": 27, "speaker_end": 35, "cue": "said",
         "cue_start": 36, "cue_end": 40, "kind": "direct"}]}]))
    pred = tmp_path / "pred.jsonl"
    assert main(["extract", "--fast", str(gold), "-o", str(pred)]) == 0
    assert main(["eval", str(gold), str(pred)]) == 0
    table = capsys.readouterr().out
    assert "end to end, overlap" in table and "1.000" in table
    assert main(["eval", str(gold), str(pred), "--json", "--only-kind", "direct"]) == 0
    result = orjson.loads(capsys.readouterr().out)
    assert result["end_to_end"]["f1"] == 1.0 and result["only_kind"] == "direct"
    assert main(["eval", str(gold), str(tmp_path / "missing.jsonl")]) == 1
    assert "missing.jsonl: cannot read" in capsys.readouterr().err


# ------------------------------------------------------------- real processes ---

def shell(command: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(["bash", "-c", command], capture_output=True, env=env, cwd=ROOT, timeout=120, **kwargs)


def test_subprocess_stdin_to_stdout_and_exit_codes(tmp_path: Path) -> None:
    python = sys.executable
    done = shell(f"{python} -m quotes extract --fast", input=jsonl(ARTICLES))
    assert done.returncode == 0 and done.stderr == b"" and len(parse(done.stdout)) == 3
    done = shell(f"{python} -m quotes extract --fast", input=jsonl(ARTICLES) + b"{broken\n")
    assert done.returncode == 1 and b"1 document failed" in done.stderr
    assert shell(f"{python} -m quotes extract --no-such-flag").returncode == 2


def test_subprocess_broken_pipe_is_quiet(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    big.write_bytes(jsonl([{"id": f"d{i}", "text": ARTICLES[2]["text"] * 5} for i in range(4000)]))
    done = shell(f"{sys.executable} -m quotes extract --fast {big} | head -n 2; exit ${{PIPESTATUS[0]}}")
    assert len(done.stdout.splitlines()) == 2
    assert done.stderr == b"" and done.returncode == 0


def test_subprocess_interrupt_exits_130() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    # Python turns SIGINT into KeyboardInterrupt only where it is not ignored, and a shell runs a background
    # job with SIGINT ignored: the child gets the default back, however the suite was started
    proc = subprocess.Popen([sys.executable, "-m", "quotes", "extract", "--fast", "--progress"], cwd=ROOT, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stdin is not None and proc.stderr is not None
    proc.stdin.write(jsonl(ARTICLES[:1]))
    proc.stdin.flush()
    proc.stderr.read(1)  # the progress bar is up: the run has started and waits for more input
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and b"Traceback" not in err


def test_resume_never_cuts_an_input(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    before = corpus.read_bytes()
    code, _, err = extract(capsys, str(corpus), "-o", str(corpus), "--resume")
    assert code == 1 and "refusing" in err and corpus.read_bytes() == before


def test_text_with_a_lone_surrogate_still_gives_valid_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_bytes(b'{"id": "s", "text": "\\"We will \\ud800 win,\\" Jane Doe said."}\n')
    assert main(["extract", "--fast", str(path)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["content"]["text"] == "We will \ud800 win,"  # escaped, as JSON allows


@pytest.mark.parametrize(("group", "on_error"), [("quote", "record"), ("doc", "record"), ("quote", "skip"),
                                              ("doc", "raise")])
def test_blocks_cut_anywhere_write_what_lines_read_one_by_one_write(
        capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, group: str,
        on_error: str) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + jsonl(ARTICLES[:2]) + b"\n{broken\n  \n" + jsonl(ARTICLES) +
                     b'{"id": "u", "text": "caf\xe9"}\n' + jsonl(ARTICLES[2:]).rstrip(b"\n"))
    argv = ["extract", "--fast", "-j", "2", "--group", group, "--on-error", on_error, str(path)]

    def outcome() -> tuple[int, bytes, bytes]:
        code = main(argv)
        captured = capsysbinary.readouterr()
        return code, captured.out, captured.err

    monkeypatch.setattr(quotes.io, "BLOCK_BYTES", 40)
    in_blocks = outcome()
    monkeypatch.setattr(quotes.commands.extract, "iter_blocks", quotes.io.iter_unparsed)
    assert in_blocks == outcome() and in_blocks[0] == 1 and in_blocks[1]
