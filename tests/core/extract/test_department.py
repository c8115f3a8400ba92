"""Department: where the posting states it, as a label or in a sentence; none otherwise."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.schema import CleanDoc, Extraction

INTRO = ("Acme Freight builds planning software for ports and rail yards, and our customers "
         "move a tenth of the containers that cross the North Sea each year.")
OUTRO = ("You will plan your own week, and you will present your results to the leadership of "
         "the company every quarter.")


def run(sentence: str) -> tuple[CleanDoc, Extraction]:
    doc = clean("\n\n".join(["Analyst", INTRO, sentence, OUTRO]) + "\n", "text")
    return doc, extract(doc)


@pytest.mark.parametrize(("sentence", "department"), [
    ("You will join our Data Platform team and report to its lead.", "Data Platform"),
    ("We are growing our Marketing Department and are hiring two analysts.", "Marketing"),
    ("This is a role in the business development team, working with new customers.",
     "business development"),
    ("The analyst sits within the Finance department in our Leeds office.", "Finance"),
    ("As a member of the Customer Success team, you will look after our largest accounts.",
     "Customer Success"),
])
def test_department_stated_in_a_sentence(sentence: str, department: str) -> None:
    doc, result = run(sentence)
    assert result.fields["department"] == department
    start, end = result.evidence["department"][0]
    assert doc.markdown[start:end].lower() == department.lower()
    assert result.confidence["department"] <= 0.6


@pytest.mark.parametrize("sentence", [
    "You will work closely with the sales team and the marketing team on every launch.",
    "You will join a fast-growing team of friendly and curious people.",
    "You will join our team in Leeds and work with people across the company.",
    "We work with the product and marketing teams to plan the launches of the year.",
    "Our customers include the IT department of three large ports and two airlines.",
    "Four years of visual design, specifically as part of a software development team.",
    "Experience working in a development team is a big plus for this role.",
])
def test_no_department_where_the_sentence_does_not_name_the_role_s_own(sentence: str) -> None:
    _, result = run(sentence)
    assert result.fields["department"] is None


def test_two_teams_the_role_belongs_to_give_none() -> None:
    _, result = run("You will join our Sales team. You will also join the Marketing team.")
    assert result.fields["department"] is None


def test_a_team_within_the_department_agrees_with_it() -> None:
    _, result = run("The analyst sits in the Education Department and is part of the "
                    "Education Operations team.")
    assert result.fields["department"] == "Education"


def test_a_labelled_department_wins_over_a_sentence() -> None:
    doc = clean("\n\n".join(["Analyst", "Department: Operations", INTRO,
                             "You will join our Data Platform team.", OUTRO]) + "\n", "text")
    assert extract(doc).fields["department"] == "Operations"


@pytest.mark.parametrize("heading", ["**About Lumora Health**", "About Northwind Data"])
def test_a_heading_about_the_employer_after_the_place_is_no_department(heading: str) -> None:
    """A short line after the location line reads as the team ("Data Platform"); a
    heading that introduces the employer there ("About Lumora Health": "Health" is a
    department's word) is none."""
    doc = clean(f"# Senior Backend Engineer\n\nNew York, NY\n\n{heading}\n\n{INTRO}\n\n"
                f"{OUTRO}\n", "text")
    assert extract(doc).fields["department"] is None
    doc = clean(f"# Senior Backend Engineer\n\nNew York, NY\n\nData Platform\n\n{INTRO}\n\n"
                f"{OUTRO}\n", "text")
    assert extract(doc).fields["department"] == "Data Platform"


def test_an_image_and_our_team_are_no_department() -> None:
    """A line under the place that opens with an image read "!Team photo Our team" as the
    department, and "Our team in Berlin" named one by the word "team" alone."""
    doc = clean("# Data Engineer\n\nBerlin, Germany\n\n![Team photo](team.png) Our team in "
                f"Berlin\n\n{INTRO}\n\n{OUTRO}\n", "text")
    assert extract(doc).fields["department"] is None


def test_the_pay_piece_of_a_bar_line_is_no_department() -> None:
    """"/hr" is pay's hour, not human resources."""
    doc = clean("Payroll Clerk (Contract)\n\nCharlotte, NC | $25-$28/hr W2 | 6-month "
                "contract\n\n" + INTRO + "\n\n" + OUTRO + "\n", "text")
    assert extract(doc).fields["department"] is None
