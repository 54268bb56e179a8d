"""For any text the extractors return, and what they return points into the text."""

from __future__ import annotations

import os
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.clean import clean_document
from pipeline.models import Article, Extraction, RawDocument, Rejection

PIECES = [
    '"We will not accept this," said Foreign Minister Anna Berg.',
    "Mr. Berg told reporters that the talks had failed.",
    "He added that the border would stay closed.",
    "CRI:",
    "Liu Zhenmin: We expect the visit to go well?",
    "According to the ministry, the plan was approved on Monday.",
    "President Jonas Lie met Prime Minister Karin Vik in Oslo last week.",
    "\u201cIt is a good deal,\u201d she said.",
    '"An unclosed quote runs on',
    "The (UN) called for calm.",
    "",
    ":",
    '"',
    "\u201c",
]
texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)),
    max_size=12,
).map(lambda parts: "\n\n".join(parts))


@settings(
    max_examples=int(os.environ.get("NEWSETL_PROPERTY_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(body=texts, title=st.one_of(st.none(), st.text(max_size=30)))
def test_extraction_never_raises_and_statements_point_into_the_body(
    extract: Callable[..., Extraction], body: str, title: str | None
) -> None:
    x = extract(body, title=title)
    for st_ in x.statements:
        assert 0 <= st_.start <= st_.end <= len(body)
        assert body[st_.start : st_.end] == st_.text
    keys = {e.key for e in x.entities}
    assert all(e.name.strip() for e in x.entities)
    for st_ in x.statements:
        assert st_.speaker_key is None or st_.speaker_key in keys
    for ev in x.events:
        assert set(ev.participant_keys) <= keys


@settings(max_examples=int(os.environ.get("NEWSETL_PROPERTY_EXAMPLES", "80")), deadline=None)
@given(body=texts, media=st.sampled_from(["text/plain", "text/html"]))
def test_cleaning_any_text_gives_an_article_or_a_reason(body: str, media: str) -> None:
    content = (f"<html><body><p>{body}</p></body></html>" if media == "text/html" else body).encode()
    result = clean_document(RawDocument("page", content, media))  # type: ignore[arg-type]
    assert isinstance(result, Article | Rejection)
    if isinstance(result, Rejection):
        assert result.reason and result.detail
    else:
        assert "\x00" not in result.body and result.body.strip()
