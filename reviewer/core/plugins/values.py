"""A plug-in's readings checked against schema v1 before they are offered.

A plug-in is code or a model we do not control, so nothing it says is taken as it is:
a field the schema lacks is ignored (and counted); a value is checked and brought to the
schema's form by its field's kind (text, on one line; a list of texts; a choice, in any case and
with spaces or hyphens for underscores: "Full-time" is ``full_time``; an ISO date, a
timestamp's day taken; a number within its field's bounds; a salary ``{min, max,
currency, period}``), or refused with the reason; spans are clipped to the text, or
dropped when nothing of them is left (those of a text or a list that hold none of its
value are counted: evidence of something else, or the value written otherwise); a
confidence is clamped to [0, 1] (none:
``DEFAULT_CONFIDENCE``). ``None`` or an empty value means "no reading".
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reviewer.core.plugins.protocol import DEFAULT_CONFIDENCE
from reviewer.core.schema import FIELDS, PERIODS, FieldSpec, Finding, Span
from reviewer.core.words.text import typed_text, valid_unicode

MAX_TEXT = 300  # a longer title, company or requisition id is some other text
MAX_ITEM = 2000  # one item of a list field
MAX_ITEMS = 200
MAX_SPANS = 100
EXAMPLES = 5  # refused values quoted in the report
_SPECS = {spec.name: spec for spec in FIELDS}
_BOUNDS = {"work_hours": (1, 100), "experience_years": (0, 50)}
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.,+\-Z]*)?")
_NOT_UTF8 = re.compile(r"[\udc80-\udcff]")  # a byte read with errors="surrogateescape"
_NUMBER = re.compile(r"\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*")
_PERIODS = {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month",
            "yearly": "year", "annual": "year", "annually": "year", "annum": "year"}


@dataclass
class Tally:
    """What the checks refused or changed, over a run."""

    unknown: dict[str, int] = field(default_factory=dict)  # fields the schema lacks
    refused: dict[str, int] = field(default_factory=dict)  # per field
    examples: list[str] = field(default_factory=list)  # a few refused values, with why,
    # each said once
    spans_fixed: int = 0  # spans clipped to the text or dropped
    spans_unlike: int = 0  # spans of a text or list value that hold none of it (kept)
    confidence_fixed: int = 0  # confidences clamped, or missing and set

    def refuse(self, name: str, value: Any, reason: str) -> None:
        self.refused[name] = self.refused.get(name, 0) + 1
        example = f"{name} {_shown(value)}: {reason}"
        if len(self.examples) < EXAMPLES and example not in self.examples:
            self.examples.append(example)


def read_findings(readings: Any, markdown: str, stage: str, tally: Tally) -> dict[str, Finding]:
    """The checked findings of one posting, all of ``stage``; ``readings`` is what the
    plug-in gave for it (``{field: Finding or {"value", "spans", "confidence"}}``)."""
    if not isinstance(readings, Mapping):
        tally.refuse("(all fields)", readings, "not an object of fields")
        return {}
    found: dict[str, Finding] = {}
    for name, reading in readings.items():
        spec = _SPECS.get(name) if isinstance(name, str) else None
        if spec is None:
            key = valid_unicode(str(name)[:40])
            tally.unknown[key] = tally.unknown.get(key, 0) + 1
            continue
        spans: Any
        confidence: Any
        if isinstance(reading, Finding):
            raw_value, spans, confidence = reading.value, reading.spans, reading.confidence
        elif isinstance(reading, Mapping) and "value" in reading:
            raw_value, spans, confidence = (reading["value"], reading.get("spans"),
                                            reading.get("confidence"))
        elif reading is None:
            continue
        else:
            tally.refuse(name, reading, 'not an object with a "value"')
            continue
        try:
            value = check_value(spec, raw_value)
        except (ValueError, OverflowError) as err:
            tally.refuse(name, raw_value, str(err))
            continue
        if value is None:
            continue
        held = _spans(spans, len(markdown), tally)
        if spec.kind in ("text", "list"):
            held = _holding(held, value, markdown, tally)
        found[name] = Finding(value, held, _confidence(confidence, tally), stage)
    return found


def _letters(text: str) -> str:
    """``text``'s letters and digits, in one case: what a span and a value share, past
    the markup and spacing between them ("**Rust**", "rust")."""
    return "".join(c for c in text.casefold() if c.isalnum())


def _holding(spans: list[Span], value: Any, markdown: str, tally: Tally) -> list[Span]:
    """``spans``, those that hold none of ``value`` (a text, or a list's items) counted:
    kept, as a value may be written otherwise ("NYC" for "New York, NY", "k8s" for
    "Kubernetes"), but said in the report, where evidence of something else shows."""
    items = [_letters(str(v)) for v in (value if isinstance(value, list) else [value])]
    items = [item for item in items if item]
    for start, end in spans:
        words = _letters(markdown[start:end])
        if not (words and any(words in item or item in words for item in items)):
            tally.spans_unlike += 1
    return spans


def check_value(spec: FieldSpec, value: Any) -> Any:
    """``value`` in the form schema v1 gives field ``spec``; None for no value. Raises
    ValueError saying why it cannot be."""
    if value is None or (isinstance(value, str | list | tuple | dict) and not value):
        return None
    if spec.kind == "text":
        return _text(value, MAX_TEXT)
    if spec.kind == "list":
        items = [value] if isinstance(value, str | int | float) else value
        if not isinstance(items, list | tuple):
            raise ValueError("not a list")
        if len(items) > MAX_ITEMS:
            raise ValueError(f"over {MAX_ITEMS} items")
        out: list[str] = []
        for item in items:
            if item is None or item == "":
                continue
            text = _text(item, MAX_ITEM)
            if text and text not in out:
                out.append(text)
        return out or None
    if spec.kind == "enum":
        return _choice(value, spec.choices)
    if spec.kind == "date":
        return _date(value)
    if spec.kind == "number":
        low, high = _BOUNDS.get(spec.name, (0, 1e9))
        return _number(value, low, high)
    return _salary(value)


def _text(value: Any, limit: int) -> str | None:
    """One line of text, as a page's text is cleaned: control characters and those no one
    sees (a zero-width space, a right-to-left override: "\u202eevil" is drawn "live")
    dropped, spaces run together; half of a surrogate pair (a JSON escape, which no text
    can hold) read as U+FFFD. Bytes that are not UTF-8 (a command's output, read as
    U+DC80-U+DCFF) refuse the value: what they said is not known."""
    if not isinstance(value, str):
        value = _plain_number(value)
        if value is None or not math.isfinite(value):
            raise ValueError("not text")
    text = str(value)
    if _NOT_UTF8.search(text):
        raise ValueError("bytes that are not UTF-8 text")
    text = typed_text(valid_unicode(text))
    if len(text) > limit:
        raise ValueError(f"over {limit} characters")
    return text or None


def _choice(value: Any, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise ValueError(f"not one of {', '.join(choices)}")
    key = re.sub(r"[\s\-]+", "_", value.strip().casefold())
    for choice in choices:
        if key == choice or key.replace("_", "") == choice.replace("_", ""):
            return choice
    raise ValueError(f"not one of {', '.join(choices)}")


def _date(value: Any) -> str:
    if isinstance(value, date):  # a datetime too: its day
        return value.isoformat()[:10]
    match = _ISO.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError("not an ISO date (YYYY-MM-DD)")
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        raise ValueError("not a date of the calendar") from None


def _plain_number(value: Any) -> int | float | None:
    """``value`` as a Python int or float (a model library's own, NumPy's int64 or float32,
    too); None when it is no number (true and false are none). OverflowError for an
    integer past any float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    if isinstance(value, numbers.Integral):
        whole = int(value)
        float(whole)  # (OverflowError past any float: 10**400)
        return whole
    return float(value)


def _number(value: Any, low: float, high: float) -> int | float:
    if isinstance(value, bool):
        raise ValueError("true/false, not a number")
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        value = float(value)
    try:
        value = _plain_number(value)
    except OverflowError:
        raise ValueError("a number past any float") from None
    if value is None or not math.isfinite(value):
        raise ValueError("not a number")
    if not low <= value <= high:
        raise ValueError(f"{value:g} is outside {low:g} to {high:g}")
    return int(value) if float(value).is_integer() else float(value)


def _salary(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError("not an object {min, max, currency, period}")
    low = _number(value["min"], 0, 1e9) if value.get("min") not in (None, "") else None
    high = _number(value["max"], 0, 1e9) if value.get("max") not in (None, "") else None
    if low is None and high is None:
        raise ValueError("neither a min nor a max")
    if low is not None and high is not None and low > high:
        raise ValueError("the min is over the max")
    currency = value.get("currency")
    if currency not in (None, ""):
        if not isinstance(currency, str) or not re.fullmatch(r"[A-Za-z]{3}", currency.strip()):
            raise ValueError("the currency is no ISO 4217 code (such as USD)")
        currency = currency.strip().upper()
    period = value.get("period")
    if period not in (None, ""):
        key = str(period).strip().casefold()
        period = _PERIODS.get(key, key)
        if period not in PERIODS:
            raise ValueError(f"the period is not one of {', '.join(PERIODS)}")
    return {"min": low, "max": high, "currency": currency or None, "period": period or None}


def _spans(spans: Any, length: int, tally: Tally) -> list[Span]:
    if spans is None:
        return []
    if not isinstance(spans, list | tuple):
        tally.spans_fixed += 1
        return []
    out: list[Span] = []
    for span in spans[:MAX_SPANS]:
        if not (isinstance(span, list | tuple) and len(span) == 2
                and all(isinstance(n, numbers.Integral) and not isinstance(n, bool)
                        for n in span)):
            tally.spans_fixed += 1
            continue
        given = (int(span[0]), int(span[1]))
        start, end = max(0, min(given[0], length)), max(0, min(given[1], length))
        if (start, end) != given or start >= end:
            tally.spans_fixed += 1
        if start < end and (start, end) not in out:
            out.append((start, end))
    tally.spans_fixed += max(0, len(spans) - MAX_SPANS)
    return out


def _confidence(value: Any, tally: Tally) -> float:
    if value is None:
        return DEFAULT_CONFIDENCE
    try:
        value = _plain_number(value)
    except OverflowError:  # an integer past any float: as far past 1 (or 0) as can be
        value = math.inf if value > 0 else -math.inf
    if value is None or math.isnan(value):
        tally.confidence_fixed += 1
        return DEFAULT_CONFIDENCE
    clamped = min(1.0, max(0.0, float(value)))
    if clamped != value:
        tally.confidence_fixed += 1
    return clamped


def _shown(value: Any) -> str:
    try:
        text = " ".join(repr(value).split())
    except Exception:  # a structure too deep to write out, say
        text = f"(a {type(value).__name__})"
    return text if len(text) <= 60 else text[:59] + "…"
