"""A location label whose value is only a way of working names no place, and says how
the work is done."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

INTRO = ("Acme Freight builds planning software for ports and rail yards, and we are looking "
         "for an analyst to join the people who build it.")


@pytest.mark.parametrize(("value", "mode"), [
    ("In person", "onsite"), ("On-site", "onsite"), ("Onsite", "onsite"),
    ("In office", "onsite"), ("Hybrid", "hybrid"), ("Hybrid remote", "hybrid")])
def test_a_way_of_working_is_no_location(value: str, mode: str) -> None:
    doc = clean("\n\n".join(["Analyst", INTRO, f"Work Location: {value}"]) + "\n", "text")
    result = extract(doc)
    assert result.fields["locations"] is None
    assert result.fields["remote"] == mode
    start, end = result.evidence["remote"][0]
    assert doc.markdown[start:end] == value


def test_a_place_after_the_label_is_still_read() -> None:
    doc = clean("\n\n".join(["Analyst", INTRO, "Work Location: Leeds, UK"]) + "\n", "text")
    assert extract(doc).fields["locations"] == ["Leeds, UK"]


@pytest.mark.parametrize(("value", "mode"), [
    ("Hybrid remote in Austin, TX", "hybrid"), ("Remote in Leeds, UK", "remote"),
    ("In person in Leeds, UK", "onsite")])
def test_the_place_after_a_way_of_working_is_the_location(value: str, mode: str) -> None:
    doc = clean("\n\n".join(["Analyst", INTRO, f"Work Location: {value}"]) + "\n", "text")
    result = extract(doc)
    place = value.rpartition(" in ")[2]
    assert result.fields["locations"] == [place]
    start, end = result.evidence["locations"][0]
    assert doc.markdown[start:end] == place
    assert result.fields["remote"] == mode


@pytest.mark.parametrize(("line", "place"), [
    ("Location: Berlin, Germany. You will build things.", "Berlin, Germany"),
    ("Location: St. Louis, MO. Apply now.", "St. Louis, MO"),
    ("Location: Washington, D.C. Metro Area", "Washington, D.C. Metro Area"),
    # (the street before the place no part of it)
    ("Location: 100 Main Ave. Suite 4, Austin, TX", "Austin, TX"),
    ("The job is based in Paris, France. The team is small.", "Paris, France"),
])
def test_a_place_ends_with_its_sentence(line: str, place: str) -> None:
    """The next sentence was taken into the place: "Berlin, Germany. You will build
    things"."""
    doc = clean("\n\n".join(["Analyst", line, INTRO]) + "\n", "text")
    assert extract(doc).fields["locations"] == [place]


@pytest.mark.parametrize(("line", "place"), [
    ("Acme is hiring a Data Engineer in Berlin to build pipelines with Python.", "Berlin"),
    ("We are hiring a Data Engineer in Berlin, Germany to build pipelines.",
     "Berlin, Germany"),  # was "Berlin, Germany to build pipelines"
    ("We are hiring an engineer in Frankfurt am Main for our data team.",
     "Frankfurt am Main"),
    # short words before a place's next word join it
    ("We are hiring an engineer in Dar es Salaam, Tanzania for our team.",
     "Dar es Salaam, Tanzania"),
    ("We are hiring in Bergen op Zoom for our plant.", "Bergen op Zoom"),
])
def test_a_place_after_in_ends_where_a_clause_starts(line: str, place: str) -> None:
    doc = clean("\n\n".join(["Analyst", line, INTRO]) + "\n", "text")
    assert extract(doc).fields["locations"] == [place]


