"""A person's value is one a person could see and mean: what the window never stores
from what was typed is refused by the store from any caller, saying why, and a record
holding a value that shows nothing is refused by an import, for the same reason; one
holding another (an earlier version stored it) is imported as it is, none lost."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest

from reviewer.core.ingest import import_paths
from reviewer.core.person_check import BLANK
from reviewer.core.record_check import first_problem, person_problem, record_problem
from reviewer.core.store import NewPosting, Store

TEXT = "Data Engineer at Acme in Berlin. Python and SQL."
RECORD: dict[str, Any] = {
    "id": 1, "source": "a.txt", "raw_hash": "h" * 64, "status": "reviewed", "text": TEXT,
    "fields": {"title": "Data Engineer"}, "provenance": {"title": "corrected"},
    "machine": {"title": {"value": "Engineer", "confidence": 0.5, "spans": [[5, 13]],
                          "stage": "prose"}},
    "schema_version": 1,
}


def _refused_everywhere(tmp_path: Path, name: str, value: Any, said: str) -> None:
    """``value`` of field ``name`` is refused as a person's value, saying ``said``: by
    the store's edits, nothing written, and by an import of a record holding it."""
    problem = person_problem(name, value)
    assert problem is not None and said in problem, (name, value, problem)
    where = Path(tempfile.mkdtemp(dir=tmp_path))
    with Store(where / "p.db") as store:
        store.postings.add([NewPosting(source="a.txt", hash="h1", kind="text", raw=TEXT,
                                       cleaned=TEXT, fields={"title": "Engineer"},
                                       confidence={"title": 0.5}, stages={"title": "prose"})])
        before = store.records.get(1)
        for edit in (store.decisions.set_field, store.reviews.adjudicate):
            with pytest.raises(ValueError) as refused:
                edit(1, name, copy.deepcopy(value))
            assert str(refused.value) == f"{name}: {problem}"
        assert store.records.get(1) == before
    record = copy.deepcopy(RECORD)
    record["fields"][name], record["provenance"][name] = copy.deepcopy(value), "corrected"
    source = where / "records.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with Store(where / "imported.db") as store:
        report = import_paths(store, [source])
        if problem != BLANK:  # what a project's own export may hold (an earlier version
            # stored it, or it was taken as it was read): the posting is not lost
            assert record_problem(record) is None and report.added == 1
            assert store.records.get(1)["fields"][name] == value
            return
    assert record_problem(record) == first_problem(record) == f"field {name}: {problem}"
    assert [s.reason for s in report.skipped] == [
        f"an exported record that cannot be stored: field {name}: {problem}"]


def test_the_record_of_these_tests_is_imported(tmp_path: Path) -> None:
    source = tmp_path / "records.jsonl"
    source.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    with Store(tmp_path / "p.db") as store:
        assert import_paths(store, [source]).added == 1
        assert store.records.get(1)["fields"]["title"] == "Data Engineer"


def test_a_text_that_shows_nothing_is_blank(tmp_path: Path) -> None:
    """A title of a zero-width space between spaces was stored as a person's value,
    while one of a line separator alone was refused as blank."""
    for name, value in (
            ("title", " \u200b "), ("title", "\u2028"), ("company", "\ufeff\u00ad"),
            ("requisition_id", "\u200e\u200f"), ("department", "\u3000\u200d\u3000"),
            ("title", "\u2060\u202e\u2069"), ("title", "\u3164"),
            ("skills", ["Python", "\u200c"]), ("benefits", ["\u00a0\u200b"]),
            ("salary", {"min": 5, "max": 6, "currency": "\u200b", "period": "year"})):
        _refused_everywhere(tmp_path, name, value, "blank")
    for text in ("a\u200bb", "\u00e9\u200d\u00e9", "\u0645\u06cc\u200c\u062e"):
        assert person_problem("title", text) is None  # (something shows)


def test_a_control_character_in_a_person_s_value_is_refused_naming_it(
        tmp_path: Path) -> None:
    """A requisition id of "AB", a NUL and "C" was stored as a person's value and carried
    into every export; the window drops such characters from what is typed, as an
    import drops them from a cell."""
    for name, value, code in (
            ("requisition_id", "AB\x00C", "U+0000"), ("title", "Data\x1b[2JEngineer", "U+001B"),
            ("company", "Acme\x9b", "U+009B"), ("title", "Data\tEngineer", "U+0009"),
            ("skills", ["SQL", "Py\x7fthon"], "U+007F"), ("responsibilities", ["a\nb"], "U+000A"),
            ("salary", {"min": 5, "max": 6, "currency": "U\x00S", "period": "year"},
             "U+0000")):
        _refused_everywhere(tmp_path, name, value, f"control character ({code})")


