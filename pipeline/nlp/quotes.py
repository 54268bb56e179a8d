"""Where the quotations of a text are: pure character scanning, before any parsing.

A regular expression cannot follow the newspaper rule for long quotes: a quote
that runs over several paragraphs has an opening mark at the start of each
paragraph and a closing mark only at the end of the last one. Straight marks
are ambiguous (the same character opens and closes), curly and angle marks are
not; the scanner treats a straight mark as the opposite of the current state.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

OPENING = frozenset("“«„")
CLOSING = frozenset("”»")
STRAIGHT = '"'
MARKS = OPENING | CLOSING | {STRAIGHT}


@dataclass(frozen=True, slots=True)
class Quotation:
    """Text between a quote's marks: `start`/`end` exclude the marks; `paragraphs` > 1 when it runs on."""

    start: int
    end: int
    paragraphs: int = 1


def _paragraphs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Non-blank lines of text[start:end] as (start, end)."""
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop
        if text[pos:stop].strip():
            yield pos, stop
        pos = stop + 1


def _opens_at_start(text: str, start: int, end: int) -> int | None:
    """Index of an opening mark that begins the paragraph (after blanks), if any."""
    i = start
    while i < end and text[i] in " \t":
        i += 1
    return i if i < end and (text[i] in OPENING or text[i] == STRAIGHT) else None


def find_quotations(text: str, start: int = 0, end: int | None = None) -> list[Quotation]:
    """Quotations in text[start:end], in order; unbalanced marks are left out rather than guessed."""
    end = len(text) if end is None else end
    out: list[Quotation] = []
    opened: int | None = None  # index of the opening mark of the quote in progress
    paragraphs = 0
    lines = list(_paragraphs(text, start, end))
    for n, (p_start, p_end) in enumerate(lines):
        i = p_start
        if opened is not None:  # carried over: this paragraph must reopen it
            reopen = _opens_at_start(text, p_start, p_end)
            if reopen is None:
                opened = None
            else:
                paragraphs += 1
                i = reopen + 1
        while i < p_end:
            ch = text[i]
            if ch in MARKS:
                if opened is None and (ch in OPENING or ch == STRAIGHT):
                    opened, paragraphs = i, 1
                elif opened is not None and (ch in CLOSING or ch == STRAIGHT):
                    out.append(Quotation(opened + 1, i, paragraphs))
                    opened = None
                elif opened is not None and ch in OPENING:
                    opened, paragraphs = i, 1  # a stray opening mark: the quote starts again here
            i += 1
        if opened is not None:
            following = lines[n + 1] if n + 1 < len(lines) else None
            if following is None or _opens_at_start(text, *following) is None:
                opened = None  # an unclosed mark with no continuation: not a quotation
    return out
