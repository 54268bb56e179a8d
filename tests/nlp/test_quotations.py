"""Quotation and transcript-turn scanning: pure text in, offsets out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.nlp.quotes import find_quotations
from pipeline.nlp.turns import find_turns


def _texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotations(text)]


def test_straight_curly_and_angle_marks() -> None:
    text = 'He said "one two" and \u201cthree four\u201d and \u00abfive six\u00bb.'
    assert _texts(text) == ["one two", "three four", "five six"]


def test_a_quote_reopened_in_the_next_paragraph_runs_on() -> None:
    text = '"First paragraph of the quote.\n\n"Second paragraph," he said.'
    [q] = find_quotations(text)
    assert (text[q.start : q.end], q.paragraphs) == ('First paragraph of the quote.\n\n"Second paragraph,', 2)


def test_an_unclosed_mark_without_continuation_is_no_quote() -> None:
    assert _texts('He said "this never closes.\n\nThe next paragraph is plain.') == []


def test_a_stray_opening_mark_restarts_the_quote() -> None:
    assert _texts("\u201cbroken \u201cwhole quote\u201d") == ["whole quote"]


def test_the_range_is_respected() -> None:
    text = '"outside one" then "inside two"'
    assert [text[q.start : q.end] for q in find_quotations(text, 14)] == ["inside two"]


@given(st.text(alphabet=st.sampled_from(list('ab "\u201c\u201d\u00ab\u00bb\n.')), max_size=200))
def test_quotations_always_lie_inside_the_text_in_order(text: str) -> None:
    previous_end = -1
    for q in find_quotations(text):
        assert 0 < q.start <= q.end < len(text)
        assert q.start > previous_end
        assert text[q.start - 1] in '"\u201c\u00ab\u201e' and text[q.end] in '"\u201d\u00bb'
        previous_end = q.end


def test_turns_on_their_own_lines_and_heading_paragraphs() -> None:
    text = "CRI:\nWhat is your comment on the visit?\nLiu Zhenmin:\nIt is a good visit for us."
    assert [(t.label, text[t.start : t.end]) for t in find_turns(text)] == [
        ("CRI", "What is your comment on the visit?"),
        ("Liu Zhenmin", "It is a good visit for us."),
    ]
    inline = "Q: Will you go to Moscow this year?\nA: We have no plans to travel."
    assert [(t.label, inline[t.start : t.end]) for t in find_turns(inline)] == [
        ("Q", "Will you go to Moscow this year?"),
        ("A", "We have no plans to travel."),
    ]


def test_labelled_lines_that_are_no_dialogue_are_not_turns() -> None:
    assert find_turns("Photo: Reuters staff photographer in Moscow\nSource: the state news agency") == []


@given(st.text(alphabet=st.sampled_from(list("AB:abc ?\n")), max_size=200))
def test_turns_always_lie_inside_the_text(text: str) -> None:
    for t in find_turns(text):
        assert 0 <= t.label_start < t.label_end <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == text[t.start : t.end].strip()
