"""The check of an exported record takes the usual record the quick way, and says of
any other exactly what the thorough check, key by key, says of it."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.records import RECORD_KEYS, first_problem, record_problem
from reviewer.core.schema import FIELD_NAMES

TEXT = "Data Engineer at Acme in Berlin. Python and SQL."
RECORD: dict[str, Any] = {
    "id": 7, "source": "a.html", "raw_hash": "h" * 64, "status": "reviewed",
    "reviewer": "ann", "text": TEXT,
    "fields": {"title": "Data Engineer", "company": "Acme", "locations": ["Berlin"],
               "remote": "onsite", "work_hours": 40, "salary": {
                   "min": 60000, "max": 80000.5, "currency": "EUR", "period": "year"},
               "skills": ["Python", "SQL"], "department": None},
    "provenance": {"title": "accepted", "company": "machine", "locations": "corrected",
                   "remote": "machine", "skills": "machine", "department": "none"},
    "machine": {"title": {"value": "Data Engineer", "confidence": 0.9, "spans": [[0, 13]],
                          "stage": "structure"},
                "company": {"value": "Acme", "confidence": 1, "spans": [[17, 21]],
                            "stage": "prose"},
                "skills": {"value": ["Python", "SQL"], "confidence": 0.5,
                           "spans": [[33, 39], [44, 47]], "stage": "patterns"},
                "department": {"value": None, "confidence": 0.0, "spans": [], "stage": ""}},
    "field_spans": {"title": [[0, 13]], "locations": [[25, 31]], "skills": []},
    "spans": [{"start": 33, "end": 39, "label": "SKILL", "text": "Python",
               "origin": "human"}],
    "labels": {"fit": ["yes"]}, "comment": "", "metadata": {"n": 1},
    "imported_at": "2026-01-01T00:00:00+00:00", "updated_at": "2026-01-02T00:00:00+00:00",
    "schema_version": 1,
}
BAD = [None, True, 0, 1, -1, 2**63, 1.5, float("nan"), float("inf"), -1e16, "", "x",
       "remote", "machine", "bogus", [], [1], [[1, 2]], [[2, 1]], [[-1, 2]], [[0, 10**6]],
       [[True, 2]], [(1, 2)], [[1, 2, 3]], [[1.0, 2]], ["a", "b"], ["a", 1], {},
       {"value": 1}, {"value": "x", "spans": [[0, 1]]}, {"min": 1, "max": "2"},
       {"value": None, "confidence": float("nan")}, {"value": None, "stage": 3}, (1, 2),
       [{"label": "A", "start": 0, "end": 1, "origin": "robot"}],
       [{"label": "", "start": 0, "end": 1}], [{"label": "A", "start": 1, "end": 1}]]
PLACES = ["top", "drop", "fields", "machine", "value", "spans", "confidence", "stage",
          "provenance", "field_spans", "labels"]


def _mutated(record: dict[str, Any], place: str, key: str, name: str, bad: Any) -> None:
    machine = record.get("machine")
    if place == "top":
        record[key] = bad
    elif place == "drop":
        record.pop(key, None)
    elif place in ("value", "spans", "confidence", "stage"):
        if isinstance(machine, dict) and isinstance(machine.get(name), dict):
            machine[name][place] = bad
    elif place == "labels":
        record["labels"] = {"fit": bad}
    elif isinstance(record.get(place), dict):
        record[place][name] = bad


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PLACES), st.sampled_from(RECORD_KEYS),
                          st.sampled_from([*FIELD_NAMES, "bogus"]), st.sampled_from(BAD)),
                max_size=3))
def test_the_quick_check_says_what_the_thorough_one_says(
        changes: list[tuple[str, str, str, Any]]) -> None:
    record = copy.deepcopy(RECORD)
    for change in changes:
        _mutated(record, *copy.deepcopy(change))
    assert record_problem(record) == first_problem(record)
    if not changes:
        assert record_problem(record) is None
