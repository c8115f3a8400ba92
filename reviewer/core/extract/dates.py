"""Dates in the forms postings write them, to ISO ``YYYY-MM-DD``."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date

from reviewer.core.words.european import MONTH_NAMES
from reviewer.core.words.regex import lazy_compile

MONTHS = {
    name: i + 1
    for i, names in enumerate((
        # English, French, German, Spanish, each with its short forms and the French
        # ones as written without accents
        "january jan janvier janv januar jänner jän enero ene",
        "february feb feb. février fevrier févr fevr februar febrero",
        "march mar mars märz marz mär mrz marzo", "april apr avril avr abril abr",
        "may mai mayo", "june jun juin juni junio", "july jul juillet juil juli julio",
        "august aug août aout agosto ago", "september sep sept septembre septiembre setiembre",
        "october oct octobre oktober okt octubre", "november nov novembre noviembre",
        "december dec décembre decembre déc dezember dez diciembre dic",
    ))
    for name in names.replace(".", "").split()
}
# … and in Portuguese, Italian, Dutch, Polish and the Nordic languages ("31 de março de
# 2026", "15 marca 2026", "1. april 2026")
MONTHS.update({name: i + 1 for i, names in enumerate(MONTH_NAMES) for name in names.split()})
_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# (a German day has a stop, "7. Januar"; a French first is "1er")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = [
    lazy_compile(rf"\b{_YEAR}-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?!\d)"),
    lazy_compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    # "5 March 2025", "3 de febrero de 2025", "7. Januar 2025"
    lazy_compile(rf"\b{_DAY}(?:\s+of|\s+de)?\s+{_MONTH},?\s+(?:de\s+)?{_YEAR}\b", re.I),
    lazy_compile(rf"\b(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[0-3]?\d)(?P=sep){_YEAR}\b"),
    # the year first, as Chinese and Japanese write a date: "2025年3月1日", "2025/03/01"
    lazy_compile(rf"{_YEAR}\s?年\s?(?P<m>[01]?\d)\s?月\s?(?P<d>[0-3]?\d)\s?日"),
    lazy_compile(rf"\b{_YEAR}/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?!\d)"),
]


def find_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first well-formed date in ``text``, as ISO, with its span."""
    best: tuple[str, tuple[int, int]] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _to_iso(match)
            if iso is None:
                continue
            if best is None or match.start() < best[1][0]:
                best = (iso, match.span())
            break
    return best


# between the dates of a range: "January 5, 2026 – January 30, 2026", "5/1 to 5/30/2026"
_RANGE_MARK = lazy_compile(r"\s*(?:[-–—]|\b(?:to|through|until|till)\b)\s*", re.I)


