"""Compiled patterns kept on disk: read back only whole and only as patterns, never an error."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import pytest
import regex

from quotes import patterns
from quotes.patterns import CACHE_ENV, cache_dir, compile_cached, lazy_compile

SOURCE = r"(?r)(?P<m>\p{Lu}\p{Ll}+)[^\S\n]+said\G"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    directory = cache_dir()
    assert directory is not None and directory.is_relative_to(tmp_path)
    return directory


def files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.pickle"))


def no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(source: str) -> None:
        raise AssertionError(f"compiled again: {source}")
    monkeypatch.setattr(patterns.regex, "compile", refuse)


def test_a_pattern_compiled_once_is_read_back_without_compiling(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = compile_cached(SOURCE)
    assert len(files(cache)) == 1
    no_compiling(monkeypatch)
    again = compile_cached(SOURCE)
    assert again.pattern == SOURCE
    text = "Officials said the plan was dead. Smith said"
    assert again.match(text, 0, len(text)).group("m") == first.match(text, 0, len(text)).group("m") == "Smith"


def test_the_cache_is_kept_per_regex_and_python_version(cache: Path) -> None:
    assert regex.__version__ in cache.name


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty"])
def test_a_damaged_file_is_compiled_again_and_replaced(cache: Path, damage: str) -> None:
    compile_cached(SOURCE)
    (path,) = files(cache)
    data = path.read_bytes()
    damaged = {"truncated": data[: len(data) // 2], "flipped": data[:-3] + bytes([data[-3] ^ 0xFF]) + data[-2:],
               "empty": b""}[damage]
    path.write_bytes(damaged)
    assert compile_cached(SOURCE).pattern == SOURCE
    assert path.read_bytes() == data


def _write_whole(path: Path, payload: bytes) -> None:
    path.write_bytes(hashlib.sha256(payload).digest() + payload)


def test_a_file_holding_another_pattern_is_not_taken(cache: Path) -> None:
    compile_cached(SOURCE)
    (path,) = files(cache)
    _write_whole(path, pickle.dumps(regex.compile("other")))
    assert compile_cached(SOURCE).pattern == SOURCE


class _Planted:
    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (str(self.target),)


def test_a_file_naming_any_other_callable_is_never_run(cache: Path, tmp_path: Path) -> None:
    compile_cached(SOURCE)
    (path,) = files(cache)
    planted = tmp_path / "made-by-the-cache-file"
    _write_whole(path, pickle.dumps(_Planted(planted)))
    assert compile_cached(SOURCE).pattern == SOURCE
    assert not planted.exists()


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file-not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv(CACHE_ENV, str(blocker))
    assert compile_cached(SOURCE).pattern == SOURCE
    assert blocker.read_text() == ""


def test_an_empty_setting_turns_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    monkeypatch.chdir(tmp_path)
    assert cache_dir() is None
    assert compile_cached(SOURCE).pattern == SOURCE
    assert list(tmp_path.rglob("*")) == []


def test_a_lazy_pattern_compiles_at_its_first_use(cache: Path) -> None:
    pattern = lazy_compile(SOURCE)
    assert files(cache) == []
    assert pattern.search("and Jones said") is not None
    assert len(files(cache)) == 1
    assert pattern.pattern == SOURCE


def test_a_cache_setting_may_start_with_the_home_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(CACHE_ENV, "~/quotes-cache")
    directory = cache_dir()
    assert directory is not None and directory.is_relative_to(tmp_path / "quotes-cache")
