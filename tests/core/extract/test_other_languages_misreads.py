"""German, French and Spanish postings: years that are not the experience asked for,
words of terms or of work denied where a title or a place is written, and labels that
are common English words, none of them read as the fields they are not."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.extract.label_values import _read_label
from reviewer.core.extract.vocab import remote_mode


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


@pytest.mark.parametrize(("text", "title"), [
    ("Elektriker (m/w/d)\n\nSchulz Elektrotechnik GmbH, Stuttgart\n\nStelle: Vollzeit oder "
     "Teilzeit\nGehalt: 3.200 € brutto im Monat\n", "Elektriker (m/w/d)"),
    ("Technicien de maintenance (H/F)\n\nUsines Dupont, Lille\n\nPoste : CDI, temps plein\n"
     "Rémunération : 2 100 € net / mois\n", "Technicien de maintenance (H/F)"),
    ("Camarero/a\n\nHotel Sol, Valencia\n\nPuesto: Jornada completa\n", "Camarero/a"),
])
def test_a_title_label_stating_only_terms_gives_no_title(text: str, title: str) -> None:
    assert _fields(text)["title"] == title


def test_a_spanish_label_that_is_an_english_word_is_no_label_in_english() -> None:
    text = ("Air Cargo Agent\n\nSwift Aviation Services, Miami International Airport\n\n"
            "Cargo: General, perishable and dangerous goods\nShift: Nights\n\n"
            "Responsibilities\n- Build ULDs\n- Check airway bills\n")
    fields = _fields(text)
    assert fields["title"] == "Air Cargo Agent"
    assert not str(fields["company"] or "").startswith("Air Cargo Agent")


@pytest.mark.parametrize(("line", "field"), [
    ("Service: 24/7 operations", "department"), ("Datum: WGS84", "date_posted"),
    ("Formation: Permian Basin", "education"), ("Cargo: Dangerous goods", "title"),
])
def test_labels_of_other_languages_that_are_english_words_are_read_as_english(
        line: str, field: str) -> None:
    text = (f"Freight Coordinator\n\nCompany: Acme Logistics\n{line}\n\n"
            "Responsibilities\n- Coordinate the shipments of the warehouse\n")
    fields = _fields(text)
    assert fields["title"] == "Freight Coordinator"
    assert fields[field] in (None, "Freight Coordinator")


@pytest.mark.parametrize(("text", "field", "value"), [
    ("Puesto de trabajo en la empresa\n\nCargo: Jefe de Ventas\nEmpresa: Distribuciones "
     "García\n\nBuscamos una persona para el equipo de ventas con experiencia en la zona.\n",
     "title", "Jefe de Ventas"),
    ("Comptable (H/F)\n\nService : Comptabilité\n\nVous rejoindrez notre équipe pour la "
     "tenue des comptes et la préparation des clôtures.\n", "department", "Comptabilité"),
])
def test_those_labels_are_read_in_a_posting_of_their_language(text: str, field: str,
                                                              value: str) -> None:
    assert _fields(text)[field] == value


def test_a_title_line_over_a_labelled_title_is_no_company() -> None:
    text = ("Air Cargo Agent\n\nSwift Aviation Services, Miami International Airport\n\n"
            "Position: Ramp and cargo handling\n\nResponsibilities\n- Build ULDs\n")
    assert not str(_fields(text)["company"] or "").startswith("Air Cargo Agent")


@pytest.mark.parametrize("line", [
    "Homeoffice ist leider nicht möglich.", "Homeoffice ist nicht vorgesehen.",
    "Télétravail impossible pour ce poste.", "Le télétravail n'est pas possible.",
    "Teletrabajo no disponible para este puesto.", "El teletrabajo no es posible.",
])
def test_home_office_denied_after_its_mention_is_no_remote_work(line: str) -> None:
    found = remote_mode(line)
    assert found is None or found[0] == "onsite"


def test_a_place_label_giving_a_denied_way_of_working_names_no_place() -> None:
    text = ("Technicien de maintenance (H/F)\n\nUsines Dupont, Lille\n\n"
            "Lieu : Télétravail complet impossible, sur site\n\nVos missions\n"
            "- Maintenance préventive\n- Dépannage\n")
    fields = _fields(text)
    assert fields["remote"] in (None, "onsite")
    assert "Télétravail complet impossible, sur site" not in (fields["locations"] or [])


def test_home_office_denied_in_a_german_posting_is_no_hybrid_work() -> None:
    text = ("Buchhalter (m/w/d)\n\nFirma: Weber AG\n\nHomeoffice ist leider nicht möglich."
            "\n\nIhre Aufgaben\n- Buchhaltung und Abschlüsse erstellen\n")
    assert _fields(text)["remote"] in (None, "onsite")


@pytest.mark.parametrize(("value", "places"), [
    ("Télétravail complet impossible, sur site", None),
    ("Télétravail impossible – Lille", ["Lille"]), ("No remote, Leeds", ["Leeds"]),
    ("Kein Homeoffice – München", ["München"]), ("Remote (US)", ["Remote (US)"]),
])
def test_a_way_of_working_a_place_label_denies_is_no_place(value: str,
                                                           places: list[str] | None) -> None:
    found = _read_label("locations", value)
    assert (found[0] if found else None) == places
