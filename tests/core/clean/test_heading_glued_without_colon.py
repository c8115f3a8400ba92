"""A section heading with no colon glued to the text it heads at the start of a line
("Job descriptionA leading firm…"), as a capture of a page's text leaves it."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean

TEXT = ("Job descriptionA leading real estate firm in New Jersey is seeking an administrative "
        "Marketing Coordinator with some experience in graphic design. You will be working "
        "closely with our sales team and our executive team on a daily basis.\n")


def test_a_known_heading_glued_to_its_text_heads_it() -> None:
    lines = clean(TEXT, "text").markdown.splitlines()
    assert "## Job description" in lines
    after = [line for line in lines[lines.index("## Job description") + 1:] if line.strip()]
    assert after[0].startswith("A leading real estate firm")


@pytest.mark.parametrize("line", [
    "JavaScript developers wanted in our Berlin office for a long project with a team.",
    "McKinsey Responsibilities are shared by the whole team in every office we have.",
    "Job descriptions are written by the hiring manager and the team together each year.",
])
def test_a_line_that_opens_with_no_glued_heading_stays_whole(line: str) -> None:
    markdown = clean(line + "\n", "text").markdown
    assert line in markdown.replace("\n", " ")


@pytest.mark.parametrize(("line", "heading", "text"), [
    ("RequirementsYou must hold a degree in nursing and a licence to practise in the state.",
     "Requirements", "You must hold"),
    ("BenefitsA generous pension, private health cover and thirty days of paid leave.",
     "Benefits", "A generous pension"),
    ("DutiesProvide therapy to a caseload of clientsMaintain case notes and plans.",
     "Duties", "Provide therapy"),
    ("ResponsibilitiesDesign and build APIs for our clients in Berlin.",
     "Responsibilities", "Design and build"),
    ("RequirementsBachelor degree in nursing and two years of experience.",
     "Requirements", "Bachelor degree"),
    ("QualificationsMinimum 3 years of experience in a hospital.",
     "Qualifications", "Minimum 3 years"),
    ("BenefitsHealth insurance, dental cover and 30 days of holiday.",
     "Benefits", "Health insurance"),
])
def test_a_heading_of_one_word_glued_to_its_text_heads_it(
    line: str, heading: str, text: str
) -> None:
    lines = clean(line + "\n", "text").markdown.splitlines()
    assert f"## {heading}" in lines
    after = [each for each in lines[lines.index(f"## {heading}") + 1:] if each.strip()]
    assert after[0].startswith(text)


def test_a_fact_s_heading_ending_in_required_glued_to_its_text_is_cut_from_it() -> None:
    """"Travel Required" heads no list of requirements, but it is a heading of the page:
    glued to the text under it, a line of its own, not "## Travel RequiredOccasional
    Travel"."""
    text = ("Travel RequiredOccasional Travel: With this option, the job may require "
            "occasional travel, typically for training, meetings or client visits.\n")
    lines = [line for line in clean(text, "text").markdown.splitlines() if line.strip()]
    assert lines[0].lstrip("# ") == "Travel Required"
    assert lines[1].startswith("Occasional Travel: With this option")
