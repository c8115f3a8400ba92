"""The terms, dates and places of postings in German, French, Spanish, Portuguese,
Italian, Dutch, Polish and the Nordic languages: remote work they deny, permanence that
says nothing of the hours, the words of full time, the labels of the dates, a degree
that is only a plus, and a postcode before a city."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract


def fields(line: str, *more: str, title: str = "Mitarbeiter (m/w/d)") -> dict[str, object]:
    text = "\n\n".join([title, "Example GmbH", line, *more,
                        "Aufgaben\n- Kasse\n- Beratung", "Profil\n- Ausbildung"])
    return extract(clean(text + "\n", "text")).fields


@pytest.mark.parametrize("line", [
    "Homeoffice: nicht möglich",
    "No se ofrece teletrabajo",
    "Trabajo 100% presencial, sin opción de teletrabajo",
    "Télétravail : non possible",
    "Kein Homeoffice möglich, Arbeit vor Ort",
    "Teletrabalho: não",
    "Smart working: non disponibile",
    "Thuiswerken: niet mogelijk",
])
def test_remote_work_denied_is_no_hybrid(line: str) -> None:
    assert fields(line)["remote"] in (None, "onsite")


@pytest.mark.parametrize(("line", "mode"), [
    ("Homeoffice an zwei Tagen pro Woche möglich", "hybrid"),
    ("Teletrabajo: 2 días por semana", "hybrid"),
    ("Télétravail possible 2 jours par semaine", "hybrid"),
])
def test_remote_work_offered_stays_read(line: str, mode: str) -> None:
    assert fields(line)["remote"] == mode


@pytest.mark.parametrize(("line", "kind"), [
    ("Anstellung: unbefristet, Pensum 50 %", "part_time"),
    ("Contrato indefinido, media jornada", "part_time"),
    ("Contratto a tempo indeterminato, part time 20 ore", "part_time"),
    ("Vast contract, deeltijd", "part_time"),
    ("Anstellung: unbefristet, Pensum 100 %", "full_time"),
    ("Anstellung: unbefristet", "full_time"),
    ("Contrat : CDI à temps partiel (24h/semaine)", "part_time"),
])
def test_permanence_gives_way_to_the_hours(line: str, kind: str) -> None:
    assert fields(line)["employment_type"] == kind


def test_a_workload_of_a_range_below_a_full_week_is_no_full_time() -> None:
    assert fields("Anstellungsart: unbefristet",
                  title="Wissenschaftlicher Mitarbeiter Luftreinhaltung (80–100 %)"
                  )["employment_type"] is None


def test_a_workload_under_a_full_week_in_the_title_is_part_time() -> None:
    assert fields("Genève", title="Enseignant-e de mathématiques – taux d'activité 50%"
                  )["employment_type"] == "part_time"


@pytest.mark.parametrize("line", [
    "Omfattning: Heltid",
    "Stillingen er på fuldtid (37 timer om ugen) i dagskift.",
    "Stillingstype: Fast stilling, heltid",
    "Wymiar etatu: pełny etat",
    "Horário: tempo inteiro (40 horas semanais), por turnos",
    "Regime de contratação: CLT (efetivo)",
    "Dienstverband: fulltime",
    "Vollzeit (Teilzeit möglich) · unbefristet",
    "CDI – Temps plein",
])
def test_full_time_in_other_languages(line: str) -> None:
    assert fields(line)["employment_type"] == "full_time"


@pytest.mark.parametrize(("line", "field", "date"), [
    ("Veröffentlicht am 01.03.2026", "date_posted", "2026-03-01"),
    ("Publicerad: 2026-03-02", "date_posted", "2026-03-02"),
    ("Date d'affichage : 2026-03-03", "date_posted", "2026-03-03"),
    ("Publicada em 03/03/2026 · R$ 5.000", "date_posted", "2026-03-03"),
    ("Publicado el 15 de marzo de 2026", "date_posted", "2026-03-15"),
    ("Sista ansökningsdag: 2026-03-31", "valid_through", "2026-03-31"),
    ("Søknadsfrist: 1. april 2026", "valid_through", "2026-04-01"),
    ("Ansøgningsfrist: 20. marts 2026", "valid_through", "2026-03-20"),
    ("Ogłoszenie ważne do: 28.03.2026", "valid_through", "2026-03-28"),
    ("Candidaturas até 31/03/2026", "valid_through", "2026-03-31"),
    ("Solliciteren kan tot en met 26 maart 2026.", "valid_through", "2026-03-26"),
    ("Scadenza candidature: 31 marzo 2026", "valid_through", "2026-03-31"),
    ("Zgłoszenia do 15 marca 2026", "valid_through", "2026-03-15"),
    ("Inscrições até 10 de março de 2026", "valid_through", "2026-03-10"),
])
def test_dates_of_other_languages(line: str, field: str, date: str) -> None:
    assert fields(line)[field] == date


@pytest.mark.parametrize("line", [
    "Licenciatura em Letras é um diferencial",
    "Abgeschlossenes Studium von Vorteil",
    "Abgeschlossenes Hochschulstudium wünschenswert",
    "Licence professionnelle : un plus",
    "Se valorará licenciatura en Filología",
    "Bachelor diploma gewenst",
    "Licencjat mile widziany",
    "Kandidatexamen (bachelor) är meriterande",
])
def test_a_degree_that_is_a_plus_is_no_requirement(line: str) -> None:
    text = "\n\n".join(["Professor de Inglês", "Escola Ponte", "Requisitos",
                        f"- {line}", "- Inglês fluente"])
    assert extract(clean(text + "\n", "text")).fields["education"] is None


def test_a_degree_asked_for_stays() -> None:
    text = "\n\n".join(["Professor de Inglês", "Escola Ponte", "Requisitos",
                        "- Licenciatura em Letras", "- Inglês fluente"])
    assert extract(clean(text + "\n", "text")).fields["education"] == "bachelor"


@pytest.mark.parametrize(("line", "city"), [
    ("Dienstort: 1210 Wien, Floridsdorf", "Wien"),
    ("Arbeitsort: 80331 München", "München"),
])
def test_a_postcode_and_a_city_give_the_city(line: str, city: str) -> None:
    places = fields(line)["locations"]
    assert isinstance(places, list) and places and city in places[0]
