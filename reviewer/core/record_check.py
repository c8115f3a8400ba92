"""The check of a canonical record (``reviewer.core.records``) before it is stored.

``record_problem`` says what makes a record unfit to store (None: nothing): its keys'
types, its status and provenances, its times, each field's value against schema v1 (as
the window could have stored it), the machine's confidences (0 to 1), each value against
its provenance, every offset against the text and each span's text against the text at
its offsets, and its labels.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from itertools import repeat
from typing import Any

from reviewer.core.person_check import as_the_machines
from reviewer.core.person_check import imported_value_problem as _imported_problem
from reviewer.core.person_check import person_value_problem as _person_problem
from reviewer.core.records import STATUSES, adjudicated_problem
from reviewer.core.schema import FIELDS, PERIODS, SCHEMA_VERSION

_PROVENANCES = ("accepted", "corrected", "rejected", "adjudicated", "machine", "none")
_MAX_ID = 2**63 - 1
_TEXT_KEYS = ("source", "comment", "imported_at", "updated_at", "reviewer")
_TIME_KEYS = ("imported_at", "updated_at")
_OBJECT_KEYS = ("fields", "provenance", "machine", "field_spans", "labels", "metadata",
                "reviewers", "adjudicated_by")
_NUMBER_TYPES = (float, int)
_PROVENANCE_SET = frozenset(_PROVENANCES)
_NO_SPANS: list[list[int]] = []
_MISSING = object()  # a suggestion without a value
_EMPTY: tuple[Any, ...] = ("", [], {})  # no value, as a text, a list or an object


def record_problem(obj: dict[str, Any]) -> str | None:
    """What makes ``obj`` unfit to store as one of our records (None: nothing).

    Checks every key a record may carry: types, statuses, provenances, each field's
    value against its kind in schema v1, and every span and offset against the text.
    A missing optional key is no problem; the message names the first problem found.

    Runs for every record an import reads, so the usual record is passed the quick way
    (``_fits``: exact types, as JSON gives them, in one pass); only one that does not
    pass is gone through key by key, which finds its first problem and names it
    (``first_problem``)."""
    if _fits(obj):
        return _span_problem(obj, obj["text"])
    return first_problem(obj)


def first_problem(obj: dict[str, Any]) -> str | None:
    """What ``record_problem`` says of ``obj``, found the thorough way: each key and value
    in turn, until the first problem."""
    text = obj.get("text")
    if not isinstance(text, str):
        return "'text' is not text"
    if not isinstance(obj.get("raw_hash"), str) or not obj["raw_hash"]:
        return "'raw_hash' is not a non-empty string"
    pid = obj.get("id")
    if pid is not None and (not _is_int(pid) or not 1 <= pid <= _MAX_ID):
        return f"'id' is not a positive 64-bit integer: {str(pid)[:40]}"
    if (problem := _version_problem(obj.get("schema_version"))) is not None:
        return problem
    if obj.get("status", "new") not in STATUSES:
        return f"unknown status {str(obj.get('status'))[:40]!r}; one of {', '.join(STATUSES)}"
    for key in _TEXT_KEYS:
        if key in obj and not isinstance(obj[key], str):
            return f"'{key}' is not text"
    for key in _TIME_KEYS:
        if not is_time(obj.get(key, "")):
            return (f"'{key}' {str(obj[key])[:40]!r} is not a date and time written in "
                    "ISO 8601 (2026-01-31T09:00:00+00:00)")
    for key in _OBJECT_KEYS:
        if obj.get(key) is not None and not isinstance(obj[key], dict):
            return f"'{key}' is not an object"
    size = len(text)
    for name, state in (obj.get("provenance") or {}).items():
        if name not in _FIELD_KINDS or state not in _PROVENANCES:
            return f"provenance {str(name)[:40]}: {str(state)[:40]} is not a field and a state"
    for name, value in (obj.get("fields") or {}).items():
        if (problem := _value_problem(name, value)) is not None:
            return f"field {str(name)[:40]}: {problem}"
    for name, suggestion in (obj.get("machine") or {}).items():
        if not isinstance(suggestion, dict) or "value" not in suggestion:
            return f"machine {str(name)[:40]}: not an object with a 'value'"
        problem = (_value_problem(name, suggestion["value"])
                   or _offsets_problem(suggestion.get("spans", []), size))
        if problem is None and not _is_number(suggestion.get("confidence", 0.0)):
            problem = "its confidence is not a number"
        if problem is None and not 0 <= suggestion.get("confidence", 0.0) <= 1:
            problem = f"its confidence {suggestion['confidence']} is not from 0 to 1"
        if problem is None and not isinstance(suggestion.get("stage", ""), str):
            problem = "its stage is not text"
        if problem is not None:
            return f"machine {str(name)[:40]}: {problem}"
    for name, spans in (obj.get("field_spans") or {}).items():
        if (problem := _offsets_problem(spans, size)) is not None:
            return f"field_spans {str(name)[:40]}: {problem}"
    return (adjudicated_problem(obj.get("adjudicated_by")) or _provenance_problem(obj)
            or _span_problem(obj, text))


def _version_problem(version: Any) -> str | None:
    """What is wrong with a record's ``schema_version`` (None: nothing): it is the
    schema's (1, 1.0 or "1" as other tools write it; none said is the schema's too)."""
    if version is None or (not isinstance(version, bool)
                           and str(version).strip() in (f"{SCHEMA_VERSION}",
                                                        f"{SCHEMA_VERSION}.0")):
        return None
    try:
        newer = not isinstance(version, bool) and float(version) > SCHEMA_VERSION
    except (TypeError, ValueError):
        newer = False
    return (f"'schema_version' is {str(version)[:20]}, "
            + ("of a newer version's field schema" if newer else "no version of the field schema")
            + f": this version reads records of field schema {SCHEMA_VERSION}")


def _provenance_problem(obj: dict[str, Any]) -> str | None:
    """A field's value that its provenance does not account for (None: none): a value
    whose provenance is none, rejected or missing would be stored as nobody's, and so
    lost; one whose provenance is machine must be the machine's; a person's must be one a
    person could mean (``person_check``), but the machine's accepted."""
    provenance = obj.get("provenance") or {}
    for name, value in (obj.get("fields") or {}).items():
        if value is None or value == "" or value == [] or value == {}:
            continue
        state = provenance.get(name)
        if state in _PERSON_STATES:
            suggestion = (obj.get("machine") or {}).get(name)
            if not as_the_machines(state, suggestion, value) \
                    and (problem := _imported_problem(name, value)) is not None:
                return f"field {name}: {problem}"
            continue
        if state == "machine":
            suggestion = (obj.get("machine") or {}).get(name)
            if isinstance(suggestion, dict) and suggestion.get("value") == value:
                continue
            return f"field {name}: its value is not the machine's, yet its provenance is machine"
        said = "no provenance" if state is None else f"provenance {state!r}"
        return (f"field {name}: a value with {said}; a person's value has provenance "
                "'corrected' (or 'accepted')")
    return None


