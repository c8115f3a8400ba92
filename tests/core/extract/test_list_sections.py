"""The list fields take in the items of a section and nothing else: not a letter's
signature after it, not the labels and values of an overview, not a perk the posting
denies or the closing date beside one, not a bare span of years; a requirement that says
it is a preference stays in its section; and a list under a heading of fewer
words than the usual ones ("Volunteers must:", "Why Maplewood", "Credentials") is read."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

INTRO = ("Harbour Freight runs depots across the region, and we are looking for people to "
         "join the teams who keep them running day and night.")


def text_fields(*parts: str, title: str = "Depot Assistant") -> dict[str, object]:
    return extract(clean("\n\n".join([title, INTRO, *parts]) + "\n", "text")).fields


def html_fields(body: str) -> dict[str, object]:
    page = (f"<html><head><title>Depot Assistant</title></head><body><main>"
            f"<h1>Depot Assistant</h1><p>{INTRO}</p>{body}</main></body></html>")
    return extract(clean(page, "html")).fields


def test_a_signature_after_the_benefits_is_no_benefit() -> None:
    """A mailed posting's "We offer" section took in "Reply to this email …", "Thanks",
    the sender's name, role and street address."""
    got = text_fields("We offer", "Shift meal, paid time off after 90 days, health insurance.",
                      "Reply to this email with your resume or stop by between 2-4pm.",
                      "Thanks,", "Dana", "Chef/Owner, Bistro Marlowe",
                      "1120 SW Alder St, Portland, OR 97205")
    assert got["benefits"] == ["Shift meal, paid time off after 90 days, health insurance."]


OVERVIEW = "".join(f"<p><strong>{label}</strong></p><p>{value}</p>" for label, value in (
    ("Travel Required", "Occasional travel"), ("Appointment type", "Permanent"),
    ("Control number", "845512300")))


def test_an_overview_s_labels_are_no_requirements_and_a_list_under_a_subheading_is() -> None:
    """"Travel Required" over a value was read as a heading of requirements, taking every
    label and value after it; the list under "Conditions of Employment" inside the
    Requirements section was missed."""
    got = html_fields(
        f"<h2>Overview</h2>{OVERVIEW}<h2>Requirements</h2><h3>Before you start</h3>"
        "<ul><li>U.S. Citizenship required</li><li>Must obtain a Secret clearance</li></ul>"
        "<h3>Conditions of Employment</h3><ul><li>Selective Service registration</li></ul>")
    assert got["required_qualifications"] == [
        "U.S. Citizenship required", "Must obtain a Secret clearance",
        "Selective Service registration"]


def test_a_denied_perk_and_a_closing_date_are_no_benefits() -> None:
    assert text_fields("Supplemental Information",
                       "Seasonal employees are not eligible for city benefits.")["benefits"] \
        is None
    got = text_fields("Applications close October 31, 2025. Housing stipend of $2,000 "
                      "provided for interns relocating to Denver.")
    assert got["benefits"] == ["Housing stipend of $2,000 provided for interns relocating "
                               "to Denver."]


def test_a_labelled_span_of_years_is_no_qualification() -> None:
    got = text_fields("Experience: 4 - 6 Years", "Required Skills",
                      "- Strong knowledge of Tally ERP and Excel\n- Good communication skills")
    assert got["required_qualifications"] == ["Strong knowledge of Tally ERP and Excel",
                                              "Good communication skills"]
    assert got["experience_years"] == 4


def test_a_requirement_that_says_it_is_a_preference_stays_where_the_heading_puts_it() -> None:
    """The employer listed "CCRN preferred" under the requirements: read there, as the
    corpus's gold reads "… preferred." under "Key Qualifications"; the reviewer moves
    it, not the machine."""
    got = text_fields("Requirements", "- Active RN license\n- CCRN preferred\n"
                      "- Retail experience is desirable but not essential")
    assert got["required_qualifications"] == [
        "Active RN license", "CCRN preferred",
        "Retail experience is desirable but not essential"]
    assert got["preferred_qualifications"] is None


@pytest.mark.parametrize(("heading", "field"), [
    ("Need someone who:", "required_qualifications"),
    ("Volunteers must:", "required_qualifications"),
    ("Eligibility", "required_qualifications"),
    ("Credentials", "required_qualifications"),
    ("Why Maplewood", "benefits"),
])
def test_a_list_under_an_uncommon_heading_is_read(heading: str, field: str) -> None:
    items = ["Holds a current food handler card", "Works nights and weekends"] \
        if field != "benefits" else ["Daily pay available", "Free meals during shifts"]
    got = text_fields(heading, "\n".join(f"- {item}" for item in items))
    assert got[field] == items


def test_a_bold_line_that_leads_into_the_list_heads_it() -> None:
    got = html_fields("<p><strong>To be successful you will have</strong></p><ul>"
                      "<li>Unrestricted Electrical Licence</li><li>Trade certificate</li></ul>")
    assert got["required_qualifications"] == ["Unrestricted Electrical Licence",
                                              "Trade certificate"]


@pytest.mark.parametrize("heading", ["Travel Required", "Overtime Required"])
def test_a_fact_s_label_ending_in_required_heads_nothing(heading: str) -> None:
    got = html_fields(f"<p><strong>{heading}</strong></p><p>Occasional</p>")
    assert got["required_qualifications"] is None
