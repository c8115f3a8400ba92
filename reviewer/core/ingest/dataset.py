"""The ``dataset`` stage: field values that a data file's mapped columns gave a posting.

They replace what extraction found for those fields, with a confidence of their own
(``CONFIDENCE``: a column that says what it holds outweighs reading prose), and with
evidence where the cleaned text states the value: text and list values where they stand
as whole words (any case, any spaces between the words), a choice where the text names
it ("Full-time" for ``full_time``), a date where the text writes it in ISO form. Numbers
and salaries get none: a bare figure found somewhere in the text is no evidence. Spans
are a function of the value and the text alone, so re-extracting finds the same ones.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from reviewer.core.ingest.values import KINDS
from reviewer.core.schema import GIVEN_STAGE, MAX_ALTERNATIVES, Extraction, Finding, Span

STAGE = GIVEN_STAGE
CONFIDENCE = 0.9


def apply_given(extraction: Extraction, given: Mapping[str, Any], text: str) -> None:
    """Put the ``given`` values in ``extraction`` in place of what it found for them; a
    different value it found becomes the first of the field's alternatives."""
    low = text.lower()
    for name, value in given.items():
        found = extraction.fields.get(name)
        if found not in (None, "", [], {}) and found != value:
            others = [a for a in extraction.alternatives.get(name, []) if a.value != value]
            extraction.alternatives[name] = [Finding(
                found, list(extraction.evidence.get(name, [])),
                extraction.confidence.get(name, 0.0), extraction.stages.get(name, "")),
                *others][:MAX_ALTERNATIVES]
        elif name in extraction.alternatives:
            kept = [a for a in extraction.alternatives[name] if a.value != value]
            extraction.alternatives[name] = kept
            if not kept:
                del extraction.alternatives[name]
        extraction.fields[name] = value
        extraction.evidence[name] = find_spans(text, name, value, low)
        extraction.confidence[name] = CONFIDENCE
        extraction.stages[name] = STAGE


def find_spans(text: str, name: str, value: Any, low: str | None = None) -> list[Span]:
    """Where ``text`` states ``value`` of field ``name``: the first place of each item.
    ``low``: ``text.lower()``, when the caller has it."""
    if low is None:
        low = text.lower()
    if len(low) != len(text):  # lower case changed the length: its offsets are not the text's
        low = None
    kind = KINDS.get(name)
    if kind in ("text", "date") and isinstance(value, str):
        needles = [value]
    elif kind == "list" and isinstance(value, list):
        needles = [v for v in value if isinstance(v, str)]
    elif kind == "enum" and isinstance(value, str):
        pattern = _choice_pattern(value)
        match = pattern.search(low) if low is not None else \
            re.search(pattern.pattern, text, re.IGNORECASE)
        return [match.span()] if match else []
    else:
        return []
    spans: list[Span] = []
    for needle in needles:
        span = _first(text, needle, low)
        if span is not None and span not in spans:
            spans.append(span)
    return spans


def _first(text: str, needle: str, low: str | None) -> Span | None:
    """The first place ``needle`` stands in ``text`` as whole words: as written first,
    else in any case, else (a needle of several words) with any spaces between them."""
    if len(needle) < 2:
        return None
    before, after = _word(needle[0]), _word(needle[-1])
    for haystack, wanted in ((text, needle), (low, needle.lower())):
        if haystack is None:
            continue
        start = haystack.find(wanted)
        while start >= 0:
            end = start + len(wanted)
            if not (before and start > 0 and _word(text[start - 1])) and \
                    not (after and end < len(text) and _word(text[end])):
                return (start, end)
            start = haystack.find(wanted, start + 1)
    if low is not None and " " not in needle:
        return None  # one word: the searches above were the whole of it
    words = needle.split()
    pattern = (r"(?<!\w)" if before else "") + r"\s+".join(map(re.escape, words)) + \
        (r"(?!\w)" if after else "")
    match = re.search(pattern, text, re.IGNORECASE)
    return match.span() if match else None


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


_CHOICE_WORDS = {
    "onsite": r"on[\s-]?site|in[\s-]person", "contract": r"contract(?:or)?",
    "temporary": r"temporary", "internship": r"intern(?:ship)?", "intern": r"intern(?:ship)?",
    "junior": r"junior|entry[\s-]level", "high_school": r"high[\s-]school",
    "doctorate": r"doctorate|ph\.?\s?d",
}


@functools.lru_cache(maxsize=64)
def _choice_pattern(value: str) -> re.Pattern[str]:
    """The words of a choice, in lower case: "Full-time" and "full time" for full_time."""
    words = _CHOICE_WORDS.get(value) or re.escape(value).replace("_", r"[\s_-]?")
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)")