def _span_problem(obj: dict[str, Any], text: str) -> str | None:
    """The first problem of a record's labelled spans and labels (None: none)."""
    for key, what, origin in (("spans", "span", "human"),
                              ("rejected_spans", "rejected span", "machine")):
        if (problem := _spans_problem(obj.get(key) or [], text, key, what, origin)):
            return problem
    for question, options in (obj.get("labels") or {}).items():
        if not question.strip():
            return "labels: a question with no name"
        if not isinstance(options, list) or not all(map(isinstance, options, repeat(str))) \
                or not all(map(str.strip, options)):
            return f"labels {str(question)[:40]}: not a list of options, each named"
    return None


def _spans_problem(spans: Any, text: str, key: str, what: str, origin: str) -> str | None:
    """The first problem of the spans under ``key`` (``what`` one is called; ``origin``:
    the one a span that names none has), None: none."""
    size = len(text)
    if not isinstance(spans, list):
        return f"'{key}' is not a list"
    for span in spans:
        if not isinstance(span, dict) or not isinstance(span.get("label"), str) \
                or not span["label"] or span.get("origin", origin) not in ("machine", "human"):
            return f"a {what} without a label, or of an unknown origin"
        if _offsets_problem([[span.get("start"), span.get("end")]], size, empty=False):
            return f"{what} {span.get('start')}-{span.get('end')} is outside the text (0-{size})"
        if "text" in span and span["text"] != text[span["start"]:span["end"]]:
            return (f"{what} {span['start']}-{span['end']}: its text "
                    f"{str(span['text'])[:40]!r} is not the text's "
                    f"{text[span['start']:span['end']][:40]!r} there")
    return None


