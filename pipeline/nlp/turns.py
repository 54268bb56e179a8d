"""Transcript turns: "CRI:" or "Liu Zhenmin:" opening what a speaker says, up to the next label.

Two layouts are common: the label alone on its line with the words in the
paragraphs below, and the label at the head of the paragraph it opens
("CRI: What are China's comments?"). The second looks like any "Note: ..."
line, so it counts only in a page that reads as a dialogue: at least two
different labels, and a label that speaks twice or a turn that asks a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.clean.patterns import SPEAKER_TURN

LABEL_LINE = re.compile(r"(?m)^(?P<label>[^\n:]{1,60}):[ \t]*(?P<rest>[^\n]*)$")
MIN_TURN_WORDS = 3


@dataclass(frozen=True, slots=True)
class Turn:
    label: str
    label_start: int
    label_end: int
    start: int  # the words of the turn, trimmed
    end: int


def _labels(text: str, start: int, end: int) -> list[re.Match[str]]:
    found = [
        m
        for m in LABEL_LINE.finditer(text, start, end)
        if SPEAKER_TURN.match(m.group("label").strip() + ":") and m.group("label") == m.group("label").strip()
    ]
    inline = [m for m in found if m.group("rest").strip()]
    if inline:
        labels = [m.group("label") for m in inline]
        dialogue = len(set(labels)) >= 2 and (
            len(set(labels)) < len(labels) or any(m.group("rest").rstrip().endswith("?") for m in inline)
        )
        if not dialogue:
            found = [m for m in found if not m.group("rest").strip()]
    return found


def find_turns(text: str, start: int = 0, end: int | None = None) -> list[Turn]:
    """Turns in text[start:end], in order; a label with fewer than three words after it is not a turn."""
    end = len(text) if end is None else end
    labels = _labels(text, start, end)
    out: list[Turn] = []
    for i, m in enumerate(labels):
        stop = labels[i + 1].start() if i + 1 < len(labels) else end
        begin = m.start("rest") if m.group("rest").strip() else m.end()
        piece = text[begin:stop]
        if len(piece.split()) < MIN_TURN_WORDS:
            continue
        first = begin + len(piece) - len(piece.lstrip())
        last = stop - (len(piece) - len(piece.rstrip()))
        out.append(Turn(m.group("label"), m.start("label"), m.end("label"), first, last))
    return out
