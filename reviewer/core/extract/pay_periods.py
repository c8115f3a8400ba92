"""The period a pay is paid by, as a posting says it: "a year", "/hr", "p.a.", in English,
in the other languages of Europe (``pay_europe``: "brutto/Jahr", "per maand", "kr/mån")
and as Chinese, Japanese, Arabic and Hebrew postings say it (``pay_scripts``: "/月",
"شهريًا"). Not how often a sum is paid ("paid monthly", "14x jährlich"), another sum's
("a monthly bonus"), nor the hours' ("24 - 32 uur per week"), unless the pay says no
period of its own ("$600 for 40 hours a week").
"""

from __future__ import annotations

import re

from reviewer.core.extract import pay_europe, pay_scripts
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import spaced

# (each in English, then as the other languages of Europe say it: ``pay_europe``)
_PERIODS_ENGLISH = (
    ("hour", r"per hour|an hour|hourly|/\s?h(?:ou)?r\b|/h\b|p/h|ph\b"),
    ("day", r"per day|a day|daily|/\s?day\b|day rate|per diem"),
    ("week", r"per week|a week|weekly|/\s?w(?:ee)?k\b"),
    ("month", r"per month|a month|monthly|/\s?mo(?:nth)?\b|p\.?m\.?\b"),
    ("year", r"per year|a year|annual(?:ly)?|per annum|p\.?\s?a\.?(?!\w)|/\s?y(?:ea)?r\b|"
             r"yearly"),
)
_PERIODS = tuple((name, f"{pattern}|{pay_europe.PERIODS[name]}|{pay_scripts.PERIODS[name]}")
                 for name, pattern in _PERIODS_ENGLISH)


def stated_period(text: str) -> str | None:
    """The pay period ``text`` says ("a year", "/hr", "p.a."), if it says one: not the one
    the pay reader takes from an amount's size where none is said."""
    return nearest_period(text, 0.0)


_NOT_RATE = lazy_compile(r"\s*(?:bonus|allowance|payments?|instal)")


def period_near(text: str, start: int, end: int, most: float | None = None) -> str | None:
    """The pay period said nearest the figure at ``start``-``end`` (from 40 characters
    before it to 50 after; after it on a tie): "37.5 hours per week, £24,000 per annum"
    is paid by the year. ``most``: the most the pay comes to, to weigh it against the
    hours after it (``nearest_period``)."""
    begin = max(0, start - 40)
    return nearest_period(text[begin:end + 50], start - begin, end - begin, most)


def nearest_period(window: str, at: float, till: float | None = None,
                   most: float | None = None) -> str | None:
    """The period word of ``window`` nearest the figure at ``at``-``till`` (none given:
    the first in it). A period right after hours or a count ("40 hours a week", "2x a
    week") is the pay's only where the pay says none of its own and the hours follow it
    in its clause ("Pay: $600 for 40 hours a week"; not "24 - 32 uur per week | € 3.400
    bruto per maand", "25 hours/week $25/hr", nor the hours' own figure, "40 hours per
    week"); the hours' only where the pay is said to be for them and is a week's pay for
    them (``_for_the_hours``: not "$65,000 - $75,000 DOE, full-time (40 hours per week)",
    "$18, 40 hours per week")."""
    low = window.lower()
    till = at if till is None else till
    best: tuple[float, str] | None = None
    hours: tuple[float, str] | None = None
    for name, pattern in _PERIODS:
        for match in re.finditer(pattern, low):
            if _NOT_RATE.match(low, match.end()) or low[:match.start()].endswith("paid "):
                continue  # "paid monthly", "a monthly bonus": how often, or another sum
            if match.start() and low[match.start()].isalpha() and \
                    low[match.start() - 1].isalpha() and spaced(low[match.start()]):
                continue  # the end of another word: "manual" holds no "anual" (a Chinese
                # or Japanese word is no end of another: "提供月薪")
            after = match.start() >= till
            gap = match.start() - till if after else at - match.end() + 0.5
            if pay_europe.HOURS_BEFORE.search(low, max(0, match.start() - 12), match.start()):
                # "38 hours per week", "(14x jährlich)": the hours', or how many payments
                between = low[int(till):match.start()]
                if after and not _CLAUSE_BREAK.search(between) and \
                        any(c.isdigit() for c in between) and (hours is None or gap < hours[0]) \
                        and (_COUNT.search(between) or _for_the_hours(between, most)):
                    hours = (gap, name)
            elif best is None or gap < best[0]:
                best = (gap, name)
    return best[1] if best else hours[1] if hours else None


# what parts two clauses: a bar, a semicolon, a sentence's end, a line's
_CLAUSE_BREAK = lazy_compile(r"[|;\n]|\.(?:\s|$)")
# a count of shifts or payments before a period ("2x a week"); the words that say a pay is
# for the hours after it, right after the pay ("for 40 hours", "working 40 hours", "(40
# hours"), the most of those hours the last figure
_COUNT = lazy_compile(r"\d\s?(?:x|×|mal)\s*$")
_FOR_HOURS = lazy_compile(r"(?i)\s*(?:\(|(?:for|working|per|at|über|für|voor|pour|por)\b)"
                          r"[^,(]*?(\d+(?:[.,]\d)?)\s*[^\d\s]*\s*$")
# what a week's pay comes to for each of its hours, at the least and the most
_HOURLY = (5, 200)


def _for_the_hours(between: str, most: float | None) -> bool:
    """Is the pay said to be for the hours ``between`` it and their period, and, where
    ``most`` tells what it comes to, a week's pay for those hours?"""
    said = _FOR_HOURS.match(between)
    if said is None:
        return False
    hours = float(said.group(1).replace(",", "."))
    return most is None or hours == 0 or _HOURLY[0] <= most / hours <= _HOURLY[1]