def _fits(obj: dict[str, Any]) -> bool:
    """Does ``record_problem`` surely find nothing before the labelled spans? The quick
    check: exact types, as JSON gives them; False leaves the record to the thorough
    check. The names of a record's fields are checked a dict at a time, each value with
    what its provenance says of it (a machine's text that is the field's is not checked
    again), and all its offsets in one loop (``_offsets_fit``)."""
    get = obj.get
    text, digest, pid = get("text"), get("raw_hash"), get("id")
    if type(text) is not str or type(digest) is not str or not digest \
            or not (pid is None or (type(pid) is int and 1 <= pid <= _MAX_ID)) \
            or get("status", "new") not in STATUSES \
            or type(version := get("schema_version", SCHEMA_VERSION)) is not int \
            or version != SCHEMA_VERSION \
            or type(get("source", "")) is not str or type(get("comment", "")) is not str \
            or type(get("reviewer", "")) is not str \
            or not is_time(get("imported_at", "")) or not is_time(get("updated_at", "")):
        return False
    if any((value := get(key)) is not None and type(value) is not dict for key in _OBJECT_KEYS) \
            or adjudicated_problem(get("adjudicated_by")) is not None:
        return False
    provenance = get("provenance") or {}
    fields = get("fields") or {}
    machine = get("machine") or {}
    try:
        if not (fields.keys() <= _FIELD_KINDS.keys() and machine.keys() <= _FIELD_KINDS.keys()
                and provenance.keys() <= _FIELD_KINDS.keys()
                and set(provenance.values()) <= _PROVENANCE_SET):
            return False
    except TypeError:  # a state that is not text
        return False
    same: set[str] = set()  # the fields whose text is the machine's (checked once)
    for name, value in fields.items():  # each value, and what its provenance says of it
        if value is None:
            continue
        if not _value_fits(name, value):
            return False
        if value in _EMPTY:
            continue
        state = provenance.get(name)
        if state == "machine":
            suggestion = machine.get(name)
            if type(suggestion) is not dict or suggestion.get("value") != value:
                return False
            if type(value) is str:
                same.add(name)
        elif state not in _PERSON_STATES or (
                not as_the_machines(state, machine.get(name), value)
                and _imported_problem(name, value) is not None):
            return False
    spans = list((get("field_spans") or {}).values())
    for name, suggestion in machine.items():
        if type(suggestion) is not dict:
            return False
        value = suggestion.get("value", _MISSING)
        if (value is not None and not (name in same and type(value) is str)
                and not _value_fits(name, value)) \
                or type(confidence := suggestion.get("confidence", 0.0)) not in _NUMBER_TYPES \
                or not 0 <= confidence <= 1 or type(suggestion.get("stage", "")) is not str:
            return False
        spans.append(suggestion.get("spans", _NO_SPANS))
    return _offsets_fit(spans, len(text))


def _offsets_fit(lists: list[Any], size: int) -> bool:
    """Are ``lists`` surely lists of pairs of offsets into a text of ``size``
    characters? The quick check of ``_offsets_problem``'s usual spans, all of a record's
    in one call (it has two dozen lists of a few spans each)."""
    for spans in lists:
        if type(spans) is not list:
            return False
        for span in spans:
            if type(span) is not list or len(span) != 2:
                return False
            start, end = span
            if type(start) is not int or type(end) is not int or not 0 <= start <= end <= size:
                return False
    return True


def _value_fits(name: str, value: Any) -> bool:
    """Is ``value`` surely a value of field ``name`` (of schema v1)? The quick check of
    ``_value_problem``'s usual values; False leaves them to it."""
    cls = type(value)
    if cls is str:
        return name in _TEXT_FIELDS or value in _CHOICES.get(name, ()) or (
            name in _DATE_FIELDS and is_date(value))
    if value is None:
        return name in _FIELD_KINDS
    if cls is list:
        return name in _LIST_FIELDS and all(map(isinstance, value, repeat(str)))
    if cls is int or cls is float:
        return name in _NUMBER_FIELDS and 0 <= value < 1e15
    return cls is dict and name == "salary" and _salary_fits(value)


def _salary_fits(value: dict[str, Any]) -> bool:
    """Is ``value`` surely a salary ``_value_problem`` finds nothing wrong with?"""
    low, high, currency = value.get("min"), value.get("max"), value.get("currency")
    return value.keys() <= _SALARY_KEYS \
        and (low is None or (type(low) in _NUMBER_TYPES and 0 <= low < 1e15)) \
        and (high is None or (type(high) in _NUMBER_TYPES and 0 <= high < 1e15)) \
        and (low is None or high is None or low <= high) \
        and (currency is None or (type(currency) is str and 1 <= len(currency.strip()) <= 3)) \
        and value.get("period") in _PERIOD_OR_NONE


