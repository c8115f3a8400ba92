"""Every value the extractor suggests is one the project can store and take back: the
check every imported record goes through (``record_check``) finds nothing wrong with it,
whatever a page's data or text says."""

from __future__ import annotations

import json
from typing import Any

import pytest

from reviewer.core.pipeline import process
from reviewer.core.record_check import value_problem

BODY = ("<p>Acme GmbH builds planning software for ports, and we are hiring a Data Engineer "
        "to build pipelines, design schemas, and work with Python, SQL and Spark.</p>")


def page(posting: dict[str, Any], body: str = BODY) -> str:
    data = json.dumps({"@type": "JobPosting", "title": "Data Engineer", **posting})
    return (f'<html><head><script type="application/ld+json">{data}</script></head>'
            f"<body><h1>Data Engineer</h1>{body}</body></html>")


def every_value(raw: str, kind: str = "html") -> list[tuple[str, Any]]:
    """The suggestion and every alternative of each field."""
    ext = process(raw, kind).extraction
    values = [(name, value) for name, value in ext.fields.items() if value is not None]
    values += [(name, alt.value) for name, alts in ext.alternatives.items() for alt in alts]
    return values


def problems(raw: str, kind: str = "html") -> list[str]:
    return [f"{name}: {problem}" for name, value in every_value(raw, kind)
            if (problem := value_problem(name, value)) is not None]


@pytest.mark.parametrize("salary", [
    {"currency": "USD", "value": {"minValue": 90000, "maxValue": 40000, "unitText": "YEAR"}},
    {"currency": "USD", "value": {"minValue": -5000, "maxValue": 40000, "unitText": "YEAR"}},
    {"currency": "US Dollars", "value": {"minValue": 40000, "maxValue": 50000}},
])
def test_pay_in_a_page_s_data_that_no_record_may_hold_is_not_suggested(
        salary: dict[str, Any]) -> None:
    raw = page({"baseSalary": salary})
    assert problems(raw) == []
    assert process(raw, "html").extraction.fields["title"] == "Data Engineer"


def test_pay_the_text_states_is_suggested_where_the_page_s_data_is_unfit() -> None:
    raw = page({"baseSalary": {"currency": "USD", "value": {"minValue": 90000,
                                                            "maxValue": 40000}}},
               BODY + "<p>Salary: $40,000 - $50,000 per year</p>")
    salary = process(raw, "html").extraction.fields["salary"]
    assert (salary["min"], salary["max"]) == (40000, 50000)


def test_experience_below_zero_in_a_page_s_data_is_not_suggested() -> None:
    raw = page({"experienceRequirements": {"monthsOfExperience": -120}})
    assert problems(raw) == []
    assert process(raw, "html").extraction.fields["experience_years"] is None


@pytest.mark.parametrize("pay", ["$" + "9" * 400, "$99999999999999999999999999"])
def test_pay_past_any_number_a_record_holds_is_not_suggested(pay: str) -> None:
    raw = ("Senior Data Engineer\n\nAcme Corp is hiring a data engineer to build pipelines "
           f"and mentor the team.\n\nCompensation: {pay} per year\n")
    assert problems(raw, "text") == []
    assert process(raw, "text").extraction.fields["salary"] is None


# --- evidence after a letter whose lower case is longer (İ) ---------------------------------------

TURKISH = ("<p>İzmir, İstanbul and İnegöl offices. We are hiring a Data Engineer at Acme GmbH to "
           "build pipelines, design schemas, and write code.</p>")


def test_evidence_found_in_the_page_s_data_lies_on_its_value_after_a_dotted_capital_i() -> None:
    raw = page({"hiringOrganization": {"name": "Acme GmbH"}}, TURKISH)
    done = process(raw, "html")
    md, ext = done.doc.markdown, done.extraction
    assert ext.fields["company"] == "Acme GmbH"
    assert [md[a:b] for a, b in ext.evidence["company"]] == ["Acme GmbH"]
    assert all(md[a:b] == "Data Engineer" for a, b in ext.evidence["title"])


@pytest.mark.parametrize(("line", "field", "said"), [
    ("İzmir office. The role is Full-time, with a team in Berlin.", "employment_type",
     "full-time"),
    ("İzmir office. This role is fully remote, with a team in Berlin.", "remote", "remote"),
    ("İzmir office. Perks: dental insurance for you and your family.", "benefits", "dental"),
])
def test_evidence_read_from_the_text_lies_on_its_words_after_a_dotted_capital_i(
        line: str, field: str, said: str) -> None:
    raw = ("Data Engineer\n\nİnegöl İstanbul İzmir: Acme GmbH builds planning software for "
           f"ports and is hiring an engineer to build its pipelines.\n\n{line}\n")
    done = process(raw, "text")
    md, spans = done.doc.markdown, done.extraction.evidence.get(field, [])
    assert spans
    assert all(said in md[a:b].lower() for a, b in spans), [md[a:b] for a, b in spans]


def test_pay_whose_currency_is_written_in_words_keeps_its_amounts() -> None:
    raw = page({"baseSalary": {"currency": "EURO", "value": {
        "minValue": 50000, "maxValue": 60000, "unitText": "YEAR"}}})
    assert process(raw, "html").extraction.fields["salary"] == {
        "min": 50000, "max": 60000, "currency": None, "period": "year"}
