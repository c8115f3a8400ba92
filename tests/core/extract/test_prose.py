"""Prose cues: the role, the employer and the place as sentences announce them.

Every sentence here is made up for the tests.
"""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.extract.document import parse
from reviewer.core.extract.prose import from_prose
from reviewer.core.extract.prose_words import heading_length
from reviewer.core.schema import Finding


def prose(text: str) -> dict[str, Finding]:
    return from_prose(parse(text), {})


def value(text: str, field: str) -> object:
    found = prose(text).get(field)
    return found.value if found else None


# --- the role -------------------------------------------------------------------------------------

ROLES = [
    ("Brightwater Labs is seeking a highly motivated Data Engineer to join our team.",
     "Data Engineer"),
    ("We are hiring a Senior Product Designer!", "Senior Product Designer"),
    ("Our clinic is looking for an experienced dental hygienist to join us.", "dental hygienist"),
    ("We are recruiting for a Field Technician for a busy utility contractor.",
     "Field Technician"),
    ("Come join our growing studio as a Motion Graphics Artist.", "Motion Graphics Artist"),
    ("The Warehouse Supervisor will oversee shipping and receiving.", "Warehouse Supervisor"),
    ("The Grants Officer is responsible for the foundation's funding cycle.", "Grants Officer"),
    ("This is a full-time hybrid role for a Billing Specialist at a busy practice.",
     "Billing Specialist"),
    ("As a Support Engineer II, you will own escalations.", "Support Engineer II"),
    ("We have an immediate opening for a Director of Finance in our head office.",
     "Director of Finance"),
    ("Harbor Foods seeks a self-motivated, organized Sales and Marketing Coordinator.",
     "Sales and Marketing Coordinator"),
    ("We are looking for a Plant Manager / Operations Lead with grit.",
     "Plant Manager / Operations Lead"),
    ("We are looking for a Full-Time Payroll Clerk to start in May.", "Payroll Clerk"),
    ("Tidewell is looking for a Line Cook and Prep Cook for the summer.", "Line Cook"),
    ("Job Title Payroll Specialist", "Payroll Specialist"),
    ("As Head of Partnerships, you will grow our network.", "Head of Partnerships"),
    ("Kestrel Freight is looking for a Director, Fleet Safety to lead the drivers.",
     "Director, Fleet Safety"),
    ("We need a Shipping clerk for the early shift.", "Shipping clerk"),
    ("Night Auditor at Harbor View Hotel in Duluth, MN - full time", "Night Auditor"),
    ("Pharmacy Assistant to join a busy family practice.", "Pharmacy Assistant"),
    ("The Grants Officer (Programs) is responsible for reporting.", "Grants Officer"),
    ("Tidewell seeks an experienced, Certified Pharmacy Technician.", "Pharmacy Technician"),
    ("## Job Title\n\nInventory AnalystSchedule: Monday to Friday", "Inventory Analyst"),
    ("The Applications Developer, Digital will maintain our intranet sites.",
     "Applications Developer, Digital"),
    ("A position has come available for a Senior Java Developer working on our tracker.",
     "Senior Java Developer"),
    ("Northwind is looking for a driven and high energy Account Executive with grit.",
     "Account Executive"),
    ("We're seeking a full-time, Ohio based, Grower Relations Manager.",
     "Grower Relations Manager"),
    # a role announced in the plural is named in the singular
    ("To grow its Sales Team we are looking for commercially oriented Sales Trainees.",
     "Sales Trainee"),
    ("Bayline needs motivated people to work as Sales Assistants (SA) in Lisbon.",
     "Sales Assistant"),
    ("We seek a friendly people person for a Admin Assistant/ Receptionist position.",
     "Admin Assistant/ Receptionist"),
    ("The Delivery Drivers will load the vans each morning.", "Delivery Driver"),
    ("As a Home Care Nurse, You Will\n\nVisit patients in their homes.", "Home Care Nurse"),
]


@pytest.mark.parametrize(("text", "role"), ROLES)
def test_role_from_sentences_that_announce_it(text: str, role: str) -> None:
    assert value(text, "title") == role


