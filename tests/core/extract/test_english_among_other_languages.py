"""English postings are read by English words, not by German, French or Spanish words
they happen to hold (an acronym "CDI" is no French contract, "Stage 2" no internship,
"Non-US" no "Non"); and the hours a day those languages write ("8 diarias") are no
hours a week."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.extract.hours import labelled_hours
from reviewer.core.extract.vocab import education_level, employment_type, remote_mode, seniority
from reviewer.core.words.denial import answer


def _fields(text: str) -> dict[str, object]:
    return extract(clean(text, "text")).fields


@pytest.mark.parametrize(("text", "kind"), [
    ("KYC / CDD Analyst", None), ("CDI Specialist", None),
    ("Perform CDD and EDD reviews", None), ("Clinical Documentation Improvement (CDI) Specialist",
                                            None),
    ("CDD", "temporary"), ("CDI, temps plein", "full_time"), ("Poste en CDI", "full_time"),
    ("Contrat CDD de 6 mois", "temporary"), ("un CDI à temps plein", "full_time"),
])
def test_french_contracts_are_read_in_a_french_context_only(text: str, kind: str | None) -> None:
    assert employment_type(text) == kind


def test_an_english_acronym_cdi_or_cdd_gives_no_terms() -> None:
    cdd = ("KYC / CDD Analyst\n\nAcme Bank is hiring a KYC/CDD Analyst for our London "
           "office.\n\nResponsibilities\n- Perform CDD and EDD reviews on corporate clients\n")
    cdi = ("CDI Specialist\n\nSt. Mary's Hospital is seeking a Clinical Documentation "
           "Improvement (CDI) Specialist.\n\nRequirements\n- 3 years of CDI experience\n")
    assert _fields(cdd)["employment_type"] is None
    assert _fields(cdi)["employment_type"] is None
    french = "Comptable (H/F)\n\nNous recrutons en CDI un comptable pour notre siège.\n"
    assert _fields(french)["employment_type"] == "full_time"


@pytest.mark.parametrize(("text", "level"), [
    ("Valid SIA licence provided by us", None), ("Licence pro en logistique", "bachelor"),
    ("Licence professionnelle RH", "bachelor"),
])
def test_a_licence_provided_is_no_degree(text: str, level: str | None) -> None:
    assert education_level(text) == level


def test_a_hyphenated_non_is_no_answer() -> None:
    assert answer("Non-US applicants welcome") is None
    assert answer("Non") is False and answer("No - office based") is False
    text = ("Customer Success Manager\n\nAcme SaaS Inc\n\nRemote: Non-US applicants welcome\n"
            "Salary: $70,000 - $80,000 per year\n")
    assert _fields(text)["remote"] is None


@pytest.mark.parametrize("text", ["We provide a home-office stipend of $500.",
                                  "A homeoffice allowance is paid monthly."])
def test_an_allowance_for_a_home_office_is_no_way_of_working(text: str) -> None:
    assert remote_mode(text) is None
    assert _fields(f"Technical Writer\n\nAcme Docs Inc, Portland\n\n{text}\n")["remote"] is None


def test_stage_and_a_number_is_a_step_not_an_internship() -> None:
    assert seniority("Stage 2 Support Engineer") is None
    assert employment_type("Stage 2 Support Engineer") is None
    assert employment_type("Stage 6 mois - Marketing") == "internship"
    fields = _fields("Stage 2 Support Engineer\n\nAcme Telecom, Dublin\n\nResponsibilities\n"
                     "- Resolve escalated tickets\n")
    assert fields["seniority"] is None and fields["employment_type"] is None


@pytest.mark.parametrize("value", ["12h day/night shifts", "8 diarias", "8 Stunden täglich",
                                   "7 heures par jour", "8 horas al día", "10h days"])
def test_hours_a_day_are_no_hours_a_week(value: str) -> None:
    assert labelled_hours(value) is None


def test_hours_a_day_and_days_a_week_make_hours_a_week() -> None:
    found = labelled_hours("8 horas al día, 5 días a la semana")
    assert found is not None and found[0] == 40
    assert _fields("Support Nurse\n\nLocation: Leeds\nHours: 12h day/night shifts\n"
                   "Salary: £30,000 per annum\n")["work_hours"] is None
