"""The check of an exported record takes the usual record the quick way, and says of
any other exactly what the thorough check, key by key, says of it."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.record_check import _fits, first_problem, record_problem
from reviewer.core.records import RECORD_KEYS
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
                   "remote": "corrected", "skills": "machine", "department": "none",
                   "work_hours": "corrected", "salary": "adjudicated"},
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


def _with(**changes: Any) -> dict[str, Any]:
    record = copy.deepcopy(RECORD)
    for key, value in changes.items():
        place, _, name = key.partition("__")
        if name:
            record[place][name] = value
        else:
            record[place] = value
    return record


def test_the_usual_record_has_no_problem() -> None:
    assert record_problem(RECORD) is None


def test_a_value_its_provenance_does_not_account_for_is_a_problem() -> None:
    """The value would be stored as nobody's (and so lost): said instead."""
    for provenance, said in (("none", "provenance 'none'"), ("rejected", "provenance 'rejected'"),
                             ("machine", "not the machine's")):
        record = _with(fields__department="Data Platform", provenance__department=provenance)
        problem = record_problem(record)
        assert problem is not None and said in problem and "department" in problem
        assert problem == first_problem(record)
    record = _with(fields__department="Data Platform")
    del record["provenance"]["department"]
    assert "department" in (record_problem(record) or "")
    record = _with(fields__company="Other Co")  # provenance machine, the machine's is Acme
    assert "not the machine's" in (record_problem(record) or "")
    record = _with(fields__company="Acme", provenance__company="machine")
    assert record_problem(record) is None


def test_values_the_schema_does_not_allow_are_problems() -> None:
    cases = [
        (_with(fields__date_posted="yesterday", provenance__date_posted="corrected"), "date"),
        (_with(fields__valid_through="2024-02-31", provenance__valid_through="corrected"),
         "date"),
        (_with(fields__work_hours=-500), "below zero"),
        (_with(fields__salary={"min": 90000, "max": 10, "currency": "EUR",
                               "period": "year"}), "over its max"),
        (_with(fields__salary={"min": 1, "max": 2, "currency": "dollars",
                               "period": "year"}), "currency"),
        (_with(fields__salary={"min": 1, "max": 2, "currency": "EUR", "period": "year",
                               "bonus": "yes"}), "bonus"),
        # a person's value the window could not have stored
        (_with(fields__title="   ", provenance__title="corrected"), "blank"),
        (_with(fields__locations=["", "Berlin"], provenance__locations="corrected"), "blank"),
        (_with(fields__title=" \u200b ", provenance__title="corrected"), "blank"),
    ]
    for record, said in cases:
        problem = record_problem(record)
        assert problem is not None and said in problem, (said, problem)
        assert problem == first_problem(record)
    good = _with(fields__date_posted="2024-02-29", provenance__date_posted="corrected",
                 fields__salary={"min": 5, "max": 5, "currency": "€", "period": None})
    assert record_problem(good) is None  # what the window itself can store
    # what an earlier version stored, or a value taken as it was read: imported as it is
    assert record_problem(_with(fields__work_hours=0)) is None


def test_a_span_whose_text_is_not_the_text_at_its_offsets_is_a_problem() -> None:
    record = _with(spans=[{"start": 0, "end": 4, "label": "SKILL", "text": "Python",
                           "origin": "human"}])
    problem = record_problem(record)
    assert problem is not None and "'Python'" in problem and "'Data'" in problem


def test_a_question_with_no_name_is_a_problem() -> None:
    """It made a Label Studio config that tool refuses, and a spaCy part "train..spacy"."""
    for name in ("", "  "):
        problem = record_problem(_with(labels={name: ["x"]}))
        assert problem is not None and "question" in problem
        assert "each named" in (record_problem(_with(labels={"fit": ["yes", name]})) or "")


def test_a_record_of_a_newer_field_schema_is_a_problem() -> None:
    for version, why in ((2, "newer"), ("2", "newer"), (1.5, "newer"), (True, "no version"),
                         ("one", "no version"), ([1], "no version")):
        record = {**copy.deepcopy(RECORD), "schema_version": version}
        problem = record_problem(record)
        assert problem is not None and "schema_version" in problem and why in problem, version
        assert first_problem(record) == problem
    for version in (1, 1.0, "1", None):  # (as other tools write it)
        assert record_problem({**copy.deepcopy(RECORD), "schema_version": version}) is None
    without = copy.deepcopy(RECORD)
    del without["schema_version"]
    assert record_problem(without) is None  # (a record written before it was kept)


