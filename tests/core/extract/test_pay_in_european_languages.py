"""Pay as Dutch, Italian, Portuguese, Polish and Scandinavian postings write it ("€ 4.000 -
€ 5.500 per maand", "€ 1.850,00 lordi mensili", "R$ 5.500,00 a R$ 6.800,00", "38 000 –
44 000 kr/mån"); its period, not the period of the hours beside it; the gross pay where a
net one is given too; and the peso a bare "$" of a Latin American posting stands for."""

from __future__ import annotations

from typing import Any

import pytest

from reviewer.core.extract import extract
from reviewer.core.extract.salary import find_salary
from reviewer.core.schema import CleanDoc


def _pay(text: str) -> tuple[object, ...] | None:
    found = find_salary(text)
    return None if found is None else tuple(found[0][k] for k in ("min", "max", "currency",
                                                                     "period"))


def salary(*lines: str) -> Any:
    text = "\n\n".join(["# Pflegekraft", *lines, "Pflege der Patienten und Dokumentation."])
    return extract(CleanDoc(text + "\n", "text")).fields["salary"]


@pytest.mark.parametrize(("text", "pay"), [
    ("Salaris: € 4.000 - € 5.500 per maand", (4000, 5500, "EUR", "month")),
    ("Salaris: € 60.000 bruto per jaar", (60000, 60000, "EUR", "year")),
    ("Retribuzione: € 1.850,00 lordi mensili", (1850, 1850, "EUR", "month")),
    ("Retribuzione: 12 € lordi all'ora", (12, 12, "EUR", "hour")),
    ("Salário: R$ 5.500,00 a R$ 6.800,00", (5500, 6800, "BRL", None)),
    ("Salário: R$ 5.500,00 a R$ 6.800,00 por mês", (5500, 6800, "BRL", "month")),
    ("Vencimento: 1.600 € brutos mensais", (1600, 1600, "EUR", "month")),
    ("Wynagrodzenie: 5 200 – 6 100 zł brutto miesięcznie", (5200, 6100, "PLN", "month")),
    ("Wynagrodzenie: 18 000 – 23 000 zł brutto / mies.", (18000, 23000, "PLN", "month")),
    ("Wir zahlen 3.000 € im Monat", (3000, 3000, "EUR", "month")),
])
def test_pay_in_more_european_languages_is_read(text: str, pay: tuple[object, ...]) -> None:
    assert _pay(text) == pay


@pytest.mark.parametrize(("line", "pay"), [
    ("Lön: 38 000 – 44 000 kr/mån. Vi söker en sjuksköterska som är trygg i sin roll och "
     "att arbeta i team.", (38000, 44000, "SEK", "month")),
    ("Lønn: 750 000 – 900 000 kr per år. Vi søker en ingeniør med erfaring av elkraft og "
     "ikke minst lyst til å lære etter studiene.", (750000, 900000, "NOK", "year")),
    ("Løn: 180 kr. i timen. Vi søger en lagermedarbejder med erfaring af lager, efter "
     "aftale.", (180, 180, "DKK", "hour")),
])
def test_crowns_are_the_crowns_of_the_posting_s_language(line: str,
                                                          pay: tuple[object, ...]) -> None:
    assert tuple(salary(line).values()) == pay


def test_the_period_of_the_hours_is_not_the_pay_s() -> None:
    """Was: "24 - 32 uur per week | € 3.400 – € 4.800 bruto per maand" was paid by the
    week, the hours' period said nearer the figure."""
    assert _pay("24 - 32 uur per week | € 3.400 – € 4.800 bruto per maand") == (
        3400, 4800, "EUR", "month")
    assert _pay("Gehalt: 38,5 Stunden pro Woche | 3.200 € brutto") == (
        3200, 3200, "EUR", None)


def test_a_minimum_paid_so_many_times_a_year_is_a_monthly_floor() -> None:
    """Was: "(14x jährlich)", how many times a year the pay is paid, gave the period, and
    the minimum was read as the whole pay."""
    text = ("Entlohnung nach KV: Das monatliche Mindestgehalt beträgt € 2.870,10 brutto "
            "(14x jährlich) auf Basis Vollzeit.")
    assert _pay(text) == (2870.1, None, "EUR", "month")


@pytest.mark.parametrize(("text", "pay"), [
    ("Gehalt: 2.100 € netto, 3.000 € brutto monatlich", (3000, 3000, "EUR", "month")),
    ("Salaire : 1 650 € net, soit 2 100 € brut par mois", (2100, 2100, "EUR", "month")),
    # a sum net of VAT (an invoice's) is the pay as given
    ("Widełki: 22 000 – 28 000 PLN netto + VAT / mies. (B2B) lub 18 000 – 23 000 zł brutto "
     "/ mies. (UoP)", (22000, 28000, "PLN", "month")),
])
def test_the_gross_pay_is_read_where_a_net_one_is_given_too(
        text: str, pay: tuple[object, ...]) -> None:
    assert _pay(text) == pay


@pytest.mark.parametrize(("place", "currency"), [
    ("Guadalajara, Jalisco, México", "MXN"),
    ("Buenos Aires, Argentina", "ARS"),
    ("Santiago, Chile", "CLP"),
    ("Bogotá, Colombia", "COP"),
    ("Montevideo, Uruguay", "UYU"),
    ("Madrid", "USD"),  # a place of no country of pesos: the sign as written
])
def test_a_bare_dollar_in_a_country_of_pesos_is_its_peso(place: str, currency: str) -> None:
    """Was: "Sueldo: $18.000 mensuales" in a posting from Mexico was in US dollars."""
    found = salary(f"Ubicación: {place}", "Sueldo: $18.000 mensuales")
    assert found == {"min": 18000, "max": 18000, "currency": currency, "period": "month"}


def test_a_real_sign_is_brazil_s_wherever_the_posting_is() -> None:
    found = salary("Location: Toronto, ON", "Remuneração: R$ 45,00 por hora-aula")
    assert found == {"min": 45, "max": 45, "currency": "BRL", "period": "hour"}
