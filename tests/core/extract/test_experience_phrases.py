"""Years of experience said without the word "experience" after the number: "3+ years
designing products", "4+ years of backend development", "3–5 years in customer success".
They count where the posting asks for something (a requirements section, a list of
requirements, "someone with …"); elsewhere a number of years is the company's story, a
contract's length or a wait for a benefit, and is not read."""

from __future__ import annotations

import pytest
from test_extract_fields import evidence, posting


@pytest.mark.parametrize(("lines", "years", "written"), [
    (("Requirements", "- 3+ years designing consumer products", "- A portfolio"), 3,
     "3+ years"),
    (("Requirements", "- 3+ years managing software engineering teams"), 3, "3+ years"),
    (("Requirements", "- 4+ years of backend development, at least 2 of them in Go"), 4,
     "4+ years"),
    (("Requirements", "- Minimum of ten (10) years of progressively responsible finance "
      "experience, at least five in a supervisory role"), 10, "ten (10) years"),
    # a list of requirements under a heading no word list knows
    (("What we ask", "- 3–5 years in customer success or account management",
      "- Experience with Salesforce"), 3, "3–5 years"),
    # prose that asks for a person with the years
    (("We are looking for someone with 6+ years of embedded C/C++ on ARM Cortex-M, "
      "comfortable with an RTOS.",), 6, "6+ years"),
    # a range that starts at none: the least asked is none
    (("Qualifications", "- 0-2 years of experience; internships count"), 0, "0-2 years"),
])
def test_years_followed_by_what_was_done_are_experience(
        lines: tuple[str, ...], years: int, written: str) -> None:
    doc, result = posting(*lines)
    assert result.fields["experience_years"] == years
    spans = evidence(doc, result, "experience_years")
    assert any(written in span for span in spans), spans


def test_years_of_experience_come_before_years_of_one_kind_of_work() -> None:
    _, result = posting("Requirements", "- 3+ years leading engineering teams",
                          "- 8+ years of experience in software engineering")
    assert result.fields["experience_years"] == 8


@pytest.mark.parametrize("lines", [
    ("This is a 3-year contract with a possible extension.",),
    ("Since we were founded 10 years ago we have grown to 200 people.",),
    ("We have had 5 years of growth in revenue.",),
    ("Within 2 years you will lead a team of your own.",),
    ("Benefits", "- A 401(k) match after 1 year of employment",
     "- Health insurance after 90 days"),
    ("About us", "- 25 years serving the logistics industry", "- Offices in four countries"),
    ("Requirements", "- 2 years of college coursework in accounting"),
    ("Requirements", "- A degree in Computer Science", "- 0 years"),
    ("After 2 years building our platform we opened it to customers.",),
])
def test_years_that_tell_of_something_else_are_not_experience(lines: tuple[str, ...]) -> None:
    _, result = posting(*lines)
    assert result.fields["experience_years"] is None


@pytest.mark.parametrize(("line", "years", "written"), [
    ("Three to five years of proven office management or administrative experience.", 3,
     "Three to five years"),
    ("Two or three years of experience in a similar role.", 2, "Two or three years"),
])
def test_a_range_in_words_gives_its_least(line: str, years: int, written: str) -> None:
    doc, result = posting(line)
    assert result.fields["experience_years"] == years
    assert [span.startswith(written) for span in evidence(doc, result, "experience_years")] \
        == [True]


def test_years_of_work_give_way_to_years_of_experience_said_elsewhere() -> None:
    _, result = posting("Requirements", "- 2 years leading a team of engineers",
                          "Preferred", "- 6 years of experience in software engineering")
    assert result.fields["experience_years"] == 6


@pytest.mark.parametrize("item", [
    "- 4 years of continuous residence in the EU",
    "- Applications welcome within 2 years of finishing a degree",
    "- Prepared to commit to 3 years in our trainee scheme",
    "- A driving licence held for 3 years with no penalty points",
    "- Willing to stay 2 years in Canada after the course",
    "- Someone with 6 years living in Spain",
    "- Applicants with 5 years of unspent cautions may not apply",
    "- Candidates with 2 years of a master's completed",
    "- Degree finished within 4 years of enrolling",
])
def test_years_of_something_other_than_work_are_not_experience(item: str) -> None:
    _, result = posting("Requirements", "- Knowledge of SQL", item, "- Clear writing")
    assert result.fields["experience_years"] is None


@pytest.mark.parametrize(("item", "years"), [
    ("- 3 years as a staff nurse", 3),
    ("- 2+ years with React and TypeScript", 2),
    ("- 5 years in a similar role", 5),
    ("- 4 years in public relations", 4),
    ("- 6 years teaching secondary maths", 6),
])
def test_years_of_a_role_field_tool_or_work_verb_are_experience(item: str, years: int) -> None:
    _, result = posting("Requirements", "- Knowledge of SQL", item)
    assert result.fields["experience_years"] == years


def test_years_of_work_outside_a_list_of_requirements_are_not_read() -> None:
    _, result = posting("Responsibilities", "- Spend 2 years building our data platform",
                        "- Report to the head of data")
    assert result.fields["experience_years"] is None
