"""Stage 2: the values of labelled lines ("Location: Leeds", "Salary: £40,000"), each read
as its field reads a value, with the span of what it took."""

from __future__ import annotations

import re
from typing import Any

from reviewer.core.extract.dates import find_date
from reviewer.core.extract.document import Document
from reviewer.core.extract.hours import labelled_hours
from reviewer.core.extract.labels import OPEN_AND_CLOSE, Labelled
from reviewer.core.extract.pay_periods import stated_period
from reviewer.core.extract.place_lines import (
    WORK_ARRANGEMENT,
    arranged,
    glued_label,
    split_locations,
)
from reviewer.core.extract.salary import find_salary
from reviewer.core.extract.vocab import (
    education_level,
    employment_type,
    only_terms,
    remote_mode,
    seniority,
)
from reviewer.core.schema import Finding, Span
from reviewer.core.words.denial import answer, denied
from reviewer.core.words.lexicon import boilerplate_reason
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import lower_keep_offsets


def from_labels(labelled: list[Labelled], doc: Document) -> dict[str, Finding]:
    found: dict[str, Finding] = {}
    for item in labelled:
        in_text = item.start >= 0
        conf = 0.9 if in_text else 0.8
        span: list[Span] = [(item.start, item.end)] if in_text else []
        name = item.field
        if name == "locations" and "remote" not in found:
            # "Remote only" is a location and says the work is remote; "In person" and
            # "Hybrid" say how the work is done alone, but a job board's "In person"
            # gives way to the posting's own word on it ("This is a hybrid role")
            mode, _, words = arranged(item.value)
            if mode is not None and (mode != "onsite" or not _said_otherwise(doc, item)):
                found["remote"] = Finding(mode, [(item.start + words[0], item.start + words[1])]
                                          if in_text and words else span, conf * 0.9, "label")
        result = _read_label(item.field, item.value, item.label)
        if result is None:
            continue
        value, sub = result
        if sub is not None and in_text:
            span = [(item.start + sub[0], item.start + sub[1])]
        if name in found:
            continue
        found[name] = Finding(value, span, conf, "label")
        if item.label.lower() in OPEN_AND_CLOSE and "valid_through" not in found and \
                sub is not None and (closing := find_date(item.value[sub[1]:])) is not None:
            at = (sub[1] + closing[1][0], sub[1] + closing[1][1])  # "… to 01/27/2025"
            found["valid_through"] = Finding(
                closing[0], [(item.start + at[0], item.start + at[1])] if in_text else [],
                conf, "label")
    return found


def _said_otherwise(doc: Document, item: Labelled) -> bool:
    """Does the posting say, outside the labelled line, that the work is remote or
    hybrid ("a hybrid role", "100% remote"; not "remote access", "hybrid cloud")?"""
    text = doc.markdown  # (read on both sides of the line, the text not copied)
    if item.start < 0:
        return _WORK_MODE_SAID.search(text) is not None
    return _WORK_MODE_SAID.search(text, 0, item.start) is not None \
        or _WORK_MODE_SAID.search(text, item.end) is not None


# a denial, a yes, or a value not given: "Agency: No agencies please", "Agency: Not applicable",
# "Agency: Recruitment agencies are not accepted"
_DENIAL = lazy_compile(r"(?i)^(?:yes$|no|not|none|n/?a)\b|\b(?:not|n't|please)\b")


def _sentence(value: str) -> bool:
    """Do most of seven words or more start in lower case, as a sentence's do (a name's
    own words start with capitals: "Department of Health and Social Care")?"""
    words = value.split()
    return len(words) >= 7 and sum(w[:1].islower() for w in words) * 2 > len(words)


