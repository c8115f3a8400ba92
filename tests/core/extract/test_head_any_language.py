"""The head of a text posting in any language (title, place, pay) is read from the
cleaned text, with its evidence there: every value found has a span in it."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract


def _posting(*head: str) -> str:
    return "\n".join([*head, "", "Funciones", "- Mantenimiento preventivo de las instalaciones",
                      "- Reparaciones de fontanería y electricidad", "- Registro de incidencias",
                      "", "Requisitos", "- Formación profesional en electricidad",
                      "- Experiencia de dos años", "- Carné de conducir"]) + "\n"


SPANISH = _posting("Técnico/a de mantenimiento", "", "Hoteles Costa Brava", "Girona", "",
                   "Jornada completa · Contrato indefinido", "", "Publicado el 3 de marzo de 2026")
POLISH = _posting("Kierowca kat. C / Dostawca", "", "Trans-Mazury Sp. z o.o.", "Olsztyn, Jaroty",
                  "", "Rodzaj umowy: umowa o pracę", "Wynagrodzenie: 6 400 – 7 200 zł brutto",
                  "Praca od poniedziałku do piątku")
ITALIAN = _posting("Magazziniere carrellista", "", "Logistica Padana S.r.l.", "Piacenza (PC)", "",
                   "Contratto: tempo indeterminato", "Retribuzione: 1.600 € netti al mese",
                   "Turni a rotazione su due fasce")


@pytest.mark.parametrize("raw", [SPANISH, POLISH, ITALIAN])
def test_every_value_of_the_head_has_its_evidence_in_the_cleaned_text(raw: str) -> None:
    doc = clean(raw, "text")
    result = extract(doc)
    for name, value in result.fields.items():
        if value not in (None, [], {}):
            assert result.evidence.get(name), name


def test_the_title_is_the_first_line_and_points_at_it() -> None:
    """Was read from the lines cut above the posting, with no span in the cleaned text."""
    doc = clean(SPANISH, "text")
    result = extract(doc)
    assert result.fields["title"] == "Técnico/a de mantenimiento"
    assert [doc.markdown[a:b] for a, b in result.evidence["title"]] == [
        "Técnico/a de mantenimiento"]


@pytest.mark.parametrize(("raw", "place", "pay"), [
    (POLISH, "Olsztyn, Jaroty", (6400, 7200, "PLN")),
    (ITALIAN, "Piacenza (PC)", (1600, 1600, "EUR")),
])
def test_the_place_and_pay_of_the_head_are_read(raw: str, place: str,
                                                pay: tuple[int, int, str]) -> None:
    result = extract(clean(raw, "text"))
    assert result.fields["locations"] == [place]
    salary = result.fields["salary"]
    assert (salary["min"], salary["max"], salary["currency"]) == pay
