"""A job's terms and rank as its title words suggest them give way to what the posting
states, and a title word in another sense is no rank: a trainee is an employee in
training, an associate behind another word ("Sales Associate") is the job itself, a
graduate's assistantship is a student's post. A part time stated with the hours of the
week wins over "Permanent", which says how long a job lasts."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.extract.vocab import seniority

INTRO = ("Acme Freight runs depots across the region, and we are looking for people to "
         "join the teams who keep them running day and night.")


def fields(title: str, *lines: str) -> dict[str, object]:
    return extract(clean("\n\n".join([title, INTRO, *lines]) + "\n", "text")).fields


@pytest.mark.parametrize(("title", "level"), [
    ("Sales Associate", None), ("Warehouse Associate - Night Shift", None),  # were junior
    ("Cashier / Sales Associate (Part-Time)", None),  # was junior
    ("Graduate Teaching Assistantship - Mathematics", None),  # was junior
    ("Graduate Research Assistant", None),  # was junior
    ("Correctional Officer Trainee", "junior"),  # was intern
    # ranks, still
    ("Associate Software Engineer", "junior"), ("Graduate Software Engineer", "junior"),
    ("Associate Director, Clinical Operations", "director"),
    ("Associate Professor of Chemistry", None), ("Summer Finance Intern", "intern"),
])
def test_a_title_word_in_another_sense_is_no_rank(title: str, level: str | None) -> None:
    found = seniority(title)
    assert (found[0] if found else None) == level


def test_a_labelled_type_wins_over_a_trainee_title() -> None:
    """"Correctional Officer Trainee" gave an internship though the posting said
    "Full/Part Time: Full-Time"."""
    got = fields("Correctional Officer Trainee", "Full/Part Time: Full-Time",
                 "Regular/Temporary: Regular")
    assert got["employment_type"] == "full_time"
    assert got["seniority"] == "junior"
    assert fields("Management Trainee")["employment_type"] is None  # (was internship)


@pytest.mark.parametrize("lines", [
    ("Contract: Permanent", "Working pattern: Part time, 30 hours per week"),
    ("Contract: Permanent", "Part time: 30 hours per week"),
])
def test_part_time_with_its_hours_wins_over_permanent(lines: tuple[str, ...]) -> None:
    """"Part time: 30 hours per week" under "Working pattern" gave full time, read from
    "Permanent": the label was no label of the terms, and 30 hours are not clearly short
    of a full week."""
    assert fields("Staff Nurse - Band 5", *lines)["employment_type"] == "part_time"
