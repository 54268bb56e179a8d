"""The spaCy pipeline, loaded once per process, with our news entity patterns after its NER."""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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


def text_of(doc: Doc) -> str:
    """The doc's text, built once: spaCy's `Doc.text` joins every token again on each access, and the rules
    read it hundreds of times an article (that was most of their time on long articles)."""
    cached = doc.user_data.get("newsetl_text")
    if cached is None:
        cached = doc.user_data["newsetl_text"] = doc.text
    return str(cached)
