"""A choice of full or part time ("full-time or part-time", "full/part-time") names no
employment type, but the other terms in its sentence still do."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract


def employment(line: str) -> object:
    text = f"Bookkeeper\n\nDenver, CO\n\n{line} You will reconcile accounts.\n"
    return extract(clean(text, "text")).fields["employment_type"]


@pytest.mark.parametrize(("line", "kind"), [
    ("This is a 6-month contract position; full-time or part-time schedules available.",
     "contract"),
    ("Temporary role (12 weeks), full/part-time.", "temporary"),
    ("Full-time or part-time schedules available.", None),
    ("Full/Part-Time", None),
])
def test_terms_beside_a_choice_of_hours(line: str, kind: str | None) -> None:
    assert employment(line) == kind
