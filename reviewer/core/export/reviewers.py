"""Each reviewer's own values of a posting as a record of its own, for the formats that
keep several annotators' work on one item (Prodigy: one example per annotator; Label
Studio: one annotation per annotator).

A record exported with every reviewer's values (``reviewers``, see
``reviewer.core.records``) still carries the final decision as its own fields, labels and
spans; ``reviewer_records`` gives, besides it, one record per reviewer, as that reviewer
left the posting: their field decisions (a field they did not decide has no value, with
provenance ``none``), labels, spans (all ``human``), status and comment, and their name as
``reviewer``. The machine's suggestions are the posting's.
"""

from __future__ import annotations

import copy

from reviewer.core.records import PostingRecord, Provenance, ReviewerValues, SpanRecord
from reviewer.core.schema import FIELD_NAMES

_DECIDED: dict[str, Provenance] = {"accepted": "accepted", "corrected": "corrected",
                                   "rejected": "rejected", "adjudicated": "adjudicated"}


def reviewer_record(record: PostingRecord, name: str, values: ReviewerValues) -> PostingRecord:
    """The posting as reviewer ``name`` left it (``values``: theirs, from ``reviewers``)."""
    own: PostingRecord = copy.copy(record)
    own.pop("reviewers", None)
    own.pop("undecided", None)  # a reviewer's own values are all decided, by them
    own.pop("adjudicated_by", None)
    fields: dict[str, object] = dict.fromkeys(FIELD_NAMES)
    provenance: dict[str, Provenance] = dict.fromkeys(FIELD_NAMES, "none")
    field_spans: dict[str, list[list[int]]] = {}
    for field, decided in values["fields"].items():
        state = _DECIDED.get(str(decided.get("state")))
        if field not in fields or state is None:
            continue
        provenance[field] = state
        fields[field] = None if state == "rejected" else decided.get("value")
        if state != "rejected" and decided.get("spans"):
            field_spans[field] = [list(s) for s in decided["spans"]]
    spans: list[SpanRecord] = [{"start": s["start"], "end": s["end"], "label": s["label"],
                                "text": s["text"], "origin": "human"} for s in values["spans"]]
    own.update({"fields": fields, "provenance": provenance, "field_spans": field_spans,
                "spans": spans, "labels": dict(values["labels"]),
                "status": values["status"] or "new",  # theirs: none set is none
                "comment": values["comment"] or "", "reviewer": name})
    return own


def reviewer_records(record: PostingRecord) -> list[PostingRecord]:
    """One record per reviewer of ``record`` (by name), none when it has no ``reviewers``."""
    return [reviewer_record(record, name, values)
            for name, values in sorted(record.get("reviewers", {}).items())]


def differing_note(count: int, reviewers: bool | None = None) -> str | None:
    """What to tell of ``count`` postings chosen for an export whose reviewers still
    differ (after a merge, not adjudicated): on those things the final value is no
    person's. ``reviewers``: whether each reviewer's own values were exported (True),
    could be with --all-reviewers (False), or neither is said (None)."""
    if not count:
        return None
    each = ("" if reviewers is None else " (each reviewer's own is under 'reviewers')"
            if reviewers else " (--all-reviewers adds each reviewer's own)")
    return (f"{count:,} of the postings chosen for the export still have reviewers who "
            "differ on a field, a question, the span labels, the status or the comment (the "
            "list's filter 'disagreement'): "
            f"there the final value is no person's{each}; adjudicate them to give one.")


def status_undecided_note(count: int, every: str = "pass --all") -> str | None:
    """What to tell of ``count`` postings an export of the reviewed postings left out
    as their reviewers gave them different statuses (one marked it reviewed, another
    flagged or skipped it): such a posting stays "new" until someone rules, and would
    be missing from the dataset unsaid. ``every``: how to export every posting."""
    if not count:
        return None
    one = count == 1
    return (f"{count:,} posting{'' if one else 's'} whose reviewers gave "
            f"{'it' if one else 'them'} different statuses (undecided status) "
            f"{'was' if one else 'were'} left out, as only reviewed postings are exported: "
            "adjudicate the status in the window (the list's filter 'disagreement'), or "
            f"{every} to export {'it' if one else 'them'} too.")
