"""Where a list section's reach ends and what heads one: a heading of another subject
under it or beside it ends it; "Why Now" gives no benefits; a lead-in about applying or
about the work heads no requirements; a perk the posting denies is no requirement; a
benefit's evidence is its own words."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

INTRO = ("Harbour Freight runs depots across the region, and we are looking for people to "
         "join the teams who keep them running day and night.")


def text_result(*parts: str) -> object:
    return extract(clean("\n\n".join(["Depot Assistant", INTRO, *parts]) + "\n", "text"))


def html_result(body: str) -> object:
    page = (f"<html><head><title>Depot Assistant</title></head><body><main>"
            f"<h1>Depot Assistant</h1><p>{INTRO}</p>{body}</main></body></html>")
    return extract(clean(page, "html"))


def test_a_heading_beside_a_section_ends_it() -> None:
    """The values and offices under "Life at Harbour" were read as duties."""
    got = html_result("<h2>What you'll do</h2><ul><li>Load trailers</li><li>Scan parcels</li></ul>"
                      "<h2>Life at Harbour</h2><p>We are a friendly bunch.</p>"
                      "<h3>Our values</h3><ul><li>Customer obsession</li></ul>"
                      "<h3>Our offices</h3><ul><li>New York</li><li>San Francisco</li></ul>")
    assert got.fields["responsibilities"] == ["Load trailers", "Scan parcels"]


@pytest.mark.parametrize("heading", ["Where we work", "Our offices", "Locations", "Our values",
                                     "About the team"])
def test_a_subheading_of_another_subject_heads_no_list_of_the_section(heading: str) -> None:
    got = html_result("<h2>Requirements</h2><ul><li>Forklift licence</li></ul>"
                      f"<h3>{heading}</h3><ul><li>Berlin</li><li>Remote across the EU</li></ul>")
    assert got.fields["required_qualifications"] == ["Forklift licence"]


@pytest.mark.parametrize("heading", ["Why Now", "Why This Matters", "Why 2025", "Why It Matters"])
def test_why_the_moment_is_no_benefits(heading: str) -> None:
    """The funding and growth under "Why Now" were read as benefits."""
    got = html_result(f"<h2>{heading}</h2><ul><li>We just closed a $40M Series B</li>"
                      "<li>Revenue tripled last year</li></ul>")
    assert got.fields["benefits"] is None


@pytest.mark.parametrize("heading", ["Why Harbour", "Why us", "Why Harbour Freight", "Why join"])
def test_why_the_employer_is_benefits(heading: str) -> None:
    got = html_result(f"<h2>{heading}</h2><ul><li>Paid parental leave</li></ul>")
    assert got.fields["benefits"] == ["Paid parental leave"]


@pytest.mark.parametrize("lead_in, steps", [
    ("To apply, candidates must:", ["Submit a cover letter", "Send three references to "
                                    "jobs@harbourfreight.example"]),
    ("Applicants should:", ["Email a resume to jobs@harbourfreight.example",
                            "Include three references"])])
def test_the_steps_to_apply_are_no_requirements(lead_in: str, steps: list[str]) -> None:
    got = text_result("Responsibilities", "- Load trailers", "- Scan parcels", lead_in,
                      "\n".join(f"- {step}" for step in steps)).fields
    assert got["responsibilities"] == ["Load trailers", "Scan parcels"]
    assert got["required_qualifications"] is None


def test_what_the_role_will_need_you_to_do_is_its_duties() -> None:
    got = text_result("In this role, you will need to:",
                      "- Manage the depot's budget\n- Lead a team of four loaders").fields
    assert got["responsibilities"] == ["Manage the depot's budget", "Lead a team of four loaders"]
    assert got["required_qualifications"] is None


def test_candidates_who_must_submit_to_a_check_are_still_asked_it() -> None:
    got = text_result("Candidates must:", "- Submit to a background check\n- Hold a licence")
    assert got.fields["required_qualifications"] == ["Submit to a background check",
                                                     "Hold a licence"]


def test_a_denied_perk_is_no_requirement() -> None:
    got = html_result("<h2>Conditions of Employment</h2><ul><li>Housing is not provided</li>"
                      "<li>Must pass a background check</li></ul>")
    assert got.fields["required_qualifications"] == ["Must pass a background check"]


def test_benefits_in_eligible_roles_are_benefits() -> None:
    """"in eligible" was read as "ineligible", and a line that denies one pay but states
    another was dropped whole."""
    items = ["Tuition reimbursement for degrees in eligible fields", "Medical, dental and vision",
             "Employees in eligible roles receive a car allowance",
             "This role does not include on-call pay; we pay a 10% night premium instead."]
    got = text_result("Benefits", "\n".join(f"- {item}" for item in items))
    assert got.fields["benefits"] == items


def test_a_benefit_s_evidence_is_its_own_words() -> None:
    """The evidence of a paragraph with bold words in it was the whole paragraph, with the
    sentence denying the benefits the value leaves out."""
    page = ("<html><body><h1>Lifeguard</h1><p>Greenfield County Parks is hiring seasonal "
            "lifeguards for its pools this summer in Denver, CO.</p><p>We offer <b>free pool "
            "passes</b>, paid training and flexible shifts. Seasonal employees are not eligible "
            "for county benefits.</p></body></html>")
    doc = clean(page, "html")
    got = extract(doc)
    assert got.fields["benefits"] == ["We offer free pool passes, paid training and flexible "
                                      "shifts."]
    (start, end), = got.evidence["benefits"]
    assert doc.markdown[start:end].replace("*", "") == got.fields["benefits"][0]
