"""An employer's legal name read whole: not cut at an "of" or a "for" of its own ("The
Children's Hospital of Philadelphia, Inc.", "Lawyers for Children, Inc."), a legal form
English also writes as an acronym kept where the sentence shows a company ("At Stellantis
NV we …", "Equinor ASA søker …").

Every posting here is made up for the tests.
"""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract


def _company(text: str) -> object:
    return extract(clean(text, "text")).fields["company"]


def _posting(sentence: str) -> str:
    return f"Program Coordinator\n\nChicago, IL\n\n{sentence}\n"


@pytest.mark.parametrize(("sentence", "name"), [
    ("The Clinical Research Coordinator for The Children's Hospital of Philadelphia, Inc. "
     "supports pediatric oncology trials.", "The Children's Hospital of Philadelphia, Inc."),
    ("Join Doctors Hospital of Augusta, LLC as a nurse. Full-time role with benefits.",
     "Doctors Hospital of Augusta, LLC"),
    ("Join Lawyers for Children, Inc. as a Program Coordinator to support our programs.",
     "Lawyers for Children, Inc."),
    ("Experience as Controller of Sales and Marketing for Acme Widgets LLC is a plus.",
     "Acme Widgets LLC"),
    ("We are looking for an Accountant for Gulf Coast Energy Partners, LLC. Duties vary.",
     "Gulf Coast Energy Partners, LLC"),
])
def test_a_legal_name_keeps_its_own_of_and_for(sentence: str, name: str) -> None:
    """Was: "Philadelphia, Inc.", "Augusta, LLC", "Children, Inc.": the name cut at its
    last "of" or "for" because a job's word stood anywhere before it."""
    assert _company(_posting(sentence)) == name


def _offshore(sentence: str) -> str:
    return (f"Senior Process Engineer\n\nStavanger, Norway\n\n{sentence} we are looking for "
            "a process engineer to join our offshore team. You will work with the "
            "operations and maintenance teams.\n")


@pytest.mark.parametrize("name", [
    "Telefonaktiebolaget LM Ericsson AB", "Stellantis NV", "Banco Santander SA", "Airbus SAS",
    "Equinor ASA", "Enel SpA",
])
def test_a_form_english_writes_as_an_acronym_ends_a_company_before_we(name: str) -> None:
    """Was: nothing, the form read as an acronym in a posting in English."""
    assert _company(_offshore(f"At {name}")) == name


@pytest.mark.parametrize(("text", "name"), [
    ("Prosessingeniør\n\nStavanger\n\nEquinor ASA søker prosessingeniør. Søknadsfrist 1. "
     "mars.\n", "Equinor ASA"),
    ("Lagerarbetare\n\nGöteborg\n\nVolvo Cars AB söker lagerarbetare. Sista ansökningsdag 1 "
     "mars.\n", "Volvo Cars AB"),
    ("Kasjer\n\nWarszawa\n\nJeronimo Martins Polska SA zatrudni kasjera. Umowa o pracę.\n",
     "Jeronimo Martins Polska SA"),
])
def test_a_short_posting_in_another_language_keeps_its_form(text: str, name: str) -> None:
    """Was: nothing, a posting of a few words counted as one in English."""
    assert _company(text) == name
