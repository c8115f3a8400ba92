"""A place after a name on a line ("Marion Correctional Institution, Marion, OH"), a town
too small for the list of cities beside its state's code ("Woods Hole, MA"), a place
among a header line's cells ("Museum · Riverside, CA · Spring 2026")."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

BODY = ("The lab seeks a fellow to study the recovery of eelgrass meadows after marine "
        "heatwaves, in a two-year appointment renewable for a third year.")


def places(*lines: str) -> list[str] | None:
    doc = clean("\n\n".join(["Postdoctoral Research Fellow", *lines, BODY]) + "\n", "text")
    return extract(doc).fields["locations"]


@pytest.mark.parametrize(("line", "expected"), [
    ("Coastal Institute of Oceanography, Woods Hole, MA", ["Woods Hole, MA"]),
    ("Riverside Museum of Art · Riverside, CA · Spring 2026", ["Riverside, CA"]),
    ("Pilbara, WA", ["Pilbara, WA"]),
    ("Location: Marion Correctional Institution, Marion, OH", ["Marion, OH"]),
    ("Job locations: Leeds General Infirmary, Great George Street, Leeds, LS1 3EX",
     ["Leeds, LS1 3EX"]),
    ("Location: Woods Hole, Massachusetts, USA", ["Woods Hole, Massachusetts, USA"]),
])
def test_the_place_of_a_line_is_read_without_the_name_before_it(
        line: str, expected: list[str]) -> None:
    """The place of a header line after the employer's name, or of a town too small to
    be known, was none; a labelled place after a building's name or a street was the
    whole line."""
    assert places(line) == expected


@pytest.mark.parametrize("line", [
    "Jane Smith, MD",
    "Dr. Jane Doe, NY",
    "Graduate School of Journalism, Columbia University, NY",
])
def test_a_name_before_a_state_s_code_is_no_town(line: str) -> None:
    assert places(line) is None
