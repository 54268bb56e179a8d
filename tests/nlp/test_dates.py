"""Relative dates against the publication date, across month and year ends."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.nlp.dates import resolve

TUE = dt.date(2001, 11, 27)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "start", "end"),
    [
        ("Tuesday", TUE, "past", "2001-11-27", None),
        ("Wednesday and Thursday", TUE, "future", "2001-11-28", "2001-11-29"),
        ("on Monday", TUE, "past", "2001-11-26", None),
        ("on Monday", TUE, "future", "2001-12-03", None),
        ("last week", TUE, "past", "2001-11-19", "2001-11-25"),
        ("early next week", TUE, "future", "2001-12-03", "2001-12-05"),
        ("on 17th", dt.date(2002, 7, 18), "past", "2002-07-17", None),
        ("on 28th", dt.date(2002, 3, 2), "past", "2002-02-28", None),  # across a month end
        ("November 23", TUE, "past", "2001-11-23", None),
        ("December 30", dt.date(2002, 1, 3), "past", "2001-12-30", None),  # across a year end
        ("January 2", dt.date(2001, 12, 30), "future", "2002-01-02", None),
        ("Friday", dt.date(2002, 1, 1), "past", "2001-12-28", None),
        ("next Monday", dt.date(2001, 12, 31), "future", "2002-01-07", None),
        ("yesterday", dt.date(2003, 1, 1), "past", "2002-12-31", None),
    ],
)
def test_relative_dates(text: str, anchor: dt.date, tense: str, start: str, end: str | None) -> None:
    r = resolve(text, anchor, tense)  # type: ignore[arg-type]
    assert r is not None and r.start is not None
    assert r.start.value.isoformat() == start
    assert (r.end.value.isoformat() if r.end else None) == end


def test_last_year_keeps_year_precision() -> None:
    r = resolve("last year", TUE, "past")
    assert r is not None and r.start is not None and r.start.isoformat() == "2000"


def test_end_of_last_year_is_december() -> None:
    r = resolve("the end of last year", dt.date(2017, 1, 19), "past")
    assert r is not None and r.start is not None and r.start.isoformat() == "2016-12"


def test_without_publication_date_only_absolute_dates_resolve() -> None:
    assert resolve("Tuesday", None) is None
    assert resolve("last week", None) is None
    absolute = resolve("July 18, 2002", None)
    assert absolute is not None and absolute.start is not None and absolute.start.isoformat() == "2002-07-18"
    month_day = resolve("November 23", None)
    assert month_day is not None and month_day.start is not None
    assert month_day.start.precision == "month_day" and month_day.start.isoformat() == "--11-23"


def test_durations_are_not_dates() -> None:
    assert resolve("two days", TUE) is None


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "month"),
    [
        ("in last June", dt.date(2002, 7, 18), "past", "2002-06"),  # the June just gone
        ("last July", dt.date(2002, 7, 18), "past", "2001-07"),  # the month of writing is not "last"
        ("last December", dt.date(2003, 1, 5), "past", "2002-12"),  # across a year end
        ("next March", dt.date(2002, 7, 18), "future", "2003-03"),
        ("next September", dt.date(2002, 7, 18), "future", "2002-09"),
        ("in May", dt.date(2002, 3, 1), "past", "2001-05"),  # a past-tense month after the anchor's is last year's
    ],
)
def test_months_named_with_last_and_next(text: str, anchor: dt.date, tense: str, month: str) -> None:
    r = resolve(text, anchor, tense)  # type: ignore[arg-type]
    assert r is not None and r.start is not None
    assert r.start.precision == "month" and r.start.isoformat() == month
