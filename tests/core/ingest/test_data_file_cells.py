"""A data file's cells read as field values: lists parted where their writer parted
them, never inside a figure or a bracket."""

from __future__ import annotations

from typing import Any

import pytest

from reviewer.core.ingest.values import normalise


@pytest.mark.parametrize(("target", "cell", "value"), [
    ("benefits", "$5,000 signing bonus, 401(k) match, 1,500 EUR training budget",
     ["$5,000 signing bonus", "401(k) match", "1,500 EUR training budget"]),
    ("skills", "Python (pandas, numpy), SQL", ["Python (pandas, numpy)", "SQL"]),
    ("skills", "Python [3.11, 3.12]; Go", ["Python [3.11, 3.12]", "Go"]),
    ("locations", "Berlin (Mitte; Kreuzberg); Munich", ["Berlin (Mitte; Kreuzberg)", "Munich"]),
    ("skills", "C,C++,Rust", ["C", "C++", "Rust"]),
    ("benefits", "dental,12,000 days", ["dental", "12,000 days"]),
    ("benefits", "pension, 1,2 days", ["pension", "1", "2 days"]),  # no thousands: parted
    ("skills", "Python (pandas, SQL", ["Python (pandas", "SQL"]),  # a bracket left open
])
def test_a_list_is_parted_outside_figures_and_brackets(target: str, cell: str,
                                                        value: Any) -> None:
    assert normalise(target, cell) == value
