"""German, French and Spanish postings: years that are not the experience asked for,
words of terms or of work denied where a title or a place is written, and labels that
are common English words, none of them read as the fields they are not."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract


def _fields(text: str) -> dict[str, object]:
    return extract(clean(text, "text")).fields


@pytest.mark.parametrize("line", [
    "Die Müller Logistik GmbH blickt auf 30 Jahre Erfahrung in der Kontraktlogistik zurück.",
    "Fort de 20 ans d'expérience, le Groupe Lumière accompagne les PME.",
    "Con más de 15 años de experiencia en el sector, Soluciones Ibéricas es líder.",
    "Befristet auf 2 Jahre, Einstieg auch ohne Berufserfahrung möglich.",
    "Contrat : CDD de 2 ans – aucune expérience requise",
    "Contrato de 2 años, no se requiere experiencia previa.",
    "Sin experiencia: 2 años de contrato.",
])
def test_years_not_asked_of_the_candidate_are_no_experience(line: str) -> None:
    text = f"Sachbearbeiter Einkauf (m/w/d)\n\n{line}\n\n## Ihre Aufgaben\n\n- Einkauf\n"
    assert _fields(text)["experience_years"] is None


@pytest.mark.parametrize("item", [
    "Mayor de 18 años con experiencia en atención al cliente",
    "Sie sind mindestens 21 Jahre alt und haben Erfahrung im Straßenverkehr",
    "Âgé de 18 ans, avec une expérience en vente",
])
def test_an_age_asked_for_is_no_experience(item: str) -> None:
    text = f"Fahrer (m/w/d)\n\n## Ihr Profil\n\n- {item}\n- Führerschein Klasse B\n"
    assert _fields(text)["experience_years"] is None


@pytest.mark.parametrize(("line", "years"), [
    ("Sie bringen 3 Jahre Berufserfahrung im Einkauf mit.", 3),
    ("Wir erwarten mindestens 2 Jahre Erfahrung in der Buchhaltung.", 2),
    ("Vous justifiez de 2 ans d'expérience en comptabilité.", 2),
    ("Vous avez une expérience de 2 ans minimum en vente.", 2),
    ("Buscamos a alguien con 3 años de experiencia en ventas.", 3),
    ("Se requiere experiencia mínima de 4 años en el puesto.", 4),
])
def test_years_of_the_experience_asked_for_are_read_out_of_a_list(line: str,
                                                                   years: int) -> None:
    text = f"Sachbearbeiter Einkauf (m/w/d)\n\n{line}\n\n## Ihre Aufgaben\n\n- Einkauf\n"
    assert _fields(text)["experience_years"] == years
