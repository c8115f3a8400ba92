"""The employer's name on the line under the posting's title, alone or before its place:
"Bean There Coffee", "Maplewood Senior Living - Dayton, OH", "Coastal Institute of
Oceanography, Woods Hole, MA". A line there that names a team, a place, the terms or a
date names no employer. Every posting here is made up for the tests.
"""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.schema import CleanDoc, Extraction

BODY = ("Help customers find what they need, keep the shelves stocked and the shop tidy, and "
        "take payments at the till during busy weekend shifts.")
PERKS = "## What we offer\n\n- Staff discount\n- Paid holiday\n"


def run(title: str, line: str, html: bool = False) -> tuple[CleanDoc, Extraction]:
    if html:
        doc = clean(f"<html><body><h1>{title}</h1><p>{line}</p><p>{BODY}</p>"
                    "<h2>What we offer</h2><ul><li>Staff discount</li></ul></body></html>",
                    "html")
    else:
        doc = clean(f"{title}\n\n{line}\n\n{BODY}\n\n{PERKS}", "text")
    return doc, extract(doc)


@pytest.mark.parametrize(("title", "line", "name"), [
    ("Barista (Part-Time)", "Bean There Coffee", "Bean There Coffee"),
    ("Certified Nursing Assistant - Per Diem", "Maplewood Senior Living - Dayton, OH",
     "Maplewood Senior Living"),
    ("Server", "The Copper Pot Tavern — Savannah, GA", "The Copper Pot Tavern"),
    ("Retail Assistant - 16 hours", "Hartwell & Finch Bookshops - Manchester (Deansgate)",
     "Hartwell & Finch Bookshops"),
    ("Postdoctoral Research Fellow – Marine Ecology",
     "Coastal Institute of Oceanography, Woods Hole, MA", "Coastal Institute of Oceanography"),
    ("Senior Accountant", "Sundaram Textiles Pvt. Ltd.", "Sundaram Textiles Pvt. Ltd."),
    ("Volunteer Opportunity: Warehouse Helper", "Second Harvest Food Bank - Fresno, CA",
     "Second Harvest Food Bank"),
])
@pytest.mark.parametrize("html", [False, True])
def test_the_name_under_the_title(title: str, line: str, name: str, html: bool) -> None:
    doc, result = run(title, line, html)
    assert result.fields["company"] == name
    assert [doc.markdown[s:e] for s, e in result.evidence["company"]] == [name]


@pytest.mark.parametrize("line", [
    "Customer Success", "Dayton, OH", "Full Time", "Remote", "Posted 3 days ago",
    "Urgently Hiring", "October 14, 2025", "Store Manager", "Band 5", "$17.50 per hour",
    "Night Shift", "Job Summary", "Apply Now",
])
def test_a_line_under_the_title_that_names_no_employer(line: str) -> None:
    _, result = run("Retail Assistant", line)
    assert result.fields["company"] is None


def test_a_department_of_a_university_is_no_employer() -> None:
    _, result = run("Assistant Professor of Chemistry", "Department of Chemistry",)
    assert result.fields["company"] is None


@pytest.mark.parametrize("line", ["Organization", "Primary Location", "Posting Date"])
def test_a_label_over_its_value_is_no_name(line: str) -> None:
    _, result = run("Humanities Teacher", line)
    assert result.fields["company"] is None


@pytest.mark.parametrize("line", [
    "Making Payments Simple", "Great Place To Work Certified", "Office of Research",
    "College of Engineering", "University Libraries", "Information Technology Services",
    "Student Affairs", "Maternity Cover", "Immediate Start", "Level II",
    "Visa Sponsorship Available", "Monday To Friday", "Ballard", "Lower Manhattan",
    "Store 1234", "By Jane Smith", "Confidential Company", "Top Rated Employer",
    # slogans that end in a word a business is named with
    "Voted Best Bakery", "Your Neighborhood Pharmacy", "Proudly Serving the City of Boston",
    "Part of the Marriott Hotel",
])
def test_a_tagline_unit_term_or_place_under_the_title_is_no_employer(line: str) -> None:
    _, result = run("Retail Assistant", line)
    assert result.fields["company"] is None


def test_a_name_the_posting_repeats_is_the_employer() -> None:
    doc = clean("Barista\n\nKettle & Crumb\n\nKettle & Crumb is a small shop by the harbour "
                "where you will make coffee and serve our regulars.", "text")
    assert extract(doc).fields["company"] == "Kettle & Crumb"


@pytest.mark.parametrize("line", ["Making Payments Simple", "Office of Research"])
def test_the_employer_the_sentences_name_wins_over_the_line(line: str) -> None:
    doc = clean(f"Research Coordinator\n\n{line}\n\nGreenfield University is seeking a research "
                "coordinator. Greenfield University is an equal opportunity employer.", "text")
    assert extract(doc).fields["company"] == "Greenfield University"
