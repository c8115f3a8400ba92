"""Postings in German, French and Spanish: their labels ("Standort:", "Lieu :",
"Ubicación:") and section headings ("Ihr Profil", "Vos missions", "Requisitos") are read
as the English ones are, and their titles are known as titles ("(m/w/d)", "Ingeniera")."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.extract.dates import find_date
from reviewer.core.extract.salary import find_salary
from reviewer.core.extract.vocab import education_level, employment_type, remote_mode, seniority
from reviewer.core.words.lexicon import has_job_noun, section_field

GERMAN = """Projektleiterin Bau (m/w/d)

Unternehmen: Nordhaus Bau GmbH
Arbeitsort: Bremen
Referenznummer: NB-4471
Abteilung: Hochbau

## Ihre Aufgaben

- Steuerung von Bauprojekten im Hochbau
- Abstimmung mit Architekten und Behörden

## Ihr Profil

- Studium des Bauingenieurwesens oder eine vergleichbare Qualifikation
- Erfahrung in der Projektsteuerung

## Das bieten wir

- Firmenwagen auch zur privaten Nutzung
- Betriebliche Altersvorsorge
"""

FRENCH = """Technicienne de maintenance

Société : Ateliers Durand SAS
Lieu : Rennes
Référence : AD-2093

Vos missions
- Assurer la maintenance préventive des lignes de production
- Diagnostiquer les pannes électriques et mécaniques

Votre profil
- Formation en électrotechnique
- Rigueur et sens du travail en équipe

Ce que nous offrons
- Prime annuelle et mutuelle d'entreprise
- Restaurant d'entreprise sur le site
"""

SPANISH = """Ingeniera de Calidad

Empresa: Conservas del Norte S.A.
Ubicacion: Santander
Referencia: CN-118

Funciones
- Supervisar los controles de calidad de la planta
- Coordinar las auditorías con los clientes

Requisitos
- Conocimientos de normas ISO 9001
- Inglés de nivel alto

