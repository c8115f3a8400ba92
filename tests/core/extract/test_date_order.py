"""Which way round a posting writes a slashed date (5/12/2025): the country its pay and
its places say."""

from __future__ import annotations

import pytest

from reviewer.core.extract import extract
from reviewer.core.schema import CleanDoc


def closing(*lines: str) -> str | None:
    text = "\n\n".join(["# Electrician", *lines, "Applications close 5/12/2025."]) + "\n"
    return extract(CleanDoc(text, "text")).fields["valid_through"]


@pytest.mark.parametrize(("lines", "through"), [
    # Australia: "WA" is Western Australia, "$" its dollar
    (("Pilbara, WA", "$145,000 – $160,000 + 11.5% super"), "2025-12-05"),
    (("Location: Perth WA 6000, Australia", "Salary: A$145,000 per year"), "2025-12-05"),
    (("Location: Perth, WA, Australia",), "2025-12-05"),
    (("Location: Sydney NSW", "Salary: $90,000 plus super"), "2025-12-05"),
    # the US: its dollar, its states, though another country is named
    (("Location: Seattle, WA", "Pay: $45 an hour"), "2025-05-12"),
    (("Location: Austin, TX", "Pay: $45 an hour", "We have offices in India."), "2025-05-12"),
    (("Pay: $45 an hour",), "2025-05-12"),
    # Canada writes dates either way round; a posting of no country says neither
    (("Location: Fort McMurray, AB", "Salary: $38.50 hourly"), None),
    (("Location: Ottawa, Canada",), None),
    (("Location: Head office",), None),
])
def test_a_slashed_date_is_read_as_the_country_of_the_posting_writes_it(
        lines: tuple[str, ...], through: str | None) -> None:
    """An Australian page ("Pilbara, WA", "$145,000 + super") had its closing date of 5
    December read as 12 May: its dollar and "WA" were read as the US's. Given "Perth WA
    6000, Australia" and "A$", the date was not read at all (the "$" said the US, the
    country said elsewhere)."""
    assert closing(*lines) == through
