"""A location label's evidence is the words of its places, and of the way of working it
says: not a fact or a remark after them on the line."""

from __future__ import annotations

import pytest
from test_extract_fields import evidence, posting


@pytest.mark.parametrize(("line", "places", "remote", "words"), [
    ("Location: Minneapolis, MN (on-site at our call center) | Unpaid volunteer position",
     ["Minneapolis, MN"], ("onsite", ["on-site"]), ["Minneapolis, MN"]),
    ("Location: Bradenton, FL 34208 Interested applicants may send their resume to us",
     ["Bradenton, FL 34208"], None, ["Bradenton, FL 34208"]),
    ("Location: Hybrid remote in Austin, TX", ["Austin, TX"], ("hybrid", ["Hybrid remote"]),
     ["Austin, TX"]),
    # work on site read from remote work denied: the words say no more than the line
    ("Location: Pasadena, CA (no remote)", ["Pasadena, CA (no remote)"],
     ("onsite", ["Pasadena, CA (no remote)"]), ["Pasadena, CA (no remote)"]),
])
def test_a_location_label_has_the_words_of_its_places_as_evidence(
        line: str, places: list[str], remote: tuple[str, list[str]] | None,
        words: list[str]) -> None:
    """"Location: Minneapolis, MN (on-site at our call center) | Unpaid volunteer
    position" had the whole line as the evidence of the place and of work on site."""
    doc, result = posting(line)
    assert result.fields["locations"] == places
    assert evidence(doc, result, "locations") == words
    if remote is not None:
        assert result.fields["remote"] == remote[0]
        assert evidence(doc, result, "remote") == remote[1]
