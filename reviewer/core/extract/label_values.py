"""Stage 2: the values of labelled lines ("Location: Leeds", "Salary: £40,000"), each read
as its field reads a value, with the span of what it took."""

from __future__ import annotations

import re
from typing import Any

from reviewer.core.extract.dates import find_date
from reviewer.core.extract.document import Document
from reviewer.core.extract.labels import Labelled
from reviewer.core.extract.salary import find_salary
from reviewer.core.extract.vocab import (
    education_level,
    employment_type,
    only_terms,
    remote_mode,
    seniority,
)
from reviewer.core.schema import Finding, Span
from reviewer.core.words.lexicon import boilerplate_reason, is_camel_word
from reviewer.core.words.regex import lazy_compile


def from_labels(labelled: list[Labelled], doc: Document) -> dict[str, Finding]:
    found: dict[str, Finding] = {}
    for item in labelled:
        in_text = item.start >= 0
        conf = 0.9 if in_text else 0.8
        span: list[Span] = [(item.start, item.end)] if in_text else []
        name = item.field
        if name == "locations" and "remote" not in found:
            # "Remote only" is a location and says the work is remote; "In person" and
            # "Hybrid" say how the work is done alone
            mode = _arrangement(item.value)
            if mode is not None:
                found["remote"] = Finding(mode, span, conf * 0.9, "label")
        result = _read_label(item.field, item.value)
        if result is None:
            continue
        value, sub = result
        if sub is not None and in_text:
            span = [(item.start + sub[0], item.start + sub[1])]
        if name in found:
            continue
        found[name] = Finding(value, span, conf, "label")
    return found


def _arrangement(value: str) -> str | None:
    """The way of working a location label's value says (None: none): "In person" (in
    Leeds) is onsite, "Hybrid" hybrid, "Remote (US)" remote."""
    lead = _ARRANGED_IN.match(value)  # "In person in Leeds"
    low = (lead.group(1) if lead else value).strip().lower().rstrip(" .")
    if _WORK_ARRANGEMENT.fullmatch(low):
        return "hybrid" if low.startswith("hybrid") else "onsite"
    mode = remote_mode(value)
    return mode[0] if mode else None


def _read_label(field: str, value: str) -> tuple[Any, Span | None] | None:
    value = value.strip()
    if not value or len(value) > 200:
        return None
    if _PLACEHOLDER.fullmatch(value.lower().rstrip(" .")):
        return None  # "Location: TBD", "Client: Confidential": no value given
    if field in ("title", "company", "department"):
        glued = _GLUED_LABEL.search(value)  # "House CoordinatorFLSA Classification: …"
        if glued and not is_camel_word(value, glued.start()):
            value = value[:glued.start()]
        if len(value) > 120 or boilerplate_reason(value):
            return None
        if only_terms(value):
            return None  # "Role: Permanent" says the terms, not the role
        return value.strip(" -–|"), None
    if field == "locations":
        if _WORK_ARRANGEMENT.fullmatch(value.lower().rstrip(" .")):
            return None  # "Work Location: In person" names no place (``_arrangement``)
        lead = _ARRANGED_IN.match(value)  # "Hybrid remote in Austin, TX"
        places = split_locations(value[lead.end():] if lead else value)
        return (places, (lead.end(), len(value)) if lead else None) if places else None
    if field in ("date_posted", "valid_through"):
        date = find_date(value)
        return (date[0], date[1]) if date else None
    if field == "requisition_id":
        token = re.match(r"#?\s*([A-Za-z0-9][\w\-/.#]*)", value)
        if not token:
            return None
        ident = token.group(1).rstrip(".")
        if ident.lower() in ("no", "n/a", "na", "none", "tbd"):
            rest = re.search(r"\d[\w\-/]*", value)
            return (rest.group(), rest.span()) if rest else None
        if not re.search(r"\d", ident) and (len(ident) > 12 or ident[1:].islower()):
            return None  # (a word, "Please quote this reference", is no reference)
        return ident, (token.start(1), token.start(1) + len(ident))
    if field == "work_hours":
        if re.search(r"\d{1,2}[:.]\d{2}\s*(-|–|to)", value):
            return None  # opening times, not hours a week
        match = re.search(r"\b(\d{1,2}(?:[.,]\d)?)\b", value)
        if match and _NOT_WEEKLY.match(value, match.end()):
            return None  # "2 days per week", "12-hour shifts": not hours a week
        if match and 1 <= float(match.group(1).replace(",", ".")) <= 80:
            return _num(match.group(1)), match.span(1)
        return None
    if field == "employment_type":
        kind = employment_type(value)
        return (kind, None) if kind else None
    if field == "salary":
        pay = find_salary(value, labelled=True)
        return (pay[0], pay[1]) if pay else None
    if field == "remote":
        mode = remote_mode(value)
        return (mode[0], None) if mode else None
    if field == "seniority":
        level = seniority(value)
        return (level[0], level[1]) if level else None
    if field == "experience_years":
        match = _LABELLED_YEARS.search(value)
        return (int(match.group(1)), match.span()) if match else None
    if field == "education":
        degree = education_level(value)
        return (degree, None) if degree else None
    return None