NO_ROLE = [
    "Our team is looking for passionate engineers to build the next platform.",  # plural
    "The successful candidate will work closely with the lab.",  # not a job
    "The Hiring Manager will contact shortlisted applicants.",  # someone else's role
    "We are looking for someone who loves puzzles.",
    "The Company will provide a laptop.",
    "We are looking for an interested associate to join us.",  # one generic word
    "Two years of experience as a Project Manager is required.",  # a requirement
    "The Mobile Team at Acme will ship the app.",
    "An opportunity has come up for a change in how we hire.",  # no job noun
    "We are looking for a driven and high energy person to join us.",
    "Our drivers work with Sales Assistants every day.",  # not announced
    "We are hiring for all Branch Offices this spring.",  # a plural that is no job
    "Our Financial Advisors at Harbor Mutual help clients plan.",  # the staff, not a role
]


@pytest.mark.parametrize("text", NO_ROLE)
def test_no_role_where_none_is_announced(text: str) -> None:
    assert value(text, "title") is None


def test_role_evidence_is_the_phrase_and_confidence_below_a_label() -> None:
    text = "Intro line.\n\nNorthgate Mills is hiring a Maintenance Mechanic!\n"
    found = prose(text)["title"]
    (start, end), = found.spans
    assert text[start:end] == "Maintenance Mechanic"
    assert found.confidence < 0.6
    assert found.stage == "prose"


# --- the employer ---------------------------------------------------------------------------------

EMPLOYERS = [
    ("Brightwater Labs is seeking a highly motivated Data Engineer.", "Brightwater Labs"),
    ("Quill & Quarry seeks an Estimator for its stone yard.", "Quill & Quarry"),
    ("At Lantern Health, we believe care starts at home.", "Lantern Health"),
    ("About Marrow Logistics\n\nMarrow Logistics is a leading freight broker.",
     "Marrow Logistics"),
    ("Pinecrest Robotics is a family-owned automation company based in Ohio.",
     "Pinecrest Robotics"),
    ("Orchard Mutual (OMI) is looking for a Claims Adjuster.", "Orchard Mutual"),
    ("As a Claims Adjuster at Orchard Mutual, you will handle claims.", "Orchard Mutual"),
    ("The Riverside Trust is seeking a Grants Officer.", "Riverside Trust"),
    ("Company DescriptionMarrow Logistics is a freight company.", "Marrow Logistics"),
    ("About Fenwick Labs: Fenwick Labs designs sensors for farms.", "Fenwick Labs"),
    ("Learn more about Halden Group, and apply today.", "Halden Group"),
    ("About HFA:Harbor Freight Advisors (HFA) is a consulting firm serving ports.",
     "Harbor Freight Advisors"),
    ("Night Auditor at Harbor View Hotel in Duluth, MN - full time", "Harbor View Hotel"),
]


@pytest.mark.parametrize(("text", "company"), EMPLOYERS)
def test_employer_as_the_subject(text: str, company: str) -> None:
    assert value(text, "company") == company


NO_EMPLOYER = [
    "Python is a leading language for data work.",
    "We are seeking a Data Engineer to join us.",
    "Our client is seeking a Bookkeeper.",
    "Denver is a great place to live.",
    "AWS/Azure builds.",
    "One of our clients is seeking a Bookkeeper.",
    "The pay is 90,000 to 110,000 CAD plus an annual bonus and stock options. Final offers "
    "depend on experience and the interviews, and every offer is made in writing.",
    "Salary is paid monthly and reviewed each year with the team lead. Overtime makes up "
    "for the weekends worked during the busy season of the year.",
]


@pytest.mark.parametrize("text", NO_EMPLOYER)
def test_no_employer_from_other_subjects(text: str) -> None:
    assert value(text, "company") is None


# --- the place ------------------------------------------------------------------------------------

