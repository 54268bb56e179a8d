"""Relative date expressions resolved against the article's publication date.

News writes "Tuesday", "last week", "on 17th": the date is only known relative
to when the story was published, and the tense of the clause says whether the
weekday is the coming or the past one. Without a publication date only absolute
dates resolve; the rest stay null rather than a guessed year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from pipeline.models import PartialDate

Tense = Literal["past", "present", "future"]

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")),
    ("month_day_year", re.compile(rf"{_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}})")),
    ("day_month_year", re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})")),
    ("month_year", re.compile(rf"{_MONTH},?\s+(?:of\s+)?(?P<year>\d{{4}})")),
    ("month_day", re.compile(rf"{_MONTH}\s+{_DAY}\b")),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}")),
    (
        "weekday",
        re.compile(
            r"(?P<rel>last|next|this|coming|past)?\s*(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
        ),
    ),
    (
        "week",
        re.compile(
            r"(?P<part>early|late|end of|beginning of|middle of)?\s*(?P<rel>last|next|this|the past|the coming)\s+week"
        ),
    ),
    (
        "month_rel",
        re.compile(r"(?P<part>early|late|end of|the end of|beginning of)?\s*(?P<rel>last|next|this)\s+month"),
    ),
    (
        "year_rel",
        re.compile(r"(?P<part>early|late|end of|the end of|beginning of|start of)?\s*(?P<rel>last|next|this)\s+year"),
    ),
    ("relative_day", re.compile(r"\b(?P<rel>yesterday|today|tomorrow|tonight)\b")),
    ("year", re.compile(r"\b(?:in\s+)?(?P<year>1[89]\d\d|20\d\d)\b")),
    ("month", re.compile(rf"\b(?:in\s+|last\s+|next\s+)?{_MONTH}\b")),
    ("ordinal_day", re.compile(r"\b(?:on\s+)?(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)\b")),
]


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    start: PartialDate | None
    end: PartialDate | None
    text: str


def _month_of(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")[:4] if text.lower().startswith("sept") else text.lower().rstrip(".")]


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, anchor: dt.date, tense: Tense) -> int:
    """The year that puts month-day on the side of the anchor the tense points to."""
    candidate = _safe(anchor.year, month, day) or dt.date(anchor.year, month, 1)
    if tense == "past" and candidate > anchor + dt.timedelta(days=1):
        return anchor.year - 1
    if tense == "future" and candidate < anchor - dt.timedelta(days=1):
        return anchor.year + 1
    return anchor.year


def _weekday(name: str, rel: str | None, anchor: dt.date, tense: Tense) -> dt.date:
    target = WEEKDAYS[name]
    delta = (target - anchor.weekday()) % 7
    if rel in ("next", "coming") or (rel is None and tense == "future"):
        return anchor + dt.timedelta(days=delta or 7)
    if rel in ("last", "past") or (rel is None and tense == "past"):
        return anchor - dt.timedelta(days=(7 - delta) % 7 or (0 if rel is None else 7))
    # present tense, no qualifier: the closest such day, the anchor itself included
    back = (7 - delta) % 7
    return anchor - dt.timedelta(days=back) if back <= delta else anchor + dt.timedelta(days=delta)


def resolve(text: str, anchor: dt.date | None, tense: Tense = "past") -> ResolvedDate | None:
    """Resolve one date expression ("Wednesday and Thursday", "early next week", "November 23")."""
    low = text.lower().strip()
    found: list[tuple[PartialDate, PartialDate]] = []
    consumed = low
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(consumed):
            span = _resolve_match(kind, match, anchor, tense, text)
            if span:
                found.append(span)
                consumed = consumed[: match.start()] + " " * (match.end() - match.start()) + consumed[match.end() :]
    if not found:
        return None
    found.sort(key=lambda s: s[0].value)
    start = found[0][0]
    end = max((s[1] for s in found), key=lambda d: d.value)
    return ResolvedDate(start, end if end != start else None, text.strip())


def _resolve_match(
    kind: str, m: re.Match[str], anchor: dt.date | None, tense: Tense, original: str
) -> tuple[PartialDate, PartialDate] | None:
    g = m.groupdict()
    if kind == "iso":
        d = _safe(int(g["year"]), int(g["m"]), int(g["d"]))
        return (PartialDate(d), PartialDate(d)) if d else None
    if kind in ("month_day_year", "day_month_year"):
        d = _safe(int(g["year"]), _month_of(g["month"]), int(g["day"]))
        return (PartialDate(d), PartialDate(d)) if d else None
    if kind == "month_year":
        d = dt.date(int(g["year"]), _month_of(g["month"]), 1)
        return PartialDate(d, "month"), PartialDate(d, "month")
    if kind == "year":
        d = dt.date(int(g["year"]), 1, 1)
        return PartialDate(d, "year"), PartialDate(d, "year")
    if kind in ("month_day", "day_month"):
        month, day = _month_of(g["month"]), int(g["day"])
        if anchor is None:
            # the year is unknown: kept as month-day on the sentinel year 1 (precision says so)
            d = _safe(1, month, day)
            return (PartialDate(d, "month_day"), PartialDate(d, "month_day")) if d else None
        d = _safe(_nearest_year(month, day, anchor, tense), month, day)
        return (PartialDate(d), PartialDate(d)) if d else None
    if anchor is None:
        return None
    if kind == "weekday":
        d = _weekday(g["wd"], g.get("rel"), anchor, tense)
        return PartialDate(d), PartialDate(d)
    if kind == "relative_day":
        offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g["rel"]]
        d = anchor + dt.timedelta(days=offset)
        return PartialDate(d), PartialDate(d)
    if kind == "week":
        rel = g["rel"].replace("the ", "")
        shift = {"last": -7, "past": -7, "next": 7, "coming": 7, "this": 0}[rel]
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=shift)
        first, last = monday, monday + dt.timedelta(days=6)
        part = (g.get("part") or "").strip()
        if part == "early" or part.startswith("beginning"):
            last = monday + dt.timedelta(days=2)
        elif part in ("late", "end of"):
            first = monday + dt.timedelta(days=3)
        return PartialDate(first), PartialDate(last)
    if kind == "month_rel":
        year, month = _shift_month(anchor.year, anchor.month, {"last": -1, "next": 1, "this": 0}[g["rel"]])
        d = dt.date(year, month, 1)
        return PartialDate(d, "month"), PartialDate(d, "month")
    if kind == "year_rel":
        year = anchor.year + {"last": -1, "next": 1, "this": 0}[g["rel"]]
        part = (g.get("part") or "").strip()
        if "end" in part or part == "late":
            d = dt.date(year, 12, 1)
            return PartialDate(d, "month"), PartialDate(d, "month")
        if "beginning" in part or "start" in part or part == "early":
            d = dt.date(year, 1, 1)
            return PartialDate(d, "month"), PartialDate(d, "month")
        d = dt.date(year, 1, 1)
        return PartialDate(d, "year"), PartialDate(d, "year")
    if kind == "month":
        month = _month_of(g["month"])
        if g["month"] == "may" and "may" in original and not original.strip()[0].isupper():
            return None  # the verb "may", not the month
        prefix = m.group(0).split()[0]
        year = anchor.year
        # "last June" is the latest June before the month of writing, "next June" the first one after it
        if (prefix == "last" and month >= anchor.month) or (
            prefix not in ("last", "next") and tense == "past" and month > anchor.month
        ):
            year -= 1
        elif (prefix == "next" and month <= anchor.month) or (
            prefix not in ("last", "next") and tense == "future" and month < anchor.month
        ):
            year += 1
        d = dt.date(year, month, 1)
        return PartialDate(d, "month"), PartialDate(d, "month")
    if kind == "ordinal_day":
        day = int(g["day"])
        year, month = anchor.year, anchor.month
        if day > anchor.day and tense != "future":
            year, month = _shift_month(year, month, -1)
        d = _safe(year, month, day)
        return (PartialDate(d), PartialDate(d)) if d else None
    return None
