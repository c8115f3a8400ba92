"""Stage 1: a schema.org JobPosting the page embeds, as JSON-LD or as microdata."""

from __future__ import annotations

import contextlib
import html
import re
from typing import Any

from reviewer.core.extract.dates import find_date
from reviewer.core.extract.document import Document
from reviewer.core.extract.salary import SYMBOLS
from reviewer.core.extract.vocab import education_level, employment_type
from reviewer.core.schema import Finding

CONFIDENCE = 0.95
# a value whose words the posting's text does not hold: the page's data may be of another
# posting (a list of them, a page's leftovers); a value the text states, with its
# evidence, is surer (the rules' wins, this one is an alternative)
UNSEEN = 0.55


def from_json_ld(posting: dict[str, Any], doc: Document) -> dict[str, Finding]:
    found: dict[str, Finding] = {}
    stage = "microdata" if posting.get("@source") == "microdata" else "json-ld"

    def put(name: str, value: Any, evidence: str | None = None) -> None:
        if value in (None, "", [], {}):
            return
        spans = []
        for text in [evidence] if isinstance(evidence, str) else (evidence or []):
            span = doc.locate(text)
            if span:
                spans.append(span)
        sure = UNSEEN if evidence is not None and not spans else CONFIDENCE
        found[name] = Finding(value, spans, sure, stage)

    title = _text(posting.get("title"))
    put("title", title, title)
    org = posting.get("hiringOrganization")
    name = _text(org.get("name") if isinstance(org, dict) else org)
    put("company", name, name)
    dept = _text(posting.get("occupationalCategory")) or _text(posting.get("industry"))
    if dept and len(dept) < 60:
        put("department", dept, dept)
    places = _locations(posting.get("jobLocation"))
    if places:
        spans = _spans(doc, places)
        found["locations"] = Finding(places, spans, CONFIDENCE if spans else UNSEEN, stage)
    kind = _text(posting.get("jobLocationType"))
    if kind and "telecommute" in kind.lower():
        put("remote", "remote")
    etype = posting.get("employmentType")
    for value in etype if isinstance(etype, list) else [etype]:
        mapped = employment_type(_text(value) or "")
        if mapped:
            put("employment_type", mapped)
            break
    for key, field in (("datePosted", "date_posted"), ("validThrough", "valid_through")):
        raw = _text(posting.get(key))
        parsed = find_date(raw or "")
        if parsed:
            put(field, parsed[0])
    ident = posting.get("identifier")
    ident_value = _text(ident.get("value") if isinstance(ident, dict) else ident)
    put("requisition_id", ident_value, ident_value)
    salary = _salary(posting.get("baseSalary"), posting.get("salaryCurrency"))
    if salary:
        put("salary", salary)
        if not _pay_seen(doc, salary):  # (no amount of it in the text)
            found["salary"] = Finding(salary, [], UNSEEN, stage)
    hours = _text(posting.get("workHours"))
    if hours:
        match = re.search(r"\d+(?:\.\d+)?", hours)
        if match and 1 <= float(match.group()) <= 80:
            put("work_hours", _num(match.group()))
    exp = posting.get("experienceRequirements")
    if isinstance(exp, dict) and exp.get("monthsOfExperience"):
        with contextlib.suppress(TypeError, ValueError):
            put("experience_years", _num(str(float(exp["monthsOfExperience"]) / 12)))
    edu = posting.get("educationRequirements")
    level = education_level(_text(edu.get("credentialCategory") if isinstance(edu, dict)
                                  else edu) or "")
    if level:
        put("education", level)
    return found


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("value")
    if value is None or isinstance(value, (dict, list)):
        return None
    text = html.unescape(re.sub(r"<[^>]+>", " ", str(value)))
    text = re.sub(r"\s+", " ", text).strip()
    return text or None


def _locations(value: Any) -> list[str]:
    places = []
    for item in value if isinstance(value, list) else [value]:
        if not isinstance(item, dict):
            text = _place_text(item)
            if text:
                places.append(text)
            continue
        address = item.get("address", item)
        if isinstance(address, str):
            places.append(address)
            continue
        if not isinstance(address, dict):
            continue
        parts = [_place_text(address.get(k)) for k in ("addressLocality", "addressRegion",
                                                        "addressCountry")]
        joined = ", ".join(p for p in parts if p)
        if joined:
            places.append(joined)
    return list(dict.fromkeys(places))


def _place_text(value: Any) -> str | None:
    """A place's name, or a part of it: text with a letter in it (a figure, [1, 2], is
    no place)."""
    text = _text(value)
    return text if text and any(c.isalpha() for c in text) else None


def _pay_seen(doc: Document, salary: dict[str, Any]) -> bool:
    """Does the text hold an amount of ``salary`` (60,000, 60000, 60.000 or 60k)?"""
    for amount in (salary.get("min"), salary.get("max")):
        if not isinstance(amount, int | float) or amount != int(amount):
            continue
        whole = int(amount)
        written = {f"{whole:,}", str(whole), f"{whole:,}".replace(",", ".")}
        if whole % 1000 == 0 and whole:
            written.add(f"{whole // 1000}k")
        if any(doc.locate(text) for text in written):
            return True
    return False


def _spans(doc: Document, values: list[str]) -> list[tuple[int, int]]:
    spans = []
    for value in values:
        span = doc.locate(value) or doc.locate(value.split(",")[0])
        if span:
            spans.append(span)
    return spans


def _salary(value: Any, currency: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        return None
    amount = value.get("value", value)
    cur = _text(value.get("currency")) or _text(currency)
    unit = None
    if isinstance(amount, dict):
        unit = _text(amount.get("unitText"))
        low = amount.get("minValue", amount.get("value"))
        high = amount.get("maxValue", amount.get("value"))
    else:
        low = high = amount
        unit = _text(value.get("unitText"))
    period = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month",
              "YEAR": "year"}.get((unit or "").upper())
    # "70.000" written (a string) for a year's pay has dots for thousands; a number, or
    # "12.500" by the hour, has a decimal point
    thousands = period not in ("hour", "day")
    try:
        low_n = _num(low, thousands) if low is not None else None
        high_n = _num(high, thousands) if high is not None else low_n
    except ValueError:
        return None
    low_n, high_n = (n if n is not None and n > 0 else None for n in (low_n, high_n))
    if low_n is None and high_n is None:
        return None  # (a zero is the board's "not given", not a wage of nothing)
    written = (cur or "").strip()  # a code or a sign; "EURO", "US Dollars" are neither
    code = SYMBOLS.get(written.lower()) or written.upper()
    return {"min": low_n, "max": high_n, "currency": code if _CODE.fullmatch(code) else None,
            "period": period}


_CODE = re.compile(r"[A-Z]{3}")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?")  # "70.000", "1.250,50"


_MAX_NUMBER = 1e12  # past any pay, hours or years: a value this large is an error


def _num(raw: Any, thousands: bool = False) -> int | float:
    """A number of the posting; ValueError for text that is none, or absurdly large.
    ``thousands``: a string of dot-parted thousands ("70.000") is read whole."""
    text = str(raw)
    if thousands and isinstance(raw, str) and _DOT_THOUSANDS.fullmatch(text.strip()):
        text = text.strip().replace(".", "").replace(",", ".")
    value = float(text.replace(",", ""))
    if not abs(value) < _MAX_NUMBER:  # also NaN and infinity
        raise ValueError(f"{text[:40]} is out of range")
    return int(value) if value.is_integer() else round(value, 2)
