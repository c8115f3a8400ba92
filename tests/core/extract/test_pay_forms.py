"""Pay as it is often written: a sum with a currency and its own period right after it is
a pay rate with no word of pay beside it ("$18-$22/hr", "$52,000–$58,000 a year", "₹8 - 12
LPA")."""

from __future__ import annotations

from typing import Any

import pytest

from reviewer.core.extract import extract
from reviewer.core.schema import CleanDoc


def salary(line: str, place: str = "Joliet, IL") -> Any:
    text = "\n\n".join(["# Warehouse Associate", f"Location: {place}", line,
                        "We are hiring warehouse associates to pick and pack orders."])
    return extract(CleanDoc(text + "\n", "text")).fields["salary"]


def pay(low: float | None, high: float | None, currency: str | None,
        period: str | None) -> dict[str, Any]:
    return {"min": low, "max": high, "currency": currency, "period": period}


@pytest.mark.parametrize(("line", "expected"), [
    ("$18-$22/hr", pay(18, 22, "USD", "hour")),
    ("$18-$22/hr DOE + tip share", pay(18, 22, "USD", "hour")),
    ("$18 - $22/hr", pay(18, 22, "USD", "hour")),
    ("Charlotte, NC | $25-$28/hr W2 | 6-month contract-to-hire", pay(25, 28, "USD", "hour")),
    ("Starting at $19.25/hour", pay(19.25, None, "USD", "hour")),
    ("$28/hour | June 8 - August 14, 2026", pay(28, 28, "USD", "hour")),
    ("$52,000–$58,000 a year", pay(52000, 58000, "USD", "year")),
    ("$52,000 - $58,000 a year", pay(52000, 58000, "USD", "year")),
    ("$1,800+ per week, home every weekend", pay(1800, None, "USD", "week")),
    ("CTC: ₹8 - 12 LPA", pay(800000, 1200000, "INR", "year")),
    ("₹8 - 12 LPA", pay(800000, 1200000, "INR", "year")),
])
def test_a_sum_with_its_own_period_is_pay(line: str, expected: dict[str, Any]) -> None:
    assert salary(line) == expected


@pytest.mark.parametrize("line", [
    "Our app costs $9.99/month for the premium plan.",  # a price, not pay
    "The team ships 40 releases a year.",
])
def test_a_price_or_a_count_with_a_period_is_no_pay(line: str) -> None:
    assert salary(line) is None


def test_a_floor_then_a_ceiling_is_one_range() -> None:
    """"Starting at $19.25/hour, up to $21.75/hour": the least and the most it pays."""
    assert salary("Starting at $19.25/hour, up to $21.75/hour.") == \
        pay(19.25, 21.75, "USD", "hour")
