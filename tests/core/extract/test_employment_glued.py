"""Employment type in text as captures give it: glued to the word before, or stated as the
length of a contract."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

INTRO = ("Acme Freight builds planning software for ports and rail yards, and we are looking "
         "for an analyst to join the people who build it.")


@pytest.mark.parametrize(("line", "kind"), [
    ("Night shifts on a four-week rotaFull-time, paid by the hour", "full_time"),
    ("Some experience in garden centres and nurseriesFull-Time role", "full_time"),
    ("This is a 12 month contract, starting in the spring.", "contract"),
    ("We offer a 6-month contract with a view to a permanent role.", "contract"),
])
def test_employment_type(line: str, kind: str) -> None:
    doc = clean("\n\n".join(["Analyst", INTRO, line]) + "\n", "text")
    assert extract(doc).fields["employment_type"] == kind


def test_a_degree_after_a_colon_is_read() -> None:
    doc = clean("\n\n".join(["Analyst", INTRO, "What you bring to the team:BS or MS in "
                             "Statistics and a desire to keep learning"]) + "\n", "text")
    assert extract(doc).fields["education"] == "bachelor"
