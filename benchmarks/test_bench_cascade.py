"""The default cascade and the fast path against a plain spaCy parse of whole documents, side by side.

All three run on the same evenly spaced sample of each corpus (``--sample-mb``,
default 0.5 MB) in one session, so the ratios compare like with like on the
same machine load. The reference is what textacy-style tools do: every
document through ``nlp.pipe`` of the same model the cascade loads. It is
measured twice: with the model's whole pipeline (as ``spacy.load`` gives it,
what textacy users run) and parse-only (NER and lemmatizer disabled). Required:
the fast path at least 300x and the cascade at least 10x the whole-pipeline
parse, on CPU time (the wall-time ratios are recorded too). The tests of this module depend on running in file order: the
reference first.
"""

from __future__ import annotations

import orjson
import pytest
from harness import RESULTS, Corpus, extract_lines, measure
from pytest_benchmark.fixture import BenchmarkFixture

from quotes.pipeline import Extractor

REFERENCES = {"whole-pipeline": (), "parse-only": ("ner", "lemmatizer")}
"""spaCy reference runs: components disabled in each."""
REQUIRED_RATIO = {"fast": 300.0, "cascade": 10.0}
"""Minimum speed over the whole-pipeline reference."""


@pytest.fixture(scope="module")
def sample(corpus: Corpus, sample_mb: float) -> Corpus:
    return corpus.sample(sample_mb)


def _model_name() -> str:
    from quotes.nlp import default_model

    return default_model()


@pytest.mark.parametrize("reference", list(REFERENCES))
def test_spacy_whole_documents(benchmark: BenchmarkFixture, sample: Corpus, corpus: Corpus,
                               reference: str) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load(_model_name(), disable=list(REFERENCES[reference]))
    nlp("Warm up the pipeline.")
    benchmark.extra_info["pipeline"] = nlp.pipe_names

    def parse() -> int:
        texts = (orjson.loads(line)["text"] for line in sample.lines)
        return sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))

    figures = measure(benchmark, parse, nbytes=sample.nbytes, docs=len(sample.lines), rounds=1, counted="tokens")
    for rate in ("mb_per_s", "cpu_mb_per_s"):
        RESULTS[(corpus.name, "spacy", reference, rate)] = figures[rate]


def _compare(benchmark: BenchmarkFixture, corpus: Corpus, path: str, figures: dict[str, float]) -> None:
    """Record the ratios over each reference measured in this run; fail below the required one.

    Ratios are given on wall time (``x_...``) and on CPU time (``cpu_x_...``);
    the CPU ratio is the one checked, since other work on a shared machine
    slows each run's wall clock by a different amount.
    """
    for reference in REFERENCES:
        for rate, prefix in (("mb_per_s", "x"), ("cpu_mb_per_s", "cpu_x")):
            reference_rate = RESULTS.get((corpus.name, "spacy", reference, rate))
            if reference_rate:
                benchmark.extra_info[f"{prefix}_{reference}"] = round(figures[rate] / reference_rate, 1)
    ratio = benchmark.extra_info.get("cpu_x_whole-pipeline")
    if ratio is None:
        pytest.skip("the spaCy reference did not run in this session, so there is no ratio to check")
    assert ratio >= REQUIRED_RATIO[path], (f"{path} is {ratio:.0f}x the whole-document spaCy parse on "
                                           f"{corpus.name} (CPU time); required {REQUIRED_RATIO[path]:.0f}x")


def test_cascade(benchmark: BenchmarkFixture, sample: Corpus, corpus: Corpus) -> None:
    extractor = Extractor()
    extractor.parser  # noqa: B018 - the model loads before timing, as it does once per process in a run
    figures = measure(benchmark, lambda: extract_lines(sample.lines, extractor)[0], nbytes=sample.nbytes,
                      docs=len(sample.lines), rounds=2)
    RESULTS[(corpus.name, "cascade")] = figures["cpu_mb_per_s"]
    _compare(benchmark, corpus, "cascade", figures)


def test_fast_on_sample(benchmark: BenchmarkFixture, sample: Corpus, corpus: Corpus) -> None:
    extractor = Extractor(fast=True)
    figures = measure(benchmark, lambda: extract_lines(sample.lines, extractor)[0], nbytes=sample.nbytes,
                      docs=len(sample.lines), rounds=9)
    cascade = RESULTS.get((corpus.name, "cascade"))
    if cascade:
        benchmark.extra_info["cpu_x_cascade"] = round(figures["cpu_mb_per_s"] / cascade, 1)
    _compare(benchmark, corpus, "fast", figures)
