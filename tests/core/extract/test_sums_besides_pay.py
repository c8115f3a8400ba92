"""A sum paid besides the pay (a bonus, a stipend for housing, a shift differential, the
earnings with tips) is not the salary; the wage stated beside it is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reviewer.core.extract import extract
from reviewer.core.schema import CleanDoc

ROOT = Path(__file__).resolve().parents[3]


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


@pytest.mark.parametrize("line", [
    "Staff housing is available at $450/month.",
    "Staff enjoy on-site childcare for $250/week.",
    "Parking on site: $25/day.",
    "Staff housing: $400/month",
])
def test_a_cost_is_no_salary(line: str) -> None:
    """Was: a cost with its own period ("Staff housing: $400/month") was the salary."""
    assert salary(line) is None


@pytest.mark.parametrize(("lines", "pay"), [
    (("Wage: $16/hr with tips", "Staff housing: $400/month"), hourly(16)),
    (("Pay: $15/hr with tips; $50 uniform deposit refunded.",), hourly(15)),
    (("Starting at $18/hr, up to $1,000 sign-on bonus!",),
     {"min": 18, "max": None, "currency": "USD", "period": "hour"}),
    (("Salary: $95,000 DOE bonus eligible. Relocation package up to $10,000.",),
     {"min": 95000, "max": 95000, "currency": "USD", "period": "year"}),
])
def test_the_wage_is_read_beside_a_cost_or_a_ceiling_of_another_sum(
        lines: tuple[str, ...], pay: dict[str, Any]) -> None:
    """Was: the cost, the bonus's ceiling or the relocation package's was read as the
    pay, or as the end of its range ("$18–$1,000/hour")."""
    assert salary(*lines) == pay


@pytest.mark.parametrize(("line", "pay"), [
    ("Base Salary + Commission: $60,000 - $90,000 OTE",
     {"min": 60000, "max": 90000, "currency": "USD", "period": "year"}),
    ("Pay: $15/hr, with tips averaging $30/hr", hourly(15)),
    ("Wage: $12/hr with tips", hourly(12)),
    ("Rate: $25/hr with tips from hosting events occasionally", hourly(25)),
    ("Schedule: average 38 hours per week at $22/hr", hourly(22)),
    ("Pay: competitive and above the local average, $19 - $22 per hour", hourly(19, 22)),
    ("Pay: $42.00/hr premium pay for weekends", hourly(42)),
    ("Salary: $95,000 annual bonus eligible",
     {"min": 95000, "max": 95000, "currency": "USD", "period": "year"}),
    ("Compensation: $65,000 - $75,000 annual performance bonus potential",
     {"min": 65000, "max": 75000, "currency": "USD", "period": "year"}),
    ("Hourly Pay: $19.50 - $23.00 per hour Night differential: $2/hr", hourly(19.5, 23)),
])
def test_a_word_of_another_sum_beside_the_pay_leaves_it_the_pay(line: str,
                                                                pay: dict[str, Any]) -> None:
    """Was: "Commission", "with tips", an earlier "average", "premium pay", a bonus
    after the sum of a pay line made the wage no salary."""
    assert salary(line) == pay


@pytest.mark.parametrize("space", [" ", "\u2028", "\u2029", "\u0085", "\u1680"])
def test_a_long_run_of_spaces_after_a_sum_is_read_at_once(space: str) -> None:
    """Was: a run of 1,500 spaces after "$15" took a minute (each space could be read by
    any of three pieces of a pattern in a row); it is read in well under a second. (A
    guard of ten seconds, in a process of its own, so that a slow run fails.)"""
    code = ("from reviewer.core.extract.salary import find_salary\n"
            f"find_salary('Pay: $15' + {space!r} * 1500 + 'x')\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=10,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.mark.parametrize(("line", "wage"), [
    ("Pay: $500 sign-on bonus after 90 days", False),
    ("Pay: $4.50/hr night shift differential on top of base", False),
    ("Compensation: $1,000 referral bonus for every hire you bring", False),
    ("Salary: $95,000 annual bonus eligible", True),
    ("Compensation: $65,000 - $75,000 annual performance bonus potential", True),
])
def test_a_sum_after_a_pay_label_that_names_a_bonus_is_the_bonus(line: str, wage: bool) -> None:
    """Was: the sum right after a pay label was the pay even where it named itself a
    bonus or a differential ("Pay: $500 sign-on bonus after 90 days": a salary of 500)."""
    found = salary(line)
    assert (found is not None) == wage


@pytest.mark.parametrize("line", [
    "Bonus pay: $500 per month for perfect attendance.",
    "Shift differential pay of $2.00/hr for nights.",
])
def test_a_pay_line_named_by_another_sum_is_that_sum(line: str) -> None:
    """Was: "Bonus pay: $500 per month" was a salary of 500 a month: a label's "pay"
    after a bonus's or a differential's name is that sum's, not the wage's."""
    assert salary(line) is None


@pytest.mark.parametrize(("line", "pay"), [
    ("Compensation: Free staff housing and $18.50/hour, plus an end-of-season bonus.",
     hourly(18.5)),
    ("We offer staff housing plus $17/hr and meals on shift.", hourly(17)),
    ("Housing included, and $21/hr for every shift.", hourly(21)),
])
def test_a_wage_joined_to_a_perk_of_housing_is_the_salary(line: str,
                                                          pay: dict[str, Any]) -> None:
    """Was: the wage after "Free staff housing and" was read as the housing's cost and
    the posting had no salary. A cost names the sum only with no "and", "plus" or "with"
    joining something else to it."""
    assert salary(line) == pay


@pytest.mark.parametrize(("lines", "pay"), [
    (("Rent and utilities are $400/month, deducted from your paycheck.",
      "The starting wage is $16.50 per hour."), hourly(16.5)),
    (("Housing and utilities: $400/month, deducted from your paycheck.",), None),
    (("Housing with utilities included: $350/month.", "Meals & lodging: $15/day."), None),
])
def test_a_cost_of_several_things_is_still_a_cost(lines: tuple[str, ...],
                                                  pay: dict[str, Any] | None) -> None:
    """The cost named first with others joined to it ("Rent and utilities are $400/month")
    is a cost: only a sum right after the joining word is another thing."""
    assert salary(*lines) == pay


def test_commission_pay_of_a_commission_only_job_is_its_pay() -> None:
    assert salary("Commission pay: $50,000 - $90,000 per year (commission only).") == {
        "min": 50000, "max": 90000, "currency": "USD", "period": "year"}
