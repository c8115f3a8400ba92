""""Permanent" says how long a job lasts, not its hours: read as full time where the
posting says nothing more, it gives way to the part time the posting states, in words or
in hours clearly short of a full week."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

INTRO = ("Acme Freight builds planning software for ports and rail yards, and we are looking "
         "for an analyst to join the people who build it.")


def employment(*lines: str, title: str = "Data Analyst") -> tuple[str | None, str]:
    doc = clean("\n\n".join([title, INTRO, *lines]) + "\n", "text")
    result = extract(doc)
    spans = result.evidence.get("employment_type", [])
    return result.fields["employment_type"], doc.markdown[spans[0][0]:spans[0][1]] if spans \
        else ""


@pytest.mark.parametrize("lines", [
    ("Contract: Permanent", "Hours: 16 hours per week (part-time)"),
    ("Job type: Permanent", "This is a part-time role."),
    ("Contract: Permanent", "Hours: 22.5 hours per week"),
    ("Status: Regular", "Working hours: 20 hours per week"),
])
def test_part_time_stated_wins_over_permanent(lines: tuple[str, ...]) -> None:
    kind, evidence = employment(*lines)
    assert kind == "part_time"
    assert "permanent" not in evidence.lower() and "regular" not in evidence.lower()


def test_part_time_in_the_title_wins_over_permanent() -> None:
    assert employment("Contract: Permanent", title="Finance Officer (Part-time)")[0] == \
        "part_time"


@pytest.mark.parametrize(("lines", "kind"), [
    (("Contract: Permanent",), "full_time"),
    (("Contract: Permanent", "Hours: 37.5 hours per week"), "full_time"),
    (("Job type: Permanent, full-time", "Hours: 20 hours per week"), "full_time"),
    (("Contract: Permanent", "This is not a part-time role."), "full_time"),
])
def test_permanent_alone_or_with_a_full_week_stays_full_time(
        lines: tuple[str, ...], kind: str) -> None:
    assert employment(*lines)[0] == kind
