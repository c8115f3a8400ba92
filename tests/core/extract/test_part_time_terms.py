""""Permanent" says how long a job lasts, not its hours: read as full time where the
posting says nothing more, it gives way to the part time the posting states, in words or
in hours clearly short of a full week."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

INTRO = ("Acme Freight builds planning software for ports and rail yards, and we are looking "
         "for an analyst to join the people who build it.")


def employment(*lines: str, title: str = "Data Analyst") -> tuple[str | None, str]:
    doc = clean("\n\n".join([title, INTRO, *lines]) + "\n", "text")
    result = extract(doc)
    spans = result.evidence.get("employment_type", [])
    return result.fields["employment_type"], doc.markdown[spans[0][0]:spans[0][1]] if spans \
        else ""


@pytest.mark.parametrize("lines", [
    ("Contract: Permanent", "Hours: 16 hours per week (part-time)"),
    ("Job type: Permanent", "This is a part-time role."),
    ("Contract: Permanent", "Hours: 22.5 hours per week"),
    ("Status: Regular", "Working hours: 20 hours per week"),
])
def test_part_time_stated_wins_over_permanent(lines: tuple[str, ...]) -> None:
    kind, evidence = employment(*lines)
    assert kind == "part_time"
    assert "permanent" not in evidence.lower() and "regular" not in evidence.lower()


def test_part_time_in_the_title_wins_over_permanent() -> None:
    assert employment("Contract: Permanent", title="Finance Officer (Part-time)")[0] == \
        "part_time"


@pytest.mark.parametrize(("lines", "kind"), [
    (("Contract: Permanent",), "full_time"),
    (("Contract: Permanent", "Hours: 37.5 hours per week"), "full_time"),
    (("Job type: Permanent, full-time", "Hours: 20 hours per week"), "full_time"),
    (("Contract: Permanent", "This is not a part-time role."), "full_time"),
])
def test_permanent_alone_or_with_a_full_week_stays_full_time(
        lines: tuple[str, ...], kind: str) -> None:
    assert employment(*lines)[0] == kind


def fields(*lines: str) -> dict[str, object]:
    return extract(clean("\n\n".join(["Data Analyst", INTRO, *lines]) + "\n", "text")).fields


@pytest.mark.parametrize("lines", [
    ("Contract: Permanent", "About us",
     "Our team of 30 includes several people who work part-time.",
     "Perks", "- Funding for a part-time master's course"),
    ("Contract type: Permanent", "Hours: 40 hours per week",
     "We are also recruiting for part-time positions in our other stores."),
    ("Contract: Permanent",
     "Hours: 37.5 per week. A permanent part-time arrangement would be considered."),
    ("Contract: Permanent", "Job type: Full or part-time"),
    ("Contract: Permanent", "Hours: 36 hours per week", "This is a part-time role."),
])
def test_part_time_not_said_of_this_job_leaves_permanent_full_time(
        lines: tuple[str, ...]) -> None:
    assert employment(*lines)[0] == "full_time"


def test_a_sentence_about_the_position_makes_it_part_time() -> None:
    assert employment("Contract: Permanent",
                      "The position is part-time, three mornings a week.")[0] == "part_time"


@pytest.mark.parametrize(("line", "hours"), [
    ("Hours: 7 per day, 5 days a week", 35),
    ("Working hours: 8 hours a day, Mon-Fri", 40),
    ("Hours: 9 hours per day", None),
    ("Hours: 15 hours per week of overtime on top of the standard week", None),
])
def test_hours_a_day_or_overtime_are_no_part_time_week(line: str, hours: int | None) -> None:
    read = fields("Contract: Permanent", line)
    assert read["employment_type"] == "full_time"
    assert read["work_hours"] == hours


def test_overtime_offered_is_not_the_jobs_hours() -> None:
    read = fields("Status: Regular", "Overtime: up to 8 hours per week at double time.")
    assert read["employment_type"] == "full_time"
    assert read["work_hours"] is None


def test_hours_of_the_job_beside_overtime_still_count() -> None:
    read = fields("Employment type: Permanent", "Hours: 24 per week, overtime available")
    assert read["employment_type"] == "part_time"
    assert read["work_hours"] == 24


def test_hours_that_grow_over_time_are_still_the_jobs() -> None:
    read = fields("You would work about 12 hours per week, growing that over time.")
    assert read["work_hours"] == 12
