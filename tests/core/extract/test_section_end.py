"""A section's items end where the posting says how to apply: that is no
qualification nor duty."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

QUALIFICATIONS = ["Ph.D. in Economics required by the start date; evidence of excellence in "
                  "undergraduate teaching.",
                  "The teaching load is 3-2, with a reduced load in the first year."]


@pytest.mark.parametrize("applying", [
    "To apply, submit a cover letter, CV and three letters of reference through our portal.",
    "How to apply: send your resume and a writing sample to the search committee.",
    "Interested candidates should send a CV and a cover letter to the department chair.",
    "Applications must be submitted online through the university's job site.",
])
def test_how_to_apply_ends_the_qualifications(applying: str) -> None:
    text = "\n\n".join(["Assistant Professor of Economics",
                        "Whitcombe College invites applications for a tenure-track position "
                        "in economics beginning in August.",
                        "## Qualifications", *QUALIFICATIONS, applying]) + "\n"
    assert extract(clean(text, "text")).fields["required_qualifications"] == QUALIFICATIONS
