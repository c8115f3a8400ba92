"""Field schema v1 and the result types of the pipeline.

The field names follow schema.org JobPosting where one exists. Every value the
extractor proposes carries its evidence: character ranges in the cleaned text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1
# the version of the cleaning and extraction rules, stored with every suggestion;
# raise it when they change what they find
EXTRACTOR_VERSION = "1.2"  # 1.1: prose cues, job-board page titles, glued headings;
# 1.2: plural and comma roles, closing perk lines, a text posting runs on to its footer

GIVEN_STAGE = "dataset"  # the stage of the values a data file's columns gave, as written
MAX_ALTERNATIVES = 3  # the other readings of a field kept beside the value that won

FieldKind = Literal["text", "enum", "list", "number", "date", "salary"]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: FieldKind
    label: str
    choices: tuple[str, ...] = ()


REMOTE = ("onsite", "hybrid", "remote")
EMPLOYMENT_TYPES = ("full_time", "part_time", "contract", "temporary", "internship")
SENIORITY = (
    "intern", "junior", "mid", "senior", "lead", "principal", "manager", "director", "executive",
)
EDUCATION = ("high_school", "associate", "bachelor", "master", "doctorate")
PERIODS = ("hour", "day", "week", "month", "year")

# what a number field may hold, as a person types it or a data file gives it
NUMBER_BOUNDS = {"work_hours": (1, 100), "experience_years": (0, 50)}


def within_bounds(name: str, value: float) -> float:
    """``value`` of number field ``name``; ValueError where the field cannot hold it
    (``NUMBER_BOUNDS``: a week of 1,000,000,000 hours)."""
    low, high = NUMBER_BOUNDS.get(name, (-float("inf"), float("inf")))
    if not low <= value <= high:
        raise ValueError(f"{value:.15g} is outside {low} to {high}")
    return value

FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "text", "Title"),
    FieldSpec("company", "text", "Company"),
    FieldSpec("department", "text", "Department"),
    FieldSpec("locations", "list", "Locations"),
    FieldSpec("remote", "enum", "Remote", REMOTE),
    FieldSpec("employment_type", "enum", "Employment type", EMPLOYMENT_TYPES),
    FieldSpec("work_hours", "number", "Hours per week"),
    FieldSpec("date_posted", "date", "Date posted"),
    FieldSpec("valid_through", "date", "Apply by"),
    FieldSpec("requisition_id", "text", "Requisition ID"),
    FieldSpec("seniority", "enum", "Seniority", SENIORITY),
    FieldSpec("salary", "salary", "Salary"),
    FieldSpec("experience_years", "number", "Years of experience"),
    FieldSpec("education", "enum", "Education", EDUCATION),
    FieldSpec("responsibilities", "list", "Responsibilities"),
    FieldSpec("required_qualifications", "list", "Required qualifications"),
    FieldSpec("preferred_qualifications", "list", "Preferred qualifications"),
    FieldSpec("benefits", "list", "Benefits"),
    FieldSpec("skills", "list", "Skills"),
)
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)

Span = tuple[int, int]


@dataclass(frozen=True)
class Removal:
    """A range of the source text that cleaning left out, and why."""

    start: int
    end: int
    reason: str


@dataclass
class CleanDoc:
    """The result of cleaning one page.

    ``markdown`` is the posting alone. ``source`` is the page as plain text (for a
    text dump: the dump with normalised whitespace and glued lines split; for HTML:
    the page's visible text, one block a line). ``removed`` lists the ranges of
    ``source`` that did not make it into ``markdown``. ``context`` holds text of the
    page outside the posting body that still describes the posting (an HTML page's
    title, byline or metadata block), and ``structured`` any schema.org JobPosting
    objects the page embedded.
    """

    markdown: str
    kind: Literal["html", "text"]
    source: str = ""
    removed: list[Removal] = field(default_factory=list)
    page_title: str | None = None
    context: list[str] = field(default_factory=list)
    structured: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Finding:
    """One field's value as found by one stage of the cascade."""

    value: Any
    spans: list[Span]
    confidence: float
    stage: str


@dataclass
class Extraction:
    """All fields of schema v1 for one posting. A missing field is ``None``.

    ``alternatives``: per field, the other distinct values other stages offered for it,
    best first, at most ``MAX_ALTERNATIVES`` (for the reviewer to pick instead)."""

    fields: dict[str, Any]
    evidence: dict[str, list[Span]]
    confidence: dict[str, float]
    stages: dict[str, str]
    alternatives: dict[str, list[Finding]] = field(default_factory=dict)

    @classmethod
    def from_findings(cls, found: dict[str, Finding],
                      alternatives: dict[str, list[Finding]] | None = None) -> Extraction:
        return cls(
            fields={name: (found[name].value if name in found else None) for name in FIELD_NAMES},
            evidence={name: list(f.spans) for name, f in found.items()},
            confidence={name: round(f.confidence, 3) for name, f in found.items()},
            stages={name: f.stage for name, f in found.items()},
            alternatives={name: [Finding(a.value, list(a.spans), round(a.confidence, 3),
                                         a.stage) for a in others]
                          for name, others in (alternatives or {}).items() if others},
        )


def value_key(value: object) -> str:
    """A value as compared with another: no case, spaces as one (how the extraction's
    stages' values and the reviewers' values are told apart)."""
    return " ".join(json.dumps(value, sort_keys=True, default=str,
                               ensure_ascii=False).casefold().split())