def _read_label(field: str, value: str, label: str = "") -> tuple[Any, Span | None] | None:
    value = value.strip()
    if not value or len(value) > 200:
        return None
    if _PLACEHOLDER.fullmatch(value.lower().rstrip(" .")):
        return None  # "Location: TBD", "Client: Confidential": no value given
    if field in ("title", "company", "department"):
        if (glued := glued_label(value)) is not None:  # "Back OfficeLocation: …"
            value = value[:glued]
        # a company's name runs longer than a title (a legal form, a holding, a country:
        # "… mbH & Co. KGaA Holding Europe"), unless it ends as a sentence does
        longest = 160 if field == "company" and not value.endswith(".") else 120
        if len(value) > longest or boilerplate_reason(value):
            return None
        if field == "company" and (_sentence(value) or _DENIAL.search(value)):
            return None  # "Agency: Our guests have a voice in their care": no name
        if only_terms(value):
            return None  # "Role: Permanent" says the terms, not the role
        if field == "title" and _CODE.fullmatch(value):
            return None  # "Job: 4410", "Position: WH-COL-77": a number, not the role
        return value.strip(" -–|"), None
    if field == "locations":
        if WORK_ARRANGEMENT.fullmatch(value.lower().rstrip(" .")):
            return None  # "Work Location: In person" names no place (``arranged``)
        denied_to = _past_denied_work(value)  # "Télétravail impossible, sur site"
        after = denied_to + arranged(value[denied_to:])[1]  # "Hybrid remote in Austin, TX"
        places = split_locations(value[after:])
        return (places, _places_span(value, after, places)) if places else None
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
            return (rest.group(), rest.span()) if rest and not \
                _COUNT.match(value, rest.start()) else None
        if _COUNT.match(value, token.start(1)) or (
                re.fullmatch(r"\d{1,2}", ident) and re.match(r"\s+[a-z]", value[token.end(1):])):
            return None  # "2 of 3 openings", "3 positions", "#1 priority": no reference
        if not re.search(r"\d", ident) and (len(ident) > 12 or ident[1:].islower()):
            return None  # (a word, "Please quote this reference", is no reference)
        return ident, (token.start(1), token.start(1) + len(ident))
    if field == "work_hours":
        return labelled_hours(value)
    if field == "employment_type":
        kind = employment_type(value)
        return (kind, None) if kind else None
    if field == "salary":
        pay = find_salary(value, labelled=True)
        if pay and pay[0]["period"] is None and (period := stated_period(label)):
            pay[0]["period"] = period  # the label says it: "年収：800万円", "Hourly rate: $20"
        return (pay[0], pay[1]) if pay else None
    if field == "remote":
        mode = remote_mode(value)
        said = answer(value)  # "Remote: No" is work on site; "Remote: Yes" remote work
        if mode:
            # "Remote: No, but 2 days WFH": not wholly remote, some days at home
            return ("hybrid" if mode[0] == "remote" and said is False else mode[0]), None
        if said is False or (said and ("remote" in label.lower() or "home" in label.lower())):
            return ("remote" if said else "onsite"), None
        return None
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


def _places_span(value: str, after: int, places: list[str]) -> Span | None:
    """The span of a location value's places in it, from the first to the end of the
    last (not a remark or a fact after them: "Minneapolis, MN | Unpaid volunteer
    position"); None for the whole value."""
    first, last = value.find(places[0], after), value.rfind(places[-1], after)
    if first < 0 or last < 0:
        return (after, len(value)) if after else None
    return first, last + len(places[-1])


def _past_denied_work(value: str) -> int:
    """Where the places of a location label's value may start past a way of working it
    opens by denying, and a word of work on site after ("Télétravail complet
    impossible, sur site": no place; "No remote, Leeds": Leeds); 0 when it opens with
    none."""
    low = lower_keep_offsets(value)
    mode = _WORK_MODE_WORD.match(low)
    if mode is None or not denied(low, mode.start(1), mode.end(1)):
        return 0
    stop = _CLAUSE_END.search(value, mode.end())
    if stop is None:
        return len(value)
    rest = _ON_SITE.match(low, stop.end())
    return rest.end() if rest else stop.end()


# a way of working a line opens with, in English, German, French and Spanish
_WORK_MODE_WORD = lazy_compile(
    r"\W*(?:(?:no|not|keine?|pas\s+de|sans|sin)\s+)?((?:fully\s+|100\s?%\s+)?(?:"
    r"remote(?:\s+work)?|hybrid|home[- ]?office|work from home|t[ée]l[ée]travail|"
    r"teletrabajo|mobiles arbeiten|remoto))\b")
_CLAUSE_END = lazy_compile(r"\s*(?:[,;(]|\s[-–—]\s)\s*")
_ON_SITE = lazy_compile(r"(?:on[- ]?site|in[- ]office|in person|sur site|en présentiel|"
                        r"présentiel|presencial|vor ort|in präsenz)\b[\s.,;)]*")
_WORK_MODE_SAID = lazy_compile(
    r"(?i)\b(?:fully|100%)\s+remote\b|\b(?:remote|hybrid)\s+(?:role|position|job|work|working|"
    r"opportunity|schedule|model|arrangement|basis|first)\b|\b(?:is|are|be|work|working)\s+"
    r"(?:fully\s+|entirely\s+)?(?:remote|hybrid)\b|\bwork(?:ing)?\s+from\s+home\b|\btelecommut")
# years of a labelled line ("5+ years", "3-5 yrs", "3年以上"), never the end of a larger number
_LABELLED_YEARS = lazy_compile(
    r"(?i)(?<!\d)(?<!\d[.,])(\d{1,2})\+?\s*(?:-\s*\d+\s*)?(?:years?|yrs?|jahre?n?\b|ans\b|"
    r"années?|años?|年|سنوات|سنة|سنين|أعوام|שנים|שנות|שנה)")
_PLACEHOLDER = lazy_compile(r"tb[acd]|n/?a|none|various|multiple( locations)?|confidential|"
                            r"undisclosed|not (disclosed|specified)|see (below|above)|-+")
# a count of openings where a job's number is asked for ("2 of 3", "3 positions")
_COUNT = lazy_compile(r"(?i)\d{1,3}\s*(?:(?:of|out of)\s*\d+\b|(?:new\s+)?(?:openings?|"
                      r"positions?|vacanc(?:y|ies)|posts?|roles?|places?|hires?|people|"
                      r"persons?|seats?|heads?|jobs?)\b)")
# one word of letters and digits with a digit in it, as requisition ids are written
_CODE = lazy_compile(r"#?[\w./-]*\d[\w./-]*")
