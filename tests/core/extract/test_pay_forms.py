"""Pay as it is often written: a sum with a currency and its own period right after it is
a pay rate with no word of pay beside it ("$18-$22/hr", "$52,000–$58,000 a year", "₹8 - 12
LPA"); a sum in dollars is in the dollar a code beside it names ("CAD $38.50"), or the
posting's places."""

from __future__ import annotations

from typing import Any

import pytest

from reviewer.core.extract import extract
from reviewer.core.extract.local_dollar import dollar_said_after
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


# --- the currency of a sum in dollars -------------------------------------------------------------
# a code written before the sign ("CAD $38.50") or after its period ("$38.50 hourly (CAD)"),
# "+ super" (Australia's superannuation), and a bare "$" where every place of the posting
# is in one dollar country other than the US


@pytest.mark.parametrize(("line", "expected"), [
    ("Salary: CAD $38.50 per hour", pay(38.5, 38.5, "CAD", "hour")),
    ("Salary: CAD $52,000 per year", pay(52000, 52000, "CAD", "year")),
    ("Salary: AUD $145,000 - AUD $160,000 per year", pay(145000, 160000, "AUD", "year")),
    ("Salary: $38.50 hourly (CAD)", pay(38.5, 38.5, "CAD", "hour")),
    ("$145,000 – $160,000 + 11.5% super", pay(145000, 160000, "AUD", "year")),
])
def test_a_code_beside_a_dollar_sign_names_the_dollar(line: str, expected: dict[str, Any]) -> None:
    assert salary(line) == expected


@pytest.mark.parametrize(("place", "currency"), [
    ("Fort McMurray, AB", "CAD"),
    ("Ottawa, ON, Canada", "CAD"),
    ("Calgary, Alberta T2P 1J9", "CAD"),
    ("Melbourne, VIC", "AUD"),
    ("Auckland, New Zealand", "NZD"),
    ("Singapore", "SGD"),
    ("Joliet, IL", "USD"),
    ("Perth, WA", "USD"),  # Western Australia or Washington: the sign as written
    ("Victoria", "USD"),  # a city of Canada or a state of Australia
])
def test_a_bare_dollar_is_the_dollar_of_the_posting_s_country(place: str,
                                                              currency: str) -> None:
    assert salary("Salary: $38.50 hourly", place) == pay(38.5, 38.5, currency, "hour")


def test_a_dollar_of_places_in_two_countries_stays_as_written() -> None:
    text = ("# Heavy Equipment Operator\n\nLocations: Fort McMurray, AB; Billings, MT\n\n"
            "Salary: $38.50 hourly\n\nOperate excavators and dozers on site.\n")
    result = extract(CleanDoc(text, "text"))
    assert len(result.fields["locations"]) == 2
    assert result.fields["salary"]["currency"] == "USD"


def test_a_dollar_written_as_us_dollars_stays_us() -> None:
    assert salary("Salary: US$38.50 hourly", "Fort McMurray, AB")["currency"] == "USD"
    assert salary("Salary: $38.50 USD hourly", "Fort McMurray, AB")["currency"] == "USD"


@pytest.mark.parametrize(("lines", "expected"), [
    ("US Base Salary\n\n$185,000 – $225,000 USD", pay(185000, 225000, "USD", "year")),
    ("## Compensation\n\n$78,000 - $95,000", pay(78000, 95000, "USD", "year")),
    # a sum under a line naming pay, in a sentence that says what else it is: no pay
    ("## Pay and benefits\n\nWe give each of our people $2,000 a year to spend on courses, "
     "books and conferences.", None),
    ("Our office\n\n$185,000 – $225,000 USD", None),
])
def test_figures_under_a_line_that_names_the_pay_are_the_pay(lines: str,
                                                              expected: Any) -> None:
    """Was: the figures of a pay range drawn under its name ("US Base Salary"), with no
    word of pay in their own block, were read as no salary."""
    assert salary(lines) == expected


@pytest.mark.parametrize(("place", "line"), [
    ("Toronto, ON", "Salary: $150,000 per year (USD)"),
    ("Toronto, ON", "Salary: $150,000 per year, paid in USD"),
    ("Sydney, NSW", "Salary: $150,000 - $180,000 (USD, paid via Deel)"),
    ("Toronto, ON", "Pay (USD): $80,000 - $100,000"),
    ("Calgary, AB", "Compensation: $120,000 base + commission, paid in USD."),
    ("Toronto, ON", "This role is remote for candidates in the US. Salary: $150,000."),
    ("Vancouver, BC", "Salary: $100,000 - $120,000 (US) / CAD 130,000 - 150,000 (Canada)"),
])
def test_a_dollar_the_posting_names_outside_the_sum_is_not_the_place_s(place: str,
                                                                       line: str) -> None:
    """Was: a code the posting wrote beside the sum's evidence, not in it, or a code
    after another bracket ("(US) / CAD"), gave way to the dollar of the place."""
    assert salary(line, place)["currency"] == "USD"


def test_a_dollar_named_in_words_after_the_sum_is_that_dollar() -> None:
    assert salary("Salary: $60,000 Canadian dollars per year", "Toronto, ON") == \
        pay(60000, 60000, "CAD", "year")


def test_a_code_after_a_sum_is_its_own_only_right_after_it() -> None:
    """Was: a code past another bracket was read as the sum's ("(US) / CAD")."""
    text = "$100,000 (US) / CAD 130,000"
    assert dollar_said_after(text, len("$100,000")) is None
    assert dollar_said_after("$38.50 hourly (CAD)", len("$38.50")) == "CAD"


def test_super_counts_as_superannuation_only_with_no_word_after_it() -> None:
    """Was: "+ super friendly team" made a wage in Boise Australian."""
    assert salary("Pay: $16/hr + super friendly team", "Boise, ID")["currency"] == "USD"
    assert salary("$145,000 plus superannuation", "Boise, ID")["currency"] == "AUD"


@pytest.mark.parametrize(("place", "line", "currency"), [
    ("Calgary, AB", "Salary: $70,000 - $80,000 per year. All figures are in Canadian dollars.",
     "CAD"),
    ("Calgary, AB", "Salary: $70,000 - $80,000 per year (all amounts in CAD)", "CAD"),
    # the US dollar named, or the place's dollar written by another figure (which dollar
    # the bare "$" is, the posting leaves open): as written, USD
    ("Calgary, AB", "Salary: $70,000 per year. Figures in Canadian and US dollars.", "USD"),
    ("Toronto, ON", "Salary: $150,000 per year; CAD 190,000 for Canada", "USD"),
    ("Vancouver, BC", "Salary: $100,000 - $120,000 (US) / CAD 130,000 - 150,000 (Canada)",
     "USD"),
])
def test_a_dollar_the_posting_names_that_is_its_place_s_is_that_dollar(
        place: str, line: str, currency: str) -> None:
    """Was: any dollar the posting named anywhere kept a bare "$" as the US dollar, the
    Canadian dollar it named in words as well ("All figures are in Canadian dollars")."""
    assert salary(line, place)["currency"] == currency
