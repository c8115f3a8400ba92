"""Benefits: a section under any of its usual headings, a paragraph stating the offer,
or a list of perks that has no heading of its own."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.schema import CleanDoc, Extraction

INTRO = ("Acme Freight builds planning software for ports and rail yards, and we are looking "
         "for an engineer to join the people who build it.")
DUTIES = ("You will design the services that plan the loading of ships, and you will run them "
          "in production with the rest of the team.")
REQUIREMENTS = ("Requirements:\n\n- Five years of Python in production\n"
                "- Experience with PostgreSQL and message queues\n"
                "- Clear written English")


def run(*parts: str) -> tuple[CleanDoc, Extraction]:
    doc = clean("\n\n".join(["Backend Engineer", INTRO, DUTIES, *parts]) + "\n", "text")
    return doc, extract(doc)


PERKS = ["Private health insurance", "30 days of paid holiday", "A yearly training budget"]


@pytest.mark.parametrize("heading", [
    "Benefits", "Your Benefits", "What we offer", "Perks", "Why join us", "What you'll get",
    "Our offer", "What is offered", "In return",
])
def test_benefits_under_any_usual_heading(heading: str) -> None:
    _, result = run(REQUIREMENTS, f"{heading}:\n\n" + "\n".join(f"- {p}" for p in PERKS))
    assert result.fields["benefits"] == PERKS


def test_benefits_heading_glued_into_the_text() -> None:
    _, result = run("We are a friendly team of twelve.Our Benefits:Private health insurance, "
                    "30 days of paid holiday and a yearly training budget for every engineer.")
    assert result.fields["benefits"] == [
        "Private health insurance, 30 days of paid holiday and a yearly training budget for "
        "every engineer."]


OFFER = ("We offer a competitive salary, private health insurance and 30 days of paid holiday, "
         "and we pay for one conference of your choice every year.")


def test_a_paragraph_stating_the_offer_is_one_item() -> None:
    doc, result = run(REQUIREMENTS, OFFER)
    assert result.fields["benefits"] == [OFFER]
    start, end = result.evidence["benefits"][0]
    assert doc.markdown[start:end] == OFFER
    assert 0 < result.confidence["benefits"] < 0.75


def test_a_list_of_perks_without_a_heading_after_the_requirements() -> None:
    perks = ["Competitive salary and stock options", "Private health, dental and vision insurance",
             "Free lunches and snacks every day", "25 days of paid vacation"]
    _, result = run(REQUIREMENTS + "\n" + "\n".join(f"- {p}" for p in perks))
    assert result.fields["benefits"] == perks
    assert not set(perks) & set(result.fields["required_qualifications"] or [])


@pytest.mark.parametrize("sentence", [
    "We offer consulting services to banks, insurers and pension funds across Europe.",
    "We provide health insurance software to hospitals and clinics in twelve countries.",
    "You will work with the payroll team on salary reviews and the yearly bonus round.",
])
def test_sentences_about_the_business_are_no_benefits(sentence: str) -> None:
    _, result = run(sentence, REQUIREMENTS)
    assert result.fields["benefits"] is None


def test_requirements_are_no_perks() -> None:
    _, result = run(REQUIREMENTS)
    assert result.fields["benefits"] is None


def test_a_requirement_of_expertise_in_training_is_no_perk() -> None:
    """"Expert in PyTorch and large-scale training" asks for something: the last item of
    the requirements, and the pay sentence after it, were read as benefits."""
    items = ["MS or PhD in Computer Science", "10+ years of industry experience in ML",
             "Expert in PyTorch and large-scale training"]
    _, result = run("Basic Qualifications\n\n" + "\n".join(f"- {i}" for i in items),
                    "The annual base salary for this role is between $245,000 and $310,000. "
                    "This role is eligible for equity and bonus.")
    assert result.fields["benefits"] is None
    assert result.fields["required_qualifications"] == items


def test_a_duty_list_naming_training_and_conferences_is_no_perk_list() -> None:
    duties = ["Organise training events and conferences for our partners",
              "Arrange travel and accommodation for visiting staff",
              "Plan the training of new volunteers"]
    _, result = run("Responsibilities:\n\n" + "\n".join(f"- {d}" for d in duties))
    assert result.fields["benefits"] is None
    assert result.fields["responsibilities"] == duties


def test_perks_after_duties_with_no_heading_of_their_own() -> None:
    duties = ["Plan the loading of ships", "Keep the yard schedules up to date"]
    perks = ["Private health and dental insurance", "Monthly gym membership and phone stipend"]
    _, result = run("Responsibilities:\n\n" + "\n".join(f"- {d}" for d in duties),
                    "\n".join(perks))
    assert result.fields["benefits"] == perks


def test_a_health_programme_s_words_are_no_perks() -> None:
    _, result = run(
        "Responsibilities:\n\n- Plan the visits of the Mobile Medical Teams\n"
        "- Work with Clear Vision Trust and the medical community\n"
        "- Support the local authorities in the field of primary health care",
        "About the programme: over 30,000 people in remote villages will benefit from primary "
        "health care and medical visits provided by the teams.")
    assert result.fields["benefits"] is None


@pytest.mark.parametrize("line", ["Career prospects.", "Future Prospects", "Free parking on site"])
def test_a_perk_alone_on_the_posting_s_last_line(line: str) -> None:
    doc, result = run(REQUIREMENTS, "If you are motivated please apply now.", line)
    assert result.fields["benefits"] == [line]
    start, end = result.evidence["benefits"][0]
    assert doc.markdown[start:end] == line
    assert result.confidence["benefits"] < 0.5


@pytest.mark.parametrize("line", ["Training provided.", "Must drive", "Salary: see above",
                                  "Career prospects depend on you"])
def test_a_last_line_that_names_no_perk_by_itself_is_no_benefit(line: str) -> None:
    _, result = run(REQUIREMENTS, "If you are motivated please apply now.", line)
    assert result.fields["benefits"] is None


def test_a_perk_line_in_the_middle_of_the_posting_is_no_closing_perk() -> None:
    _, result = run("Career prospects", REQUIREMENTS, "If you are motivated please apply now.")
    assert result.fields["benefits"] is None


def test_a_duty_naming_perks_at_the_head_of_a_list_of_duties_is_no_benefit() -> None:
    """A benefits consultant's first duty, "oversight of all employee benefit products,
    including medical, dental, vision …", was read as the posting's benefits: a line of
    perks at the head of a list closed nothing."""
    text = ("# Insurance Consultant\n\nResponsibilities will include but are not limited to:\n\n"
            "Implementation and oversight of all employee benefit products, including medical, "
            "prescription, dental, vision and life insurance\n\n"
            "Developing and maintaining multiple client relationships\n\n"
            "Preparing renewal reports and other strategic reports\n\n"
            "Negotiating with insurance carriers on behalf of clients\n\n"
            "Attending client meetings and presenting results\n\n"
            "Answering the questions of client employees\n")
    benefits = extract(CleanDoc(text, "text")).fields["benefits"] or []
    assert not any("oversight" in item for item in benefits)


def test_a_labelled_value_before_the_perks_is_no_perk() -> None:
    """Under "Salary and Benefits" a posting's labelled values come first: the perks
    after them are the benefits, the labelled values are not."""
    _, result = run(REQUIREMENTS, "## Salary and Benefits\n\nStarting Salary: $65k to $75k\n\n"
                    "Employment Type: Full Time\n\nSchedule: Monday to Friday\n\n"
                    + "\n\n".join(PERKS))
    assert result.fields["benefits"] == PERKS
    assert result.fields["employment_type"] == "full_time"