def find_closing_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The date the words after a deadline's give (``find_date``), but the last of a
    range ("Applications accepted January 5, 2026 – January 30, 2026": the 30th; in
    "January 5 – January 30, 2026" the first date is no date, having no year)."""
    first = find_date(text)
    mark = _RANGE_MARK.match(text, first[1][1]) if first is not None else None
    end = find_date(text[mark.end():]) if mark is not None else None
    if mark is not None and end is not None and end[1][0] == 0:
        return end[0], (mark.end(), mark.end() + end[1][1])
    return first


def _to_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("mon"):
        month = MONTHS.get(groups["mon"].lower().rstrip("."))
        day = int(groups["day"])
    elif groups.get("m"):
        month, day = int(groups["m"]), int(groups["d"])
    else:
        a, b = int(groups["a"]), int(groups["b"])
        if groups["sep"] == "/" and a <= 12 < b:
            month, day = a, b  # 03/15/2004
        elif groups["sep"] == "/" and a <= 12 and b <= 12 and a != b:
            # 05/06/2025: the 6th of May in the US, the 5th of June elsewhere; where the
            # posting does not say which (``date_order``), not guessed
            order = _month_first()
            if order is None:
                return None
            month, day = (a, b) if order else (b, a)
        else:
            day, month = a, b  # 15.03.2004
    if month is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


@dataclass(slots=True)
class _Posting:
    """The posting whose dates are read (``date_order``), and once read, its order."""
    text: str
    read: bool = False
    month_first: bool | None = None


_ORDER: ContextVar[_Posting | None] = ContextVar("date_order", default=None)
# What a posting says of the country it is in, read first from its pay, then from its
# places. The US writes the month first; the UK, Europe, India, Australia and New Zealand
# the day; Canada either way (so there it is not guessed).
_US, _DAY, _EITHER = "month first", "day first", "either"
_US_STATE = (r"(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|"
             r"O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])")
_AU_STATE = r"(?:NSW|VIC|QLD|WA|SA|TAS|NT|ACT)"
_CA_PROVINCE = r"(?:ON|BC|AB|QC|MB|SK|NS|NB|NL|PE)"
_PAY = {
    _US: lazy_compile(r"\bUSD\b|\bUS\$"),
    # "+ 11.5% super": an Australian salary's pension (superannuation)
    _DAY: lazy_compile(r"£|€|₹|\b(?:GBP|EUR|INR|AUD|NZD|AU|NZ|A)\$|\b(?:GBP|EUR|INR|AUD|NZD)\b|"
                       r"(?i:superannuation|(?:[+%]|\bplus)\s*super\b)"),
    _EITHER: lazy_compile(r"\bCAD\b|\bC(?:A)?\$"),
}
_PLACES = {
    # a state's code after a place, but a "WA" or "NT" of Australia ("Perth, WA 6000",
    # "Perth, WA, Australia")
    _US: lazy_compile(r"\bUnited States\b|\bUSA\b|\bU\.S\.|, " + _US_STATE +
                      r"\b(?!\s*\d{4}\b|,?\s*Australia)"),
    _DAY: lazy_compile(r"\b(?:UK|United Kingdom|England|Scotland|Wales|Ireland|Germany|France|"
                       r"Spain|Italy|Netherlands|Belgium|Switzerland|Austria|India|Australia|"
                       r"New Zealand|Europe)\b|\b" + _AU_STATE + r"\s+\d{4}\b|"
                       r"[ ,](?:NSW|VIC|QLD|TAS|ACT)\b"),
    _EITHER: lazy_compile(r"\bCanada\b|, " + _CA_PROVINCE + r"\b"),
}
# a dollar with no country's letters before it: the US dollar, unless the posting says it
# is in another country that pays in dollars
_DOLLAR = lazy_compile(r"(?<![A-Za-z])\$\s?\d")
_OTHER_DOLLAR = lazy_compile(r"\b(?:Australia|New Zealand|Canada)\b|\b" + _AU_STATE +
                             r"\s+\d{4}\b|[ ,](?:NSW|VIC|QLD|TAS|ACT)\b|, " + _CA_PROVINCE +
                             r"\b")


def _said(patterns: dict[str, re.Pattern[str]], text: str) -> set[str]:
    return {order for order, pattern in patterns.items() if pattern.search(text)}


def _order_of(text: str) -> bool | None:
    """Whether a posting writes the month first, by the country its pay says, else by
    the country its places say; None where they name none, or several."""
    pay = _said(_PAY, text)
    if not pay and _DOLLAR.search(text) and not _OTHER_DOLLAR.search(text):
        pay = {_US}
    countries = pay or _said(_PLACES, text)
    if len(countries) != 1 or _EITHER in countries:
        return None
    return _US in countries


@contextlib.contextmanager
def date_order(text: str) -> Iterator[None]:
    """Read the slashed dates of a posting whose ``text`` says where it is, inside: month
    first where it is in the US, day first where it is in a country that writes the day
    first; either way round not guessed where it says neither, or both, or Canada. Its
    pay says it first (US dollars; pounds, euros, rupees, Australian dollars "+ super"),
    then its places (a state's code, "United States"; "Leeds, UK", "Perth WA 6000"). The
    text is read for it at the first date that needs it (few postings have one)."""
    token = _ORDER.set(_Posting(text))
    try:
        yield
    finally:
        _ORDER.reset(token)


def _month_first() -> bool | None:
    """Whether the posting inside ``date_order`` writes the month first, None where it
    does not say; read once a posting."""
    posting = _ORDER.get()
    if posting is None:
        return None
    if not posting.read:
        posting.month_first, posting.read = _order_of(posting.text), True
    return posting.month_first
