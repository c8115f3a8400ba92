"""The canonical record of one posting: what the store exports and imports back.

One JSON object a posting, the same in the canonical JSONL export and in memory
(every other export format is written from these records):

``id``           the posting's id in the project
``source``       where it was imported from (a path, a zip member, ``file.jsonl#12``)
``raw_hash``     SHA-256 of the raw page as imported (de-duplication key)
``status``       ``new`` / ``reviewed`` / ``skipped`` / ``flagged``
``reviewer``     who set that status (``""``: nobody yet; ``unknown``: before names were kept)
``text``         the cleaned posting (Markdown); every offset below is into it
``fields``       the final value of each field of schema v1 (``None`` when none)
``provenance``   per field: ``accepted`` (the machine value, confirmed), ``corrected``
                 (a person's value), ``rejected`` (no value, the machine's was wrong),
                 ``adjudicated`` (the value chosen where reviewers differed; None: none),
                 ``machine`` (not reviewed), or ``none`` (no value from anyone)
``machine``      per field the machine suggestion: ``{"value", "confidence", "spans",
                 "stage"}``, spans as ``[start, end]``
``field_spans``  per field the evidence of the final value, ``[[start, end], ...]``
``spans``        labelled spans: ``{"start", "end", "label", "text", "origin"}`` with
                 ``origin`` ``machine`` or ``human`` and ``text == text[start:end]``
``labels``       document labels: ``{question: [option, ...]}``
``comment``      the reviewer's comment (``""`` when none)
``metadata``     keys the input carried besides its page (``{}`` when none)
``imported_at``, ``updated_at``  ISO 8601 timestamps (UTC)
``schema_version``  the field schema's version (1)
``reviewers``    only when asked for (``export --all-reviewers``), every reviewer's own
                 values after their files were merged: ``{name: {"fields": {field:
                 {"state", "value", "spans"}}, "labels": {question: [option, ...]},
                 "spans": [{"start", "end", "label", "text"}], "status", "comment"}}``
                 (``status`` and ``comment`` None where the reviewer set none); the
                 final decision is still the record's own
``rejected_spans``  only where there are some: the spans a person rejected (the
                 machine's suggestions, or a reviewer's a ruling set aside), ``{"start",
                 "end", "label", "origin"}``: no span stands there, and no tool that offers
                 the machine's suggestions offers them again
``undecided``    only where reviewers still differ (merged, not adjudicated): on what,
                 each ``spans``, ``status``, ``comment``, ``field:NAME`` or ``label:Q``;
                 the record's own value of each is no person's (its ``spans`` unknown)
``adjudicated_by``  only where a ruling decided something (after a merge, a final value
                 that is not the reviewers' own: adjudicated where they differed, or set
                 over what they gave): what each ruling decided, named as in
                 ``undecided``, and who ruled, ``{"field:title": "lead", "label:relevant":
                 "lead"}``, in the order made (the latest last); ``reviewer`` still says
                 who set the status, and ``adjudicator`` gives the one name an export
                 credits the record to
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal, NotRequired, TypedDict

import orjson

from reviewer.core.schema import FIELD_NAMES

Provenance = Literal["accepted", "corrected", "rejected", "adjudicated", "machine", "none"]
STATUSES = ("new", "reviewed", "skipped", "flagged")
PERSONS_VALUES = ("accepted", "corrected", "adjudicated")  # provenances of a person's value
RECORD_KEYS = (
    "id", "source", "raw_hash", "status", "reviewer", "text", "fields", "provenance", "machine",
    "field_spans", "spans", "labels", "comment", "metadata", "imported_at", "updated_at",
    "schema_version",
)
# after RECORD_KEYS, when a record has them
OPTIONAL_KEYS = ("reviewers", "rejected_spans", "undecided", "adjudicated_by")
# the CSV export: its first columns, and what a cell starts with that it writes a "'"
# before (unless asked for raw cells): a formula's start, which a spreadsheet would run,
# and a "'", which a spreadsheet would hide (and an import would take for the guard)
CSV_FIRST_COLUMNS = RECORD_KEYS[:6]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARDED_STARTS = (*FORMULA_STARTS, "'")


def unguarded(cell: str) -> str:
    """A CSV export's cell as the value it holds: the "'" put before a formula's start
    (or before a "'") taken off."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] and cell[1:2] in GUARDED_STARTS else cell


