"""A row's pay, joined from its salary column and its part columns (``salary_min``,
``salary_max``, ``salary_currency``, ``salary_period``), or left out, said, where they
say different things: another amount, range, period or currency. A part the salary text
leaves unsaid is taken from its column (a period it does not write; the currency of a
sign several currencies write, "$", "¥", "kr").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

Problem = tuple[str, Any, str]  # (target, cell, reason)
SALARY_PARTS = {"salary_min": "min", "salary_max": "max", "salary_currency": "currency",
                "salary_period": "period"}  # a part's column: what of the pay it gives
_NO_PAY = {"min": None, "max": None, "currency": None, "period": None}
# the currencies a sign may mean that more than one writes, with no letters before it
# ("US$" says one): the reader takes the first
_SHARED_SIGNS = (
    (re.compile(r"(?<![A-Za-z])\$"), frozenset({
        "USD", "AUD", "CAD", "NZD", "SGD", "HKD", "MXN", "TWD", "ARS", "CLP", "COP", "UYU",
        "JMD", "TTD", "BSD", "BBD", "XCD", "FJD"})),
    (re.compile(r"[¥￥]"), frozenset({"JPY", "CNY"})),
    (re.compile(r"\bkr\b", re.I), frozenset({"SEK", "NOK", "DKK", "ISK"})),
)
_CODE = re.compile(r"\b[A-Z]{3}\b")
# pay someone guessed: "$56K-$102K (Glassdoor est.)", "Estimated $61.3K - $77.6K a year"
_ESTIMATE = re.compile(r"(?i)\b(?:est\.|estimated?\b|estimates?\b)")
_EMPLOYER = re.compile(r"(?i)\bemployer\b")  # "(Employer est.)": the employer's own


def not_an_estimate(text: str) -> None:
    """ValueError where pay written as ``text`` is an estimate of someone other than the
    employer (a job site's): no pay the posting offers, and schema v1 has no way to mark
    a guess, so it is left out and said rather than stored as the posting's pay."""
    guess = _ESTIMATE.search(text)
    if guess is not None and _EMPLOYER.search(text) is None:
        raise ValueError(f"an estimate (“{guess.group()}”) of someone other than the "
                         "employer, not the pay the posting offers")


def could_be(text: str, code: str) -> frozenset[str]:
    """The currencies a cell that the reader read as ``code`` may mean: all those its
    sign stands for where it writes no code, else ``code`` alone."""
    if not _CODE.search(text):
        for sign, codes in _SHARED_SIGNS:
            if code in codes and sign.search(text):
                return codes
    return frozenset({code})


def joined_pay(cells: Mapping[str, Any], whole: dict[str, Any] | None,
               pay: dict[str, Any]) -> tuple[dict[str, Any] | None, Problem | None]:
    """The salary of a row: ``whole``, its salary column's value (None: none); ``pay``,
    what its part columns gave (``min``, ``max``, ``currency``, ``period``, and
    ``written``: a currency their amounts write; ``named``: each amount's (currency,
    ``could_be``);
    ``unread``: a part that could not be read). (salary, None), or (None, why not)."""
    whole = whole or dict(_NO_PAY)
    salary = {**whole, **{k: v for k, v in pay.items()
                          if k not in ("written", "unread", "named")}}
    text = str(cells.get("salary", "")) if "salary" in cells else ""
    # what each says its currency may be: one left where they all agree (the column's)
    named = [*pay.get("named", []),
             *([(pay["currency"], frozenset({pay["currency"]}))] if pay.get("currency") else []),
             *([(whole["currency"], could_be(text, whole["currency"]))] if whole["currency"]
               else [])]
    agreed = frozenset.intersection(*(codes for _code, codes in named)) if named \
        else frozenset()
    salary["currency"] = pay.get("currency") or (whole["currency"] if whole["currency"] in
                                                 agreed else None) or pay.get("written")
    said = whole
    if "period" in pay and isinstance(cells.get("salary"), str):
        from reviewer.core.extract import stated_period  # (not paid at start-up)

        if not stated_period(cells["salary"]):  # the reader took it from the amounts
            said = {**whole, "period": None}
    parts = " / ".join(str(cells[t]) for t in ("salary", *SALARY_PARTS)
                       if t in cells and cells[t] not in (None, ""))
    low, high = salary.get("min"), salary.get("max")
    if "unread" in pay:
        return None, ("salary", parts, f"left out whole: its {pay['unread']} could not be read")
    if said.get("period") and pay.get("period") and said["period"] != pay["period"]:
        return None, ("salary", parts, "left out whole: its columns say the period "
                      f"{said['period']} and {pay['period']}")
    if said.get("min") is not None and said.get("min") != said.get("max"):  # a range
        other = next((k for k in ("min", "max") if pay.get(k) is not None
                      and said[k] != pay[k]), None)
        if other is not None:
            return None, ("salary", parts, f"left out whole: its columns say the {other} "
                          f"{said[other]} and {pay[other]}")
    elif said.get("min") is not None and (  # one amount: within the columns' range
            (pay.get("min") is not None and said["min"] < pay["min"])
            or (pay.get("max") is not None and said["min"] > pay["max"])):
        return None, ("salary", parts, f"left out whole: its amount {said['min']} is outside "
                      f"the range of its columns ({pay.get('min')} to {pay.get('max')})")
    if named and not agreed:
        return None, ("salary", parts, "left out whole: its columns name the currencies "
                      f"{' and '.join(sorted({code for code, _codes in named}))}")
    if low is not None and high is not None and low > high:
        return None, ("salary", f"{low} to {high}", "the minimum is over the maximum")
    if low is None and high is None:
        return None, None
    return {k: salary.get(k) for k in ("min", "max", "currency", "period")}, None