# years of a labelled line ("5+ years", "3-5 yrs"), never the end of a larger number
_LABELLED_YEARS = lazy_compile(
    r"(?i)(?<!\d)(?<!\d[.,])(\d{1,2})\+?\s*(?:-\s*\d+\s*)?(?:years?|yrs?)")
_WORK_ARRANGEMENT = lazy_compile(r"in[- ]person|on[- ]?site|in[- ]office|at the office|"
                                 r"hybrid(?: remote| work(?:ing)?)?")
# a stop after a word (or a state's code: "MO.") before a sentence's first word
_PLACE_SENTENCE_END = lazy_compile(r"\b([A-Za-z]{3,}|[A-Z]{2})\.\s+(?=[A-Z][a-z])")
_PLACE_ABBREVIATIONS = frozenset("ave blvd str ste apt hwy pkwy cir inc ltd corp".split())
_ARRANGED_IN = lazy_compile(r"(?i)((?:(?:hybrid|fully)\s+)?(?:remote|hybrid|on[- ]?site|"
                            r"in[- ]person|in[- ]office))\s+in\s+(?=\w)")
_PLACEHOLDER = lazy_compile(r"tb[acd]|n/?a|none|various|multiple( locations)?|confidential|"
                            r"undisclosed|not (disclosed|specified)|see (below|above)|-+")
_NOT_WEEKLY = lazy_compile(r"(?i)\s*(-\s*)?(days?|weeks?|months?|hours? shifts?|shifts?)\b")


# another label glued to a value: capitals ("FLSA", "EEO") right after a lower-case letter,
# a digit or a bracket, then a few words and a colon (not a CamelCase word: "ServiceNow")
_GLUED_LABEL = lazy_compile(r"(?<=[a-z0-9)])[A-Z]{2}[\w/&'’ -]{0,30}:(?:\s|$)")
def first_sentence(value: str) -> str:
    """``value`` up to the end of its first sentence ("Berlin, Germany. You will build
    things": "Berlin, Germany"); an abbreviation's stop ("St. Louis", "D.C.", "Main
    Ave. Suite 4") ends none."""
    for end in _PLACE_SENTENCE_END.finditer(value):
        if end.group(1).lower() not in _PLACE_ABBREVIATIONS:
            return value[:end.end(1)]
    return value


def split_locations(value: str) -> list[str]:
    """One location line into the places it lists, each as written (its first sentence:
    ``first_sentence``)."""
    value = re.sub(r"\s+", " ", first_sentence(value)).strip(" .;|")
    if not value:
        return []
    parts = re.split(r"\s*;\s*|\s+\|\s+|\s*•\s*", value)
    out: list[str] = []
    for part in parts:
        out.extend(_split_repeated_prefix(part))
    return [p for p in (x.strip(" ,.") for x in out) if p][:10]


def _split_repeated_prefix(value: str) -> list[str]:
    """"US - California - Palo Alto US - California - San Francisco" is two places."""
    head = re.match(r"([A-Z]{2,3}\s*-\s*)", value)
    if head:
        again = value.find(head.group(1).strip(), len(head.group(1)))
        if again > 0:
            return [value[:again].strip(), *_split_repeated_prefix(value[again:])]
    return [value]


def _num(text: str) -> int | float:
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() else value
