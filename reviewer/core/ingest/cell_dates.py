"""A data file's date cell read as a date of schema v1 (YYYY-MM-DD): ISO dates and
timestamps, compact dates (20240405), epoch seconds and milliseconds, day and month in
either order where only one order is a date, and dates with the month written out. A
day and month that could be either way round is refused, never guessed.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

_COMPACT_DATE = re.compile(r"(?:19|20)\d\d[01]\d[0-3]\d")
_EPOCH = re.compile(r"\d{9,14}(?:\.\d+)?")
# a date, with a time of day after it or none ("2024-04-05 to 2024-05-01" is two dates)
_ISO_DATE = re.compile(r"((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})"
                       r"(?:[T ]\d{1,2}:\d{2}[\d:.,]*(?: ?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2((?:19|20)\d\d)")


def read_date(cell: Any) -> str:
    """The date a cell holds, as YYYY-MM-DD; ValueError saying why it cannot be read."""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    text = str(cell).strip() if not isinstance(cell, bool) else ""
    if _COMPACT_DATE.fullmatch(text):  # 20240405
        return _iso(int(text[:4]), int(text[4:6]), int(text[6:]))
    if _EPOCH.fullmatch(text):  # epoch seconds or milliseconds
        stamp = float(text)
        day = datetime.fromtimestamp(stamp / 1000 if stamp >= 1e11 else stamp, UTC).date()
        if not 1990 <= day.year <= 2100:
            raise ValueError("a number that is no date from 1990 to 2100")
        return day.isoformat()
    if match := _ISO_DATE.fullmatch(text):
        return _iso(int(match[1]), int(match[2]), int(match[3]))
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        a, b, year = int(match[1]), int(match[3]), int(match[4])
        if match[2] == ".":
            return _iso(year, b, a)  # 05.04.2024: day first
        if a > 12 >= b:
            return _iso(year, b, a)
        if b > 12 >= a or a == b:
            return _iso(year, a, b)
        raise ValueError("the day and the month could be either way round")
    if re.search(r"[a-z]", text, re.I) and re.search(r"\b(?:19|20)\d\d\b", text) and \
            not re.search(r"\d[/.-]\d{1,2}[/.-]\d", text):  # the written month, not its number
        from reviewer.core.extract import value_from_selection

        try:
            return str(value_from_selection("date_posted", text))
        except ValueError:
            pass
    raise ValueError("not a date")


def _iso(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise ValueError("not a date of the calendar") from None
