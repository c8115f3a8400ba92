"""A section's items end where the posting says how to apply: that is no
qualification nor duty."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

QUALIFICATIONS = ["Ph.D. in Economics required by the start date; evidence of excellence in "
                  "undergraduate teaching.",
                  "The teaching load is 3-2, with a reduced load in the first year."]


def qualifications_before(last: str) -> object:
    """The qualifications read from a posting whose section ends with ``last``."""
    text = "\n\n".join(["Assistant Professor of Economics",
                        "Whitcombe College invites applications for a tenure-track position "
                        "in economics beginning in August.",
                        "## Qualifications", *QUALIFICATIONS, last]) + "\n"
    return extract(clean(text, "text")).fields["required_qualifications"]


@pytest.mark.parametrize("applying", [
    "To apply, submit a cover letter, CV and three letters of reference through our portal.",
    "How to apply: send your resume and a writing sample to the search committee.",
    "Interested candidates should send a CV and a cover letter to the department chair.",
    "Applications must be submitted online through the university's job site.",
    "Please reply with your CV and the names of two referees.",
])
def test_how_to_apply_ends_the_qualifications(applying: str) -> None:
    assert qualifications_before(applying) == QUALIFICATIONS


@pytest.mark.parametrize("item", [
    "To apply this knowledge in practice, you will need strong writing skills.",
    "Interested candidates should have taught at least one course in econometrics.",
])
def test_words_of_applying_that_ask_for_something_are_items(item: str) -> None:
    assert qualifications_before(item) == [*QUALIFICATIONS, item]
