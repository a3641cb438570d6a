"""Patterns compiled on their first use, and kept compiled on disk between runs.

The mention and cue grammars compile to large automata: about 0.4 s of pure
Python work inside ``regex`` for the rules' patterns, which every CLI run and
every worker process of ``-j N`` would pay again before its first quote. A
compiled ``regex`` pattern pickles as its compiled code, so one read back
from the cache costs a fraction of a millisecond. Each pattern is one file,
named by a hash of its source, in a directory per ``regex`` and Python
version (the code format belongs to both); a file is written whole or not at
all, so processes sharing the cache never see half of one.

``QUOTES_CACHE_DIR`` moves the cache; set to an empty string it turns the cache
off. A cache that cannot be read or written is no error: the pattern is
compiled as if there were none.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
import tempfile
from pathlib import Path

import regex

__all__ = ["CACHE_ENV", "cache_dir", "compile_cached", "lazy_compile"]

CACHE_ENV = "QUOTES_CACHE_DIR"
_CHECKSUM_BYTES = 32


def cache_dir() -> Path | None:
    """Where compiled patterns are kept, or None when the cache is turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured == "":
        return None
    if configured is not None:
        base = Path(configured).expanduser()
    else:
        from platformdirs import user_cache_dir

        base = Path(user_cache_dir("quotes"))
    version = f"regex-{regex.__version__}-py{sys.version_info.major}{sys.version_info.minor}"
    return base / "patterns" / version


class _PatternUnpickler(pickle.Unpickler):
    """Unpickles a compiled ``regex`` pattern and nothing else: the file names no other callable."""

    def find_class(self, module: str, name: str) -> object:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not a compiled pattern: {module}.{name}")


def _load(path: Path, source: str) -> regex.Pattern[str] | None:
    """The pattern kept in ``path``, if the file is whole and holds ``source``."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    checksum, payload = data[:_CHECKSUM_BYTES], data[_CHECKSUM_BYTES:]
    if hashlib.sha256(payload).digest() != checksum:
        return None  # cut short or damaged: damaged compiled code can crash the regex engine, so none is loaded
    try:
        pattern = _PatternUnpickler(io.BytesIO(payload)).load()
    except (pickle.UnpicklingError, EOFError, TypeError, ValueError):  # not written by this build: compile instead
        return None
    return pattern if isinstance(pattern, regex.Pattern) and pattern.pattern == source else None


def _store(directory: Path, path: Path, pattern: regex.Pattern[str]) -> None:
    """Write ``pattern`` to ``path`` whole (a temporary file renamed), or not at all."""
    payload = pickle.dumps(pattern, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, suffix=".tmp")
    except OSError:
        return  # a read-only or full disk: the pattern is compiled again next run
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(hashlib.sha256(payload).digest() + payload)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def compile_cached(source: str) -> regex.Pattern[str]:
    """``regex.compile(source)``, read from the cache when it holds it, and stored there when not."""
    directory = cache_dir()
    if directory is None:
        return regex.compile(source)
    path = directory / (hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:40] + ".pickle")
    pattern = _load(path, source)
    if pattern is None:
        pattern = regex.compile(source)
        _store(directory, path, pattern)
    return pattern


class _LazyPattern:
    """A pattern compiled (or read from the cache) on its first use.

    Compiling at import would charge every CLI run and worker process,
    including those that never read a quote. After the first use, the
    compiled methods sit on the instance, so calls cost what the compiled
    pattern's do.
    """

    def __init__(self, source: str) -> None:
        self._source = source

    def __getattr__(self, name: str) -> object:
        compiled = compile_cached(self._source)
        for method in ("match", "fullmatch", "search", "finditer", "findall", "sub", "pattern"):
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


def lazy_compile(source: str) -> regex.Pattern[str]:
    """``regex.compile(source)``, deferred to the pattern's first use."""
    return _LazyPattern(source)  # type: ignore[return-value]
