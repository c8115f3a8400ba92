"""Employers' names as European postings write them: the small words inside a name ("de",
"do", "di", "van der", "im"), a legal form of many words ("GmbH & Co. KG", "S.A. de C.V.",
"Sp. z o.o."), a name opened by the kind of body it is ("Clinique …", "Gemeente …"), and
the labels over it ("Arbeitgeber:", "Empresa:").

Every posting here is made up for the tests.
"""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract


def _found(text: str) -> tuple[object, list[str]]:
    """(the company, the text of its evidence spans) extracted from ``text``."""
    doc = clean(text, "text")
    result = extract(doc)
    spans = result.evidence.get("company") or []
    return result.fields["company"], [doc.markdown[a:b] for a, b in spans]


def _under_title(name: str) -> str:
    return (f"Warehouse Operative\n\n{name}\n\nLocation: Berlin\n\nResponsibilities\n"
            "- Picking\n- Packing\n\nRequirements\n- Forklift licence\n")


@pytest.mark.parametrize("name", [
    "Hospital Particular do Tejo, S.A.",
    "Autopartes del Bajío S.A. de C.V.",
    "Müller Transporte GmbH & Co. KG",
    "Banco de la Nación S.A.",
    "Van der Valk Installatietechniek B.V.",
    "Société Générale de Transport SAS",
    "Cassa di Risparmio di Asti S.p.A.",
    "Stadtwerke München GmbH",
    "Transportadora Paulista de Cargas Ltda.",
    "Libreria Tiburtina S.r.l.",
    "Wielkopolskie Centrum Dystrybucji Sp. z o.o.",
    "Fiduciaire Vandersmissen SRL",
    "Västkustens Sjukhus AB",
    "Österreichische Bundesforste AG",
    "Klinikum am Urban GmbH",
    "Kinderfreunde Wien-Nord gemeinnützige GmbH",
])
def test_a_legal_name_keeps_its_small_words_and_its_whole_legal_form(name: str) -> None:
    """Was: "Tejo, S.A.", "Bajío S.A.", "Müller Transporte GmbH", "Nación S.A.", "Valk
    Installatietechniek B.V.", "Asti S.p.A.", or nothing: the name cut at its first
    lowercase word or at the first word of its legal form, the evidence cut with it."""
    assert _found(_under_title(name)) == (name, [name])


@pytest.mark.parametrize(("sentence", "name"), [
    ("Wir, die Müller Transporte GmbH & Co. KG, sind ein Familienunternehmen.",
     "Müller Transporte GmbH & Co. KG"),
    ("Als Teil der Kranich Logistik GmbH arbeiten Sie im Lager.", "Kranich Logistik GmbH"),
    ("Die Pflege am Klinikum Nord GmbH ist ausgezeichnet.", "Klinikum Nord GmbH"),
    ("Ein Projekt von Kranich Logistik GmbH für den Hafen.", "Kranich Logistik GmbH"),
    ("Wij werken voor Van den Broek Bouw B.V. in Utrecht.", "Van den Broek Bouw B.V."),
    ("Since 1990, Francois & Co. has sold fine tiles.", "Francois & Co."),
    ("Vi er Jysk Fragt & Lager ApS i Aarhus.", "Jysk Fragt & Lager ApS"),
    ("Rejoignez la Caisse d'Épargne de Lyon SA pour ce poste.", "Caisse d'Épargne de Lyon SA"),
    ("En el Banco de la Nación S.A. buscamos personas comprometidas.",
     "Banco de la Nación S.A."),
])
def test_a_legal_name_in_a_sentence_keeps_its_words_not_the_sentences(
        sentence: str, name: str) -> None:
    text = f"Lagerarbeiter\n\nStandort: Berlin\n\n{sentence}\n\nAufgaben\n- Kommissionieren\n"
    assert _found(text)[0] == name


@pytest.mark.parametrize("name", [
    "Clinique du Parc Saint-Rambert",
    "Grupo Hospitalario Sierra Norte",
    "Ziekenhuis Domstad",
    "Gemeente Utrecht",
    "Ayuntamiento de Madrid",
    "Comune di Torino",
    "Ville de Lyon",
    "Urząd Miasta Krakowa",
    "Escola Ponte Idiomas",
    "Migrosa Genossenschaft Zürich",
])
def test_a_name_opened_by_the_kind_of_body_it_is_is_the_employer(name: str) -> None:
    """Was: nothing, a name under the title read only by English words ("University",
    "Hospital", "City of")."""
    assert _found(_under_title(name)) == (name, [name])


@pytest.mark.parametrize(("label", "name"), [
    ("Arbeitgeber", "Stadtwerke München GmbH"),
    ("Entreprise", "Ville de Lyon"),
    ("Empresa", "Ayuntamiento de Madrid"),
    ("Azienda", "Comune di Torino"),
    ("Werkgever", "Gemeente Utrecht"),
    ("Pracodawca", "Urząd Miasta Krakowa"),
    ("Arbetsgivare", "Region Stockholm"),
])
def test_a_labelled_employer_in_other_languages(label: str, name: str) -> None:
    text = f"Warehouse Operative\n\n{label}: {name}\n\nResponsibilities\n- Picking\n"
    assert _found(text)[0] == name


@pytest.mark.parametrize("line", [
    "Jetzt bewerben und durchstarten",
    "Vollzeit oder Teilzeit",
    "Berlin-Spandau",
    "Ihre Aufgaben",
])
def test_a_line_under_the_title_that_names_no_body_is_no_employer(line: str) -> None:
    assert _found(_under_title(line))[0] is None