PLACES = [
    ("Our studio is located in Portland, OR and ships worldwide.", ["Portland, OR"]),
    ("We are a small team based in Leeds.", ["Leeds"]),
    ("We are recruiting for a Field Technician for a busy contractor in Irvine.", ["Irvine"]),
    ("Lumen Works is hiring a Sound Engineer!Job Location: Austin, TX", ["Austin, TX"]),
    ("Onsite (Tacoma, WA) with some travel.", ["Tacoma, WA"]),
    ("The office is situated in Madison, Wisconsin.", ["Madison, Wisconsin"]),
    ("This role is fully remote.", ["Remote"]),
    ("Apply to join our Boston team today.", ["Boston"]),
    ("Reports to: ControllerLocation: Boise, ID", ["Boise, ID"]),
    ("Must reside in or near Spokane.", ["Spokane"]),
    ("Ability to Commute:\n\nTulsa, OK 74103 (Required)", ["Tulsa, OK"]),
    ("## Location\n\nSan JoseHours: 9 to 5", ["San Jose"]),
    ("The shop is located in Pine Hollow, CO near the highway.", ["Pine Hollow, CO"]),
]


@pytest.mark.parametrize(("text", "places"), PLACES)
def test_place_from_sentences(text: str, places: list[str]) -> None:
    assert value(text, "locations") == places


NO_PLACE = [
    "Our software is located in the cloud.",
    "Experience based in research is a plus.",
    "We work in Python, Go and Rust.",
    "As the world goes more remote, we meet in person.",
    "We have offices in Austin, Chicago, Omaha and Denver.",  # a list, not one place
    "Our roots are in Pine Hollow, Colorado.",  # a town the place list does not know
    "Founded in 1990 in Denver, CO, we now serve clients worldwide.",  # the firm's history
]


@pytest.mark.parametrize("text", NO_PLACE)
def test_no_place_from_other_phrases(text: str) -> None:
    assert value(text, "locations") is None


def test_trailing_punctuation_never_part_of_a_place() -> None:
    text = "Our offices are located in Irvine.\n"
    found = prose(text)["locations"]
    assert found.value == ["Irvine"]
    (start, end), = found.spans
    assert text[start:end] == "Irvine"


# --- in the cascade -------------------------------------------------------------------------------


def test_labelled_lines_win_over_prose() -> None:
    raw = ("Title: Office Manager\n\nLocation: Reno, NV\n\n"
           "Sagebrush Dental is seeking a Receptionist for our office located in Sparks, NV. "
           "You will greet patients and keep the schedule running smoothly every day.\n")
    doc = clean(raw, "text")
    result = extract(doc)
    assert result.fields["title"] == "Office Manager"
    assert result.fields["locations"] == ["Reno, NV"]
    assert result.stages["title"] == "label"


def test_prose_fills_what_the_other_stages_left() -> None:
    raw = ("Sagebrush Dental is seeking a friendly Dental Receptionist for our office located "
           "in Sparks, NV. You will greet patients, answer the phones and keep the schedule "
           "running smoothly every day of the week.\n")
    doc = clean(raw, "text")
    result = extract(doc)
    assert result.fields["title"] == "Dental Receptionist"
    assert result.fields["company"] == "Sagebrush Dental"
    assert result.fields["locations"] == ["Sparks, NV"]
    for field in ("title", "locations"):
        (start, end), = result.evidence[field]
        assert doc.markdown[start:end] in ("Dental Receptionist", "Sparks, NV")
        assert result.confidence[field] < 0.6


def test_a_heading_run_into_the_employer_s_name_is_no_part_of_it() -> None:
    raw = ("Calder Works\n\nPOSITION SUMMARY Calder Works, Inc. is hiring a Welder to join "
           "our fabrication crew. You will cut, fit and weld steel frames for farm equipment "
           "and keep the shop tidy. Calder Works, Inc. offers full benefits.\n")
    result = extract(clean(raw, "text"))
    assert result.fields["company"] == "Calder Works, Inc."


@pytest.mark.parametrize(("text", "rest"), [
    ("Company DescriptionMarrow Logistics is", "Marrow Logistics is"),
    ("POSITION SUMMARY Calder Works, Inc.", "Calder Works, Inc."),
    ("About Fenwick Labs", "Fenwick Labs"),
    ("PayPal", "PayPal"),
    ("Marrow Logistics", "Marrow Logistics"),
])
def test_heading_length(text: str, rest: str) -> None:
    assert text[heading_length(text):] == rest
