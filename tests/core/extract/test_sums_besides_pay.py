"""A sum paid besides the pay (a bonus, a stipend for housing, a shift differential, the
earnings with tips) is not the salary; the wage stated beside it is."""

from __future__ import annotations

from typing import Any

import pytest

from reviewer.core.extract import extract
from reviewer.core.schema import CleanDoc


def salary(*lines: str) -> Any:
    text = "\n\n".join(["# Warehouse Associate", "Location: Joliet, IL", *lines,
                        "We are hiring warehouse associates to pick and pack orders."])
    return extract(CleanDoc(text + "\n", "text")).fields["salary"]


def hourly(low: float, high: float | None = None) -> dict[str, Any]:
    return {"min": low, "max": low if high is None else high, "currency": "USD",
            "period": "hour"}


@pytest.mark.parametrize("line", [
    "$5,000 sign-on bonus",
    "$15,000 Sign-On Bonus!",
    "Housing stipend of $2,000 provided for interns relocating to Denver.",
    "We offer a $2,000 relocation allowance.",
    "Tuition reimbursement up to $5,250 a year.",
    "Overnight shifts earn an additional $1.00/hr shift differential.",
    "Our servers average $25-$35/hr with tips.",
    "A $25 non-refundable application fee is required.",
])
def test_a_sum_besides_the_pay_is_no_salary(line: str) -> None:
    assert salary(line) is None


@pytest.mark.parametrize(("lines", "pay"), [
    (("Pay: $2.13/hr plus tips. Our servers average $25-$35/hr with tips.",), hourly(2.13)),
    (("$28/hour | June 8 - August 14, 2026",
      "Housing stipend of $2,000 provided for interns relocating to Denver."), hourly(28)),
    (("Housing stipend of $2,000 provided.", "Pay: $28/hour"), hourly(28)),
    (("$15,000 Sign-On Bonus! Pay: $18-$22/hr",), hourly(18, 22)),
    (("Pay range: $38.50 - $52.75 per hour. Night shift differential of $4.50/hr.",),
     hourly(38.5, 52.75)),
])
def test_the_wage_beside_a_sum_besides_the_pay_is_the_salary(lines: tuple[str, ...],
                                                             pay: dict[str, Any]) -> None:
    assert salary(*lines) == pay


@pytest.mark.parametrize(("line", "pay"), [
    # a stipend, a bonus or a differential of a pay line is no sum besides it
    ("Stipend: $18,500 for the 9-month academic year.",
     {"min": 18500, "max": 18500, "currency": "USD", "period": "year"}),
    ("An annual stipend of $32,000 is provided.",
     {"min": 32000, "max": 32000, "currency": "USD", "period": "year"}),
    ("Salary: $60,000 per year plus bonus.",
     {"min": 60000, "max": 60000, "currency": "USD", "period": "year"}),
    ("Base pay $60,000 a year and a $3,000 annual research allowance.",
     {"min": 60000, "max": 60000, "currency": "USD", "period": "year"}),
    ("Starting at $19.25/hour, up to $21.75/hour with night shift differential.",
     hourly(19.25, 21.75)),
])
def test_pay_beside_the_words_of_other_sums_is_read(line: str, pay: dict[str, Any]) -> None:
    assert salary(line) == pay


@pytest.mark.parametrize("line", [
    "Our top representatives make over $350K/ year.",
    "Average base salary for this role in Joliet: $41,000 a year.",
    "So $4250 gross profit on that deal is yours to split.",
])
def test_what_some_earn_is_no_salary(line: str) -> None:
    assert salary(line) is None


@pytest.mark.parametrize("line", [
    "- Own the annual plan for the Snacks division (about $900M in net sales).",
    "Our FP&A team supports a $420M business; the pay is competitive.",
    "Each store brings in about $120 in sales per customer, with pay reviewed yearly.",
    "Teams earn $2 million in sales a year.",
])
def test_a_sum_of_a_business_is_no_salary(line: str) -> None:
    """A sum in millions or billions ("$900M", "$4.2B"), or one in sales, revenue or
    funding, is what a business makes, not what the job pays."""
    assert salary(line) is None


def test_the_pay_after_a_sum_of_a_business_is_the_salary() -> None:
    assert salary("- Own the plan for the Snacks division (about $900M in net sales).",
                  "The salary range for this position is $84,700 – $121,000 per year.") == {
        "min": 84700, "max": 121000, "currency": "USD", "period": "year"}
