"""Runs the real spaCy model on small news texts written for the tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from pipeline.config import get_settings
from pipeline.models import Article, Extraction, PartialDate
from pipeline.nlp.extract import extract_batch


@pytest.fixture(scope="session")
def extract() -> Callable[..., Extraction]:
    model = get_settings().spacy_model

    def run(body: str, title: str = "Report", published: dt.date | None = dt.date(2019, 3, 14)) -> Extraction:
        article = Article(
            uri="test.txt",
            raw_sha256="0" * 64,
            title=title,
            body=body,
            published=PartialDate(published, "day") if published else None,
        )
        return extract_batch([article], model)[0]

    return run
