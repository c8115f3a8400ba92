"""A location label whose value is only a way of working names no place."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

INTRO = ("Acme Freight builds planning software for ports and rail yards, and we are looking "
         "for an analyst to join the people who build it.")


@pytest.mark.parametrize("value", ["In person", "On-site", "Onsite", "In office"])
def test_a_way_of_working_is_no_location(value: str) -> None:
    doc = clean("\n\n".join(["Analyst", INTRO, f"Work Location: {value}"]) + "\n", "text")
    assert extract(doc).fields["locations"] is None


def test_a_place_after_the_label_is_still_read() -> None:
    doc = clean("\n\n".join(["Analyst", INTRO, "Work Location: Leeds, UK"]) + "\n", "text")
    assert extract(doc).fields["locations"] == ["Leeds, UK"]
