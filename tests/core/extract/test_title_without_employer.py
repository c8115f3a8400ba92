"""A title line that ends with the employer's name is the role before it: the name (and
the place or terms in brackets after it) is the company's, not the title's."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

BODY = ("Parallax builds developer tooling used by 3,000 companies. We're hiring an "
        "engineer to join the Infrastructure team.\n\nRequirements:\n\n"
        "- 5+ years of experience with Go\n")


@pytest.mark.parametrize(("line", "title"), [
    ("Staff Software Engineer — Parallax", "Staff Software Engineer"),
    ("Staff Software Engineer - Parallax", "Staff Software Engineer"),
    ("Staff Software Engineer | Parallax", "Staff Software Engineer"),
    ("Staff Software Engineer at Parallax", "Staff Software Engineer"),
    ("Staff Software Engineer, Infrastructure — Parallax (Remote, US only)",
     "Staff Software Engineer, Infrastructure"),
    # the employer's name inside the title, or no role before it: kept as written
    ("Parallax Platform Engineer", "Parallax Platform Engineer"),
    ("Senior Engineer, Parallax Tools", "Senior Engineer, Parallax Tools"),
])
def test_the_employer_s_name_after_the_role_is_no_part_of_the_title(
        line: str, title: str) -> None:
    doc = clean(f"{line}\n\n{BODY}", "text")
    extraction = extract(doc)
    assert extraction.fields["company"] == "Parallax"
    assert extraction.fields["title"] == title
    assert [doc.markdown[a:b] for a, b in extraction.evidence["title"]] == [title]
