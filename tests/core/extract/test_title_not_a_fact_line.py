"""The first line over a section's heading is the title only when it reads as one; a
heading that opens the page over a value gives way to the posting's own title under it."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

BODY = ("\n\n## About the role\n\nWe are looking for a friendly barista to join our cafe team "
        "and serve customers.\n\n## Requirements\n\n- 1 year of cafe experience\n")


@pytest.mark.parametrize("first", [
    "Acme Corporation", "Posted 3 days ago", "Job ID 48213", "Part-time · Remote",
    "Closing date 15 March 2026", "Salary negotiable", "Greenfield Community College",
])
def test_a_first_line_of_facts_or_a_name_is_no_title(first: str) -> None:
    """Was: any first line over "## About the role" was the title when nothing else was."""
    assert extract(clean(first + BODY, "text")).fields["title"] is None


def test_a_first_line_that_reads_as_a_title_still_is_one() -> None:
    assert extract(clean("Sjuksköterska till vårdavdelningen" + BODY, "text")).fields[
        "title"] == "Sjuksköterska till vårdavdelningen"


@pytest.mark.parametrize(("label", "value"), [
    ("Starting wage", "$17.50 per hour"), ("Openings", "3 positions in Portland"),
    ("Omfattning", "100 %, tillsvidare"), ("Tillträde", "1 mars 2026"),
    ("Positions available", "2 full-time"), ("Pay", "$17.50 per hour"),
])
def test_an_opening_label_over_its_value_gives_way_to_the_title(label: str, value: str) -> None:
    """Was: the label over its value was the title, the job's own heading under it lost."""
    raw = (f"# {label}\n\n{value}\n\n## Barista\n\nCafe Uno, Portland\n\nWe are looking for "
           "a friendly barista.\n")
    assert extract(clean(raw, "text")).fields["title"] == "Barista"


def test_an_opening_season_gives_way_to_a_heading_that_reads_as_a_title() -> None:
    raw = ("# Summer 2026\n\n2026 season runs June to August.\n\n## Camp Counselor\n\n"
           "Lake Placid, NY\n")
    assert extract(clean(raw, "text")).fields["title"] == "Camp Counselor"
