"""The language stage for a batch: one spaCy pass per article, then the rule extractors."""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Sequence

from spacy.tokens import Doc

from pipeline.models import Article, Extraction
from pipeline.nlp.entities import article_entities
from pipeline.nlp.events import extract_events
from pipeline.nlp.model import load_model
from pipeline.nlp.statements import extract_statements

LOGGER = logging.getLogger(__name__)

# documents the model reads together: the parser's precomputed features grow with the tokens of a
# minibatch (366 MB over the model at spaCy's default of 32 news articles, 143 MB at 8), and a minibatch
# is padded to its longest article. On the benchmark corpus's 161 articles, in batches of 100: peak
# 373 MB and 32.2-34.5 s at 8, 277 MB and 30.7-33.0 s at 4, 255 MB and 28.7-33.5 s at 2, 230 MB and
# 33.6-34.1 s at 1 (one process, runs interleaved)
PIPE_BATCH = 4
_ZONE = threading.Lock()


def extract_article(doc: Doc, article: Article) -> Extraction:
    title_end = len(article.title or "") + 2
    body_end = title_end + len(article.body)
    ents = article_entities(doc, title_end)
    statements = extract_statements(doc, ents, title_end, body_end)
    events = extract_events(doc, ents, article, statements, body_end)
    # the parse reads title and body together; analysts read the body, so offsets are the body's
    in_body = tuple(dataclasses.replace(s, start=s.start - title_end, end=s.end - title_end) for s in statements)
    return Extraction(article, tuple(ents.refs), tuple(ents.places), in_body, tuple(events))


def analysable(article: Article, model_language: str | None) -> bool:
    """An English model reads English: on other languages its NER turns common words into people."""
    return model_language is None or article.language in (None, model_language)


def extract_batch(articles: Sequence[Article], model_name: str, n_process: int = 1) -> list[Extraction]:
    """Every article gets an Extraction, in order; one in a language the model does not read gets an empty one
    (the article itself is still loaded and searchable)."""
    nlp = load_model(model_name)
    readable = [a for a in articles if analysable(a, nlp.lang)]
    # the zone frees the strings this batch added to the model's vocabulary once its extractions (plain
    # dataclasses, no spaCy objects) are built, so a worker's memory stays flat over a long backfill. The
    # vocabulary is shared by every thread using the model, and leaving a zone frees the strings any
    # thread added meanwhile: one batch at a time per process (the model holds the GIL anyway)
    with _ZONE, nlp.memory_zone():
        docs = nlp.pipe((a.nlp_text for a in readable), batch_size=PIPE_BATCH, n_process=n_process)
        found = {id(a): extract_article(doc, a) for doc, a in zip(docs, readable, strict=True)}
    return [found.get(id(a)) or Extraction(a) for a in articles]
