"""A posting's first line that announces it ("Employment Opportunity", "Job Vacancy
Announcement") is no sender's name, though it stands where a mailing list's posting
names its organisation, over a labelled title."""

from __future__ import annotations

import pytest

from reviewer.core.extract import extract
from reviewer.core.schema import CleanDoc

BODY = ("Position Title: Case Management Worker\n\nStatus: Permanent, full-time\n\n"
        "## Position Description\n\nThe Case Management Worker supports clients in the "
        "community. Riverside Community Health Centre offers an excellent benefits package, "
        "and Riverside Community Health Centre is an equal opportunity employer.\n")


@pytest.mark.parametrize("line", [
    "Internal/External Employment Opportunity", "Job Vacancy Announcement",
    "Career Opportunity", "Now Hiring!", "Job Posting",
])
def test_a_line_announcing_the_posting_is_no_employer(line: str) -> None:
    """Was: "Internal/External Employment Opportunity" was the company at 0.75."""
    fields = extract(CleanDoc(f"{line}\n\n{BODY}", "text")).fields
    assert fields.get("company") == "Riverside Community Health Centre"


def test_the_organisation_over_a_labelled_title_is_still_the_employer() -> None:
    text = "AMERIA Investment Consulting Company\n\nJOB TITLE: Chief Financial Officer\n\n" \
        "We are looking for a CFO to lead our finance team and its reporting.\n"
    fields = extract(CleanDoc(text, "text")).fields
    assert fields.get("company") == "AMERIA Investment Consulting Company"