def test_a_machine_confidence_outside_zero_to_one_is_a_problem() -> None:
    """The least-confident order and the field's figure read it as a share: 7.5 would
    put a posting last and show 750 %."""
    for confidence in (7.5, -0.1, 1.0001):
        record = copy.deepcopy(RECORD)
        record["machine"]["title"]["confidence"] = confidence
        problem = record_problem(record)
        assert problem is not None and "confidence" in problem and "0 to 1" in problem
        assert first_problem(record) == problem
    for confidence in (0, 1, 0.0, 1.0, 0.5):
        record = copy.deepcopy(RECORD)
        record["machine"]["title"]["confidence"] = confidence
        assert record_problem(record) is None


def test_a_timestamp_that_is_no_date_and_time_is_a_problem() -> None:
    """The history, the list's order and the reviewers' time read them as times."""
    for key in ("imported_at", "updated_at"):
        for stamp in ("yesterday", "2026-13-01T00:00:00", "12/01/2026"):
            record = {**copy.deepcopy(RECORD), key: stamp}
            problem = record_problem(record)
            assert problem is not None and key in problem and "ISO 8601" in problem, stamp
            assert first_problem(record) == problem
        for stamp in ("", "2026-01-01", "2026-01-01T10:00:00Z", "2026-01-01T10:00:00.5+02:00"):
            assert record_problem({**copy.deepcopy(RECORD), key: stamp}) is None, stamp


# a record as an import of pages exports it: every value the machine's, its spans twice
MACHINE_RECORD: dict[str, Any] = {
    "id": 3, "source": "a.jsonl#3", "raw_hash": "m" * 64, "status": "new", "reviewer": "",
    "text": TEXT, "fields": {"title": "Data Engineer", "company": "Acme", "remote": None,
                             "skills": ["Python", "SQL"], "seniority": "senior",
                             "salary": {"min": 5, "max": 6.5, "currency": "EUR",
                                        "period": "month"}},
    "provenance": {"title": "machine", "company": "machine", "remote": "none",
                   "skills": "machine", "seniority": "machine", "salary": "machine"},
    "machine": {"title": {"value": "Data Engineer", "confidence": 0.9, "spans": [[0, 13]],
                          "stage": "structure"},
                "company": {"value": "Acme", "confidence": 1, "spans": [[17, 21]],
                            "stage": "prose"},
                "skills": {"value": ["Python", "SQL"], "confidence": 0.5,
                           "spans": [[33, 39], [44, 47]], "stage": "patterns"},
                "seniority": {"value": "senior", "confidence": 0.5, "spans": [],
                              "stage": "pattern"},
                "salary": {"value": {"min": 5, "max": 6.5, "currency": "EUR",
                                     "period": "month"}, "confidence": 0.8,
                           "spans": [[0, 4]], "stage": "pattern"}},
    "field_spans": {"title": [[0, 13]], "company": [[17, 21]], "skills": [[33, 39], [44, 47]],
                    "salary": [[0, 4]]},
    "spans": [], "labels": {}, "comment": "", "metadata": {},
    "imported_at": "2026-01-01T00:00:00+00:00", "updated_at": "2026-01-01T00:00:00+00:00",
    "schema_version": 1,
}
SALARIES = [{"min": True}, {"min": 5, "max": 3}, {"min": -1}, {"max": float("nan")},
            {"min": 1e15}, {"currency": ""}, {"currency": " "}, {"currency": "dollars"},
            {"currency": 3}, {"period": "fortnight"}, {"period": ["year"]}, {"bonus": 1},
            {1: 2}, {"min": "1"}, {"min": 1, "max": 1, "currency": "€", "period": None}]
# values of a field no person's value may be, though a machine's may
PERSON_VALUES = [" \u200b ", "\u00ad", ["SQL", "\u200b"],
                 {"min": 1, "max": 2, "currency": "\u200b", "period": "year"},
                 "AB\x00C", "Data\x9bEngineer", ["Py\tthon"],
                 {"min": 1, "max": 2, "currency": "U\x00S", "period": "year"},
                 {"min": None, "max": None, "currency": None, "period": None},
                 {"currency": "EUR"}, 0.5, 500]


def test_the_quick_check_takes_the_usual_records_and_no_other() -> None:
    """Each bad value in each place of a record as our exports write them: what is said
    of it is what the thorough check says, whichever check found it."""
    assert _fits(RECORD) and _fits(MACHINE_RECORD)  # (the usual record goes the quick way)
    for base in (RECORD, MACHINE_RECORD):
        for bad in [*BAD, *SALARIES, *PERSON_VALUES, "Acme", "Data Engineer",
                    ["Python", "SQL"], [[0, 13]]]:
            for place in ("fields", "value", "spans", "field_spans", "confidence", "stage",
                          "provenance"):
                for name in ("salary", "title", "company", "skills", "remote", "work_hours",
                             "date_posted"):
                    record = copy.deepcopy(base)
                    _mutated(record, place, "", name, copy.deepcopy(bad))
                    assert record_problem(record) == first_problem(record), (place, name, bad)
