"""Every input encoding ends as the same clean text; the cleaner never raises on arbitrary bytes."""

from __future__ import annotations

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean import clean_document
from pipeline.clean.decode import DecodeError, decode_bytes, fix_text, normalise_text
from pipeline.models import Article, RawDocument, Rejection

TEXT = "Café “Le Monde” — José’s résumé"


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        TEXT.encode("utf-8-sig"),
        TEXT.encode("utf-16"),
        TEXT.encode("cp1252"),
        "Café résumé".encode().decode("cp1252").encode("utf-8"),  # mojibake: UTF-8 read as cp1252
        TEXT.replace(" ", "\r\n", 1).encode("utf-8"),
    ],
)
def test_encodings_decode_to_the_same_words(encoded: bytes) -> None:
    text = decode_bytes(encoded)
    assert "Café" in text and "résumé" in text and "\r" not in text and "\ufeff" not in text


def test_latin1_only_bytes() -> None:
    assert decode_bytes("naïve façade".encode("latin-1")) == "naïve façade"


def test_empty_and_binary_are_refused() -> None:
    with pytest.raises(DecodeError, match="empty"):
        decode_bytes(b"  \n ")
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(bytes(range(256)) * 4)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_clean_document_never_raises(content: bytes) -> None:
    result = clean_document(RawDocument("x.txt", content, "text/plain"))
    assert isinstance(result, Article | Rejection)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Skip to main content",
                "Story Tools",
                "XS",
                "Top Stories",
                "The ministers of both countries said on Friday that they would meet again in the spring to review progress.",
                "Officials have been working on the details of the plan for months and expect results before the end of the year.",
                "Ms. Roe said the talks were useful.",
                "",
                "1 2 3 4",
            ]
        ),
        max_size=25,
    )
)
def test_cleaned_body_cleans_to_itself(lines: list[str]) -> None:
    from pipeline.clean.text import clean_text_dump

    body = clean_text_dump("\n".join(lines)).body
    if body:
        again = clean_text_dump("Headline of the story\n\n" + body).body
        assert again == body


# pieces ftfy acts on (mojibake, entities, controls, curly quotes, "<" that stops unescaping) and plain ASCII
FTFY_PIECES = [
    "The minister said",
    " on Friday.",
    "\n",
    "\n\n",
    "CafÃ© rÃ©sumÃ©",
    "â€œquotedâ€\x9d",
    "&amp; &lt;b&gt; &eacute;",
    "AT&T",
    "a < b",
    "<p>",
    "\x1b[31mred\x1b[0m",
    "\x07\x0b\x0c\x7f",
    "“curly” ‘quotes’",
    "ﬁnance",
    "ＦＵＬＬ",
    "e\u0301",
    "\r",
    "\u2028",
    "\x85",
    "Ã",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FTFY_PIECES), max_size=30) | st.text(max_size=300))
def test_fix_text_is_ftfy(pieces: list[str] | str) -> None:
    """Skipping the lines ftfy would leave alone must never change what ftfy would have made of the text."""
    text = pieces if isinstance(pieces, str) else "".join(pieces)
    assert fix_text(text) == ftfy.fix_text(text, normalization="NFC")
