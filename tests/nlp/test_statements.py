"""Who said what: quotes, reported speech and their speakers, on small news texts."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.models import Extraction


def _said(x: Extraction) -> list[tuple[str, str | None, str | None, str]]:
    """(kind, cue, speaker's canonical name or the words used, text) per statement."""
    names = {e.key: e.name for e in x.entities}
    return [(s.kind, s.cue, names.get(s.speaker_key or "", s.speaker_text), s.text) for s in x.statements]


def test_a_quote_with_the_speaker_after_the_verb(extract: Callable[..., Extraction]) -> None:
    x = extract('"We will not accept this," said Foreign Ministry spokeswoman Hua Chunying at a regular briefing.')
    assert _said(x) == [("direct", "say", "Hua Chunying", "We will not accept this,")]
    assert x.statements[0].speaker_text == "spokeswoman Hua Chunying"  # where she spoke is not who she is


def test_reported_speech_of_an_organization_in_a_statement(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "The Russian Foreign Ministry said in a statement that the sanctions were illegal and would be answered."
    )
    assert _said(x) == [
        ("indirect", "say", "Russian Foreign Ministry", "the sanctions were illegal and would be answered")
    ]


def test_according_to_a_person_but_not_to_a_document(extract: Callable[..., Extraction]) -> None:
    x = extract(
        "According to Hua Chunying, the talks were productive and would continue next month. "
        "According to the report, exports fell by a fifth in the first quarter of the year."
    )
    assert _said(x) == [
        ("indirect", "according to", "Hua Chunying", "the talks were productive and would continue next month")
    ]


def test_the_headline_is_never_the_speaker_and_a_quote_goes_on_with_its_speaker(
    extract: Callable[..., Extraction],
) -> None:
    x = extract(
        '"We are ready to talk," Putin said. "But we need firm guarantees from the other side."', title="Report"
    )
    said = _said(x)
    assert [s[2] for s in said] == ["Putin", "Putin"]
    assert said[1][3] == "But we need firm guarantees from the other side."


def test_a_pronoun_speaker_is_the_person_named_before(extract: Callable[..., Extraction]) -> None:
    x = extract('Kremlin spokesman Dmitry Peskov met reporters. "It is a good deal for both sides," he told reporters.')
    assert _said(x) == [("direct", "tell", "Dmitry Peskov", "It is a good deal for both sides,")]
