"""Education: the lowest degree a posting asks for, in text as captures give it (words glued
together, bullets run on) and with preference words that are about something else."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

INTRO = ("Acme Freight builds planning software for ports and rail yards, and we are looking "
         "for an analyst to join the people who build it.")


def education(line: str) -> str | None:
    doc = clean("\n\n".join(["Analyst", INTRO, line]) + "\n", "text")
    return extract(doc).fields["education"]


@pytest.mark.parametrize(("line", "level"), [
    # a degree glued to the item before it
    ("Five years in banking or insuranceMBA required", "master"),
    ("Good spreadsheet skills and some team leading experienceBachelor's degree is "
     "required with a focus in Finance preferred", "bachelor"),
    ("Some ExperienceBA or BS in economics or history", "bachelor"),
    ("Able to drive a forklift safelyHighschool Diploma or equivalent required",
     "high_school"),
    # a degree at the start of a line
    ("BS in geography or a related field, or equivalent experience.", "bachelor"),
    # preference words about the field or about something else
    ("A four-year college degree, with a preferred major in Geography or Planning",
     "bachelor"),
    ("BS or MS in Statistics and a desire to keep learning", "bachelor"),
    ("Your skills:University degree in Mathematics (or equivalent work experience), with "
     "two years of data modelling;Knowledge of Spark is an asset", "bachelor"),
    ("You will have most of the following• An undergraduate degree in a science subject"
     "• Calm under pressure• Any bonus skills", "bachelor"),
    # a degree named without its level
    ("Degree educated, in any subject", "bachelor"),
    ("An engineering degree or long practice on building sites", "bachelor"),
    ("HS diploma or GED required for this role", "high_school"),
    # as Canada's job board writes it
    ("Education: Secondary (high) school graduation certificate", "high_school"),
])
def test_degree_the_posting_asks_for(line: str, level: str) -> None:
    assert education(line) == level


@pytest.mark.parametrize("line", [
    "A master's degree is desirable but not required for this role.",
    "An MBA would be a plus, and so would experience in logistics.",
    "Our founders met while studying for their degrees in Bristol.",
])
def test_no_required_degree(line: str) -> None:
    assert education(line) is None


@pytest.mark.parametrize(("line", "level"), [
    # what may stand in for the experience asked is no degree asked for
    ("You must have one year of specialized experience equivalent to the GS-09 grade. "
     "Education may be substituted: a Ph.D. or equivalent doctoral degree.", None),  # doctorate
    ("Three years of casework; a Master's degree in Social Work in lieu of one year of it.",
     None),  # was master
    # experience that stands in for the degree leaves the degree asked for
    ("Bachelor's degree in Accounting; experience may be substituted for the degree.",
     "bachelor"),
    ("A Bachelor's degree, or relevant experience may be substituted for education.",
     "bachelor"),
    # and so does a substitution that is not allowed
    ("- Bachelor's degree in Civil Engineering (substitution of experience for education is "
     "not permitted).", "bachelor"),
    ("- Bachelor's degree in Accounting, no substitution.", "bachelor"),
])
def test_a_degree_that_may_substitute_is_not_asked_for(line: str, level: str | None) -> None:
    assert education(line) == level
