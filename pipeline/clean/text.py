"""Article text out of a plain-text page dump.

jusText's paragraph classifier (length, stopword density, neighbours) decides
what is prose; small rules then repair its known blind spots at the edges of
the story: the wire lead "(CNN) -- ..." and transcript speaker turns
("Liu Zhenmin:") that sit next to prose but look like headings.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from functools import lru_cache

import justext
import pycountry

from pipeline.clean import metadata as meta
from pipeline.clean.furniture import line_key
from pipeline.clean.language import detect_language
from pipeline.clean.patterns import EMAIL, FURNITURE, LEAD_SOURCE, SPEAKER_TURN, STORY_END, TICKER_SEPARATOR
from pipeline.models import PartialDate

LOGGER = logging.getLogger(__name__)

MIN_LEAD_WORDS = 12


@dataclass(frozen=True, slots=True)
class CleanedText:
    title: str | None
    body: str
    published: PartialDate | None
    byline: str | None
    publisher: str | None
    publisher_domain: str | None
    captions: tuple[str, ...]


@lru_cache(maxsize=16)
def _stoplist(language: str = "English") -> frozenset[str]:
    return frozenset(justext.get_stoplist(language))


def stoplist_for(text: str) -> frozenset[str]:
    """jusText's stopwords for the dump's language (py3langid), English when unknown or not covered:
    with English stopwords a Korean or German page has no prose at all."""
    code = detect_language(text)
    language = pycountry.languages.get(alpha_2=code) if code else None
    name = getattr(language, "name", "English")
    return _stoplist(name if name in _stoplist_names() else "English")


@lru_cache(maxsize=1)
def _stoplist_names() -> frozenset[str]:
    return frozenset(justext.get_stoplists())


def classify_lines(lines: list[str], stop: frozenset[str] | None = None) -> list[bool]:
    """True where jusText judges the line to be prose."""
    stop = stop if stop is not None else _stoplist()
    markup = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    paragraphs = justext.justext(
        markup.encode("utf-8"), stop, length_low=70, length_high=200, max_link_density=1.0, encoding="utf-8"
    )
    if len(paragraphs) != len(lines):  # jusText merged or split something: judge line by line instead
        return [_looks_like_prose(line, stop) for line in lines]
    return [p.class_type == "good" for p in paragraphs]


def _looks_like_prose(line: str, stop: frozenset[str]) -> bool:
    words = line.split()
    if len(words) < MIN_LEAD_WORDS:
        return False
    hits = sum(1 for w in words if w.lower().strip(".,;:\"'“”") in stop)
    return hits / len(words) >= 0.3


def _is_sentence(line: str, stop: frozenset[str]) -> bool:
    return _looks_like_prose(line, stop) and line.rstrip("\"”’') ").endswith((".", "!", "?"))


def _body_span(
    lines: list[str], good: list[bool], furniture: list[bool], stop: frozenset[str]
) -> tuple[int, int] | None:
    """First and last line of the story, widened over the lead and speaker turns jusText misses."""
    marks = [i for i, ok in enumerate(good) if ok and not furniture[i]]
    if not marks:
        return None
    start, end = marks[0], marks[-1]
    # readers' comments are prose too, but the story ended where they begin
    cut = next((i for i in range(start + 1, end + 1) if STORY_END.match(lines[i])), None)
    if cut is not None:
        end = max((i for i in marks if i < cut), default=start)
    while start > 0:
        prev = lines[start - 1]
        if (
            SPEAKER_TURN.match(prev)
            or LEAD_SOURCE.match(prev)
            or (_is_sentence(prev, stop) and not _duplicated(lines, start - 1))
        ) and not furniture[start - 1]:
            start -= 1
        else:
            break
    limit = cut if cut is not None else len(lines)
    while end + 1 < limit and (
        _is_sentence(lines[end + 1], stop)
        and not furniture[end + 1]
        and not TICKER_SEPARATOR.search(lines[end + 1])
        and "©" not in lines[end + 1]
        and good[end + 1]
    ):
        end += 1
    return start, end


def _duplicated(lines: list[str], i: int) -> bool:
    return lines.count(lines[i]) > 1


def _keep_in_body(lines: list[str], good: list[bool], furniture: list[bool], i: int) -> bool:
    line = lines[i]
    if furniture[i] or TICKER_SEPARATOR.search(line):
        return False
    if good[i] or SPEAKER_TURN.match(line) or LEAD_SOURCE.match(line):
        return True
    # a short line between two prose lines is a sub-heading ("Eye on NATO")
    return 0 < i < len(lines) - 1 and good[i + 1] and len(line.split()) <= 12


def clean_text_dump(text: str, recurring: frozenset[str] = frozenset()) -> CleanedText:
    """`recurring` holds line keys (furniture.line_key) seen across the site's other stories."""
    lines = [line for line in text.split("\n") if line.strip()]
    if recurring:  # the site's banner, footer and tickers; a recurring byline or dateline is still metadata
        lines = [
            line for line in lines if line_key(line) not in recurring or meta.byline_of(line) or meta.is_dateline(line)
        ]
    if not lines:
        return CleanedText(None, "", None, None, None, None, ())
    furniture = [bool(FURNITURE.match(line)) for line in lines]
    stop = stoplist_for("\n".join(lines))
    good = classify_lines(lines, stop)
    if sum(good) < 2:  # short pages give jusText too little context: plain sentences count too
        good = [ok or _is_sentence(line, stop) for ok, line in zip(good, lines, strict=True)]
    span = _body_span(lines, good, furniture, stop)
    if span is None:
        return CleanedText(_pick_title(lines)[0], "", None, None, None, None, ())
    start, end = span
    header, tail = lines[:start], lines[end + 1 :]
    body_lines = [lines[i] for i in range(start, end + 1) if _keep_in_body(lines, good, furniture, i)]
    captions = tuple(
        dict.fromkeys(
            line for line in header if _duplicated(header, header.index(line)) and _looks_like_prose(line, stop)
        )
    )

    title, published, date_prefix = _pick_title(header)
    byline = next((b for b in map(meta.byline_of, header) if b), None)
    tail_email = next((m.group(0) for line in tail if (m := EMAIL.fullmatch(line.strip()))), None)
    if byline is None and tail_email:
        byline = tail_email
    publisher = (meta.source_from_lead(body_lines[0]) if body_lines else None) or (
        meta.source_from_dateline(date_prefix) if date_prefix else None
    )
    domain = meta.domain_of(tail_email or "") or (meta.domain_of(date_prefix) if date_prefix else None)
    if publisher is None:
        publisher = domain or next((s for s in map(meta.source_from_copyright, tail) if s), None)
    return CleanedText(title, "\n\n".join(body_lines), published, byline, publisher, domain, captions)


def _pick_title(header: list[str]) -> tuple[str | None, PartialDate | None, str | None]:
    """The headline: the line with a date suffix, else the line before the byline or dateline."""
    for line in header:
        title, date = meta.split_title_date(line)
        if date is not None:
            return title, date, None
    candidates = [i for i, line in enumerate(header) if meta.is_title_candidate(line)]
    for i, line in enumerate(header):
        if meta.byline_of(line) or meta.is_dateline(line):
            before = [c for c in candidates if c < i and not meta.is_dateline(header[c])]
            if before:
                published, prefix = _dateline_near(header, before[-1] + 1)
                return header[before[-1]], published, prefix
    if candidates:
        published, prefix = _dateline_near(header, candidates[0] + 1)
        return header[candidates[0]], published, prefix
    return None, None, None


def _dateline_near(header: list[str], start: int) -> tuple[PartialDate | None, str | None]:
    """The first stated date within the few lines under the headline."""
    for line in header[start : start + 4]:
        found = meta.find_stated_date(line)
        if found and len(line.split()) <= 14:
            return found
    return None, None
