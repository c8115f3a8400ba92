"""The role as a sentence announces it: a specialty after a dash, two roles joined by a
slash, "you might be the … we are looking for".

Every sentence here is made up for the tests.
"""

from __future__ import annotations

import pytest

from reviewer.core.extract import extract
from reviewer.core.extract.document import parse
from reviewer.core.extract.prose import from_prose

ROLES = [
    ("We are looking for a Data Engineer - Platform II to join our team within Brightwater.",
     "Data Engineer - Platform II"),
    ("The Leeds clinic is seeking a junior research programmer/data analyst to join our "
     "study team.", "junior research programmer/data analyst"),
    ("Do you like numbers? If so, you might be the Data Analyst we are looking for.",
     "Data Analyst"),
    ("Could you be the Field Technician we're looking for? Apply today.", "Field Technician"),
]


@pytest.mark.parametrize(("text", "role"), ROLES, ids=[r for _, r in ROLES])
def test_role(text: str, role: str) -> None:
    found = from_prose(parse(text), {}).get("title")
    assert found is not None and found.value == role


NOT_ROLES = [
    "Could you be the one we are looking for? Apply today.",
    "We are looking for a Data - Driven person to join us.",
    "You will be the Manager of the budget and report on it.",
]


@pytest.mark.parametrize("text", NOT_ROLES)
def test_no_role(text: str) -> None:
    assert "title" not in from_prose(parse(text), {})


def test_a_posting_written_as_a_table_gives_the_cell_of_its_title() -> None:
    """A posting that is one table: its row was the title whole, pipes and all
    ("| DevOps Engineer | Table Corp | Paris | €60k |")."""
    from reviewer.core.pipeline import process

    done = process("<table><tr><th>Title</th><th>Company</th><th>Location</th></tr>"
                   "<tr><td>DevOps Engineer</td><td>Table Corp</td><td>Paris</td></tr>"
                   "</table>", "html")
    title = done.extraction.fields["title"]
    assert title == "DevOps Engineer"
    assert [done.doc.markdown[a:b] for a, b in done.extraction.evidence["title"]] == [title]


def test_a_labelled_title_stops_where_a_glued_label_starts() -> None:
    """"Position Title: House CoordinatorFLSA Classification: Hourly" gave the title
    with the next label and its value; a CamelCase word ("JavaScript") is no label."""
    from reviewer.core.clean import clean

    for line, title in (
            ("Position Title: House CoordinatorFLSA Classification: Hourly, Nonexempt",
             "House Coordinator"),
            ("Job Title: JavaScript Engineer", "JavaScript Engineer"),
            ("Job Title: ServiceNow Developer: ITSM", "ServiceNow Developer: ITSM"),
            ("Job Title: FinOps Analyst: Cloud Costs", "FinOps Analyst: Cloud Costs")):
        doc = clean(f"{line}\n\nWe are a small team building tools for libraries and "
                    "schools. You will write code and tests every day.\n", "text")
        assert extract(doc).fields["title"] == title


def test_a_labelled_value_stops_where_a_glued_label_of_words_starts() -> None:
    """"Department: Back OfficeLocation: Berlin" gave the department "Back
    OfficeLocation: Berlin, Germany": a label of the label table glued on is cut off; a
    CamelCase name before a colon ("ServiceNow: …") is no label."""
    from reviewer.core.clean import clean

    for line, field, value in (
            ("Department: Back OfficeLocation: Berlin, Germany", "department", "Back Office"),
            ("Company: Northwind LabsWork Location: Leeds", "company", "Northwind Labs"),
            ("Company: ServiceNow: Platform team", "company", "ServiceNow: Platform team"),
            ("Department: Sales Now: hiring", "department", "Sales Now: hiring")):
        doc = clean(f"Data Analyst\n\n{line}\n\nWe are a small team building tools for "
                    "libraries. You will write code and tests every day.\n", "text")
        assert extract(doc).fields[field] == value, line

