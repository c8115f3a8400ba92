"""A line of the posting's facts parted by bars, as job threads write it: each cell read
for what it is."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.schema import Extraction

BODY = ("We build autonomous inspection robots for power utilities. Small team, Series A. "
        "Looking for someone with embedded C on ARM boards and a taste for testing.\n\n"
        "Apply by email to the address on our website.\n")


def run(line: str) -> tuple[str, Extraction]:
    doc = clean(f"{line}\n\n{BODY}", "text")
    return doc.markdown, extract(doc)


def test_every_cell_of_a_bar_header_is_read_with_its_own_evidence() -> None:
    text, found = run("Acme Robotics | Senior Embedded Engineer | Boston, MA | ONSITE | "
                      "Full-time | $140-180k + equity")
    fields = found.fields
    assert fields["title"] == "Senior Embedded Engineer"
    assert fields["company"] == "Acme Robotics"
    assert fields["locations"] == ["Boston, MA"]
    assert fields["remote"] == "onsite"
    assert fields["employment_type"] == "full_time"
    assert fields["salary"] == {"min": 140000, "max": 180000, "currency": "USD",
                                "period": "year"}
    said = {name: [text[a:b] for a, b in spans] for name, spans in found.evidence.items()}
    assert said["company"] == ["Acme Robotics"] and said["remote"] == ["ONSITE"]
    assert said["locations"] == ["Boston, MA"] and said["salary"] == ["$140-180k"]


def test_several_places_and_a_team_in_the_cells() -> None:
    _, found = run("Senior Data Engineer | Data Platform | Berlin, Germany | Munich, Germany "
                   "| Hybrid")
    assert found.fields["title"] == "Senior Data Engineer"
    assert found.fields["locations"] == ["Berlin, Germany", "Munich, Germany"]
    assert found.fields["department"] == "Data Platform"
    assert found.fields["company"] is None  # a team's name is no employer


def test_two_names_give_no_employer() -> None:
    _, found = run("Acme Robotics | Senior Embedded Engineer | Boston, MA | Visa Sponsorship")
    assert found.fields["title"] == "Senior Embedded Engineer"
    assert found.fields["company"] is None


def test_a_menu_of_bars_is_no_header_of_facts() -> None:
    _, found = run("Home | About | Contact | Careers")
    assert found.fields["title"] is None and found.fields["company"] is None


@pytest.mark.parametrize("line", [
    "Home | Jobs | Engineering Manager | Berlin | Contact",
    "Careers • Engineering • Site Reliability Engineer • Dublin",
    "Careers | Engineering Manager roles | Berlin | Full-time",
    "Engineering | Backend Engineer | Hybrid | Munich • Lead Data Scientist | Remote",
])
def test_a_menu_a_breadcrumb_or_a_list_of_openings_gives_no_employer_nor_title(
        line: str) -> None:
    """A site's pages, a listing's name or two roles in the cells: not one posting's
    facts ("Jobs" and "Careers" were read as the employer, the whole line as the
    title)."""
    _, found = run(line)
    assert found.fields["company"] is None and found.fields["title"] is None


def test_the_posting_s_heading_is_its_title_over_a_line_of_its_facts() -> None:
    doc = clean("<html><body><p>Northwind | Backend Engineer | London | Hybrid</p>"
                "<h1>Senior Backend Engineer (Payments)</h1>"
                f"<p>{BODY}</p><p>{BODY}</p></body></html>", "html")
    assert extract(doc).fields["title"] == "Senior Backend Engineer (Payments)"


def test_the_evidence_of_a_line_with_markup_is_each_value_s_words() -> None:
    """"**Acme Robotics** | …": the cells' offsets were counted on the line without its
    markup, and the evidence fell two characters off each value ("**Acme Roboti")."""
    text, found = run("**Acme Robotics** | Senior Embedded Engineer | Boston, MA | ONSITE | "
                      "Full-time")
    said = {name: [text[a:b] for a, b in spans] for name, spans in found.evidence.items()}
    assert said["company"] == ["Acme Robotics"]
    assert said["title"] == ["Senior Embedded Engineer"]
    assert said["locations"] == ["Boston, MA"] and said["remote"] == ["ONSITE"]
    assert said["employment_type"] == ["Full-time"]