@pytest.mark.parametrize(("line", "places"), [
    ("Locations: Berlin, Germany. Munich, Germany. Hamburg, Germany.",
     ["Berlin, Germany", "Munich, Germany", "Hamburg, Germany"]),  # was Berlin alone
    ("Location: Austin, TX. Dallas, TX. Houston, TX.", ["Austin, TX", "Dallas, TX",
                                                       "Houston, TX"]),
    ("Location: Austin, TX 78701. Apply at acme.com today", ["Austin, TX 78701"]),
    ("Work Location: Hybrid remote in Bradenton, FL 34208  Interested applicants may send "
     "their resume to hr@example.org", ["Bradenton, FL 34208"]),
    ("Location: Onsite in Washington, D.C. Clearance required.", ["Washington, D.C."]),
    ("Location: Hybrid working (London)", ["London"]),
    ("Location: Onsite (Vancouver, WA)Salary Range: $20 to $45 per hour", ["Vancouver, WA"]),
    ("Location: Newport Beach. CA", ["Newport Beach. CA"]),
    # what follows a stop that is no place ends the places
    ("Location: Boston, MA. Hybrid", ["Boston, MA"]),
    ("Location: Chicago, IL. Position: Senior", ["Chicago, IL"]),
    # places of one word each, and a sentence in lower case after them
    ("Locations: Austin. Dallas. Houston.", ["Austin", "Dallas", "Houston"]),
    ("Locations: Munich. Berlin. or remote", ["Munich", "Berlin"]),
    # places joined by a word, or one after the other's ZIP code, each with its region
    ("Location: Lakewood, Colorado or Grand Junction, Colorado",
     ["Lakewood, Colorado", "Grand Junction, Colorado"]),
    ("Location: London, UK / Berlin, Germany", ["London, UK", "Berlin, Germany"]),
    ("Locations: Austin, TX 78701 Denver, CO 80202", ["Austin, TX 78701", "Denver, CO 80202"]),
    # after a ZIP code, a country or a way of working is no other place
    ("Location: Tampa, FL 33601 USA", ["Tampa, FL 33601 USA"]),
    ("Location: New York, NY 10001 United States", ["New York, NY 10001 United States"]),
    ("Location: Sarajevo, Bosnia and Herzegovina", ["Sarajevo, Bosnia and Herzegovina"]),
    ("Location: Trinidad and Tobago", ["Trinidad and Tobago"]),
    # places of one word each, listed with "or" or "and": each a place of the list
    ("Locations: Leeds or York", ["Leeds", "York"]),
    ("Locations: Manchester, Leeds or Birmingham", ["Manchester", "Leeds", "Birmingham"]),
    ("Location: Germany or Austria", ["Germany", "Austria"]),
    # "and" joins the names of one place as often, and a bracket is kept whole
    ("Location: Brighton and Hove", ["Brighton and Hove"]),
    ("Location: Kensington and Chelsea, London", ["Kensington and Chelsea, London"]),
    ("Location: New York, NY (Manhattan or Brooklyn office)",
     ["New York, NY (Manhattan or Brooklyn office)"]),
    ("Location: London (Zone 1; near Liverpool Street)",
     ["London (Zone 1; near Liverpool Street)"]),
    ("Location: New York, NY or Remote (US)", ["New York, NY", "Remote (US)"]),
    ("Location: Austin, TX or Remote", ["Austin, TX", "Remote"]),
    # a remark in brackets is no place, and what parts it parts no places
    ("Location: Dublin, Ireland (remote-first; the Dublin office is optional)",
     ["Dublin, Ireland"]),
    ("Location: Remote (US only)", ["Remote (US only)"]),
])
def test_a_line_of_places_gives_each_and_ends_where_a_sentence_starts(
        line: str, places: list[str]) -> None:
    doc = clean("\n\n".join(["Analyst", INTRO, line]) + "\n", "text")
    assert extract(doc).fields["locations"] == places


@pytest.mark.parametrize(("said", "mode"), [
    ("This is a hybrid role with two days on site in Torrance, CA.", "hybrid"),
    ("This position is 100% remote.", "remote"),
    ("You will work from our office in Leeds.", "onsite"),
    # words of "remote" and "hybrid" that say nothing of the work's place
    ("You will configure VPN and remote access services.", "onsite"),
    ("You will migrate our hybrid cloud to Azure.", "onsite"),
])
def test_a_job_board_s_in_person_gives_way_to_the_posting_s_own_word(
        said: str, mode: str) -> None:
    doc = clean("\n\n".join(["Analyst", INTRO, said, "Work Location: In person"]) + "\n",
                "text")
    assert extract(doc).fields["remote"] == mode
