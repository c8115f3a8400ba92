"""A labelled name longer than a line of prose's opening ("Company: " and a name of 127
characters) stays a labelled line and is read, whatever stands above it; a long value
that is prose still heads a paragraph of its own."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

COMPANY = ("Internationale Gesellschaft für Technische Zusammenarbeit und "
           "Datenverarbeitungsdienstleistungen mbH & Co. KGaA Holding Europe")
PLACE = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch, Wales, United Kingdom"
TITLES = ["Senior Engineer", "Senior Principal Distinguished Staff Lead Software Architect "
          "for Cloud-Native Distributed Systems and Developer Experience (Remote) " * 3]


def _posting(title: str, *lines: str) -> str:
    return "\n".join([title, "", *lines, "", "About the role",
                      "We build tools for the people who plan the deliveries of a continent.",
                      "", "Requirements", "- 5+ years of Python", "- Kubernetes"]) + "\n"


@pytest.mark.parametrize("title", TITLES)
def test_a_long_company_name_stays_on_its_labelled_line(title: str) -> None:
    doc = clean(_posting(title, f"Company: {COMPANY}", f"Location: {PLACE}",
                         "Salary: €70,000 – €90,000 per year"), "text")
    assert f"\nCompany: {COMPANY}\n" in doc.markdown
    assert f"\nLocation: {PLACE}\n" in doc.markdown
    assert "## Company" not in doc.markdown and "## Location" not in doc.markdown
    result = extract(doc)
    assert result.fields["company"] == COMPANY
    assert [doc.markdown[a:b] for a, b in result.evidence["company"]] == [COMPANY]
    assert result.fields["locations"] == [PLACE]


def test_a_long_value_that_is_prose_heads_its_paragraph() -> None:
    pay = ("Salary offers are based on the candidate's education and years of experience "
           "relevant to the position, and on what the hiring manager tells us of the team.")
    about = ("Acme Corporation is a family business founded in 1921 in a small town, where it "
             "still builds the machines that bottle the milk of half the farms of the region, "
             "and of a few abroad.")
    doc = clean(_posting("Senior Engineer", f"Pay: {pay}", "", f"Company: {about}"), "text")
    assert f"## Pay\n\n{pay}" in doc.markdown
    assert f"## Company\n\n{about}" in doc.markdown
