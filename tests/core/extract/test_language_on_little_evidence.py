"""The language of a short posting: a few words of another language that English writes
too ("9 till 5", "au pair", "et al.") do not make an English list of skills foreign, and
the letters only other languages write ("søker", "pracę") tell a short posting of
theirs; where too little says, the language is unknown and may be either."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.words.other_languages import language_of, written_in_english


def fields(text: str) -> dict[str, object]:
    return extract(clean(text.strip() + "\n", "text")).fields


@pytest.mark.parametrize("text", [
    "Security Engineer\n\nAustin, TX\n\n- Cisco ASA, Palo Alto, Fortinet firewalls\n"
    "- On call 9 till 5, SLAs met every quarter\n- Base SAS reporting",
    "Au Pair\n\nRegion West\nSeattle, WA\n\n- Live-in au pair, care for 2 kids\n"
    "- Mon-Fri 7 till 3, curfew met by family\n- Driving licence",
    "Research Scientist\n\nCambridge, MA\n\n- PhD in chemistry; publications (Smith et al. "
    "2021, Chen et al. 2022)\n- Experience with AB testing and Base SAS\n"
    "- Ship features till launch",
])
def test_english_words_of_other_languages_leave_a_short_list_english(text: str) -> None:
    assert written_in_english(text)
    assert language_of(text) in ("en", None)
    assert fields(text)["company"] is None


@pytest.mark.parametrize(("text", "company"), [
    ("Prosessingeniør\n\nStavanger\n\nEquinor ASA søker prosessingeniør. Søknadsfrist "
     "1. mars.", "Equinor ASA"),
    ("Lagerarbetare\n\nGöteborg\n\nVolvo Cars AB söker lagerarbetare. Sista ansökningsdag "
     "1 mars.", "Volvo Cars AB"),
    ("Kasjer\n\nWarszawa\n\nJeronimo Martins Polska SA zatrudni kasjera. Umowa o pracę.",
     "Jeronimo Martins Polska SA"),
])
def test_a_short_posting_in_another_language_is_no_english_one(text: str,
                                                              company: str) -> None:
    assert not written_in_english(text)
    assert language_of(text) != "en"
    assert fields(text)["company"] == company


@pytest.mark.parametrize(("text", "kind"), [
    ("Desenvolvedor Front-end\n\nStack: React, TypeScript, Next.js, GraphQL, Jest\n"
     "Modelo: CLT\nLocal: Recife - PE (híbrido)", "full_time"),
    ("Magazijnmedewerker\n\nUtrecht\n\nVast contract, 40 uur per week. Start per direct.",
     "full_time"),
])
def test_a_short_posting_of_unknown_language_states_its_terms(text: str, kind: str) -> None:
    assert language_of(text) != "en"
    assert fields(text)["employment_type"] == kind


@pytest.mark.parametrize(("line", "kind"), [
    ("We are hiring a backend developer. This position is CLT with full benefits.",
     "full_time"),
    ("Hiring model: CLT. Salary: R$ 8.000 - R$ 10.000 per month.", "full_time"),
    ("We offer a CLT contract with health insurance and meal vouchers.", "full_time"),
    ("Work at CLT airport on a part-time schedule, 20 hours per week.", "part_time"),
    ("Requirements: CLT certification. You will work with the lab team.", None),
])
def test_clt_named_as_the_terms_of_an_english_posting(line: str, kind: str | None) -> None:
    text = f"Data Analyst\n\nSão Paulo, Brazil\n\n{line} You will work with the product team."
    assert fields(text)["employment_type"] == kind


@pytest.mark.parametrize("line", ["Base: CLT", "Airport: CLT.", "Hub: CLT, night shift."])
def test_an_airport_s_letters_after_a_label_of_no_terms_are_no_contract(line: str) -> None:
    """Was: "Base: CLT" (Charlotte's airport) was a label's whole value, and so a
    Brazilian permanent contract: full time."""
    text = (f"Ramp Agent\n\nSkyway Air\n{line}\n\nLoad and unload bags, guide aircraft "
            "and keep the ramp safe. Pay: $17.50/hr.\n")
    assert extract(clean(text, "text")).fields["employment_type"] is None
