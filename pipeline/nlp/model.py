"""The spaCy pipeline, loaded once per process, with our news entity patterns after its NER."""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from pipeline.nlp import ruler

LOGGER = logging.getLogger(__name__)


class ModelError(RuntimeError):
    """The configured spaCy model is not installed."""


@lru_cache(maxsize=2)
def load_model(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed; set NEWSETL_SPACY_MODEL or install the package"
        ) from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    if "ner" in nlp.pipe_names and ruler.COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(ruler.COMPONENT, after="ner")
    return nlp
