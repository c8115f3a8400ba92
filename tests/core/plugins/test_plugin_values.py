"""A plug-in's readings are checked against schema v1 before they are offered."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from reviewer.core.plugins import DEFAULT_CONFIDENCE, check_value
from reviewer.core.plugins.values import Tally, read_findings
from reviewer.core.schema import FIELDS, Finding

SPECS = {spec.name: spec for spec in FIELDS}


@pytest.mark.parametrize(("name", "given", "read"), [
    ("title", "  Data Engineer ", "Data Engineer"),
    ("title", "Data\n\tEngineer\x00\x1b", "Data Engineer"),
    ("responsibilities", ["Build\npipelines"], ["Build pipelines"]),
    ("date_posted", date(2024, 4, 5), "2024-04-05"),
    ("valid_through", datetime(2024, 4, 5, 23, 59), "2024-04-05"),
    ("requisition_id", 12345, "12345"),
    ("locations", "Leeds", ["Leeds"]),
    ("skills", ["Python", "", None, "Python", " SQL "], ["Python", "SQL"]),
    ("employment_type", "Full-time", "full_time"),
    ("employment_type", "FULL_TIME", "full_time"),
    ("remote", "On site", "onsite"),
    ("education", "High school", "high_school"),
    ("date_posted", "2024-04-05", "2024-04-05"),
    ("date_posted", "2024-04-05T10:30:00Z", "2024-04-05"),
    ("work_hours", "40", 40),
    ("experience_years", 2.5, 2.5),
    ("experience_years", 0, 0),
    ("salary", {"min": "50000", "max": 60000.0, "currency": "usd", "period": "yearly",
                "note": "ignored"},
     {"min": 50000, "max": 60000, "currency": "USD", "period": "year"}),
    ("salary", {"max": 30}, {"min": None, "max": 30, "currency": None, "period": None}),
    ("title", None, None),
    ("skills", [], None),
    ("title", "   ", None),
])
def test_values_are_brought_to_the_schema(name: str, given: Any, read: Any) -> None:
    assert check_value(SPECS[name], given) == read


@pytest.mark.parametrize(("name", "given", "why"), [
    ("employment_type", "volunteer", "not one of full_time"),
    ("seniority", 3, "not one of"),
    ("date_posted", "05/04/2024", "ISO date"),
    ("date_posted", "2024-02-30", "calendar"),
    ("work_hours", 400, "outside 1 to 100"),
    ("experience_years", True, "true/false"),
    ("experience_years", float("nan"), "not a number"),
    ("salary", "lots", "not an object"),
    ("salary", {"min": 9, "max": 3}, "the min is over the max"),
    ("salary", {"min": 9, "currency": "dollars"}, "ISO 4217"),
    ("salary", {"min": 9, "period": "fortnight"}, "period"),
    ("salary", {"currency": "USD"}, "neither a min nor a max"),
    ("title", "x" * 301, "over 300 characters"),
    ("title", {"name": "Acme"}, "not text"),
    ("skills", [["nested"]], "not text"),
    ("skills", {"a": 1}, "not a list"),
])
def test_values_the_schema_cannot_hold_are_refused(name: str, given: Any, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        check_value(SPECS[name], given)


def test_readings_are_checked_one_by_one_and_counted() -> None:
    tally = Tally()
    found = read_findings({
        "title": {"value": "Data Engineer", "spans": [[-4, 4], [5, 999], [50, 60], "x"],
                  "confidence": 1.7},
        "company": Finding("Acme", [(0, 4)], -0.2, "some stage of its own"),
        "seniority": {"value": "Senior"},  # no confidence: the default
        "remote": {"value": "on the moon", "confidence": 0.9},
        "salary": "lots",  # not an object with a value
        "department": None,  # no reading
        "bogus": {"value": 1},
        "other": {"value": 2},
    }, "Data Engineer", "plugin:acme", tally)
    assert found == {
        "title": Finding("Data Engineer", [(0, 4), (5, 13)], 1.0, "plugin:acme"),
        "company": Finding("Acme", [(0, 4)], 0.0, "plugin:acme"),  # ("Data": counted)
        "seniority": Finding("senior", [], DEFAULT_CONFIDENCE, "plugin:acme"),
    }
    assert tally.unknown == {"bogus": 1, "other": 1}
    assert tally.refused == {"remote": 1, "salary": 1}
    assert any("on the moon" in x and "not one of onsite" in x for x in tally.examples)
    assert tally.spans_fixed == 4  # two clipped, one wholly outside, one not a span
    assert tally.spans_unlike == 1
    assert tally.confidence_fixed == 2


def test_an_answer_that_is_no_object_is_refused_whole() -> None:
    tally = Tally()
    assert read_findings(["title", "Data Engineer"], "text", "command", tally) == {}
    assert tally.refused == {"(all fields)": 1}


def test_a_value_refused_again_and_again_is_quoted_once() -> None:
    tally = Tally()
    for _ in range(5):
        tally.refuse("education", "phd", "not one of the choices")
    tally.refuse("education", "md", "not one of the choices")
    assert tally.refused == {"education": 6}
    assert tally.examples == ["education 'phd': not one of the choices",
                              "education 'md': not one of the choices"]


def test_the_report_counts_one_posting_as_one() -> None:
    from reviewer.core.plugins.run import PluginReport

    report = PluginReport("command 'x'", "command", sent=1, failed=1, not_asked=1)
    lines = report.lines()
    assert "values for 0 of 1 posting," in lines[0]
    assert any("failed for 1 posting; it keeps the rules' values" in line for line in lines)
    assert any("1 posting was not sent to it" in line for line in lines)


@pytest.mark.parametrize("given", [float("nan"), float("inf"), float("-inf")])
@pytest.mark.parametrize("name", ["title", "requisition_id", "skills"])
def test_a_number_that_is_no_number_is_never_text(name: str, given: float) -> None:
    with pytest.raises(ValueError):
        check_value(SPECS[name], given)


@pytest.mark.parametrize("name", ["company", "skills"])
def test_half_a_surrogate_pair_in_a_text_is_read_as_a_replacement_character(name: str) -> None:
    value = check_value(SPECS[name], "R&D \ud800 Lab")
    text = value[0] if isinstance(value, list) else value
    assert text == "R&D \ufffd Lab"
    text.encode("utf-8")


@pytest.mark.parametrize(("name", "given", "read"), [
    ("company", "\u202eevil\u202c Co", "evil Co"),
    ("title", "Data\u200b Engineer\u2066\u2069", "Data Engineer"),
    ("title", "\ufeffData \x9b31mEngineer\u00ad", "Data 31mEngineer"),
    ("skills", ["\u202ePy\u202cthon", "\u2067SQL"], ["Python", "SQL"]),
])
def test_characters_no_one_sees_are_dropped_as_from_a_page(name: str, given: Any,
                                                           read: Any) -> None:
    """A value kept its bidirectional overrides ("\u202eevil\u202c Co" drawn "live Co")
    where the cleaned page has none."""
    assert check_value(SPECS[name], given) == read


@pytest.mark.parametrize("name", ["company", "skills"])
def test_bytes_that_are_not_utf8_refuse_their_value(name: str) -> None:
    """A command's bytes that are not UTF-8 (read as U+DC80-U+DCFF) were turned into U+FFFD
    and the value suggested as it was: no one can tell what it said."""
    with pytest.raises(ValueError, match="not UTF-8"):
        check_value(SPECS[name], "Caf\udcff\udcfe")


def test_a_number_past_any_float_refuses_its_value_alone() -> None:
    tally = Tally()
    found = read_findings({"company": {"value": "GoodCo", "confidence": 10**400},
                           "work_hours": {"value": 10**400},
                           "experience_years": {"value": 3, "confidence": 10**400}},
                          "GoodCo hires.", "command", tally)
    assert found["company"].value == "GoodCo" and found["company"].confidence == 1.0
    assert found["experience_years"].value == 3
    assert "work_hours" not in found and tally.refused == {"work_hours": 1}


def test_numbers_of_a_model_library_are_read_as_numbers() -> None:
    np = pytest.importorskip("numpy")
    tally = Tally()
    found = read_findings({"experience_years": {"value": np.int64(7),
                                                "confidence": np.float32(0.75),
                                                "spans": [[np.int64(0), np.int64(5)]]},
                           "work_hours": {"value": np.float32(37.5)}},
                          "Seven years.", "plugin:np", tally)
    assert found["experience_years"] == Finding(7, [(0, 5)], 0.75, "plugin:np")
    assert found["work_hours"].value == 37.5
    assert type(found["experience_years"].value) is int
    assert tally.refused == {} and tally.confidence_fixed == 0 and tally.spans_fixed == 0


def test_a_span_that_does_not_hold_its_value_is_counted_and_kept() -> None:
    """A plug-in's spans were taken as the evidence of any value, unsaid: "Rust" came
    with the words "Study" and "creates opportunitie". A span of a text or list field that
    holds none of its value (in any case and markup) is counted for the report, and kept:
    a value may be written otherwise ("NYC", "k8s"); one of another kind (a salary, a
    date) is not read."""
    text = "Study **Rust** and creates opportunities; pay $50k. Senior data engineer."
    at = {w: (text.index(w), text.index(w) + len(w))
          for w in ("Study", "**Rust**", "$50k", "Senior data engineer", "data")}
    tally = Tally()
    found = read_findings({
        "skills": {"value": ["Rust", "Go"], "spans": [at["Study"], at["**Rust**"]]},
        "title": {"value": "Senior Data Engineer",
                  "spans": [at["Senior data engineer"], at["data"], at["Study"]]},
        "salary": {"value": {"min": 50000, "currency": "USD"}, "spans": [at["$50k"]]},
    }, text, "command", tally)
    assert found["skills"].spans == [at["Study"], at["**Rust**"]]
    assert found["title"].spans == [at["Senior data engineer"], at["data"], at["Study"]]
    assert found["salary"].spans == [at["$50k"]]
    assert tally.spans_unlike == 2