def test_the_machine_s_value_accepted_is_checked_as_the_machine_s(tmp_path: Path) -> None:
    """Accepting stores the machine's value as it was read; the project's own export of
    it is imported again (a person's value of the same text is refused)."""
    record = copy.deepcopy(RECORD)
    record["machine"]["title"]["value"] = record["fields"]["title"] = "Data\x85Engineer\x96"
    record["provenance"]["title"] = "accepted"
    assert record_problem(record) is None and first_problem(record) is None
    source = tmp_path / "records.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with Store(tmp_path / "p.db") as store:
        assert import_paths(store, [source]).added == 1
        assert store.records.get(1)["fields"]["title"] == "Data\x85Engineer\x96"
    record["provenance"]["title"] = "corrected"  # (an earlier version's: imported too)
    assert record_problem(record) is None and first_problem(record) is None
    assert person_problem("title", "Data\x85Engineer\x96") == (
        "a control character (U+0085) in a person's value, which no one sees")


def test_a_salary_without_a_figure_is_no_person_s_value(tmp_path: Path) -> None:
    """A salary of min, max, currency and period all null was stored as "corrected": a
    value with nothing in it. The window rejects a salary whose figures are emptied
    (``tests/gui/test_typed_values.py``); the store refuses one from any other caller."""
    for value in ({"min": None, "max": None, "currency": None, "period": None},
                  {"min": None, "max": None, "currency": "EUR", "period": "year"},
                  {"currency": "USD"}):
        _refused_everywhere(tmp_path, "salary", value, "reject the field instead")
    with Store(tmp_path / "p.db") as store:
        store.postings.add([NewPosting(source="a.txt", hash="h1", kind="text", raw=TEXT,
                                       cleaned=TEXT)])
        with pytest.raises(ValueError, match="neither a min nor a max"):
            store.decisions.set_field(1, "salary", {})
        store.decisions.set_field(1, "salary", {"min": None, "max": 5, "currency": None,
                                                "period": None})  # "up to 5": a value
        store.decisions.reject_field(1, "salary")
        assert store.records.get(1)["provenance"]["salary"] == "rejected"


def test_a_number_outside_its_field_s_bounds_is_no_person_s_value(tmp_path: Path) -> None:
    """0 hours a week was stored as a person's value, and 500: the window and a data
    file's column take hours a week from 1 to 100, years of experience from 0 to 50
    (``schema.NUMBER_BOUNDS``), and so does the store now from any caller."""
    for name, value, said in (("work_hours", 0, "0 is outside 1 to 100"),
                              ("work_hours", 0.5, "0.5 is outside 1 to 100"),
                              ("work_hours", 500, "500 is outside 1 to 100"),
                              ("experience_years", 60, "60 is outside 0 to 50")):
        _refused_everywhere(tmp_path, name, value, said)
    for name, value in (("work_hours", 1), ("work_hours", 37.5), ("work_hours", 100),
                        ("experience_years", 0), ("experience_years", 50)):
        assert person_problem(name, value) is None
    record = copy.deepcopy(RECORD)  # the machine's value accepted: the machine's
    record["machine"]["experience_years"] = {"value": 55, "confidence": 0.9, "spans": [],
                                             "stage": "json-ld"}
    record["fields"]["experience_years"], record["provenance"]["experience_years"] = \
        55, "accepted"
    assert record_problem(record) is None and first_problem(record) is None


def test_an_adjudicator_may_take_a_value_a_reviewer_or_the_machine_gave(tmp_path: Path) -> None:
    """The machine read 55 years of experience, one reviewer accepted it: taking it was
    refused ("55 is outside 0 to 50"), the value neither reviewer's nor the machine's
    could be the final one."""
    with Store(tmp_path / "p.db") as store:
        store.postings.add([NewPosting(source="a.txt", hash="h1", kind="text", raw=TEXT,
                                       cleaned=TEXT, fields={"experience_years": 55},
                                       confidence={"experience_years": 0.5},
                                       stages={"experience_years": "pattern"})])
        store.reviews.adjudicate(1, "experience_years", 55)
        assert store.records.get(1)["fields"]["experience_years"] == 55
        with pytest.raises(ValueError, match="outside 0 to 50"):
            store.reviews.adjudicate(1, "experience_years", 60)
        store.reviews.put([(1, "ana", "field", "work_hours", json.dumps({"value": 0}),
                            "2026-01-01T00:00:00")])
        store.reviews.adjudicate(1, "work_hours", 0)
        with pytest.raises(ValueError, match="outside 1 to 100"):
            store.decisions.set_field(1, "work_hours", 0)