def value_problem(name: str, value: Any) -> str | None:
    """What is wrong with ``value`` as a value of field ``name`` of schema v1, as any
    record holding it would be refused for (None: nothing)."""
    return None if _value_fits(name, value) else _value_problem(name, value)


def person_problem(name: str, value: Any) -> str | None:
    """What is wrong with ``value`` as a person's value of field ``name``, as a record
    holding it would be refused for (None: nothing): ``value_problem``'s, and what the
    window never stores (``person_check``: a text that shows nothing); None, a
    rejection, is no value."""
    if value is None:
        return None
    return value_problem(name, value) or _person_problem(name, value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and abs(value) < 1e15)  # also refuses NaN, infinity and 64-bit overflows


def _offsets_problem(spans: Any, size: int, empty: bool = True) -> str | None:
    if not isinstance(spans, list):
        return "its spans are not a list"
    for span in spans:
        if type(span) is list and len(span) == 2:  # the usual span, checked at once
            start, end = span
            if type(start) is int and type(end) is int and 0 <= start <= end <= size \
                    and (empty or start < end):
                continue
        if not (isinstance(span, list | tuple) and len(span) == 2
                and all(_is_int(x) for x in span)
                and 0 <= span[0] <= span[1] <= size and (empty or span[0] < span[1])):
            return f"span {str(span)[:40]} is not a pair of offsets into the text"
    return None


def _value_problem(name: str, value: Any) -> str | None:
    """What is wrong with ``value`` as a value of field ``name`` (None: nothing)."""
    kind = _FIELD_KINDS.get(name)
    if kind is None:
        return "not a field of schema v1"
    if value is None:
        return None
    spec = _SPECS[name]
    if kind in ("text", "date", "enum"):
        if not isinstance(value, str):
            return "not text"
        if kind == "enum" and value not in spec.choices:
            return f"{value[:40]!r} is not one of {', '.join(spec.choices)}"
        if kind == "date" and not is_date(value):
            return f"{value[:40]!r} is not a date of the calendar written YYYY-MM-DD"
    elif kind == "list":
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return "not a list of text"
    elif kind == "number":
        if not _is_number(value):
            return "not a number"
        if value < 0:
            return f"{value} is below zero"
    elif kind == "salary":
        if not isinstance(value, dict):
            return "not an object with min, max, currency and period"
        if extra := sorted(map(str, value.keys() - _SALARY_KEYS)):
            return f"keys other than min, max, currency and period: {', '.join(extra)[:60]}"
        low, high = value.get("min"), value.get("max")
        if any(x is not None and (not _is_number(x) or x < 0) for x in (low, high)):
            return "its min or max is not a number of zero or more"
        if low is not None and high is not None and low > high:
            return f"its min {low} is over its max {high}"
        currency = value.get("currency")
        if currency is not None and (not isinstance(currency, str) or not 1 <= len(
                currency.strip()) <= 3):
            return f"its currency {str(currency)[:40]!r} is not a code such as USD or a sign"
        if value.get("period") not in (None, *PERIODS):
            return "its period is not one the schema knows"
    return None


_SPECS = {spec.name: spec for spec in FIELDS}
_FIELD_KINDS = {spec.name: spec.kind for spec in FIELDS}
_CHOICES = {spec.name: spec.choices for spec in FIELDS if spec.kind == "enum"}
_TEXT_FIELDS = {spec.name for spec in FIELDS if spec.kind == "text"}
_DATE_FIELDS = {spec.name for spec in FIELDS if spec.kind == "date"}
_LIST_FIELDS = {spec.name for spec in FIELDS if spec.kind == "list"}
_NUMBER_FIELDS = {spec.name for spec in FIELDS if spec.kind == "number"}
_SALARY_KEYS = frozenset(("min", "max", "currency", "period"))
_PERIOD_OR_NONE = (None, *PERIODS)
_PERSON_STATES = frozenset(("accepted", "corrected", "adjudicated"))
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def is_date(value: str) -> bool:
    """Is ``value`` a date of the calendar, as YYYY-MM-DD (as every value of a date is)?"""
    try:
        return _ISO_DATE.fullmatch(value) is not None and bool(date.fromisoformat(value))
    except ValueError:
        return False


def is_time(value: Any) -> bool:
    """Is ``value`` a date and time written in ISO 8601, or "" (none said)?"""
    if type(value) is not str:
        return False
    try:
        return not value or bool(datetime.fromisoformat(value))
    except ValueError:
        return False
