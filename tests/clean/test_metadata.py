"""Stated dates: the precision a date span carries, and the ISO dates extractors report."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.clean.metadata import parse_stated_date
from pipeline.models import PartialDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-06-05", PartialDate(dt.date(2019, 6, 5), "day")),
        (" 2019-06-05 ", PartialDate(dt.date(2019, 6, 5), "day")),
        ("June 5, 2019", PartialDate(dt.date(2019, 6, 5), "day")),
        ("July 2002", PartialDate(dt.date(2002, 7, 1), "month")),
        ("1066-10-14", None),  # before any plausible news page
        ("2999-01-01", None),  # in the future: a template or a typo
        ("no date here", None),
    ],
)
def test_stated_date_and_precision(text: str, expected: PartialDate | None) -> None:
    assert parse_stated_date(text) == expected


def test_impossible_iso_day_is_not_a_date() -> None:
    # not a calendar day: the fast ISO path declines it and dateparser finds no date either
    assert parse_stated_date("2019-02-30") is None
