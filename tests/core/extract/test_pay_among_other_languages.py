"""Pay in English is read by English words, not by German, French or Spanish words it
happens to hold ("manual" is no "anual", a lone "a" no Spanish range); and the pay those
languages write ("45 Tsd. €", "4.000,- €") is read as they mean."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract
from reviewer.core.extract.salary import find_salary


def _pay(text: str, labelled: bool = False) -> tuple[object, ...] | None:
    found = find_salary(text, labelled)
    return None if found is None else tuple(found[0][k] for k in ("min", "max", "currency",
                                                                     "period"))


def test_a_word_holding_a_period_word_is_no_period() -> None:
    """"manual" ends in the Spanish "anual"; it says no pay period."""
    text = "Warehouse Operative\n\nLocation: Leeds\nPay: $18, manual handling role\n"
    assert extract(clean(text, "text")).fields["salary"] == {
        "min": 18, "max": 18, "currency": "USD", "period": "hour"}
    assert _pay("Salario: 30.000 € brutos anuales") == (30000, 30000, "EUR", "year")
    assert _pay("Salaire : 36 000 € brut annuel") == (36000, 36000, "EUR", "year")


@pytest.mark.parametrize(("text", "pay"), [
    ("We pay $150 a 3-hour session, plus travel.", (150, 150, "USD")),
    ("un sueldo de 1.500 a 1.800 € al mes", (1500, 1800, "EUR")),
    ("Salario: 1.200 a 1.400 € al mes", (1200, 1400, "EUR")),
    ("Sueldo entre 20.000 y 24.000 euros al año", (20000, 24000, "EUR")),
])
def test_a_lone_a_joins_two_amounts_only_in_a_spanish_range(
        text: str, pay: tuple[object, ...]) -> None:
    assert (_pay(text) or ())[:3] == pay


@pytest.mark.parametrize(("text", "pay"), [
    ("Gehalt: 45 Tsd. € p.a.", (45000, 45000, "EUR", "year")),
    ("Gehalt: 4.000,- € brutto monatlich", (4000, 4000, "EUR", "month")),
    ("Stundenlohn: 14,- €", (14, 14, "EUR", "hour")),
    ("Gehalt: 3.500,- bis 4.000,- € brutto im Monat", (3500, 4000, "EUR", "month")),
])
def test_german_pay_written_as_germans_write_it_is_read(
        text: str, pay: tuple[object, ...]) -> None:
    assert _pay(text) == pay
