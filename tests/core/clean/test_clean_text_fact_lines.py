"""A labelled fact of a posting with a sentence after it on its line ("Closing date:
28/11/2025. Interviews will be held …") stays a line: the label is no heading."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

INTRO = ("We're looking for a book lover to join our Deansgate shop team. You'll help "
         "customers find their next great read and run the till.")


@pytest.mark.parametrize("line", [
    "Closing date: 28/11/2025. Interviews will be held the week commencing 1 December.",
    "Salary: £11.44. Paid weekly, with overtime at time and a half after forty hours.",
])
def test_a_fact_with_a_sentence_after_it_stays_on_its_label_s_line(line: str) -> None:
    """Was "## Closing date" over "28/11/2025. Interviews will be held …": the long value
    was read as a paragraph its label heads."""
    doc = clean("\n\n".join(["Retail Assistant", INTRO, line]) + "\n", "text")
    assert line in doc.markdown.splitlines()
    assert "## " not in doc.markdown


def test_the_closing_date_of_such_a_line_has_the_date_as_evidence() -> None:
    doc = clean("\n\n".join(["Retail Assistant", INTRO, "Closing date: 28/11/2025. "
                             "Interviews will be held the week commencing 1 December."]) + "\n",
                "text")
    result = extract(doc)
    assert result.fields["valid_through"] == "2025-11-28"
    assert [doc.markdown[a:b] for a, b in result.evidence["valid_through"]] == ["28/11/2025"]


@pytest.mark.parametrize("line", [
    # prose after the label, not a fact: a heading over its paragraph still
    "Pay: Salary offers are based on experience and the market rate for the role, reviewed "
    "yearly.",
    # no fact of a posting's own, or words, not a date or a sum
    "Perks: Yes. We give every member of staff a discount and a book of their choice.",
    "Pay: Extremely competitive. Negotiable, based upon experience level and education.",
])
def test_prose_after_a_label_still_has_the_label_as_its_heading(line: str) -> None:
    doc = clean("\n\n".join(["Retail Assistant", INTRO, line]) + "\n", "text")
    assert f"## {line.split(':')[0]}" in doc.markdown.splitlines()


@pytest.mark.parametrize("line", [
    "Widełki: 22 000 – 28 000 PLN netto + VAT / mies. (B2B) lub 18 000 – 23 000 zł brutto "
    "/ mies. (UoP)",
    "Gehalt: 4.200 – 5.100 € brutto im Monat nach TV-L E10, dazu Jahressonderzahlung und "
    "Zulagen für Wochenenden",
    "Salaire : 38 000 – 45 000 € brut annuel selon expérience, plus tickets restaurant et "
    "mutuelle d'entreprise",
    "Stipendio: 1.700 € netti al mese per quattordici mensilità, con buoni pasto e premio "
    "di produzione",
])
def test_a_label_over_a_figure_stays_on_its_line_in_any_language(line: str) -> None:
    """Was "## Widełki" over "22 000 – 28 000 PLN …": a label whose value opens with a
    sum, in words no list knows, was read as a heading over a paragraph."""
    doc = clean("\n\n".join(["Retail Assistant", INTRO, line]) + "\n", "text")
    assert line in doc.markdown.splitlines()
    assert "## " not in doc.markdown
