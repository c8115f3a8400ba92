"""Words of a job's terms that are another language's and English words too: "CLT" (a
Brazilian employee's contract, an airport's or a certificate's letters in English), "vast
contract" (a Dutch permanent post, "a vast contract base" in English), a share of a week
("Pensum 50 %", a commission's "20%" in an English title). Each is read in its posting's
language, or where the words around it say what it is."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.words.other_languages import language_of


def employment(title: str, *lines: str) -> object:
    text = "\n\n".join([title, "Example Inc.", *lines])
    return extract(clean(text + "\n", "text")).fields["employment_type"]


@pytest.mark.parametrize(("title", "line", "kind"), [
    ("Ramp Agent", "Work at CLT airport on a part-time schedule, 20 hours per week.",
     "part_time"),
    ("Project Engineer", "Experience with CLT (cross-laminated timber) structures. "
     "Contract role, 6 months.", "contract"),
    ("Medical Laboratory Technician", "Requirements: CLT certification.", None),
    ("Medical Technologist", "Requirements: CLT or MLT certification. Per diem position.",
     None),
    ("Clinical Trial Lead (CLT)", "The CLT will coordinate clinical studies. This is a "
     "part-time role, 20 hours per week.", "part_time"),
])
def test_clt_in_an_english_posting_is_no_contract(title: str, line: str,
                                                   kind: str | None) -> None:
    assert employment(title, "Raleigh, NC", line) == kind


PORTUGUESE = ("Sobre a vaga", "Você vai atuar com a nossa equipe de dados e com os "
              "clientes da empresa.")


@pytest.mark.parametrize(("line", "kind"), [
    ("CLT, vale-refeição e plano de saúde", "full_time"),
    ("Modelo de contratação: CLT", "full_time"),
    ("CLT, meio período (20 horas semanais)", "part_time"),
])
def test_clt_in_a_portuguese_posting_is_a_permanent_post(line: str, kind: str) -> None:
    assert employment("Analista de Dados", "São Paulo, SP", *PORTUGUESE, line) == kind


def test_clt_named_as_a_contract_reads_in_any_language() -> None:
    assert employment("Analista de Dados", "São Paulo", "Regime: CLT (efetivo)") == "full_time"


def test_a_permanent_clt_post_gives_way_to_the_part_time_stated() -> None:
    assert employment("Analista de Dados", "Regime de contratação: CLT",
                      "Jornada: meio período, 20 horas semanais") == "part_time"


def test_vast_contract_in_an_english_posting_is_no_permanent_post() -> None:
    assert employment("Contracts Administrator", "Arlington, VA",
                      "Support our vast contract base. 12-month contract position.") == "contract"


def test_vast_contract_in_a_dutch_posting_is_a_permanent_post() -> None:
    assert employment("Verpleegkundige", "Utrecht",
                      "Wij bieden je een vast contract en een goed salaris bij een "
                      "fijne organisatie.") == "full_time"


@pytest.mark.parametrize("title", [
    "Recruitment Consultant (Uncapped Commission 20%)",
    "Recruitment Consultant - 20% commission",
])
def test_a_percentage_in_an_english_title_is_no_share_of_a_week(title: str) -> None:
    assert employment(title, "Manchester, UK", "Job type: Permanent",
                      "Salary: £28,000 per annum plus commission.") == "full_time"


def test_a_share_of_a_week_in_a_german_title_stays() -> None:
    assert employment("Verkäufer/in 50%", "Zürich", "Anstellung: unbefristet",
                      "Wir suchen für unsere Filiale eine Verkäuferin oder einen Verkäufer "
                      "mit Freude an der Beratung.") == "part_time"


@pytest.mark.parametrize(("text", "language"), [
    ("Você vai atuar com a nossa equipe de dados e com os clientes da empresa.", "pt"),
    ("Wij bieden je een vast contract en een goed salaris bij een fijne organisatie.", "nl"),
    ("Cerchiamo un infermiere per il reparto di medicina della nostra clinica.", "it"),
    ("Support our vast contract base. This is a 12-month contract position.", "en"),
    ("Buscamos un enfermero para nuestro hospital con experiencia en urgencias.", "es"),
])
def test_the_language_of_a_european_posting(text: str, language: str) -> None:
    assert language_of(text) == language