class MachineValue(TypedDict):
    value: Any
    confidence: float
    spans: list[list[int]]
    stage: str


class SpanRecord(TypedDict):
    start: int
    end: int
    label: str
    text: str
    origin: Literal["machine", "human"]


class RejectedSpan(TypedDict):
    start: int
    end: int
    label: str
    origin: Literal["machine", "human"]


class ReviewerSpan(TypedDict):
    start: int
    end: int
    label: str
    text: str


class ReviewerValues(TypedDict):
    """One reviewer's own values of a posting (see ``reviewers`` above)."""

    fields: dict[str, dict[str, Any]]
    labels: dict[str, list[str]]
    spans: list[ReviewerSpan]
    status: str | None
    comment: str | None


class PostingRecord(TypedDict):
    id: int
    source: str
    raw_hash: str
    status: str
    reviewer: NotRequired[str]  # records made before names were kept lack it
    text: str
    fields: dict[str, Any]
    provenance: dict[str, Provenance]
    machine: dict[str, MachineValue]
    field_spans: dict[str, list[list[int]]]
    spans: list[SpanRecord]
    labels: dict[str, list[str]]
    comment: str
    metadata: dict[str, Any]
    imported_at: str
    updated_at: str
    schema_version: int
    reviewers: NotRequired[dict[str, ReviewerValues]]
    rejected_spans: NotRequired[list[RejectedSpan]]
    undecided: NotRequired[list[str]]
    adjudicated_by: NotRequired[dict[str, str]]


def persons_fields(record: PostingRecord) -> tuple[dict[str, Any], dict[str, Any]]:
    """The record's fields as a person decided them (None where no person did: a field
    still the machine's, on a posting marked reviewed in bulk too), and apart from them
    the machine's values no one decided (``suggested``)."""
    fields: dict[str, Any] = {}
    suggested: dict[str, Any] = {}
    for name, value in record["fields"].items():
        state = record["provenance"].get(name, "none")
        fields[name] = value if state in PERSONS_VALUES else None
        if state == "machine" and value is not None:
            suggested[name] = value
    return fields, suggested


def adjudicator(record: PostingRecord) -> str:
    """Who decided the record where rulings did (``adjudicated_by``, which lists them in
    the order made): the one who made most of them, of as many the one who made the
    latest (the project lists rulings made in the same second by name, so that the
    first by name is credited); "" where no ruling decided anything."""
    made = list((record.get("adjudicated_by") or {}).values())
    latest = {name: n for n, name in enumerate(made)}
    return max(latest, key=lambda name: (made.count(name), latest[name])) if made else ""


def adjudicated_problem(ruled: Any) -> str | None:
    """What is wrong with a record's ``adjudicated_by`` (None: nothing): each entry names
    what a ruling decided as ``undecided`` does (``field:NAME``, ``label:QUESTION``,
    ``spans``, ``status``, ``comment``) and who ruled, by name."""
    for thing, who in (ruled or {}).items():
        kind, colon, key = thing.partition(":")
        if not (thing in ("spans", "status", "comment") or (
                colon and key and (kind == "label" or (kind == "field" and key in FIELD_NAMES)))):
            return (f"adjudicated_by {thing[:40]!r} is no field:NAME, label:QUESTION, spans, "
                    "status or comment")
        if not isinstance(who, str) or not who.strip():
            return f"adjudicated_by {thing[:40]}: {str(who)[:40]!r} is no reviewer's name"
    return None


def undecided(record: PostingRecord, *kinds: str) -> bool:
    """Whether the reviewers of ``record`` still differ on one of ``kinds`` ("spans",
    "status", "comment"; "field" or "label": on any field or question): its value of it
    is then no person's, and not even "none"."""
    return any(u.split(":", 1)[0] in kinds for u in record.get("undecided", ()))


_CANONICAL_KEYS = ("text", "fields", "provenance", "raw_hash")
_CANONICAL = frozenset(_CANONICAL_KEYS)
_RECORD_MARKS = ("provenance", "field_spans", "machine", "raw_hash", "fields")


