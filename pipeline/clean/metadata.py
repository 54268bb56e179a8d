"""Title, publication date, byline and publisher from what the page itself states.

Dates come only from the page header (the title line and the dateline next to
it), never from a copyright footer or from the story, where a date is news
content rather than metadata.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from functools import lru_cache

from dateparser.date import DateDataParser

from pipeline.clean.patterns import (
    BYLINE,
    COPYRIGHT,
    DATE_SPAN,
    DATELINE_WORDS,
    DOMAIN,
    EMAIL,
    FURNITURE,
    LEAD_SOURCE,
    TICKER_SEPARATOR,
    TITLE_DATE_SUFFIX,
)
from pipeline.models import PartialDate

LOGGER = logging.getLogger(__name__)

_CORPORATE_SUFFIX = re.compile(r"[,\s]+(?:inc|llc|lllp|llp|lp|ltd|plc|gmbh|co|corp|corporation)\.?$", re.I)


@lru_cache(maxsize=1)
def _date_parser() -> DateDataParser:
    return DateDataParser(
        languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    )


def parse_stated_date(text: str) -> PartialDate | None:
    """Parse one date span with the precision it carries ("July 2002" -> month)."""
    iso = _iso_day(text.strip())
    if iso is not None:  # what trafilatura reports: no need for dateparser's language machinery (2 ms a call)
        return PartialDate(iso, "day") if _plausible(iso) else None
    span = text.replace(".", " ").strip()
    data = _date_parser().get_date_data(span)
    if data.date_obj is None:
        return None
    precision = data.period if data.period in ("day", "month", "year") else "day"
    value = data.date_obj.date()
    if precision == "month":
        value = value.replace(day=1)
    if not _plausible(value):
        return None
    return PartialDate(value, precision)  # type: ignore[arg-type]


def _plausible(value: dt.date) -> bool:
    return 1800 <= value.year <= dt.date.today().year + 1


def _iso_day(text: str) -> dt.date | None:
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def find_stated_date(line: str) -> tuple[PartialDate, str] | None:
    """The first date span of a header line, with the text before it."""
    if COPYRIGHT.search(line) and ("©" in line or "copyright" in line.lower()):
        return None
    for match in DATE_SPAN.finditer(line):
        parsed = parse_stated_date(match.group(0))
        if parsed:
            return parsed, line[: match.start()]
    return None


def split_title_date(line: str) -> tuple[str, PartialDate | None]:
    """'China, Russia to Start Talks - 2001-11-27' -> title, date."""
    match = TITLE_DATE_SUFFIX.search(line)
    if not match:
        return line, None
    return line[: match.start()].strip(), parse_stated_date(match.group("date"))


def is_dateline(line: str) -> bool:
    """A short header line whose job is to state a date ("Posted July. 18, 2002 22:21")."""
    found = find_stated_date(line)
    return found is not None and len(line.split()) <= 14


def byline_of(line: str) -> str | None:
    match = BYLINE.match(line)
    return match.group("name").strip(" ,") if match else None


def is_title_candidate(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 30
        and not FURNITURE.match(line)
        and not TICKER_SEPARATOR.search(line)
        and not byline_of(line)
        and not EMAIL.search(line)
        and not line.endswith(":")
        and "©" not in line
    )


def source_from_dateline(prefix: str) -> str | None:
    """'china.org.cn / chinagate.cn, ' before a dateline's date names the site."""
    prefix = DATELINE_WORDS.sub("", prefix).strip(" ,;:-–—|")
    if not prefix or len(prefix.split()) > 6 or prefix.lower() in {"by", "on", "at"}:
        return None
    return prefix


def source_from_lead(first_paragraph: str) -> str | None:
    match = LEAD_SOURCE.match(first_paragraph)
    return match.group("source").strip() if match else None


def source_from_copyright(line: str) -> str | None:
    if "©" not in line and "copyright" not in line.lower():
        return None
    match = COPYRIGHT.search(line)
    holder = (match.group("holder") if match else "").strip(" ,.")
    holder = _CORPORATE_SUFFIX.sub("", _CORPORATE_SUFFIX.sub("", holder)).strip(" ,.")
    return holder if 1 <= len(holder.split()) <= 6 else None


def domain_of(text: str) -> str | None:
    match = EMAIL.search(text)
    if match:
        return match.group("domain").lower()
    match = DOMAIN.search(text)
    return match.group("domain").lower().removeprefix("www.") if match else None
