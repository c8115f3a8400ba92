"""The period and currency of a pay said beside other figures and places: the week of
the hours that follow a pay only where the pay is for those hours; a gross sum after a
net one with its own period; a bare "$" of a Latin American posting in pesos unless the
posting is written in English; and a "kr" in the crown of the posting's own places."""

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


def posting(*lines: str) -> Any:
    text = "\n\n".join(["# Backend Engineer", *lines])
    return extract(CleanDoc(text + "\n", "text")).fields["salary"]


@pytest.mark.parametrize(("text", "pay"), [
    ("Compensation: $65,000 - $75,000 DOE, full-time (40 hours per week).",
     (65000, 75000, "USD", "year")),
    ("Salary: $90,000 - $110,000, 40 hours per week, 2 weeks on site per quarter.",
     (90000, 110000, "USD", "year")),
    ("Pay: $18 - $22 DOE, 30-40 hours per week.", (18, 22, "USD", "hour")),
    ("Wage: $18, 40 hours per week, Monday to Friday.", (18, 18, "USD", "hour")),
    ("Gehalt: 3.500 € brutto, 40 Stunden pro Woche, unbefristet.", (3500, 3500, "EUR", None)),
    ("Salaris: € 2.800 bruto, 38 uur per week.", (2800, 2800, "EUR", None)),
    ("Pay: $65,000 for 40 hours a week.", (65000, 65000, "USD", "year")),
    # the sum for the hours, and a week's pay for them
    ("Pay: $600 for 40 hours a week.", (600, 600, "USD", "week")),
])
def test_the_hours_week_is_the_pay_s_only_where_the_pay_is_for_them(
        text: str, pay: tuple[object, ...]) -> None:
    """Was: "$65,000 - $75,000 DOE, full-time (40 hours per week)" was paid by the week."""
    assert _pay(text) == pay


@pytest.mark.parametrize(("text", "pay"), [
    ("Salary: €1,400 net per month, €24,000 gross per year.", (24000, 24000, "EUR", "year")),
    ("Gehalt: 2.100 € netto monatlich (38.000 € brutto jährlich).",
     (38000, 38000, "EUR", "year")),
    ("£400 net per week (£26,000 gross a year).", (26000, 26000, "GBP", "year")),
    ("Pay: $3,400 net a month ($52,000 gross per year).", (52000, 52000, "USD", "year")),
    ("Salary: €30,000 net per year, €2,900 gross per month.", (2900, 2900, "EUR", "month")),
    ("Salary: €1,400 net, €1,900 gross, per month.", (1900, 1900, "EUR", "month")),
    ("Salary: €3,000 net per month, €20,000 gross per year.", (3000, 3000, "EUR", "month")),
])
def test_a_gross_sum_keeps_its_own_period(text: str, pay: tuple[object, ...]) -> None:
    """Was: "€1,400 net per month, €24,000 gross per year" was €24,000 a month."""
    assert _pay(text) == pay


@pytest.mark.parametrize(("lines", "currency"), [
    (("Cajero\n\nGuadalajara, Jalisco, México",
      "Sueldo: $9,500 mensuales más prestaciones de ley."), "MXN"),
    (("Mexico City, Mexico", "We are looking for a bilingual manager to support our "
      "clients in the region.", "Salary: $35,000 - $45,000 pesos per month."), "MXN"),
    (("Medellín, Colombia", "Work from our Medellín office supporting US customers. "
      "English C1 required.", "Salary: $3.500.000 per month plus bonuses."), "COP"),
    (("Santiago, Chile", "We are looking for a bilingual sales agent for our call center.",
      "Salary: $850.000 per month plus commissions."), "CLP"),
    (("Santiago, Chile", "We are looking for a bilingual sales agent for our call center.",
      "Salary: $3,000 - $4,500 per month."), "USD"),
    (("Mexico City, Mexico", "We are hiring a sales manager. "
      "Salary: $40,000 - $50,000 per year."), "USD"),
])
def test_a_bare_dollar_of_latin_america_is_a_peso_unless_said_in_english(
        lines: tuple[str, ...], currency: str) -> None:
    """Was: a short Spanish posting, "pesos" by the sum and "$3.500.000" were US dollars."""
    assert posting(*lines)["currency"] == currency


@pytest.mark.parametrize(("lines", "currency"), [
    (("Bergen", "We build payment terminals used by retailers across Sweden and Finland. "
      "You will work on our platform with Kotlin and Postgres.",
      "Salary: 650 000 - 750 000 kr per year."), "NOK"),
    (("Aalborg", "We build payment terminals. Our sister team sits in Malmö. You will work "
      "on our platform with Kotlin.", "Salary: 45 000 kr per month."), "DKK"),
    (("Oslo, Norway", "We are a fintech scale-up serving banks in Sweden. You will work on "
      "our payments platform with Kotlin and Postgres.",
      "Salary: 55 000 - 65 000 kr per month."), "NOK"),
])
def test_a_crown_of_an_english_posting_is_its_own_places(lines: tuple[str, ...],
                                                         currency: str) -> None:
    """Was: a "kr" took the country of any place the posting named ("retailers across
    Sweden" made Bergen's pay Swedish)."""
    assert posting(*lines)["currency"] == currency
