"""Labelled lines: "Location: …", "JOB TITLE: …", "Role Number: …", "Posted: …".

A label's value is the rest of its line; when the line holds only the label (or
the label is a heading), the value is the next short line. A line may hold several
labels ("Weekly Hours: 40 Role Number:200493299"). Labels are matched as whole
phrases from the table below, so "Note:" or "e.g.:" never become fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.core.extract.document import Block, Document

# label phrase (lower case) -> field
LABELS: dict[str, str] = {}


def _labels(field: str, *phrases: str) -> None:
    for phrase in phrases:
        LABELS[phrase] = field


_labels("title", "job title", "title", "position title", "position", "role", "job",
        "job name", "vacancy", "opening", "post", "role title", "job position")
_labels("company", "company", "employer", "organization", "organisation", "hiring company",
        "company name", "hiring organization", "client")
_labels("department", "department", "team", "job category", "category", "division",
        "business unit", "function", "job family", "area", "practice", "department/team")
_labels("locations", "location", "locations", "position location", "job location",
        "work location", "based in", "office location", "city", "place of work", "duty station",
        "location(s)", "work place", "workplace")
_labels("date_posted", "posted", "date posted", "posting date", "posted on", "published",
        "date published", "publication date", "opening date", "post date", "date")
_labels("valid_through", "application deadline", "deadline", "closing date", "apply by",
        "apply before", "applications close", "close date", "valid through", "expires",
        "expiry date", "expiration date", "last date to apply", "deadline for applications",
        "application due date", "closes")
_labels("requisition_id", "role number", "job id", "job number", "requisition id",
        "requisition number", "requisition", "req id", "req #", "req", "req. id",
        "reference", "reference code", "reference number", "ref", "ref.", "ref no",
        "job code", "job ref", "job reference", "vacancy number", "vacancy id",
        "announcement code", "announcement number", "posting number", "job requisition id",
        "position number", "position id", "job req", "specify job code")
_labels("work_hours", "weekly hours", "work hours", "hours", "hours per week", "working hours",
        "weekly working hours", "hours/week")
_labels("employment_type", "employment type", "job type", "contract type", "type",
        "type of employment", "employment", "contract", "position type", "schedule",
        "work type", "type of contract", "job status", "status")
_labels("salary", "salary", "remuneration", "compensation", "pay", "pay range", "salary range",
        "wage", "rate", "remuneration/ salary", "remuneration/salary", "base salary",
        "hourly rate", "day rate", "stipend")
_labels("remote", "remote", "work arrangement", "workplace type", "remote work", "work model",
        "location type")
_labels("seniority", "seniority", "level", "seniority level", "experience level",
        "career level", "grade")
_labels("experience_years", "experience", "years of experience", "work experience",
        "required experience", "minimum experience")
_labels("education", "education", "education level", "degree", "qualification",
        "minimum education", "required education", "education type")

_ALT = "|".join(re.escape(k) for k in sorted(LABELS, key=len, reverse=True))
# a label at the start of a line, or after a sentence end, a bar or a wide gap
_LABEL_RE = re.compile(
    rf"(?:^|(?<=[.;|•·])\s*|\s{{2,}}|(?<=\d)\s+|(?<=[\w)])\s+(?=(?-i:[A-Z])))(?P<label>{_ALT})"
    r"\s*(?:\(s\))?\s*(?:[:#]|\s-\s|–)\s*",
    re.IGNORECASE,
)


@dataclass
class Labelled:
    field: str
    label: str
    value: str
    start: int  # span of the value in the Markdown; -1 when it came from context
    end: int


def labelled_values(doc: Document) -> list[Labelled]:
    """Every labelled value in the posting, then in the page context, in order."""
    found: list[Labelled] = []
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            key = block.text.strip().rstrip(":").strip().lower()
            if key in LABELS:
                nxt = _next_value(blocks, i)
                if nxt is not None:
                    found.append(Labelled(LABELS[key], block.text, nxt.text, nxt.start, nxt.end))
            continue
        found.extend(_in_line(block.text, doc, block))
        if block.kind == "para" and block.text.rstrip().endswith(":"):
            key = block.text.strip().rstrip(":").strip().lower()
            if key in LABELS:
                nxt = _next_value(blocks, i)
                if nxt is not None:
                    found.append(Labelled(LABELS[key], block.text, nxt.text, nxt.start, nxt.end))
    for line in doc.context:
        found.extend(_in_line(line, doc, None))
    return found


def _next_value(blocks: list[Block], i: int) -> Block | None:
    if i + 1 < len(blocks):
        nxt = blocks[i + 1]
        if nxt.kind == "para" and len(nxt.text) <= 120 and not nxt.text.endswith(":"):
            return nxt
    return None


_MAYBE_LABEL = re.compile(r"[:#–]|\s-\s")


def _in_line(text: str, doc: Document, block: Block | None) -> list[Labelled]:
    if len(text) > 400 or not _MAYBE_LABEL.search(text):
        return []  # labels sit on short lines, not in paragraphs
    matches = [m for m in _LABEL_RE.finditer(text) if _plausible(text, m)]
    out = []
    for j, match in enumerate(matches):
        end = matches[j + 1].start("label") if j + 1 < len(matches) else len(text)
        raw = text[match.end():end]
        value = raw.strip().rstrip(".;,|").strip()
        if not value:
            continue
        lead = len(raw) - len(raw.lstrip())
        start = match.end() + lead
        if block is not None:
            span = _span_in_markdown(doc, block, text, start, value)
        else:
            span = (-1, -1)
        key = re.sub(r"\s+", " ", match.group("label").lower())
        out.append(Labelled(LABELS[key], match.group("label"), value, *span))
    return out


def _plausible(text: str, match: re.Match[str]) -> bool:
    """Short one-word labels ("Type", "Date", "Role") only at the start of a line."""
    label = match.group("label").lower()
    if " " not in label and label in ("type", "date", "role", "job", "post", "rate", "pay",
                                      "level", "grade", "status", "function", "area",
                                      "contract", "city", "experience", "education",
                                      "opening", "team", "category", "remote", "hours",
                                      "reference", "ref", "ref.", "closes", "client",
                                      "degree", "qualification", "practice", "schedule",
                                      "wage", "employment", "title", "position"):
        return match.start("label") == 0 or text[:match.start("label")].strip() == ""
    return True


def _span_in_markdown(
    doc: Document, block: Block, text: str, at: int, value: str
) -> tuple[int, int]:
    """Map an offset in a block's plain text back to the Markdown."""
    segment = doc.markdown[block.start:block.end]
    guess = segment.find(value)
    if guess < 0:
        guess = segment.lower().find(value.lower())
    if guess < 0:
        return block.start, block.end
    return block.start + guess, block.start + guess + len(value)