Qué ofrecemos
- Seguro médico para toda la familia
- Horario flexible de entrada
"""


@pytest.mark.parametrize(("text", "want"), [
    (GERMAN, {"title": "Projektleiterin Bau (m/w/d)", "company": "Nordhaus Bau GmbH",
              "locations": ["Bremen"], "requisition_id": "NB-4471", "department": "Hochbau"}),
    (FRENCH, {"title": "Technicienne de maintenance", "company": "Ateliers Durand SAS",
              "locations": ["Rennes"], "requisition_id": "AD-2093"}),
    (SPANISH, {"title": "Ingeniera de Calidad", "company": "Conservas del Norte S.A",
               "locations": ["Santander"], "requisition_id": "CN-118"}),
], ids=["de", "fr", "es"])
def test_labels_and_titles_of_other_languages_are_read(text: str, want: dict[str, object]) -> None:
    doc = clean(text, "text")
    fields = extract(doc).fields
    for name, value in want.items():
        assert fields[name] == value, name


@pytest.mark.parametrize("text", [GERMAN, FRENCH, SPANISH], ids=["de", "fr", "es"])
def test_sections_of_other_languages_feed_their_lists(text: str) -> None:
    fields = extract(clean(text, "text")).fields
    assert len(fields["responsibilities"]) == 2
    assert len(fields["required_qualifications"]) == 2
    assert len(fields["benefits"]) == 2


@pytest.mark.parametrize(("heading", "field"), [
    ("Ihr Profil", "required_qualifications"), ("Deine Aufgaben:", "responsibilities"),
    ("Wir bieten", "benefits"), ("Votre profil", "required_qualifications"),
    ("Vos missions", "responsibilities"), ("Nous offrons", "benefits"),
    ("¿Qué harás?", "responsibilities"), ("Qué ofrecemos", "benefits"),
    ("Responsabilidades", "responsibilities"), ("Se valorará", "preferred_qualifications"),
])
def test_headings_of_other_languages_name_their_section(heading: str, field: str) -> None:
    assert section_field(heading, loose=False) == (True, field)


def test_an_english_mission_is_no_list_of_duties() -> None:
    assert section_field("Our Mission", loose=False)[1] is None


@pytest.mark.parametrize(("text", "noun"), [
    ("Softwareentwicklerin Backend", True), ("Sachbearbeiter Einkauf", True),
    ("Chargé(e) de communication", True), ("Dependiente/a", True), ("Vendeur (H/F)", True),
    ("Bergmann Logistik GmbH", False), ("Commercial Real Estate Partners", False),
    ("Ingenieurbüro Weber", False), ("N/A", False),
])
def test_titles_of_other_languages_have_a_job_noun(text: str, noun: bool) -> None:
    assert has_job_noun(text) is noun


def test_a_french_label_with_a_space_before_its_colon_is_read() -> None:
    fields = extract(clean("Comptable\n\nLieu : Nantes\nEntreprise : Acme SA\n", "text")).fields
    assert fields["locations"] == ["Nantes"]
    assert fields["company"] == "Acme SA"


def test_a_word_in_lieu_of_a_label_in_english_is_no_place() -> None:
    text = ("Office Manager\n\nCompany: Acme Ltd\n\nYou may take time off in lieu: any "
            "extra hours are returned as leave.\n")
    assert extract(clean(text, "text")).fields["locations"] is None


@pytest.mark.parametrize(("text", "iso"), [
    ("3 de febrero de 2025", "2025-02-03"), ("7. Januar 2025", "2025-01-07"),
    ("31. März 2025", "2025-03-31"), ("1er mars 2025", "2025-03-01"),
    ("le 5 févr. 2025", "2025-02-05"), ("15 de dic. de 2024", "2024-12-15"),
    ("12 decembre 2024", "2024-12-12"), ("1. Okt. 2025", "2025-10-01"),
])
def test_dates_of_other_languages_are_read(text: str, iso: str) -> None:
    found = find_date(text)
    assert found is not None and found[0] == iso


def test_labelled_dates_of_other_languages_are_read() -> None:
    text = ("Ingeniero de Datos\n\nFecha de publicación: 3 de febrero de 2025\n"
            "Bewerbungsschluss: 7. März 2025\n\nBuscamos un ingeniero de datos con "
            "experiencia en pipelines y en la nube.\n")
    fields = extract(clean(text, "text")).fields
    assert fields["date_posted"] == "2025-02-03"
    assert fields["valid_through"] == "2025-03-07"


@pytest.mark.parametrize(("text", "pay"), [
    ("Salario: 40.000 € - 50.000 € brutos anuales", (40000, 50000, "year")),
    ("8,50 € por hora", (8.5, 8.5, "hour")),
    ("Gratification : 1 200 € / mois", (1200, 1200, "month")),
    ("55.000 – 65.000 EUR brutto/Jahr", (55000, 65000, "year")),
    ("Salaire entre 40 000 et 45 000 € par an", (40000, 45000, "year")),
    ("un sueldo de 1.500 a 1.800 € al mes", (1500, 1800, "month")),
    ("Gehalt ab 3.500 € brutto im Monat", (3500, None, "month")),
    ("Rémunération : jusqu'à 55 k€ par an", (None, 55000, "year")),
])
def test_pay_of_other_languages_is_read(text: str, pay: tuple[object, ...]) -> None:
    found = find_salary(text)
    assert found is not None
    assert (found[0]["min"], found[0]["max"], found[0]["period"]) == pay
    assert found[0]["currency"] == "EUR"


def test_a_province_before_the_pay_is_no_floor() -> None:
    found = find_salary("Calgary, AB $50,000 per year")
    assert found is not None and (found[0]["min"], found[0]["max"]) == (50000, 50000)


def test_a_firm_s_turnover_in_millions_is_no_pay() -> None:
    assert find_salary("Die Firma erzielte 2024 einen Umsatz von 40 Mio. € brutto.") is None


@pytest.mark.parametrize(("text", "kind"), [
    ("CDD", "temporary"), ("Contrat à durée déterminée", "temporary"),
    ("Contrato indefinido a jornada completa", "full_time"), ("unbefristet", "full_time"),
    ("Parcial - 25 horas semanales", "part_time"), ("Temps partiel", "part_time"),
    ("Temporal (campaña de verano)", "temporary"), ("contrato temporal", "temporary"),
    ("Stage - Data Analyst (6 mois)", "internship"), ("Prácticas de verano", "internship"),
    ("Stage Manager", None), ("an early stage startup", None),
    ("Temporal Data Engineer", None),
])
def test_terms_of_other_languages_are_read(text: str, kind: str | None) -> None:
    assert employment_type(text) == kind


@pytest.mark.parametrize(("text", "mode"), [
    ("Hybrid – bis zu 2 Tage Homeoffice", "hybrid"), ("télétravail 2 jours par semaine", "hybrid"),
    ("100% remoto desde cualquier ciudad", "remote"), ("100 % Homeoffice", "remote"),
    ("Télétravail complet", "remote"), ("kein Homeoffice", "onsite"),
    ("pas de télétravail", "onsite"), ("Homeoffice: nein", "onsite"),
])
def test_work_from_home_in_other_languages_is_read(text: str, mode: str) -> None:
    found = remote_mode(text)
    assert found is not None and found[0] == mode


@pytest.mark.parametrize(("text", "level"), [
    ("Abgeschlossenes Studium der Informatik", "bachelor"), ("Bac+3 en gestion", "bachelor"),
    ("Grado en Ingeniería Informática", "bachelor"), ("Master 2 en statistiques", "master"),
    ("Máster en finanzas", "master"), ("Doctorat en chimie", "doctorate"),
    ("Educación Secundaria Obligatoria", "high_school"), ("Abitur", "high_school"),
    ("a diploma in nursing", None), ("a driving licence", None),
])
def test_degrees_of_other_languages_are_read(text: str, level: str | None) -> None:
    assert education_level(text) == level


@pytest.mark.parametrize(("title", "level"), [
    ("Stage - Contrôleur de gestion", "intern"), ("Praktikant Vertrieb (m/w/d)", "intern"),
    ("Becaria de Marketing", "intern"), ("Directora Financiera", "director"),
    ("Stage Manager", "manager"),
])
def test_ranks_of_other_languages_are_read(title: str, level: str) -> None:
    found = seniority(title)
    assert found is not None and found[0] == level


def test_a_french_posting_s_terms_hours_years_and_home_office_are_read() -> None:
    text = ("Comptable (H/F)\n\nType de contrat : CDD\nDurée hebdomadaire : 35h/semaine\n"
            "Expérience : 2 ans minimum\n\nVos missions\n- Tenir la comptabilité "
            "fournisseurs\n- Préparer les clôtures mensuelles\n\nAvantages : tickets "
            "restaurant, télétravail 1 jour par semaine.\n")
    fields = extract(clean(text, "text")).fields
    assert fields["employment_type"] == "temporary"
    assert fields["work_hours"] == 35
    assert fields["experience_years"] == 2
    assert fields["remote"] == "hybrid"


def test_weekly_hours_of_other_languages_are_read() -> None:
    text = ("Dependiente/a\n\nBuscamos dependiente para nuestra tienda de Valencia, con un "
            "contrato de 25 horas semanales y turnos de mañana.\n")
    assert extract(clean(text, "text")).fields["work_hours"] == 25


@pytest.mark.parametrize(("item", "years"), [
    ("Mindestens 4 Jahre Berufserfahrung im Vertrieb", 4),
    ("Une première expérience de 3 ans en comptabilité", 3),
    ("Al menos 6 años de experiencia en logística", 6),
    ("3-5 Jahre Erfahrung mit SAP", 3),
])
def test_years_of_experience_of_other_languages_are_read(item: str, years: int) -> None:
    text = f"Sachbearbeiter Einkauf (m/w/d)\n\n## Ihr Profil\n\n- {item}\n- Teamgeist\n"
    assert extract(clean(text, "text")).fields["experience_years"] == years


def test_an_employer_s_own_years_are_no_experience_asked_for() -> None:
    text = ("Sachbearbeiter Einkauf (m/w/d)\n\nWir haben 25 Jahre Erfahrung im Großhandel "
            "und suchen Verstärkung für unser Team.\n")
    assert extract(clean(text, "text")).fields["experience_years"] is None