def suggested_spans(state: str, machine: Iterable[Sequence[int]],
                    persons: Iterable[Sequence[int]],
                    settled: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The skills field's evidence that the window draws as suggested spans and the exports
    offer as suggestions: of a field in ``state`` (its provenance), the evidence of a
    person's value (``persons``) or else the machine's (``machine``); none of a rejected
    field, and none where a span is or was (``settled``: any label, rejected ones too).
    On a reviewed posting these words are unknown: no one said whether they are a span."""
    if state == "rejected":
        return []
    taken = set(settled)
    out = []
    for start, end in persons if state in PERSONS_VALUES else machine:
        if start < end and (start, end) not in taken:
            taken.add((start, end))
            out.append((start, end))
    return out


def suggested_skill_spans(record: PostingRecord) -> list[tuple[int, int]]:
    """``suggested_spans`` of a record: on a posting not reviewed, and on a reviewed one
    whose skills' evidence no span was put on (its skills accepted, or marked reviewed in
    bulk), as the window shows it."""
    skills = record["machine"].get("skills")
    return suggested_spans(
        record["provenance"].get("skills", "none"),
        skills.get("spans", []) if skills is not None else [],
        record["field_spans"].get("skills", []),
        ((s["start"], s["end"]) for s in (*record["spans"], *record.get("rejected_spans", ()))))


def unsettled_spans(record: PostingRecord, suggests: bool = True) -> list[tuple[int, int]]:
    """The words of a reviewed posting that are neither a span nor known to be none: the
    spans the window still suggests (``suggested_skill_spans``; ``suggests``: the label
    schema has a span label, without which the window suggests none). Empty where the
    posting's span labels are unknown as a whole (not reviewed, or its reviewers differ)."""
    if not suggests or record["status"] != "reviewed" or undecided(record, "spans"):
        return []
    return suggested_skill_spans(record)


def is_canonical(obj: Any) -> bool:
    """Does a JSON object look like one of our own exported records?"""
    return isinstance(obj, dict) and obj.keys() >= _CANONICAL


def missing_keys(obj: dict[str, Any]) -> list[str]:
    """The keys of ``is_canonical`` that an object made as one of our records lacks (its
    ``schema_version`` and two of the keys only our records have): read as a page, its
    people's work would be lost. Empty for anything else."""
    if "schema_version" not in obj or sum(key in obj for key in _RECORD_MARKS) < 2:
        return []
    return [key for key in _CANONICAL_KEYS if key not in obj]


def bad_spans(record: PostingRecord) -> list[str]:
    """Every span of a record whose offsets do not hold its text, described."""
    text = record["text"]
    problems = []
    for span in record["spans"]:
        start, end = span["start"], span["end"]
        if not 0 <= start <= end <= len(text) or text[start:end] != span["text"]:
            problems.append(f"span {start}-{end} {span['label']!r}")
    for field, spans in record["field_spans"].items():
        for start, end in spans:
            if not 0 <= start <= end <= len(text):
                problems.append(f"{field} evidence {start}-{end}")
    return problems


# Unicode's own line ends, which JSON leaves as they are: escaped in a line of JSON, so
# that a reader that breaks lines at them (``str.splitlines``, JavaScript) reads one record
_LINE_ENDS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"),
              (b"\xc2\x85", b"\\u0085"))  # (UTF-8 bytes that are these characters only)


def json_line_bytes(obj: Any) -> bytes:
    """``obj`` as one line of compact JSON, UTF-8, its newline included, nothing in it
    that any reader takes for the line's end (U+2028, U+2029 and U+0085 escaped)."""
    data = orjson.dumps(obj, option=orjson.OPT_APPEND_NEWLINE)
    # each of the three ends with one of these bytes: a byte is looked for at memory's
    # speed, a sequence of three (in text full of "’" and "–", which begin alike) at a
    # fifth of it; most lines hold none of the three bytes, and are not looked at again
    if b"\xa8" in data or b"\xa9" in data or b"\x85" in data:
        for character, escaped in _LINE_ENDS:
            if character in data:
                data = data.replace(character, escaped)
    return data


def json_line(obj: Any) -> str:
    """``json_line_bytes`` as text."""
    return json_line_bytes(obj).decode()
