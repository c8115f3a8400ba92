"""The words of European employers' names where an English posting writes them otherwise: a
legal form that is also an English acronym or product ("Cisco ASA", "SRL pipelines"), a
body's word that opens a specialty or a region ("Hospital Medicine", "Region West"), the
small words of a sentence before a name ("Knowledge of GAAP and IFRS for Acme Inc."), and
an organisation named "… Opportunity" over a labelled title.

Every posting here is made up for the tests.
"""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract


def _company(text: str) -> object:
    return extract(clean(text, "text")).fields["company"]


@pytest.mark.parametrize("text", [
    "Network Engineer\n\nDenver, CO\n\nExperience configuring Cisco ASA firewalls is "
    "required. Hands-on with Cisco ASA and Palo Alto.\nFull-time.\n",
    "Data Scientist\n\nAustin, TX\n\nExperience with topic models (Gensim LDA, BERTopic) and "
    "Spark SRL pipelines. Knowledge of Apache Kafka UG.\n",
    "Nurse Anesthetist\n\nColumbus, OH\n\nManage patients classified ASA I-III. Work with "
    "Anesthesia Care Team ASA guidelines.\n",
    "Statistician\n\nBoston, MA\n\nSkills: Base SAS, SAS Enterprise Guide, R. Work with the "
    "NFL and SNC teams.\n",
])
def test_a_legal_form_english_writes_as_an_acronym_names_no_employer(text: str) -> None:
    """Was: "Cisco ASA", "Spark SRL", "Anesthesia Care Team ASA", "Base SAS"."""
    assert _company(text) is None


def test_a_product_with_such_a_form_does_not_outvote_the_line_under_the_title() -> None:
    text = ("Network Engineer\n\nBrightline Networks\nDenver, CO\n\nBrightline Networks is "
            "growing. Experience configuring Cisco ASA firewalls is required. Hands-on with "
            "Cisco ASA, Cisco ASA VPN and Palo Alto.\nFull-time.\n")
    assert _company(text) == "Brightline Networks"


@pytest.mark.parametrize(("sentence", "name"), [
    ("Nordlys Energi AS er et selskap i vekst, og vi søker en ingeniør til vårt team i Oslo.",
     "Nordlys Energi AS"),
    ("Fiduciaire Vandersmissen SRL est un cabinet de la région et nous recherchons un "
     "comptable pour notre équipe.", "Fiduciaire Vandersmissen SRL"),
    ("Equinor Fornybar ASA er et selskap i vekst, og vi søker en ingeniør til vårt team.",
     "Equinor Fornybar ASA"),
    ("Made in Italy by the engineers of Acme Robotics S.r.l., we build robots.",
     "Acme Robotics S.r.l."),
])
def test_such_a_form_counts_in_its_own_language_or_with_its_own_stops(
        sentence: str, name: str) -> None:
    assert _company(f"Engineer\n\n{sentence}\n") == name


def _under_title(line: str) -> str:
    return f"Area Sales Manager\n\n{line}\nLos Angeles, CA\n\nFull-time.\n"


@pytest.mark.parametrize("line", [
    "Hospital Medicine", "Region West", "Region Midwest", "Hospital Pharmacy Services",
])
def test_a_body_word_before_a_specialty_or_a_direction_is_no_employer(line: str) -> None:
    """Was: each line the company, read as a body's name ("Region Stockholm")."""
    assert _company(_under_title(line)) is None


@pytest.mark.parametrize("line", [
    "Region Stockholm", "Hospital Particular do Tejo", "Hospital de Clínicas",
    "Region Västra Götaland",
])
def test_a_body_word_before_a_name_of_its_own_is_the_employer(line: str) -> None:
    assert _company(_under_title(line)) == line


@pytest.mark.parametrize(("sentence", "name"), [
    ("Knowledge of GAAP and IFRS for Acme Inc. reporting.", "Acme Inc."),
    ("Experience with the DOT and FMCSA of Ryder System, Inc. is required.",
     "Ryder System, Inc."),
    ("Reporting to the VP of Sales and Operations of Acme Inc., you will build dashboards.",
     "Acme Inc."),
    ("Banco de la Nación Argentina S.A. is hiring in Buenos Aires.",
     "Banco de la Nación Argentina S.A."),
    ("Boys & Girls Clubs of America, Inc. runs programs for kids.",
     "Boys & Girls Clubs of America, Inc."),
])
def test_a_legal_name_takes_no_words_of_the_sentence_before_it(
        sentence: str, name: str) -> None:
    """Was: "Knowledge of GAAP and IFRS for Acme Inc.", "DOT and FMCSA of Ryder System,
    Inc.", nothing, "Nación Argentina S.A.": the name read through the sentence's "of",
    "for" and "and", or cut at its "de la" by the cue after it."""
    assert _company(f"Analyst\n\n{sentence}\n") == name


def test_an_organisation_named_opportunity_over_a_labelled_title_is_the_employer() -> None:
    """Was: nothing, the line read as one announcing the posting ("Job Opportunity")."""
    text = ("Ohio Office of Economic Opportunity\n\nJob Title: Program Coordinator\n\nWe are "
            "looking for a coordinator to run our community grant programs across the state.\n")
    assert _company(text) == "Ohio Office of Economic Opportunity"
